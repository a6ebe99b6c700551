// One delivery attempt of one webhook message: claimed, signed (Standard Webhooks v1), posted,
// recorded as an attempt, and settled: delivered on a 2xx, retried with backoff and jitter over
// about a day (never sooner than Retry-After), the endpoint disabled on a 410 or after 3 days of
// failures, its admins emailed.
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import {
	campaigners,
	type WebhookEndpoint,
	type WebhookMessage,
	webhookAttempts,
	webhookEndpoints,
	webhookMessages,
} from "../../../schema";
import type { Database } from "../../db";
import { DAY, HOUR, MINUTE, SECOND } from "../../lib/time";
import type { DeliveryMessage } from "../../mail/outbox";
import { outboxInsert } from "../../mail/outbox";
import { type WebhookQueueMessage, webhookUrlProblem } from "./endpoints";
import { isoTime } from "./events";

/** Wait after the nth failed attempt (then ±10 % jitter): about 24 hours in all, 8 attempts. */
export const RETRY_SCHEDULE_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 8 * HOUR, 8 * HOUR];
export const MAX_WEBHOOK_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;
/** An endpoint that has failed without a success for this long is disabled. */
export const FAILING_LIMIT_MS = 3 * DAY;
/** A claimed message is left alone this long before it counts as lost. */
export const WEBHOOK_LEASE_MS = 2 * MINUTE;
/** The receiver has this long to answer. */
const TIMEOUT_MS = 15 * SECOND;
/** A Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_MS = DAY;

export interface WebhookDeps {
	db: Database;
	fetch: typeof fetch;
	now: () => number;
	/** A local run: http://127.0.0.1 receivers are allowed. */
	allowLocal: boolean;
	random?: () => number;
}

export type WebhookOutcome = "delivered" | "failed" | "dead" | "skipped" | "disabled";

export interface WebhookResult {
	outcome: WebhookOutcome;
	/** The next try, if one is due (for the queue's delay). */
	retry?: { message: WebhookQueueMessage; delayMs: number };
	/** Emails to the admins (an endpoint was disabled), for the mail queue. */
	emails: DeliveryMessage[];
}

/** Backoff after the nth failed attempt, with jitter. */
export function webhookBackoffMs(attempts: number, random: () => number = Math.random): number {
	const base = RETRY_SCHEDULE_MS[Math.min(Math.max(attempts, 1), RETRY_SCHEDULE_MS.length) - 1] ?? HOUR;
	return Math.round(base * (0.9 + random() * 0.2));
}

/** Retry-After as milliseconds from now (seconds or an HTTP date), or 0. */
export function retryAfterMs(header: string | null, now: number): number {
	if (!header) return 0;
	const value = header.trim();
	const ms = /^\d+$/.test(value) ? Number(value) * SECOND : Date.parse(value) - now;
	return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : 0;
}

/** The secrets that sign now: the current one, and the previous one during a rotation. */
export function signingSecrets(endpoint: WebhookEndpoint, now: number): string[] {
	const previous =
		endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > now ? [endpoint.previousSecret] : [];
	return [endpoint.secret, ...previous];
}

/** The body of a message as sent: `{type, timestamp, data}` (the personal part merged in when kept). */
export function webhookBody(message: Pick<WebhookMessage, "eventType" | "createdAt" | "payload" | "personal">): string {
	const data = { ...message.payload, ...(message.personal ?? {}) };
	return JSON.stringify({ type: message.eventType, timestamp: isoTime(message.createdAt), data });
}

/** The three Standard Webhooks headers, signed with every secret given (space-separated). */
export function signedHeaders(id: string, body: string, secrets: string[], now: number): Record<string, string> {
	const timestamp = new Date(Math.floor(now / 1000) * 1000);
	return {
		"webhook-id": id,
		"webhook-timestamp": String(Math.floor(now / 1000)),
		"webhook-signature": secrets.map((s) => new Webhook(s).sign(id, timestamp, body)).join(" "),
	};
}

