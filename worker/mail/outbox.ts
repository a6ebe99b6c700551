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
export const LEASE_MS = 5 * MINUTE;

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

/** What a failed attempt leaves on its row: tried again later, or dead when out of attempts or refused for good. */
function failedState(
	attempts: number,
	failure: { error: string; permanent?: boolean; retryAfterSeconds?: number },
	maxAttempts: number,
	now: number,
) {
	const dead = failure.permanent || attempts >= maxAttempts;
	const wait = Math.max(backoffMs(attempts), (failure.retryAfterSeconds ?? 0) * SECOND);
	return {
		status: dead ? ("dead" as const) : ("failed" as const),
		lastError: failure.error.slice(0, 500),
		nextAttemptAt: now + wait,
	};
}

/** Records a failed attempt: tried again later, or dead when out of attempts or refused for good. */
export function markFailed(
	db: Database,
	row: Pick<OutboxRow, "id" | "attempts">,
	failure: { error: string; permanent?: boolean; retryAfterSeconds?: number },
	maxAttempts: number,
	now: number,
) {
	return db
		.update(outbox)
		.set(failedState(row.attempts, failure, maxAttempts, now))
		.where(eq(outbox.id, row.id));
}

/** A failed attempt of one row, as `markFailedMany` records it. */
export interface FailedAttempt {
	id: string;
	attempts: number;
	error: string;
	permanent?: boolean;
	retryAfterSeconds?: number;
}

/** Records the failed attempts of many rows in one statement, each as `markFailed` would. */
export function markFailedMany(db: Database, failed: FailedAttempt[], maxAttempts: number, now: number) {
	const states = failed.map((f) => {
		const state = failedState(f.attempts, f, maxAttempts, now);
		return [f.id, state.status, state.lastError, state.nextAttemptAt];
	});
	return db.run(
		sql`UPDATE outbox SET status = json_extract(j.value, '$[1]'), last_error = json_extract(j.value, '$[2]'),
		next_attempt_at = json_extract(j.value, '$[3]')
		FROM json_each(${JSON.stringify(states)}) AS j
		WHERE outbox.id = json_extract(j.value, '$[0]')`,
	);
}

/** Records that many emails were not sent because their addresses are on the suppression list. */
export function markSuppressedMany(db: Database, ids: string[]) {
	return db.run(
		sql`UPDATE outbox SET status = 'suppressed' WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
	);
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

/** A row as `claimBatch` returns it (the raw statement's columns, props parsed). */
const CLAIMED_COLUMNS = sql.raw(
	"id, dedupe_key AS dedupeKey, template, to_address AS toAddress, locale, props, status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, provider_id AS providerId, created_at AS createdAt, sent_at AS sentAt, batch_key AS batchKey",
);

/**
 * Takes the rows of a queue batch for one delivery attempt, in one statement. As for one row,
 * only the message for a row's current attempt can take it. Each row keeps the idempotency key
 * of its first claim (`batch_key`, never changed): rows claimed now for the first time get
 * `freshKey` (or, alone, their own id: a lone email is sent as before, keyed by its row). A row
 * that already has a key brings along every other unsettled row of that key, so a group whose
 * answer was lost is always sent again whole (less rows settled since), with the same key, by
 * one consumer: the provider then answers with what it took the first time instead of sending
 * again. A group never gains a row after its first call, so a call made again under a key only
 * ever carries emails the key first carried.
 */
export async function claimBatch(
	db: Database,
	messages: DeliveryMessage[],
	now: number,
	freshKey: string | null,
): Promise<OutboxRow[]> {
	if (messages.length === 0) return [];
	const wanted = JSON.stringify(messages.map((m) => [m.outboxId, m.attempts]));
	const rows = await db.all<Omit<OutboxRow, "props"> & { props: string }>(
		sql`WITH msg(id, attempts) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${wanted})),
		taken AS (SELECT o.id, o.batch_key FROM outbox o JOIN msg ON o.id = msg.id AND o.attempts = msg.attempts WHERE o.status IN ('pending', 'failed', 'sending'))
		UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ${now + LEASE_MS}, batch_key = COALESCE(batch_key, IFNULL(${freshKey}, id))
		WHERE status IN ('pending', 'failed', 'sending')
		AND (id IN (SELECT id FROM taken) OR batch_key IN (SELECT batch_key FROM taken WHERE batch_key IS NOT NULL))
		RETURNING ${CLAIMED_COLUMNS}`,
	);
	return rows.map((r) => ({ ...r, props: JSON.parse(r.props) as Record<string, unknown> }));
}

/** Settles rows accepted by the provider in one call: `[row id, provider id]` each. */
export function markSentMany(db: Database, settled: [string, string | null][], now: number) {
	return db.run(
		sql`UPDATE outbox SET status = 'sent', provider_id = json_extract(j.value, '$[1]'), sent_at = ${now}, last_error = NULL
		FROM json_each(${JSON.stringify(settled)}) AS j
		WHERE outbox.id = json_extract(j.value, '$[0]') AND outbox.status = 'sending'`,
	);
}

/** Another real attempt of rows already claimed (a failed call made again in the same invocation). */
export function countAttempt(db: Database, ids: string[], now: number) {
	return db.run(
		sql`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${now + LEASE_MS}
		WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND status = 'sending'`,
	);
}

/**
 * Gives claimed rows back untried: the provider asked us to wait (429, Retry-After) or the pace
 * had no slot in time. Not an attempt: the claim's count is taken back, and the cron brings the
 * rows again after `waitMs`. An email never dies of a surge.
 */
export function giveBack(db: Database, ids: string[], reason: string, now: number, waitMs: number) {
	return db.run(
		sql`UPDATE outbox SET attempts = attempts - 1, status = 'failed',
		last_error = ${reason.slice(0, 500)}, next_attempt_at = ${now + waitMs}
		WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND status = 'sending'`,
	);
}
