import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/** Every consent wording ever shown, by the SHA-256 of its exact text. Never changed. */
export const consentTexts = sqliteTable("consent_texts", {
	hash: text("hash").primaryKey(),
	/** list: the campaign's own opt-in; partner: a partner organisation's opt-in line. */
	kind: text("kind", { enum: ["list", "partner"] }).notNull(),
	/** The list's or the partner's slug. */
	ref: text("ref").notNull(),
	locale: text("locale").notNull(),
	version: integer("version").notNull(),
	text: text("text").notNull(),
	createdAt: createdAt(),
});

export const consentEventTypes = ["requested", "confirmed", "unsubscribed", "bounced", "complained", "erased"] as const;
export type ConsentEventType = (typeof consentEventTypes)[number];

/**
 * The consent ledger: append-only (triggers refuse updates and deletes). It names people by
 * their id, never by address, so an erasure leaves it whole: the person row loses the address,
 * the ledger keeps that consent was given, when and how, and that it was erased.
 */
export const consentEvents = sqliteTable(
	"consent_events",
	{
		id: integer("id").primaryKey({ autoIncrement: true }),
		personId: text("person_id").notNull(),
		kind: text("kind", { enum: ["list", "partner"] }).notNull(),
		/** The list's or the partner's slug; "*" for events about the person (an erasure). */
		ref: text("ref").notNull(),
		event: text("event", { enum: consentEventTypes }).notNull(),
		/** The wording agreed to (consent_texts.hash), for requests and confirmations. */
		textHash: text("text_hash"),
		locale: text("locale"),
		partner: text("partner"),
		/** Where: the page or campaign source the request came from. */
		source: text("source"),
		/** How it was proven: confirmation-click, one-click-post, preference-centre, webhook:<id>… */
		proof: text("proof"),
		createdAt: createdAt(),
	},
	(t) => [index("consent_events_person").on(t.personId, t.createdAt)],
);

export type ConsentEvent = typeof consentEvents.$inferSelect;
export type NewConsentEvent = typeof consentEvents.$inferInsert;