/** Takes a message for one attempt: only the queue message of its current attempt can. */
async function claim(db: Database, msg: WebhookQueueMessage, now: number): Promise<WebhookMessage | null> {
	const [row] = await db
		.update(webhookMessages)
		.set({ status: "sending", attempts: sql`${webhookMessages.attempts} + 1`, nextAttemptAt: now + WEBHOOK_LEASE_MS })
		.where(
			and(
				eq(webhookMessages.id, msg.messageId),
				eq(webhookMessages.attempts, msg.attempts),
				inArray(webhookMessages.status, ["pending", "failed", "sending"]),
			),
		)
		.returning();
	return row ?? null;
}

/** Statements that disable an endpoint and email every admin about it, and the emails to enqueue. */
async function disableWrites(db: Database, endpoint: WebhookEndpoint, reason: "gone" | "failing", now: number) {
	const admins = await db
		.select({ id: campaigners.id, email: campaigners.email, locale: campaigners.locale })
		.from(campaigners)
		.where(and(eq(campaigners.role, "admin"), isNull(campaigners.disabledAt)));
	const emails = admins.map((a) =>
		outboxInsert(
			db,
			{
				template: "webhook-disabled",
				to: a.email,
				locale: a.locale,
				props: { endpointId: endpoint.id, reason },
				dedupeKey: `webhook-disabled:${endpoint.id}:${now}:${a.id}`,
			},
			now,
		),
	);
	return {
		statements: [
			db
				.update(webhookEndpoints)
				.set({ enabled: false, disabledReason: reason, updatedAt: now })
				.where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true))),
			...emails.map((e) => e.statement),
		],
		emails: emails.map((e) => ({ outboxId: e.id, attempts: 0 })),
	};
}

async function post(deps: WebhookDeps, url: string, body: string, headers: Record<string, string>) {
	const started = Date.now();
	try {
		const res = await deps.fetch(url, {
			method: "POST",
			headers: { "content-type": "application/json", "user-agent": "Red-Line-Webhooks/1", ...headers },
			body,
			// A redirect could lead to an internal address: never followed.
			redirect: "manual",
			signal: AbortSignal.timeout(TIMEOUT_MS),
		});
		// The body is not needed; reading a little lets the connection be reused.
		await res.body?.cancel().catch(() => undefined);
		return { status: res.status, retryAfter: res.headers.get("retry-after"), latency: Date.now() - started };
	} catch (err) {
		return {
			status: null,
			retryAfter: null,
			latency: Date.now() - started,
			error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
		};
	}
}

/**
 * One attempt of one message. Nothing is lost (a failure is recorded and tried again; the cron
 * finds what a lost queue message left) and nothing is sent twice by us (only the message of the
 * row's current attempt can claim it); the receiver dedupes on `webhook-id` across retries.
 */
