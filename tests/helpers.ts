import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { app } from "../worker/app";
import worker from "../worker/index";

export const ENGINE = "https://engine.test";
const standIn = () => env.RESEND_BASE_URL;

let counter = 0;
/** A fresh address and IP per call: rate limits and the stand-in are shared by all test files. */
export function unique(prefix = "person") {
	counter++;
	const n = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
	return {
		email: `${prefix}.${n}@example.org`,
		ip: `198.${18 + (counter & 1)}.${Math.floor(Math.random() * 255)}.${counter & 255}`, // benchmark range: never routed
	};
}

/** A request to the Worker under test, through its real fetch handler. */
export function request(path: string, init: RequestInit & { ip?: string } = {}) {
	const headers = new Headers(init.headers);
	if (init.ip) headers.set("cf-connecting-ip", init.ip);
	return exports.default.fetch(new Request(`${ENGINE}${path}`, { ...init, headers }));
}

/** The Hono app with other bindings (a secret set, production mode…), for what the config fixes. */
export async function requestWithEnv(path: string, overrides: Partial<Env>, init: RequestInit = {}) {
	const ctx = createExecutionContext();
	const res = await app.fetch(new Request(`${ENGINE}${path}`, init), { ...env, ...overrides }, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

export function postJson(path: string, body: unknown, init: RequestInit & { ip?: string } = {}) {
	return request(path, {
		method: "POST",
		...init,
		headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
		body: typeof body === "string" ? body : JSON.stringify(body),
	});
}

export interface SignBody {
	email: string;
	name?: string;
	country?: string;
	locale?: string;
	[key: string]: unknown;
}

export function sign(body: SignBody, ip = unique().ip, slug = "call-to-action") {
	return postJson(`/api/v1/petitions/${slug}/signatures`, { name: "Amani", country: "CD", ...body }, { ip });
}

export interface PetitionBody {
	slug: string;
	locale: string;
	title: string;
	count: number;
	countries: Record<string, number>;
	goal: number;
	status: string;
	demands: { key: string; heading: string; demands: { text: string; sample?: boolean }[] }[];
}

export async function petition(slug = "call-to-action", locale?: string): Promise<PetitionBody> {
	const res = await request(`/api/v1/petitions/${slug}${locale ? `?locale=${locale}` : ""}`);
	if (res.status !== 200) throw new Error(`GET petition ${slug}: ${res.status}`);
	return res.json();
}

export interface CaughtEmail {
	id: string;
	from: string;
	to: string[];
	subject: string;
	html: string;
	text: string;
	headers: Record<string, string>;
	idempotencyKey: string | null;
}

/** What the Resend stand-in received for an address, newest first. */
export async function emailsTo(address: string): Promise<CaughtEmail[]> {
	const res = await fetch(`${standIn()}/_stand-in/emails?to=${encodeURIComponent(address)}`);
	return ((await res.json()) as { emails: CaughtEmail[] }).emails;
}

/** Makes the stand-in fail the next `count` sends to `to` with `status`. */
export async function fault(to: string, status: number, count = 1, retryAfter?: number) {
	await fetch(`${standIn()}/_stand-in/faults`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ to, status, count, retryAfter }),
	});
}

/** Polls until `check` returns something truthy, or fails after `ms`. */
export async function waitFor<T>(
	check: () => Promise<T | undefined | null | false>,
	ms = 15_000,
	what = "condition",
): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Waits for the nth email (1-based) to an address to reach the stand-in through the queue. */
export async function waitForEmail(address: string, n = 1): Promise<CaughtEmail> {
	const emails = await waitFor(
		async () => {
			const got = await emailsTo(address);
			return got.length >= n ? got : undefined;
		},
		15_000,
		`email #${n} to ${address}`,
	);
	return emails[0] as CaughtEmail;
}

/** The confirmation link's token in an email. */
export function confirmToken(email: Pick<CaughtEmail, "text">): string {
	const m = email.text.match(/https:\/\/engine\.test\/confirm\/([A-Za-z0-9_-]+)/);
	if (!m?.[1]) throw new Error(`no confirmation link in:\n${email.text}`);
	return m[1];
}

