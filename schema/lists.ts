import { index, integer, primaryKey, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { people } from "./people";

/** A mailing list people subscribe to by double opt-in. Lists are data, not code. */
export const lists = sqliteTable("lists", {
	id: text("id").primaryKey(),
	slug: text("slug").notNull().unique(),
	status: text("status", { enum: ["open", "closed"] })
		.notNull()
		.default("open"),
	defaultLocale: text("default_locale").notNull().default("en"),
	/** Show the "leave this page quickly" control on its pages and widgets. */
	quickExit: integer("quick_exit", { mode: "boolean" }).notNull().default(true),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
});

/** A list's words in one language, with the exact consent wording shown on its forms. */
export const listTexts = sqliteTable(
	"list_texts",
	{
		listId: text("list_id")
			.notNull()
			.references(() => lists.id, { onDelete: "cascade" }),
		locale: text("locale").notNull(),
		name: text("name").notNull(),
		description: text("description").notNull(),
		/** The opt-in line as shown: what a person agrees to by subscribing. */
		consentText: text("consent_text").notNull(),
		/** Bumped whenever the consent wording changes. */
		consentVersion: integer("consent_version").notNull().default(1),
		/** Sample wording waiting for a native speaker's review (seeded translations). */
		sample: integer("sample", { mode: "boolean" }).notNull().default(false),
		updatedAt: updatedAt(),
	},
	(t) => [primaryKey({ columns: [t.listId, t.locale] })],
);

/**
 * pending: asked, not confirmed: nothing but the confirmation (and one reminder) is sent.
 * active: confirmed by a click. unsubscribed: left. bounced: the address hard-bounced or
 * complained.
 */
export const subscriptionStatuses = ["pending", "active", "unsubscribed", "bounced"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

export const subscriptions = sqliteTable(
	"subscriptions",
	{
		id: text("id").primaryKey(),
		listId: text("list_id")
			.notNull()
			.references(() => lists.id),
		personId: text("person_id")
			.notNull()
			.references(() => people.id),
		status: text("status", { enum: subscriptionStatuses }).notNull().default("pending"),
		locale: text("locale").notNull(),
		partner: text("partner"),
		source: text("source"),
		/** Started with a petition signature (or a letter, by its id): that confirmation click confirms it too. */
		signatureId: text("signature_id"),
		/** The consent wording agreed to (consent_texts.hash). */
		consentHash: text("consent_hash").notNull(),
		/** The partner's own opt-in line, when the person also ticked it (a separate consent). */
		partnerConsentHash: text("partner_consent_hash"),
		/** Confirmation emails since the last confirmation: capped, so nobody can be mail-bombed. */
		emailsSent: integer("emails_sent").notNull().default(0),
		reminderSentAt: integer("reminder_sent_at"),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		confirmedAt: integer("confirmed_at"),
		endedAt: integer("ended_at"),
	},
	(t) => [
		unique("subscriptions_list_person").on(t.listId, t.personId),
		index("subscriptions_status_created").on(t.status, t.createdAt),
		index("subscriptions_signature").on(t.signatureId),
		index("subscriptions_person").on(t.personId),
		index("subscriptions_list_updated").on(t.listId, t.updatedAt, t.id),
	],
);

export type Subscription = typeof subscriptions.$inferSelect;
