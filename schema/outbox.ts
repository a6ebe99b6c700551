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
		/**
		 * The idempotency key of the provider call that carries this email, set when the row is
		 * first claimed and never changed: a call whose answer was lost is made again with the
		 * same key and only rows of its first group (worker/jobs/deliver-email.ts).
		 */
		batchKey: text("batch_key"),
		createdAt: createdAt(),
		sentAt: integer("sent_at"),
	},
	(t) => [index("outbox_due").on(t.status, t.nextAttemptAt), index("outbox_batch").on(t.batchKey)],
);

export type OutboxRow = typeof outbox.$inferSelect;
