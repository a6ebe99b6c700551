import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { type OutboxRow, outbox } from "../../schema";
import type { Database } from "../db";
import { HOUR, MINUTE, SECOND } from "../lib/time";
import type { OutboxEmail, TemplateName } from "./email-contract";

export type { OutboxEmail };

/** What a queue message about an email carries: which row, and for which attempt. */
export interface DeliveryMessage {
	outboxId: string;
	attempts: number;
}

/**
 * A fresh row is sent at once through the queue; if that message is lost, the cron finds the
 * row after this grace.
 */
const FIRST_TRY_GRACE_MS = MINUTE;
/** How long a claimed or re-enqueued row is left alone before it counts as lost. */
const LEASE_MS = 5 * MINUTE;

/**
 * The insert statement for an outbox row (to go in the caller's batch), and the row's id. The
 * props must be the template's `StoredProps`: anything else does not compile.
 */
export function outboxInsert<N extends TemplateName>(
	db: Database,
	email: OutboxEmail<N>,
	now: number,
	id: string = crypto.randomUUID(),
) {
	const statement = db.insert(outbox).values({
		id,
		dedupeKey: email.dedupeKey,
		template: email.template,
		toAddress: email.to,
		locale: email.locale,
		props: email.props,
		status: "pending",
		attempts: 0,
		nextAttemptAt: now + FIRST_TRY_GRACE_MS,
		createdAt: now,
	});
	return { id, statement };
}

/** Sends rows to the delivery queue. A failure here loses nothing: the cron finds due rows. */
export async function enqueueDeliveries(queue: Queue, messages: DeliveryMessage[]): Promise<void> {
	for (let i = 0; i < messages.length; i += 100) {
		await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
	}
}

/**
 * Takes a row for one delivery attempt. Only the message for the row's current attempt can
 * take it, so duplicate or stale messages send nothing.
 */
export async function claimForDelivery(db: Database, msg: DeliveryMessage, now: number): Promise<OutboxRow | null> {
	const [row] = await db
		.update(outbox)
		.set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now + LEASE_MS })
		.where(
			and(
				eq(outbox.id, msg.outboxId),
				eq(outbox.attempts, msg.attempts),
				inArray(outbox.status, ["pending", "failed", "sending"]),
			),
		)
		.returning();
	return row ?? null;
}

export function markSent(db: Database, id: string, providerId: string | null, now: number) {
	return db.update(outbox).set({ status: "sent", providerId, sentAt: now, lastError: null }).where(eq(outbox.id, id));
}

/** Records that an email was not sent because its address is on the suppression list. */
export function markSuppressed(db: Database, id: string) {
	return db.update(outbox).set({ status: "suppressed" }).where(eq(outbox.id, id));
}

/** Backoff after the nth failed attempt: 1, 2, 4 … minutes, at most an hour, with jitter. */
export function backoffMs(attempts: number): number {
	const base = Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), HOUR);
	return Math.round(base * (1 + Math.random() * 0.1));
}

/** Records a failed attempt: tried again later, or dead when out of attempts or refused for good. */
export function markFailed(
	db: Database,
	row: Pick<OutboxRow, "id" | "attempts">,
	failure: { error: string; permanent?: boolean; retryAfterSeconds?: number },
	maxAttempts: number,
	now: number,
) {
	const dead = failure.permanent || row.attempts >= maxAttempts;
	const wait = Math.max(backoffMs(row.attempts), (failure.retryAfterSeconds ?? 0) * SECOND);
	return db
		.update(outbox)
		.set({ status: dead ? "dead" : "failed", lastError: failure.error.slice(0, 500), nextAttemptAt: now + wait })
		.where(eq(outbox.id, row.id));
}

/**
 * Rows whose time has come (failed and due, or never delivered because a message was lost),
 * leased so the next cron tick does not enqueue them again while they wait in the queue.
 */
export async function takeDueRows(db: Database, now: number, limit = 500): Promise<DeliveryMessage[]> {
	const due = await db
		.select({ id: outbox.id, attempts: outbox.attempts })
		.from(outbox)
		.where(and(inArray(outbox.status, ["pending", "failed", "sending"]), lte(outbox.nextAttemptAt, now)))
		.orderBy(asc(outbox.nextAttemptAt))
		.limit(limit);
	if (due.length === 0) return [];
	const ids = due.map((r) => r.id);
	for (let i = 0; i < ids.length; i += 90) {
		await db
			.update(outbox)
			.set({ nextAttemptAt: now + LEASE_MS })
			.where(inArray(outbox.id, ids.slice(i, i + 90)));
	}
	return due.map((r) => ({ outboxId: r.id, attempts: r.attempts }));
}
