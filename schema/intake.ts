import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Intake queue messages already written (worker/jobs/intake.ts): a message the queue delivers
 * again after its batch committed writes nothing twice. Kept a day (the queue retries within
 * minutes).
 */
export const intakeSeen = sqliteTable(
	"intake_seen",
	{
		id: text("id").primaryKey(),
		at: integer("at").notNull(),
	},
	(t) => [index("intake_seen_at").on(t.at)],
);

/**
 * Intake messages that kept failing and reached the dead-letter queue, for the console. The body
 * holds the request as it came (an address, a name): deleted after RETENTION_UNCONFIRMED_DAYS,
 * like an unconfirmed signature.
 */
export const intakeDead = sqliteTable(
	"intake_dead",
	{
		id: text("id").primaryKey(),
		kind: text("kind").notNull(),
		/** The petition (or list, campaign) the request was for. */
		target: text("target"),
		body: text("body").notNull(),
		attempts: integer("attempts").notNull(),
		deadAt: integer("dead_at").notNull(),
	},
	(t) => [index("intake_dead_at").on(t.deadAt)],
);