/**
 * Waits until a confirmation link is used up: a signature's click is confirmed by the intake
 * queue's consumer after the answer (worker/domain/petitions/confirm-batch.ts), in the same batch
 * as its link is marked used. A link that does not exist (erased) is not waited for.
 */
export async function waitForConfirmed(token: string, ms = 15_000): Promise<void> {
	const hash = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)))]
		.map((b) => b.toString(16).padStart(2, "0"))
		.join("");
	await waitFor(
		async () => {
			const row = await env.DB.prepare("SELECT used_at FROM tokens WHERE hash = ?")
				.bind(hash)
				.first<{ used_at: number | null }>();
			return !row || row.used_at !== null;
		},
		ms,
		`the click on /confirm/${token.slice(0, 8)}… to be written`,
	);
}

/**
 * Clicks a confirmation link's button (the page's POST), then waits for what it confirms to be
 * written (signatures: by the intake consumer, after the answer), so the test reads the result.
 */
export async function confirmClick(token: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
	const res = await request(`/confirm/${token}`, { method: "POST", ...init });
	if (res.status === 200) await waitForConfirmed(token);
	return res;
}

/** Runs a cron trigger as the platform would, at a chosen time. */
export async function runCron(cron: string, scheduledTime = Date.now()) {
	await worker.scheduled(createScheduledController({ cron, scheduledTime }), env);
}

export async function outboxRowsTo(address: string) {
	const { results } = await env.DB.prepare(
		"SELECT id, template, status, attempts, next_attempt_at, last_error FROM outbox WHERE to_address = ? ORDER BY created_at",
	)
		.bind(address)
		.all<{
			id: string;
			template: string;
			status: string;
			attempts: number;
			next_attempt_at: number;
			last_error: string | null;
		}>();
	return results;
}

/** Signs a webhook body as Resend (through Svix) does: v1 = HMAC-SHA256 of "id.timestamp.body". */
export async function svixHeaders(
	body: string,
	id = `msg_${crypto.randomUUID()}`,
	timestamp = Math.floor(Date.now() / 1000),
	secret = env.RESEND_WEBHOOK_SECRET ?? "",
) {
	const keyBytes = Uint8Array.from(atob(secret.replace(/^whsec_/, "")), (ch) => ch.charCodeAt(0));
	const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
	const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
	const signature = btoa(String.fromCharCode(...new Uint8Array(mac)));
	return {
		"content-type": "application/json",
		"svix-id": id,
		"svix-timestamp": String(timestamp),
		"svix-signature": `v1,${signature}`,
	};
}

export function subscribeTo(
	body: { email: string; [key: string]: unknown },
	ip = unique().ip,
	slug = "red-line-updates",
) {
	return postJson(`/api/v1/lists/${slug}/subscriptions`, body, { ip });
}

/** The unsubscribe link's token in an email. */
export function unsubscribeToken(email: Pick<CaughtEmail, "text">): string {
	const m = email.text.match(/https:\/\/engine\.test\/u\/([A-Za-z0-9_.-]+)/);
	if (!m?.[1]) throw new Error(`no unsubscribe link in:\n${email.text}`);
	return m[1];
}

export async function ledgerOf(email: string) {
	const { results } = await env.DB.prepare(
		"SELECT e.kind, e.ref, e.event, e.locale, e.partner, e.source, e.proof, t.text, t.version FROM consent_events e LEFT JOIN consent_texts t ON t.hash = e.text_hash WHERE e.person_id = (SELECT id FROM people WHERE email_canonical = ?) ORDER BY e.id",
	)
		.bind(email.toLowerCase())
		.all<{
			kind: string;
			ref: string;
			event: string;
			locale: string;
			partner: string | null;
			source: string | null;
			proof: string;
			text: string | null;
			version: number | null;
		}>();
	return results;
}

export async function subscriptionStatus(email: string, list = "red-line-updates") {
	const row = await env.DB.prepare(
		"SELECT s.status FROM subscriptions s JOIN lists l ON l.id = s.list_id JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ? AND l.slug = ?",
	)
		.bind(email.toLowerCase(), list)
		.first<{ status: string }>();
	return row?.status;
}
