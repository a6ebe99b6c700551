import { index, integer, primaryKey, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { people } from "./people";
import { targets } from "./targets";

/** A paragraph of a letter, shown only when its condition on the State's commitments holds. */
export interface LetterParagraph {
	text: string;
	/** Shown when the State has (has: true) or has not (has: false) a live commitment to the instrument. */
	when?: { instrument: string; has: boolean };
}

/** A campaign of letters to States. Letter campaigns are data, not code. */
export const letterCampaigns = sqliteTable("letter_campaigns", {
	id: text("id").primaryKey(),
	slug: text("slug").notNull().unique(),
	status: text("status", { enum: ["open", "closed"] })
		.notNull()
		.default("open"),
	defaultLocale: text("default_locale").notNull().default("en"),
	/** own-state: each writer writes to their own State; named: to the States listed. */
	targetMode: text("target_mode", { enum: ["own-state", "named"] })
		.notNull()
		.default("own-state"),
	targetIso2s: text("target_iso2s", { mode: "json" }).$type<string[]>().notNull().default([]),
	/** Whether writers may put links in their letters. */
	allowLinks: integer("allow_links", { mode: "boolean" }).notNull().default(false),
	maxBodyChars: integer("max_body_chars").notNull().default(5000),
	/** How many near-identical letters to one State go out before more are held for review. */
	nearDuplicateLimit: integer("near_duplicate_limit").notNull().default(10),
	/** The list a writer joins when they tick "send me updates". */
	listId: text("list_id"),
	/** Show the "leave this page quickly" control on its pages and widgets. */
	quickExit: integer("quick_exit", { mode: "boolean" }).notNull().default(true),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
});

export type LetterCampaign = typeof letterCampaigns.$inferSelect;

/** A campaign's letter in one language: a subject and paragraphs with merge fields. */
export const letterCampaignTexts = sqliteTable(
	"letter_campaign_texts",
	{
		campaignId: text("campaign_id")
			.notNull()
			.references(() => letterCampaigns.id, { onDelete: "cascade" }),
		locale: text("locale").notNull(),
		title: text("title").notNull(),
		subject: text("subject").notNull(),
		paragraphs: text("paragraphs", { mode: "json" }).$type<LetterParagraph[]>().notNull(),
		sample: integer("sample", { mode: "boolean" }).notNull().default(false),
		updatedAt: updatedAt(),
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.locale] })],
);

/**
 * pending: the writer has not confirmed their email. confirmed: just confirmed, about to be
 * checked. held: waiting for a campaigner (near-identical to many others) or for a working
 * address (no contact, or it bounces): hold_reason says which. queued: waits for the State's
 * office hours and daily cap. sent. failed: the provider refused it for good. rejected: a
 * campaigner decided it will not go.
 */
export const letterStatuses = ["pending", "confirmed", "held", "queued", "sent", "failed", "rejected"] as const;
export type LetterStatus = (typeof letterStatuses)[number];
export const holdReasons = ["near-duplicate", "no-contact", "bouncing"] as const;
export type HoldReason = (typeof holdReasons)[number];
export const replyAnswers = ["yes", "no", "unsatisfactory"] as const;
export type ReplyAnswer = (typeof replyAnswers)[number];

export const letters = sqliteTable(
	"letters",
	{
		id: text("id").primaryKey(),
		campaignId: text("campaign_id")
			.notNull()
			.references(() => letterCampaigns.id),
		personId: text("person_id")
			.notNull()
			.references(() => people.id),
		targetId: text("target_id")
			.notNull()
			.references(() => targets.id),
		status: text("status", { enum: letterStatuses }).notNull().default("pending"),
		holdReason: text("hold_reason", { enum: holdReasons }),
		writerName: text("writer_name").notNull(),
		writerCountry: text("writer_country").notNull(),
		locale: text("locale").notNull(),
		subject: text("subject").notNull(),
		body: text("body").notNull(),
		/** SimHash of the normalised body (16 hex digits), to find near-identical letters. */
		fingerprint: text("fingerprint").notNull(),
		/** Whether the writer edited the campaign's text. */
		edited: integer("edited", { mode: "boolean" }).notNull().default(false),
		subscribe: integer("subscribe", { mode: "boolean" }).notNull().default(false),
		partner: text("partner"),
		source: text("source"),
		ipHash: text("ip_hash"),
		emailsSent: integer("emails_sent").notNull().default(0),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		confirmedAt: integer("confirmed_at"),
		sentAt: integer("sent_at"),
		/** The State's local date it was sent on (YYYY-MM-DD): the daily cap counts by it. */
		sentDay: text("sent_day"),
		/** Sent inside that day's digest rather than alone. */
		inDigest: integer("in_digest", { mode: "boolean" }).notNull().default(false),
		followUpSentAt: integer("follow_up_sent_at"),
		reply: text("reply", { enum: replyAnswers }),
		repliedAt: integer("replied_at"),
	},
	(t) => [
		unique("letters_campaign_person_target").on(t.campaignId, t.personId, t.targetId),
		index("letters_status_target").on(t.status, t.targetId),
		index("letters_target_day").on(t.targetId, t.sentDay),
		index("letters_campaign_target_fingerprint").on(t.campaignId, t.targetId),
		index("letters_campaign_updated").on(t.campaignId, t.updatedAt, t.id),
		index("letters_person").on(t.personId, t.confirmedAt),
	],
);

export type Letter = typeof letters.$inferSelect;

/** Letters by campaign, State and status; kept by triggers (migration 0009), checked by the reconcile job. */
export const letterCounts = sqliteTable(
	"letter_counts",
	{
		campaignId: text("campaign_id")
			.notNull()
			.references(() => letterCampaigns.id, { onDelete: "cascade" }),
		targetId: text("target_id").notNull(),
		status: text("status", { enum: letterStatuses }).notNull(),
		count: integer("count").notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.targetId, t.status] })],
);
