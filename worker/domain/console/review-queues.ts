// What waits for a person: letters held for review (near-identical to many others) or for a
// working address, and emails that ran out of attempts. Shared by the operator API, the admin
// API and the console; every decision is audited in the batch that makes it.
import { and, desc, eq, sql } from "drizzle-orm";
import { type LetterStatus, letters, type OutboxStatus, outbox, targets } from "../../../schema";
import type { Database } from "../../db";
import { DomainError } from "../../lib/errors";
import { enqueueDeliveries } from "../../mail/outbox";
import { auditEntryIf } from "./audit";

/** Letters in one status, newest first, with the State they go to. */
export function lettersByStatus(db: Database, status: LetterStatus, limit = 200) {
	return db
		.select({
			id: letters.id,
			status: letters.status,
			holdReason: letters.holdReason,
			state: targets.iso2,
			stateNames: targets.names,
			writerName: letters.writerName,
			subject: letters.subject,
			body: letters.body,
			edited: letters.edited,
			confirmedAt: letters.confirmedAt,
		})
		.from(letters)
		.innerJoin(targets, eq(targets.id, letters.targetId))
		.where(eq(letters.status, status))
		.orderBy(desc(letters.createdAt))
		.limit(limit);
}

/** Letters waiting for a campaigner's decision or for a working address. */
export function heldLetters(db: Database, limit = 200) {
	return lettersByStatus(db, "held", limit);
}

/** Hold reasons a release cannot lift: the letter waits for its State's address, and goes by itself once there is one. */
export const waitsForAddress = (holdReason: string | null) => holdReason === "no-contact" || holdReason === "bouncing";

/**
 * A campaigner's decision on a held letter: send it after all (queued), or not (rejected).
 * Undefined when no letter with this id is held (unknown, or decided already). The audit row is
 * written only when the letter was held, in the same batch as the decision. A letter held for
 * its State's lack of a working address cannot be released (409): nothing could send it.
 */
export async function reviewHeldLetter(
	db: Database,
	letterId: string,
	decision: "release" | "reject",
	actor: string,
	now: number,
): Promise<{ id: string; status: LetterStatus } | undefined> {
	if (decision === "release") {
		const held = await db
			.select({ holdReason: letters.holdReason })
			.from(letters)
			.where(and(eq(letters.id, letterId), eq(letters.status, "held")))
			.get();
		if (held && waitsForAddress(held.holdReason)) {
			throw new DomainError(
				409,
				"letter_needs_address",
				held.holdReason === "bouncing"
					? "This letter cannot be released: every address of its State bounces. Add a working address and it goes by itself."
					: "This letter cannot be released: its State has no email address yet. Add one and it goes by itself.",
			);
		}
	}
	const stillHeld = sql`EXISTS (SELECT 1 FROM ${letters} WHERE ${letters.id} = ${letterId} AND ${letters.status} = 'held')`;
	const [, rows] = await db.batch([
		auditEntryIf(db, { actor, action: `letter.${decision}`, subject: letterId }, now, stillHeld).statement,
		db
			.update(letters)
			.set({ status: decision === "release" ? "queued" : "rejected", holdReason: null, updatedAt: now })
			.where(and(eq(letters.id, letterId), eq(letters.status, "held")))
			.returning({ id: letters.id, status: letters.status }),
	]);
	return rows[0];
}

/** Emails in one status, newest first: no bodies, no props. */
export function emailsByStatus(db: Database, status: OutboxStatus, limit = 200) {
	return db
		.select({
			id: outbox.id,
			template: outbox.template,
			to: outbox.toAddress,
			status: outbox.status,
			attempts: outbox.attempts,
			lastError: outbox.lastError,
			createdAt: outbox.createdAt,
			nextAttemptAt: outbox.nextAttemptAt,
		})
		.from(outbox)
		.where(eq(outbox.status, status))
		.orderBy(desc(outbox.createdAt))
		.limit(limit);
}

/** Emails that ran out of attempts (or were refused for good), newest first. */
export function deadEmails(db: Database, limit = 200) {
	return emailsByStatus(db, "dead", limit);
}

/**
 * Gives a dead email a fresh set of attempts (after someone fixed the cause) and queues it.
 * False when no dead email has this id. Should the queue refuse, the cron finds the row due.
 */
export async function retryDeadEmail(
	db: Database,
	queue: Queue,
	outboxId: string,
	actor: string,
	now: number,
): Promise<boolean> {
	const isDead = sql`EXISTS (SELECT 1 FROM ${outbox} WHERE ${outbox.id} = ${outboxId} AND ${outbox.status} = 'dead')`;
	const [, rows] = await db.batch([
		auditEntryIf(db, { actor, action: "email.retry", subject: outboxId }, now, isDead).statement,
		db
			.update(outbox)
			.set({ status: "failed", attempts: 0, nextAttemptAt: now })
			.where(and(eq(outbox.id, outboxId), eq(outbox.status, "dead")))
			.returning({ id: outbox.id }),
	]);
	const row = rows[0];
	if (!row) return false;
	await enqueueDeliveries(queue, [{ outboxId: row.id, attempts: 0 }]);
	return true;
}
