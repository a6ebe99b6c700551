import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/**
 * pending: written, not tried yet. sending: claimed by a consumer (until next_attempt_at).
 * failed: the last try failed, another is due at next_attempt_at. sent. dead: out of attempts,
 * or refused for good by the provider. suppressed: not sent, the address is on the suppression list.
 */
export const outboxStatuses = ["pending", "sending", "failed", "sent", "dead", "suppressed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Every email the engine sends, written in the same batch as the change that causes it. */
export const outbox = sqliteTable(
	"outbox",
	{
		id: text("id").primaryKey(),
		/** One logical email: a second write of the same email fails on this key. */
		dedupeKey: text("dedupe_key").notNull().unique(),
		template: text("template").notNull(),
		toAddress: text("to_address").notNull(),
		locale: text("locale").notNull(),
		props: text("props", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
		status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
		attempts: integer("attempts").notNull().default(0),
		nextAttemptAt: integer("next_attempt_at").notNull(),
		lastError: text("last_error"),
		providerId: text("provider_id"),
		createdAt: createdAt(),
		sentAt: integer("sent_at"),
	},
	(t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
);

export type OutboxRow = typeof outbox.$inferSelect;
