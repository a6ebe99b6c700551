import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/** The details a supporter gave with one request, which its link (and only its link) confirms. */
export interface RequestDetails {
	name: string;
	country: string;
	locale: string;
	subscribe: boolean;
	partner: string | null;
	source: string | null;
	/** A signature: whether the name is shown publicly. */
	showName?: boolean;
	/** A letter request: each letter it writes, with the text this request gave it. */
	letters?: { id: string; subject: string; body: string; fingerprint: string; edited: boolean }[];
	/** "Send me updates" was ticked: the subscription that rides on this request's click. */
	updates?: {
		listId: string;
		listSlug: string;
		listHash: string;
		partnerHash: string | null;
	};
}

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
		/**
		 * Confirmation links: the details of the request that sent this link. Confirming applies
		 * exactly these, so another request with the same address cannot change what it confirms.
		 */
		request: text("request", { mode: "json" }).$type<RequestDetails>(),
		createdAt: createdAt(),
	},
	(t) => [index("tokens_subject").on(t.subjectId)],
);

export type Token = typeof tokens.$inferSelect;
export type TokenPurpose = Token["purpose"];
