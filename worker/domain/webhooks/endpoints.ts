// Webhook endpoints: a CRM's URL, the events it wants, its signing secret (shown once), rotation
// with two secrets for a while, enable and disable. Every change is audited in its own batch.
import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import * as v from "valibot";
import {
	type WebhookAttempt,
	type WebhookEndpoint,
	type WebhookMessage,
	webhookAttempts,
	webhookEndpoints,
	webhookEventTypes,
	webhookMessages,
} from "../../../schema";
import type { Database } from "../../db";
import { DomainError } from "../../lib/errors";
import { DAY } from "../../lib/time";
import { auditEntry } from "../console/audit";

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = DAY;
/** At most this many messages are replayed by one request for a time range. */
export const MAX_REPLAY = 10_000;

/** Whether a host is a private, loopback, link-local or otherwise internal address or name. */
export function isInternalHost(hostname: string): boolean {
	const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
	if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) return true;
	const v4 = h.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 100 && b >= 64 && b <= 127) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			(a === 198 && (b === 18 || b === 19)) ||
			a >= 224
		);
	}
	if (h.includes(":")) {
		// IPv6: loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10), IPv4-mapped.
		return h === "::1" || h === "::" || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith("::ffff:");
	}
	// A bare number is an IPv4 address in disguise (http://2130706433/).
	return /^(0x[0-9a-f]+|\d+)$/.test(h);
}

/**
 * What is wrong with an endpoint's URL, or null: https only, no credentials, no internal host.
 * A local run (`allowLocal`) also takes http://127.0.0.1, for a receiver on the same machine.
 */
export function webhookUrlProblem(raw: string, allowLocal: boolean): string | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return "Give the URL in full, such as https://crm.example.org/hooks/red-line.";
	}
	const local = allowLocal && url.hostname === "127.0.0.1";
	if (url.protocol !== "https:" && !(local && url.protocol === "http:")) return "The URL must start with https://.";
	if (url.username || url.password) return "Leave the user name and password out of the URL.";
	if (!local && isInternalHost(url.hostname)) {
		return "The URL must be a public address: no private, loopback or link-local ones.";
	}
	return null;
}

export const webhookEndpointInput = v.object({
	url: v.pipe(
		v.string("Give the URL the events go to."),
		v.trim(),
		v.nonEmpty("Give the URL the events go to."),
		v.maxLength(2000, "Keep the URL under 2,000 characters."),
	),
	description: v.optional(
		v.pipe(v.string(), v.trim(), v.maxLength(200, "Keep the description under 200 characters.")),
		"",
	),
	events: v.pipe(
		v.array(
			v.picklist(webhookEventTypes, `An event is one of: ${webhookEventTypes.join(", ")}.`),
			"Give the events as a list.",
		),
		v.minLength(1, "Choose at least one event."),
		v.transform((events) => [...new Set(events)]),
	),
	/** Email and name in the payloads: for a CRM that keeps them anyway. */
	personalData: v.optional(v.boolean("personalData is true or false."), false),
});
export type WebhookEndpointInput = v.InferOutput<typeof webhookEndpointInput>;

export const webhookReplayRangeInput = v.pipe(
	v.object({
		since: v.pipe(
			v.string("Give since as an ISO date-time."),
			v.isoTimestamp("Give since as an ISO date-time, such as 2026-01-31T00:00:00Z."),
		),
		until: v.optional(
			v.pipe(v.string(), v.isoTimestamp("Give until as an ISO date-time, such as 2026-01-31T00:00:00Z.")),
		),
	}),
	v.transform((r) => ({ since: Date.parse(r.since), until: r.until ? Date.parse(r.until) : undefined })),
	v.check((r) => r.until === undefined || r.until >= r.since, "until comes after since."),
);

/** What is shown of an endpoint: never its secrets. */
export type WebhookEndpointView = Omit<WebhookEndpoint, "secret" | "previousSecret"> & {
	secretPrefix: string;
	rotating: boolean;
};

export function endpointView(row: WebhookEndpoint, now: number): WebhookEndpointView {
	const { secret, previousSecret, ...rest } = row;
	return {
		...rest,
		secretPrefix: `${secret.slice(0, 10)}…`,
		rotating: previousSecret !== null && (row.previousSecretExpiresAt ?? 0) > now,
	};
}

/** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	let s = "";
	for (const b of bytes) s += String.fromCharCode(b);
	return `whsec_${btoa(s)}`;
}

function invalidUrl(message: string): DomainError {
	return new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
		issues: [{ path: "url", message }],
	});
}

/** A new endpoint; its secret is returned here, once. */
export async function createWebhookEndpoint(
	db: Database,
	input: WebhookEndpointInput,
	opts: { actor: string; allowLocal: boolean; now: number },
): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
	const problem = webhookUrlProblem(input.url, opts.allowLocal);
	if (problem) throw invalidUrl(problem);
	const { now, actor } = opts;
	const secret = newWebhookSecret();
	const row: WebhookEndpoint = {
		id: `whe_${crypto.randomUUID()}`,
		url: new URL(input.url).toString(),
		description: input.description,
		events: input.events,
		personalData: input.personalData,
		secret,
		previousSecret: null,
		previousSecretExpiresAt: null,
		enabled: true,
		disabledReason: null,
		failingSince: null,
		createdBy: actor,
		createdAt: now,
		updatedAt: now,
	};
	await db.batch([
		db.insert(webhookEndpoints).values(row),
		// The personal-data choice is part of the record: who chose to send names and emails out.
		auditEntry(
			db,
			{
				actor,
				action: "webhook.create",
				subject: row.id,
				detail: { url: row.url, events: row.events, personalData: row.personalData },
			},
			now,
		).statement,
	]);
	return { secret, endpoint: endpointView(row, now) };
}

export async function listWebhookEndpoints(db: Database, now: number): Promise<WebhookEndpointView[]> {
	const rows = await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
	return rows.map((r) => endpointView(r, now));
}

async function mustGet(db: Database, id: string): Promise<WebhookEndpoint> {
	const row = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
	if (!row) throw new DomainError(404, "not_found", "No webhook endpoint with this id.");
	return row;
}

export async function getWebhookEndpoint(db: Database, id: string, now: number): Promise<WebhookEndpointView> {
	return endpointView(await mustGet(db, id), now);
}

/**
 * A new secret; the current one keeps signing beside it for ROTATION_OVERLAP_MS (Standard Webhooks
 * sends several signatures, space-separated), so the CRM can switch without losing a message.
 */
export async function rotateWebhookSecret(
	db: Database,
	id: string,
	actor: string,
	now: number,
): Promise<{ secret: string; endpoint: WebhookEndpointView }> {
	const row = await mustGet(db, id);
	const secret = newWebhookSecret();
	const expires = now + ROTATION_OVERLAP_MS;
	await db.batch([
		db
			.update(webhookEndpoints)
			.set({ secret, previousSecret: row.secret, previousSecretExpiresAt: expires, updatedAt: now })
			.where(eq(webhookEndpoints.id, id)),
		auditEntry(db, { actor, action: "webhook.rotate", subject: id, detail: { previousUntil: expires } }, now).statement,
	]);
	return {
		secret,
		endpoint: endpointView({ ...row, secret, previousSecret: row.secret, previousSecretExpiresAt: expires }, now),
	};
}

/** Enables or disables an endpoint. Enabling starts a fresh run: past failures no longer count. */
export async function setWebhookEnabled(
	db: Database,
	id: string,
	enabled: boolean,
	actor: string,
	now: number,
): Promise<WebhookEndpointView> {
	const row = await mustGet(db, id);
	const change = { enabled, disabledReason: enabled ? null : "campaigner", failingSince: null, updatedAt: now };
	await db.batch([
		db.update(webhookEndpoints).set(change).where(eq(webhookEndpoints.id, id)),
		auditEntry(db, { actor, action: enabled ? "webhook.enable" : "webhook.disable", subject: id }, now).statement,
	]);
	return endpointView({ ...row, ...change }, now);
}

export type WebhookMessageView = Omit<WebhookMessage, "personal" | "payload"> & { payload: Record<string, unknown> };

