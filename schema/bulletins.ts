import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { lists } from "./lists";
import { people } from "./people";

/**
 * draft: being written. scheduled: will start at `sendAt`. sending: fan-out under way.
 * paused: stopped by a campaigner, resumable. sent: every delivery settled. cancelled: stopped for good.
 */
export const bulletinStatuses = ["draft", "scheduled", "sending", "paused", "sent", "cancelled"] as const;
export type BulletinStatus = (typeof bulletinStatuses)[number];

/** Who a bulletin goes to: the active subscribers of a list, optionally narrowed. */
export interface BulletinAudience {
	locales?: string[];
	countries?: string[];
	partners?: string[];
}

/** An update sent to a list's confirmed subscribers. */
export const bulletins = sqliteTable(
	"bulletins",
	{
		id: text("id").primaryKey(),
		listId: text("list_id")
			.notNull()
			.references(() => lists.id),
		status: text("status", { enum: bulletinStatuses }).notNull().default("draft"),
		audience: text("audience", { mode: "json" }).$type<BulletinAudience>().notNull().default({}),
		/** The version used for subscribers whose language has none. */
		defaultLocale: text("default_locale").notNull().default("en"),
		sendAt: integer("send_at"),
		/** The IANA time zone `sendAt` was chosen in, to show it as the campaigner typed it. */
		sendZone: text("send_zone"),
		createdBy: text("created_by"),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		startedAt: integer("started_at"),
		finishedAt: integer("finished_at"),
		/** Recipients selected when the send started (delivery rows written). */
		total: integer("total").notNull().default(0),
	},
	(t) => [index("bulletins_status_send_at").on(t.status, t.sendAt)],
);

export type Bulletin = typeof bulletins.$inferSelect;

/** A bulletin's words in one language: subject, preheader and Markdown body. */
export const bulletinTexts = sqliteTable(
	"bulletin_texts",
	{
		bulletinId: text("bulletin_id")
			.notNull()
			.references(() => bulletins.id, { onDelete: "cascade" }),
		locale: text("locale").notNull(),
		subject: text("subject").notNull(),
		preheader: text("preheader").notNull().default(""),
		bodyMarkdown: text("body_markdown").notNull(),
		updatedAt: updatedAt(),
	},
	(t) => [primaryKey({ columns: [t.bulletinId, t.locale] })],
);

export type BulletinText = typeof bulletinTexts.$inferSelect;

/**
 * queued: to send. sending: in a batch call (`batchKey`). sent. failed: refused for good.
 * skipped: suppressed, unsubscribed or erased by the time its turn came.
 */
export const bulletinDeliveryStatuses = ["queued", "sending", "sent", "failed", "skipped"] as const;
export type BulletinDeliveryStatus = (typeof bulletinDeliveryStatuses)[number];

/** One row per (bulletin, person), written before the call and settled after it: nobody gets it twice. */
export const bulletinDeliveries = sqliteTable(
	"bulletin_deliveries",
	{
		id: integer("id").primaryKey({ autoIncrement: true }),
		bulletinId: text("bulletin_id")
			.notNull()
			.references(() => bulletins.id, { onDelete: "cascade" }),
		personId: text("person_id")
			.notNull()
			.references(() => people.id),
		subscriptionId: text("subscription_id").notNull(),
		locale: text("locale").notNull(),
		status: text("status", { enum: bulletinDeliveryStatuses }).notNull().default("queued"),
		/** The batch call it went out in; that call's idempotency key. */
		batchKey: text("batch_key"),
		attempts: integer("attempts").notNull().default(0),
		providerId: text("provider_id"),
		lastError: text("last_error"),
		updatedAt: updatedAt(),
		// After updated_at, as migration 0009 adds them: startBulletin's INSERT … SELECT is positional.
		/** Sent, then bounced (Resend webhook, by provider id). */
		bounced: integer("bounced", { mode: "boolean" }).notNull().default(false),
		/** The last bulletin its person got from the list before leaving it. */
		unsubscribed: integer("unsubscribed", { mode: "boolean" }).notNull().default(false),
	},
	(t) => [
		unique("bulletin_deliveries_bulletin_person").on(t.bulletinId, t.personId),
		index("bulletin_deliveries_provider").on(t.providerId).where(sql`${t.providerId} IS NOT NULL`),
		index("bulletin_deliveries_subscription").on(t.subscriptionId, t.id),
		index("bulletin_deliveries_bulletin_status").on(t.bulletinId, t.status, t.id),
		index("bulletin_deliveries_batch").on(t.batchKey),
	],
);

export type BulletinDelivery = typeof bulletinDeliveries.$inferSelect;

export const bulletinOutcomeNames = ["sent", "failed", "skipped", "bounced", "unsubscribed"] as const;
export type BulletinOutcome = (typeof bulletinOutcomeNames)[number];

/** Deliveries of each bulletin by outcome; kept by triggers (migration 0009), checked by the reconcile job. */
export const bulletinOutcomes = sqliteTable(
	"bulletin_outcomes",
	{
		bulletinId: text("bulletin_id")
			.notNull()
			.references(() => bulletins.id, { onDelete: "cascade" }),
		outcome: text("outcome", { enum: bulletinOutcomeNames }).notNull(),
		count: integer("count").notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.bulletinId, t.outcome] })],
);
