import { and, eq, inArray, isNull, lt, notExists, sql } from "drizzle-orm";
import {
	bulletinDeliveries,
	devMailbox,
	letters,
	outbox,
	people,
	privacyRequests,
	signatures,
	subscriptions,
	tokens,
} from "../../../schema";
import { type Database, runBatch, type Statement } from "../../db";
import { DAY } from "../../lib/time";

export interface RetentionPolicy {
	/** Unconfirmed signatures, subscriptions, letters and privacy requests are removed after this many days. */
	unconfirmedDays: number;
	/** The dev mailbox keeps emails this many days. */
	devMailboxDays: number;
	/** Settled outbox rows (sent, dead, suppressed) are kept this many days, for operators. */
	outboxDays: number;
}

/** The kinds of purge, in the order they run: people go last, once what they held is gone. */
export const retentionKinds = [
	"signatures",
	"subscriptions",
	"letters",
	"privacy-requests",
	"people",
	"tokens",
	"outbox",
	"dev-mailbox",
] as const;
export type RetentionKind = (typeof retentionKinds)[number];

export interface RetentionReport {
	done: RetentionKind[];
	failed: { kind: RetentionKind; error: string }[];
}

/** Each kind of purge as its own batch: one that fails leaves the others to do their work. */
function purges(db: Database, policy: RetentionPolicy, now: number): Record<RetentionKind, () => Statement[]> {
	const unconfirmedBefore = now - policy.unconfirmedDays * DAY;
	const staleSignatures = () =>
		db
			.select({ id: signatures.id })
			.from(signatures)
			.where(and(inArray(signatures.status, ["pending", "fraudulent"]), lt(signatures.createdAt, unconfirmedBefore)));
	const staleSubscriptions = () =>
		db
			.select({ id: subscriptions.id })
			.from(subscriptions)
			.where(and(eq(subscriptions.status, "pending"), lt(subscriptions.createdAt, unconfirmedBefore)));
	const staleLetters = () =>
		db
			.select({ id: letters.id })
			.from(letters)
			.where(and(eq(letters.status, "pending"), lt(letters.createdAt, unconfirmedBefore)));
	const staleRequests = () =>
		db.select({ id: privacyRequests.id }).from(privacyRequests).where(lt(privacyRequests.createdAt, unconfirmedBefore));
	const holds = (table: typeof signatures | typeof subscriptions | typeof letters | typeof bulletinDeliveries) =>
		notExists(db.select({ x: sql`1` }).from(table).where(eq(table.personId, people.id)));
	return {
		signatures: () => [
			db.delete(tokens).where(inArray(tokens.subjectId, staleSignatures())),
			db.delete(signatures).where(inArray(signatures.id, staleSignatures())),
		],
		subscriptions: () => [
			db.delete(tokens).where(inArray(tokens.subjectId, staleSubscriptions())),
			db.delete(subscriptions).where(inArray(subscriptions.id, staleSubscriptions())),
		],
		letters: () => [
			db.delete(tokens).where(inArray(tokens.subjectId, staleLetters())),
			db.delete(letters).where(inArray(letters.id, staleLetters())),
		],
		"privacy-requests": () => [
			db.delete(tokens).where(inArray(tokens.subjectId, staleRequests())),
			db.delete(privacyRequests).where(inArray(privacyRequests.id, staleRequests())),
		],
		// People left with nothing (they never confirmed anything). Erased people stay: their
		// emptied row keeps their confirmed signatures and sent letters counted.
		people: () => [
			db
				.delete(people)
				.where(
					and(
						isNull(people.erasedAt),
						lt(people.createdAt, unconfirmedBefore),
						holds(signatures),
						holds(subscriptions),
						holds(letters),
						holds(bulletinDeliveries),
						notExists(db.select({ x: sql`1` }).from(privacyRequests).where(eq(privacyRequests.personId, people.id))),
					),
				),
		],
		tokens: () => [db.delete(tokens).where(lt(tokens.expiresAt, unconfirmedBefore))],
		outbox: () => [
			db
				.delete(outbox)
				.where(
					and(
						inArray(outbox.status, ["sent", "dead", "suppressed"]),
						lt(outbox.createdAt, now - policy.outboxDays * DAY),
					),
				),
		],
		"dev-mailbox": () => [db.delete(devMailbox).where(lt(devMailbox.createdAt, now - policy.devMailboxDays * DAY))],
	};
}

/**
 * Cron: removes what nobody confirmed and what is no longer needed. People left with nothing
 * (they never confirmed anything) go too; the consent ledger stays, as it names only ids.
 * Each kind of purge is its own transaction: a failing one is reported and the rest still run.
 */
export async function applyRetention(db: Database, policy: RetentionPolicy, now: number): Promise<RetentionReport> {
	const report: RetentionReport = { done: [], failed: [] };
	const all = purges(db, policy, now);
	for (const kind of retentionKinds) {
		try {
			await runBatch(db, all[kind]());
			report.done.push(kind);
		} catch (err) {
			report.failed.push({ kind, error: String(err) });
		}
	}
	return report;
}
