import type { BatchItem } from "drizzle-orm/batch";
import type { RequestDetails, TokenPurpose } from "../../../schema";
import type { Database } from "../../db";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { tokenInsert } from "./tokens";

export interface LinkDeps {
	db: Database;
	/** APP_SECRET: link tokens are derived from it. */
	secret: string;
	now: number;
}

export interface LinkEmail {
	template: string;
	purpose: TokenPurpose;
	/** The row the link acts on. */
	subjectId: string;
	to: string;
	locale: string;
	props: Record<string, unknown>;
	dedupeKey: string;
	ttlMs: number;
	/** The request whose details the link confirms (confirmation links). */
	request?: RequestDetails;
}

/**
 * The writes for an email that carries a single-use link: its token (hashed) and its outbox
 * row, for the caller's batch, and the queue message that delivers it.
 */
export async function linkEmailWrites(
	deps: LinkDeps,
	email: LinkEmail,
): Promise<{ statements: BatchItem<"sqlite">[]; delivery: DeliveryMessage }> {
	const { db, secret, now } = deps;
	const outboxId = crypto.randomUUID();
	const row = outboxInsert(
		db,
		{ template: email.template, to: email.to, locale: email.locale, props: email.props, dedupeKey: email.dedupeKey },
		now,
		outboxId,
	);
	const token = await tokenInsert(
		db,
		secret,
		{ purpose: email.purpose, subjectId: email.subjectId, outboxId, ttlMs: email.ttlMs, request: email.request },
		now,
	);
	return { statements: [token.statement, row.statement], delivery: { outboxId, attempts: 0 } };
}
