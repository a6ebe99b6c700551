import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, unique, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { people } from "./people";

export const petitionStatuses = ["open", "closed"] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];

export const petitions = sqliteTable("petitions", {
	id: text("id").primaryKey(),
	slug: text("slug").notNull().unique(),
	goal: integer("goal").notNull(),
	status: text("status", { enum: petitionStatuses }).notNull().default("open"),
	/** The locale used when the requested one has no text. */
	defaultLocale: text("default_locale").notNull().default("en"),
	/** The list a signer joins when they tick "send me updates" (by the same confirmation click). */
	listId: text("list_id"),
	/** Show the "leave this page quickly" control on its pages and widgets. */
	quickExit: integer("quick_exit", { mode: "boolean" }).notNull().default(true),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
});

/** A demand of the petition, under one of its groups (prevent, respond, repair). */
export interface Demand {
	text: string;
	/** Wording supplied by the engine's seed, for campaigners to replace. */
	sample?: boolean;
}
export interface DemandGroup {
	key: string;
	heading: string;
	demands: Demand[];
}

/** A petition's words in one language. */
export const petitionTexts = sqliteTable(
	"petition_texts",
	{
		petitionId: text("petition_id")
			.notNull()
			.references(() => petitions.id, { onDelete: "cascade" }),
		locale: text("locale").notNull(),
		title: text("title").notNull(),
		summary: text("summary").notNull(),
		demands: text("demands", { mode: "json" }).$type<DemandGroup[]>().notNull(),
		/** Set when any of this text is sample wording for campaigners to replace. */
		sample: integer("sample", { mode: "boolean" }).notNull().default(false),
		updatedAt: updatedAt(),
	},
	(t) => [primaryKey({ columns: [t.petitionId, t.locale] })],
);

/**
 * pending: the email is not confirmed yet. confirmed: counts. fraudulent: held back by abuse
 * checks (the person still gets the same emails, the click never counts). invalidated: removed
 * by a campaigner.
 */
export const signatureStatuses = ["pending", "confirmed", "fraudulent", "invalidated"] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];

export const signatures = sqliteTable(
	"signatures",
	{
		id: text("id").primaryKey(),
		petitionId: text("petition_id")
			.notNull()
			.references(() => petitions.id),
		personId: text("person_id")
			.notNull()
			.references(() => people.id),
		status: text("status", { enum: signatureStatuses }).notNull().default("pending"),
		name: text("name").notNull(),
		country: text("country").notNull(),
		locale: text("locale").notNull(),
		/** The signer chose to have their name shown publicly. */
		showName: integer("show_name", { mode: "boolean" }).notNull().default(false),
		/** The signer asked for updates (taken up by the subscriptions flow). */
		subscribe: integer("subscribe", { mode: "boolean" }).notNull().default(false),
		partner: text("partner"),
		source: text("source"),
		/** Keyed hash of the signer's IP address; the address itself is never stored. */
		ipHash: text("ip_hash"),
		/** How many emails this signature has caused: capped, so nobody can be mail-bombed. */
		emailsSent: integer("emails_sent").notNull().default(0),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		confirmedAt: integer("confirmed_at"),
		/** Random, given at confirmation: the sharer's own code (share links add a channel letter). */
		shareCode: text("share_code"),
		/** The share code of the signature whose link brought this one (cleared when that sharer is erased). */
		referredBy: text("referred_by"),
		/** The channel of that link (kept, anonymous, when the sharer is erased). */
		referralChannel: text("referral_channel"),
	},
	(t) => [
		unique("signatures_petition_person").on(t.petitionId, t.personId),
		index("signatures_petition_status").on(t.petitionId, t.status, t.country),
		uniqueIndex("signatures_share_code").on(t.shareCode).where(sql`${t.shareCode} IS NOT NULL`),
		index("signatures_referred_by").on(t.referredBy).where(sql`${t.referredBy} IS NOT NULL`),
		index("signatures_petition_updated").on(t.petitionId, t.updatedAt, t.id),
		index("signatures_person").on(t.personId, t.status),
	],
);

export type Signature = typeof signatures.$inferSelect;

/**
 * Confirmed signatures per petition: country '' is the total, other rows one country each.
 * Kept by triggers on `signatures` (migration 0001), checked by the reconcile job.
 */
export const signatureCounts = sqliteTable(
	"signature_counts",
	{
		petitionId: text("petition_id")
			.notNull()
			.references(() => petitions.id, { onDelete: "cascade" }),
		country: text("country").notNull(),
		count: integer("count").notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.petitionId, t.country] })],
);

/**
 * Signatures by the UTC day they were made (days since the epoch), status, partner ('' for none)
 * and share channel ('' for none): the console's charts read these, never the signatures.
 * Kept by triggers (migration 0009), checked by the reconcile job.
 */
export const signatureDays = sqliteTable(
	"signature_days",
	{
		petitionId: text("petition_id")
			.notNull()
			.references(() => petitions.id, { onDelete: "cascade" }),
		day: integer("day").notNull(),
		status: text("status", { enum: signatureStatuses }).notNull(),
		partner: text("partner").notNull().default(""),
		channel: text("channel").notNull().default(""),
		count: integer("count").notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.petitionId, t.day, t.status, t.partner, t.channel] })],
);
