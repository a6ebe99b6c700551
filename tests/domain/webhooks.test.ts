// Issue 14, part 3: the webhook delivery rules, driven one attempt at a time with a chosen clock
// against a receiver on 127.0.0.1 (no route is called here, so nothing else delivers meanwhile).
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import {
	deliverWebhook,
	FAILING_LIMIT_MS,
	MAX_WEBHOOK_ATTEMPTS,
	RETRY_SCHEDULE_MS,
	retryAfterMs,
	takeDueWebhooks,
	type WebhookDeps,
	webhookBackoffMs,
} from "../../worker/domain/webhooks/delivery";
import {
	createWebhookEndpoint,
	replayWebhookMessage,
	rotateWebhookSecret,
	setWebhookEnabled,
	webhookUrlProblem,
} from "../../worker/domain/webhooks/endpoints";
import { webhookWrites } from "../../worker/domain/webhooks/events";

const db = createDb(env.DB);
const DAY = 86_400_000;

async function receiver() {
	const res = await fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers`, { method: "POST" });
	const { id, url } = (await res.json()) as { id: string; url: string };
	return {
		url,
		answer: (status: number, retryAfter?: string) =>
			fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers/${id}/behaviour`, {
				method: "POST",
				body: JSON.stringify({ status, retryAfter }),
			}),
		received: async () =>
			(await (await fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers/${id}/received`)).json()) as {
				headers: Record<string, string>;
				body: string;
			}[],
	};
}

function deps(now: number): WebhookDeps {
	return { db, fetch: (i, init) => fetch(i, init), now: () => now, allowLocal: true, random: () => 0.5 };
}

let n = 0;
/** One event written for every endpoint subscribed to signature.confirmed; its messages' ids. */
async function event(now: number, personal = { email: "amani@example.org", name: "Amani" }) {
	const key = `test:${++n}:${now}`;
	await db.batch([
		webhookWrites(
			db,
			"signature.confirmed",
			sql`SELECT ${key} AS event_key, NULL AS person_id, json_object('signatureId', ${key}) AS payload, ${personal.email} AS email, ${personal.name} AS name`,
			now,
		),
	]);
	const { results } = await env.DB.prepare("SELECT id, endpoint_id FROM webhook_messages WHERE event_key = ?")
		.bind(key)
		.all<{ id: string; endpoint_id: string }>();
	return results;
}

async function endpoint(url: string, personalData = false, now = Date.now()) {
	return createWebhookEndpoint(
		db,
		{ url, description: "", events: ["signature.confirmed"], personalData },
		{ actor: "test", allowLocal: true, now },
	);
}

async function message(id: string) {
	return env.DB.prepare("SELECT * FROM webhook_messages WHERE id = ?")
		.bind(id)
		.first<{ status: string; attempts: number; next_attempt_at: number; last_status: number | null }>();
}

async function disableAll() {
	await env.DB.prepare("UPDATE webhook_endpoints SET enabled = 0").run();
}

describe("webhook delivery", () => {
	it("retries with backoff and jitter over about a day, then gives up", () => {
		const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(20 * 3600_000);
		expect(total).toBeLessThan(28 * 3600_000);
		expect(MAX_WEBHOOK_ATTEMPTS).toBe(8);
		expect(webhookBackoffMs(1, () => 0)).toBe(4500);
		expect(webhookBackoffMs(1, () => 1)).toBe(5500);
		expect(webhookBackoffMs(2, () => 0.5)).toBe(5 * 60_000);
		expect(retryAfterMs("120", 0)).toBe(120_000);
		expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
		expect(retryAfterMs("soon", 0)).toBe(0);
	});

	it("honours Retry-After, and delivers on the next attempt", async () => {
		await disableAll();
		const hook = await receiver();
		const { endpoint: e } = await endpoint(hook.url);
		const t0 = Date.now();
		const [m] = await event(t0);
		await hook.answer(503, "600");
		const first = await deliverWebhook(deps(t0), { messageId: m?.id ?? "", attempts: 0 });
		expect(first.outcome).toBe("failed");
		const failed = await message(m?.id ?? "");
		expect(failed).toMatchObject({ status: "failed", attempts: 1, last_status: 503 });
		// Not 5 seconds: the receiver asked for 10 minutes.
		expect(failed?.next_attempt_at).toBe(t0 + 600_000);
		expect(first.retry?.delayMs).toBe(600_000);
		// A stale or duplicate queue message for the first attempt sends nothing.
		expect((await deliverWebhook(deps(t0), { messageId: m?.id ?? "", attempts: 0 })).outcome).toBe("skipped");
		// The cron takes it only once it is due (and past the grace).
		expect(await takeDueWebhooks(db, t0 + 60_000)).toEqual([]);
		const due = await takeDueWebhooks(db, t0 + 700_000);
		expect(due).toEqual([{ messageId: m?.id, attempts: 1 }]);
		await hook.answer(204);
		expect((await deliverWebhook(deps(t0 + 700_000), due[0] ?? { messageId: "", attempts: 0 })).outcome).toBe(
			"delivered",
		);
		expect(await message(m?.id ?? "")).toMatchObject({ status: "delivered", attempts: 2, last_status: 204 });
		const attempts = await env.DB.prepare("SELECT status_code FROM webhook_attempts WHERE message_id = ? ORDER BY id")
			.bind(m?.id)
			.all<{ status_code: number }>();
		expect(attempts.results.map((a) => a.status_code)).toEqual([503, 204]);
		expect(e.id).toMatch(/^whe_/);
	});

	it("disables an endpoint that answers 410 Gone, and emails the admins through the outbox", async () => {
		await disableAll();
		const admin = `hooks-admin-${Date.now()}@example.org`;
		await env.DB.prepare(
			"INSERT INTO campaigners (id, email, role, locale, created_at, updated_at) VALUES (?, ?, 'admin', 'fr', 0, 0)",
		)
			.bind(crypto.randomUUID(), admin)
			.run();
		const hook = await receiver();
		const { endpoint: e } = await endpoint(hook.url);
		const t0 = Date.now();
		const [m, ...rest] = await event(t0);
		expect(rest).toEqual([]);
		await hook.answer(410);
		const result = await deliverWebhook(deps(t0), { messageId: m?.id ?? "", attempts: 0 });
		expect(result.outcome).toBe("disabled");
		expect(result.emails.length).toBeGreaterThan(0);
		const row = await env.DB.prepare("SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = ?")
			.bind(e.id)
			.first();
		expect(row).toEqual({ enabled: 0, disabled_reason: "gone" });
		expect((await message(m?.id ?? ""))?.status).toBe("dead");
		const mail = await env.DB.prepare("SELECT template, locale, props FROM outbox WHERE to_address = ?")
			.bind(admin)
			.first<{ template: string; locale: string; props: string }>();
		expect(mail).toMatchObject({ template: "webhook-disabled", locale: "fr" });
		expect(JSON.parse(mail?.props ?? "{}")).toEqual({ endpointId: e.id, reason: "gone" });
		// A disabled endpoint gets no new messages, and a replay is refused until it is enabled.
		expect(await event(t0 + 1)).toEqual([]);
		await expect(replayWebhookMessage(db, e.id, m?.id ?? "", "test", t0)).rejects.toMatchObject({ status: 409 });
		await setWebhookEnabled(db, e.id, true, "test", t0);
		expect(await replayWebhookMessage(db, e.id, m?.id ?? "", "test", t0)).toEqual([{ messageId: m?.id, attempts: 0 }]);
	});

	it("disables an endpoint that has been failing for three days", async () => {
		await disableAll();
		const hook = await receiver();
		const { endpoint: e } = await endpoint(hook.url);
		const t0 = Date.now();
		await hook.answer(500);
		const [a] = await event(t0);
		expect((await deliverWebhook(deps(t0), { messageId: a?.id ?? "", attempts: 0 })).outcome).toBe("failed");
		const since = await env.DB.prepare("SELECT failing_since FROM webhook_endpoints WHERE id = ?")
			.bind(e.id)
			.first<{ failing_since: number }>();
		expect(since?.failing_since).toBe(t0);
		const later = t0 + FAILING_LIMIT_MS + 1;
		const [b] = await event(later);
		expect((await deliverWebhook(deps(later), { messageId: b?.id ?? "", attempts: 0 })).outcome).toBe("disabled");
		const row = await env.DB.prepare("SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = ?")
			.bind(e.id)
			.first();
		expect(row).toEqual({ enabled: 0, disabled_reason: "failing" });
	});

	it("signs with both secrets during a rotation, and only the new one after it", async () => {
		await disableAll();
		const hook = await receiver();
		const t0 = Date.now();
		const { endpoint: e, secret: old } = await endpoint(hook.url, false, t0);
		const { secret: fresh } = await rotateWebhookSecret(db, e.id, "test", t0);
		expect(fresh).not.toBe(old);
		const [m] = await event(t0);
		expect((await deliverWebhook(deps(t0), { messageId: m?.id ?? "", attempts: 0 })).outcome).toBe("delivered");
		const [got] = await hook.received();
		expect(got?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
		for (const secret of [old, fresh])
			expect(() => new Webhook(secret).verify(got?.body ?? "", got?.headers ?? {})).not.toThrow();
		// After the overlap only the new secret signs (checked on the headers: the timestamp would be stale).
		const after = t0 + DAY + 1;
		const [m2] = await event(after);
		await deliverWebhook(deps(after), { messageId: m2?.id ?? "", attempts: 0 });
		const second = (await hook.received())[1];
		expect(second?.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
	});

	it("keeps the email and name only for endpoints with personal data", async () => {
		await disableAll();
		const plain = await receiver();
		const personal = await receiver();
		const a = await endpoint(plain.url, false);
		const b = await endpoint(personal.url, true);
		const t0 = Date.now();
		const messages = await event(t0);
		expect(messages).toHaveLength(2);
		for (const m of messages) await deliverWebhook(deps(t0), { messageId: m.id, attempts: 0 });
		const [p] = await plain.received();
		const [q] = await personal.received();
		const dataOf = (secret: string, r?: { body: string; headers: Record<string, string> }) =>
			(new Webhook(secret).verify(r?.body ?? "", r?.headers ?? {}) as { data: Record<string, unknown> }).data;
		expect(dataOf(a.secret, p)).toEqual({ signatureId: expect.any(String) });
		expect(dataOf(b.secret, q)).toMatchObject({ email: "amani@example.org", name: "Amani" });
	});

	it("refuses URLs that are not https or point inside a network, except 127.0.0.1 on a local run", () => {
		const refused = [
			"http://crm.example.org/hook",
			"https://127.0.0.1/hook",
			"https://10.0.0.1/hook",
			"https://172.16.5.4/hook",
			"https://192.168.1.1/hook",
			"https://169.254.169.254/latest/meta-data",
			"https://100.64.0.1/hook",
			"https://0.0.0.0/hook",
			"https://[::1]/hook",
			"https://[fe80::1]/hook",
			"https://[fd00::1]/hook",
			"https://[::ffff:127.0.0.1]/hook",
			"https://localhost/hook",
			"https://printer.local/hook",
			"https://2130706433/hook",
			"https://user:pass@crm.example.org/hook",
			"ftp://crm.example.org/hook",
			"not a url",
		];
		for (const url of refused) expect(webhookUrlProblem(url, false), url).not.toBeNull();
		expect(webhookUrlProblem("https://crm.example.org/hooks/red-line", false)).toBeNull();
		expect(webhookUrlProblem("http://127.0.0.1:8790/hook", false)).not.toBeNull();
		expect(webhookUrlProblem("http://127.0.0.1:8790/hook", true)).toBeNull();
		expect(webhookUrlProblem("http://10.0.0.1/hook", true)).not.toBeNull();
	});
});