export async function deliverWebhook(deps: WebhookDeps, msg: WebhookQueueMessage): Promise<WebhookResult> {
	const { db } = deps;
	const row = await claim(db, msg, deps.now());
	if (!row) return { outcome: "skipped", emails: [] };
	const endpoint = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, row.endpointId)).get();
	const problem = endpoint ? webhookUrlProblem(endpoint.url, deps.allowLocal) : "endpoint deleted";
	if (!endpoint?.enabled || problem) {
		await db
			.update(webhookMessages)
			.set({ status: "dead", lastError: problem ?? "endpoint disabled" })
			.where(eq(webhookMessages.id, row.id));
		return { outcome: "dead", emails: [] };
	}
	const body = webhookBody(row);
	const sentAt = deps.now();
	const result = await post(
		deps,
		endpoint.url,
		body,
		signedHeaders(row.id, body, signingSecrets(endpoint, sentAt), sentAt),
	);
	const now = deps.now();
	const attempt = db.insert(webhookAttempts).values({
		messageId: row.id,
		statusCode: result.status,
		latencyMs: result.latency,
		error: result.error?.slice(0, 300) ?? null,
		createdAt: now,
	});
	if (result.status !== null && result.status >= 200 && result.status < 300) {
		await db.batch([
			attempt,
			db
				.update(webhookMessages)
				.set({
					status: "delivered",
					deliveredAt: now,
					lastStatus: result.status,
					lastError: null,
					personal: forgetErased,
				})
				.where(eq(webhookMessages.id, row.id)),
			db
				.update(webhookEndpoints)
				.set({ failingSince: null })
				.where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.failingSince} IS NOT NULL`)),
		]);
		return { outcome: "delivered", emails: [] };
	}
	const error = result.error ?? `HTTP ${result.status}`;
	const gone = result.status === 410;
	const failingSince = endpoint.failingSince ?? now;
	const tooLong = now - failingSince >= FAILING_LIMIT_MS;
	const dead = gone || tooLong || row.attempts >= MAX_WEBHOOK_ATTEMPTS;
	const wait = Math.max(webhookBackoffMs(row.attempts, deps.random), retryAfterMs(result.retryAfter, now));
	const disabling = gone || tooLong ? await disableWrites(db, endpoint, gone ? "gone" : "failing", now) : undefined;
	await db.batch([
		attempt,
		db
			.update(webhookMessages)
			.set({
				status: dead ? "dead" : "failed",
				...(dead ? { personal: forgetErased } : {}),
				lastStatus: result.status,
				lastError: error.slice(0, 300),
				nextAttemptAt: now + wait,
			})
			.where(eq(webhookMessages.id, row.id)),
		db
			.update(webhookEndpoints)
			.set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})` })
			.where(eq(webhookEndpoints.id, endpoint.id)),
		...(disabling?.statements ?? []),
	]);
	if (disabling) return { outcome: "disabled", emails: disabling.emails };
	if (dead) return { outcome: "dead", emails: [] };
	return {
		outcome: "failed",
		retry: { message: { messageId: row.id, attempts: row.attempts }, delayMs: wait },
		emails: [],
	};
}

/**
 * The address an erasure notice carries (so the CRM finds the record) is kept only until the
 * notice is settled: delivered, or given up.
 */
const forgetErased = sql`CASE WHEN ${webhookMessages.eventType} = 'person.erased' THEN NULL ELSE ${webhookMessages.personal} END`;

/** Grace after a message's time before the cron counts its queue message as lost. */
export const WEBHOOK_GRACE_MS = MINUTE;

/**
 * Messages to put on the queue, leased so they are not taken twice meanwhile. `fresh`: just
 * written (the relay after a change); else also every retry overdue by the grace, whose queue
 * message was lost or whose wait was longer than a queue delay (the cron).
 */
export async function takeDueWebhooks(
	db: Database,
	now: number,
	opts: { fresh?: boolean; limit?: number } = {},
): Promise<WebhookQueueMessage[]> {
	const due = await db
		.select({ id: webhookMessages.id, attempts: webhookMessages.attempts })
		.from(webhookMessages)
		.where(
			opts.fresh
				? and(eq(webhookMessages.status, "pending"), lte(webhookMessages.nextAttemptAt, now))
				: or(
						and(eq(webhookMessages.status, "pending"), lte(webhookMessages.nextAttemptAt, now)),
						and(
							inArray(webhookMessages.status, ["failed", "sending"]),
							lte(webhookMessages.nextAttemptAt, now - WEBHOOK_GRACE_MS),
						),
					),
		)
		.orderBy(webhookMessages.nextAttemptAt)
		.limit(opts.limit ?? 500);
	if (due.length === 0) return [];
	const ids = due.map((r) => r.id);
	for (let i = 0; i < ids.length; i += 90) {
		await db
			.update(webhookMessages)
			.set({ nextAttemptAt: now + WEBHOOK_LEASE_MS })
			.where(and(inArray(webhookMessages.id, ids.slice(i, i + 90)), lte(webhookMessages.nextAttemptAt, now)));
	}
	return due.map((r) => ({ messageId: r.id, attempts: r.attempts }));
}
