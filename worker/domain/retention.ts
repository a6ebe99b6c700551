import { and, eq, inArray, isNull, lt, notExists, or, sql } from "drizzle-orm";
import { devMailbox, outbox, people, privacyRequests, signatures, subscriptions, tokens } from "../../schema";
import { type Database, runBatch } from "../db";
import { DAY } from "../lib/time";

export interface RetentionPolicy {
	/** Unconfirmed signatures and subscriptions are removed after this many days. */
	unconfirmedDays: number;
	/** The dev mailbox keeps emails this many days. */
	devMailboxDays: number;
	/** Settled outbox rows (sent, dead, suppressed) are kept this many days, for operators. */
	outboxDays: number;
}

/**
 * Cron: removes what nobody confirmed and what is no longer needed. People left with nothing
 * (they never confirmed anything) go too; the consent ledger stays, as it names only ids.
 */
export async function applyRetention(db: Database, policy: RetentionPolicy, now: number): Promise<void> {
	const unconfirmedBefore = now - policy.unconfirmedDays * DAY;
	const staleSignatures = db
		.select({ id: signatures.id })
		.from(signatures)
		.where(and(inArray(signatures.status, ["pending", "fraudulent"]), lt(signatures.createdAt, unconfirmedBefore)));
	const staleSubscriptions = db
		.select({ id: subscriptions.id })
		.from(subscriptions)
		.where(and(eq(subscriptions.status, "pending"), lt(subscriptions.createdAt, unconfirmedBefore)));
	await runBatch(db, [
		db
			.delete(tokens)
			.where(or(inArray(tokens.subjectId, staleSignatures), inArray(tokens.subjectId, staleSubscriptions))),
		db.delete(subscriptions).where(inArray(subscriptions.id, staleSubscriptions)),
		db.delete(signatures).where(inArray(signatures.id, staleSignatures)),
		db
			.delete(people)
			.where(
				and(
					isNull(people.erasedAt),
					lt(people.createdAt, unconfirmedBefore),
					notExists(db.select({ x: sql`1` }).from(signatures).where(eq(signatures.personId, people.id))),
					notExists(db.select({ x: sql`1` }).from(subscriptions).where(eq(subscriptions.personId, people.id))),
					notExists(db.select({ x: sql`1` }).from(privacyRequests).where(eq(privacyRequests.personId, people.id))),
				),
			),
		db.delete(tokens).where(lt(tokens.expiresAt, now - policy.unconfirmedDays * DAY)),
		db
			.delete(outbox)
			.where(
				and(
					inArray(outbox.status, ["sent", "dead", "suppressed"]),
					lt(outbox.createdAt, now - policy.outboxDays * DAY),
				),
			),
		db.delete(devMailbox).where(lt(devMailbox.createdAt, now - policy.devMailboxDays * DAY)),
	]);
}
