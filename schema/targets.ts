import { index, integer, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

/** A State letters are written to: every UN member and observer State. */
export const targets = sqliteTable("targets", {
	id: text("id").primaryKey(),
	/** ISO 3166-1 alpha-2, upper case. */
	iso2: text("iso2").notNull().unique(),
	iso3: text("iso3").notNull(),
	/** UN member State, or observer State (the Holy See, Palestine). */
	unStatus: text("un_status", { enum: ["member", "observer"] }).notNull(),
	/** The State's name by locale (en, fr, es at least), from a maintained dataset. */
	names: text("names", { mode: "json" }).$type<Record<string, string>>().notNull(),
	/** The office's IANA time zone: letters go out in its office hours. */
	timeZone: text("time_zone").notNull(),
	/** Letters a day sent one by one; past it, that day's letters go as one digest. */
	dailyCap: integer("daily_cap").notNull().default(30),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
});

export type Target = typeof targets.$inferSelect;

/** Where a State's letters go, with where the address came from and when it was last checked. */
export const targetContacts = sqliteTable(
	"target_contacts",
	{
		id: text("id").primaryKey(),
		targetId: text("target_id")
			.notNull()
			.references(() => targets.id, { onDelete: "cascade" }),
		email: text("email").notNull(),
		/** Who this is, e.g. "Ministry of Foreign Affairs, human rights desk". */
		label: text("label"),
		source: text("source").notNull(),
		/** When the address was last checked (ms since the epoch). */
		checkedAt: integer("checked_at").notNull(),
		/** bouncing: the address bounced; letters are held until a campaigner fixes it. */
		status: text("status", { enum: ["active", "bouncing"] })
			.notNull()
			.default("active"),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
	},
	(t) => [unique("target_contacts_target_email").on(t.targetId, t.email), index("target_contacts_email").on(t.email)],
);

export type TargetContact = typeof targetContacts.$inferSelect;

export const commitmentStatuses = ["endorsed", "signed", "ratified", "acceded", "withdrawn"] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

/** What a State has committed to: an instrument, a status, when, and the source. */
export const commitments = sqliteTable(
	"commitments",
	{
		id: text("id").primaryKey(),
		targetId: text("target_id")
			.notNull()
			.references(() => targets.id, { onDelete: "cascade" }),
		/** A short key for the instrument, e.g. psvi-declaration-2025. */
		instrument: text("instrument").notNull(),
		/** The instrument's name as shown. */
		instrumentName: text("instrument_name").notNull(),
		status: text("status", { enum: commitmentStatuses }).notNull(),
		/** ISO date (YYYY-MM-DD), when known. */
		date: text("date"),
		source: text("source").notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
	},
	(t) => [unique("commitments_target_instrument").on(t.targetId, t.instrument)],
);

export type Commitment = typeof commitments.$inferSelect;