/** The newest messages of an endpoint (without their personal part). */
export async function listWebhookMessages(
	db: Database,
	endpointId: string,
	limit: number,
): Promise<WebhookMessageView[]> {
	await mustGet(db, endpointId);
	const rows = await db
		.select()
		.from(webhookMessages)
		.where(eq(webhookMessages.endpointId, endpointId))
		.orderBy(desc(webhookMessages.createdAt), desc(webhookMessages.id))
		.limit(limit);
	return rows.map(({ personal: _p, ...rest }) => rest);
}

/** The attempts of one message, newest first. */
export async function listWebhookAttempts(
	db: Database,
	endpointId: string,
	messageId: string,
): Promise<{ message: WebhookMessageView; attempts: WebhookAttempt[] }> {
	const row = await db
		.select()
		.from(webhookMessages)
		.where(and(eq(webhookMessages.id, messageId), eq(webhookMessages.endpointId, endpointId)))
		.get();
	if (!row) throw new DomainError(404, "not_found", "No message with this id for this endpoint.");
	const attempts = await db
		.select()
		.from(webhookAttempts)
		.where(eq(webhookAttempts.messageId, messageId))
		.orderBy(desc(webhookAttempts.id))
		.limit(100);
	const { personal: _p, ...message } = row;
	return { message, attempts };
}

/** What the queue carries: which message, for which attempt. */
export interface WebhookQueueMessage {
	messageId: string;
	attempts: number;
}

function mustBeEnabled(row: WebhookEndpoint) {
	if (!row.enabled) {
		throw new DomainError(409, "endpoint_disabled", "The endpoint is disabled: enable it before replaying.");
	}
}

/** Sends one message again, whatever became of it (a message in flight is left to finish). */
export async function replayWebhookMessage(
	db: Database,
	endpointId: string,
	messageId: string,
	actor: string,
	now: number,
): Promise<WebhookQueueMessage[]> {
	mustBeEnabled(await mustGet(db, endpointId));
	const [, replayed] = await db.batch([
		auditEntry(db, { actor, action: "webhook.replay", subject: endpointId, detail: { messageId } }, now).statement,
		db
			.update(webhookMessages)
			.set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null })
			.where(
				and(
					eq(webhookMessages.id, messageId),
					eq(webhookMessages.endpointId, endpointId),
					inArray(webhookMessages.status, ["delivered", "dead", "failed", "pending"]),
				),
			)
			.returning({ id: webhookMessages.id }),
	]);
	if (replayed.length === 0) {
		throw new DomainError(404, "not_found", "No message with this id for this endpoint (or it is being sent now).");
	}
	return replayed.map((r) => ({ messageId: r.id, attempts: 0 }));
}

/** Sends again every message of an endpoint written in a time range (at most MAX_REPLAY). */
export async function replayWebhookRange(
	db: Database,
	endpointId: string,
	range: { since: number; until?: number },
	actor: string,
	now: number,
): Promise<WebhookQueueMessage[]> {
	mustBeEnabled(await mustGet(db, endpointId));
	const until = range.until ?? now;
	const inRange = and(
		eq(webhookMessages.endpointId, endpointId),
		gte(webhookMessages.createdAt, range.since),
		lte(webhookMessages.createdAt, until),
		inArray(webhookMessages.status, ["delivered", "dead", "failed"]),
	);
	const ids = db
		.select({ id: webhookMessages.id })
		.from(webhookMessages)
		.where(inRange)
		.orderBy(webhookMessages.createdAt)
		.limit(MAX_REPLAY);
	const [, replayed] = await db.batch([
		auditEntry(
			db,
			{ actor, action: "webhook.replay_range", subject: endpointId, detail: { since: range.since, until } },
			now,
		).statement,
		db
			.update(webhookMessages)
			.set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null })
			.where(and(inRange, inArray(webhookMessages.id, ids)))
			.returning({ id: webhookMessages.id }),
	]);
	return replayed.map((r) => ({ messageId: r.id, attempts: 0 }));
}

/** Counts of an endpoint's messages by status, for the console. */
export async function webhookMessageCounts(db: Database, endpointId: string): Promise<Record<string, number>> {
	const rows = await db
		.select({ status: webhookMessages.status, n: sql<number>`count(*)` })
		.from(webhookMessages)
		.where(eq(webhookMessages.endpointId, endpointId))
		.groupBy(webhookMessages.status);
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
