import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/**
 * Addresses nothing is sent to again. Keyed by the SHA-256 of the canonical address, so the
 * list outlives an erasure without keeping the address in clear.
 */
export const suppressions = sqliteTable("suppressions", {
	emailHash: text("email_hash").primaryKey(),
	reason: text("reason", { enum: ["bounce", "complaint", "manual"] }).notNull(),
	/** What put it there (a webhook message id). */
	source: text("source"),
	createdAt: createdAt(),
});

/** Webhook messages already handled: a replayed one changes nothing twice. */
export const webhookEvents = sqliteTable("webhook_events", {
	id: text("id").primaryKey(),
	type: text("type").notNull(),
	createdAt: createdAt(),
});
