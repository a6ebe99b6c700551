import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/** Single-use link tokens. Only the SHA-256 of a token is stored. */
export const tokens = sqliteTable(
	"tokens",
	{
		hash: text("hash").primaryKey(),
		purpose: text("purpose", {
			enum: [
				"confirm-signature",
				"confirm-subscription",
				"confirm-letter",
				"letter-reply",
				"privacy",
				"console-sign-in",
			],
		}).notNull(),
		/** The row the token acts on: a signature, a subscription, a privacy request. */
		subjectId: text("subject_id").notNull(),
		expiresAt: integer("expires_at").notNull(),
		usedAt: integer("used_at"),
		createdAt: createdAt(),
	},
	(t) => [index("tokens_subject").on(t.subjectId)],
);

export type Token = typeof tokens.$inferSelect;
export type TokenPurpose = Token["purpose"];
