import type { BatchItem } from "drizzle-orm/batch";
import type { RequestDetails, TokenPurpose } from "../../../schema";
import type { Database, Statement } from "../../db";
import type { OutboxEmail, TemplateName } from "../../mail/email-contract";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { tokenInsert } from "./tokens";

export interface LinkDeps {
	db: Database;
	/** APP_SECRET: link tokens are derived from it. */
	secret: string;
	now: number;
	/**
	 * Statements that must commit in the same batch as the write this request causes (the intake
	 * queue's mark that its message was written: a redelivered message then writes nothing twice).
	 */
	commitWith?: Statement[];
}

/** The statements a write's batch carries for its caller (`LinkDeps.commitWith`). */
export const committedWith = (deps: LinkDeps): Statement[] => deps.commitWith ?? [];

/** An outbox email of template N with its link's token. */
export type LinkEmail<N extends TemplateName = TemplateName> = OutboxEmail<N> & {
	purpose: TokenPurpose;
	/** The row the link acts on. */
	subjectId: string;
	ttlMs: number;
	/** The request whose details the link confirms (confirmation links). */
	request?: RequestDetails;
};

/**
 * The writes for an email that carries a single-use link: its token (hashed) and its outbox
 * row, for the caller's batch, and the queue message that delivers it.
 */
export async function linkEmailWrites<N extends TemplateName>(
	deps: LinkDeps,
	email: LinkEmail<N>,
): Promise<{ statements: BatchItem<"sqlite">[]; delivery: DeliveryMessage }> {
	const { db, secret, now } = deps;
	const outboxId = crypto.randomUUID();
	const row = outboxInsert<N>(db, email, now, outboxId);
	const token = await tokenInsert(
		db,
		secret,
		{ purpose: email.purpose, subjectId: email.subjectId, outboxId, ttlMs: email.ttlMs, request: email.request },
		now,
	);
	return { statements: [token.statement, row.statement], delivery: { outboxId, attempts: 0 } };
}
