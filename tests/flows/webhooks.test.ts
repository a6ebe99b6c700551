// Issue 14, part 3: outgoing webhooks, end to end through the routes, the outbox, the queue and a
// receiver on 127.0.0.1 that is killed mid-run and brought back.
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import {
	confirmClick,
	confirmToken,
	postJson,
	request,
	runCron,
	sign,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

const OPERATOR = "Bearer test-operator-token";
let bearer = "";

interface Received {
	headers: Record<string, string>;
	body: string;
	status: number;
}

async function receiver() {
	const res = await fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers`, { method: "POST" });
	const { id, url } = (await res.json()) as { id: string; url: string };
	const control = (what: string, body?: unknown) =>
		fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers/${id}/${what}`, {
			method: "POST",
			body: JSON.stringify(body ?? {}),
		});
	return {
		url,
		stop: () => control("stop"),
		start: () => control("start"),
		answer: (status: number, retryAfter?: string) => control("behaviour", { status, retryAfter }),
		received: async () =>
			(await (await fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers/${id}/received`)).json()) as Received[],
	};
}

const admin = (method: string, path: string, body?: unknown) =>
	request(`/api/v1/admin/webhooks${path}`, {
		method,
		headers: { authorization: bearer, "content-type": "application/json" },
		body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	});

async function signAndConfirm() {
	const { email, ip } = unique("hook");
	expect((await sign({ email, name: "Amani", country: "KE" }, ip)).status).toBe(202);
	const token = confirmToken(await waitForEmail(email));
	expect((await confirmClick(token)).status).toBe(200);
	const row = await env.DB.prepare(
		"SELECT s.id FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email = ?",
	)
		.bind(email)
		.first<{ id: string }>();
	return { email, signatureId: row?.id ?? "" };
}

beforeAll(async () => {
	const res = await postJson(
		"/api/v1/operator/api-tokens",
		{ name: "webhooks test", scopes: ["webhooks"] },
		{ headers: { authorization: OPERATOR } },
	);
	expect(res.status).toBe(201);
	bearer = `Bearer ${((await res.json()) as { token: string }).token}`;
});

describe("outgoing webhooks", () => {
	it("delivers signed events the official library verifies; a receiver killed mid-run loses nothing and gets nothing twice", async () => {
		const hook = await receiver();
		const created = await admin("POST", "", { url: hook.url, events: ["signature.confirmed"] });
		expect(created.status).toBe(201);
		const endpoint = (await created.json()) as { id: string; secret: string; personalData: boolean };
		expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(endpoint.personalData).toBe(false);
		// Shown once: never again.
		expect(JSON.stringify(await (await admin("GET", `/${endpoint.id}`)).json())).not.toContain(endpoint.secret);

		const first = [await signAndConfirm(), await signAndConfirm()];
		await waitFor(async () => (await hook.received()).length >= 2, 20_000, "the first deliveries");

		// Killed: confirmations go on, their deliveries fail and wait.
		await hook.stop();
		const during = [await signAndConfirm(), await signAndConfirm(), await signAndConfirm()];
		await waitFor(
			async () => {
				const row = await env.DB.prepare(
					"SELECT count(*) AS n FROM webhook_messages WHERE endpoint_id = ? AND status = 'failed'",
				)
					.bind(endpoint.id)
					.first<{ n: number }>();
				return (row?.n ?? 0) >= 3;
			},
			20_000,
			"failed deliveries while the receiver is down",
		);
		const attempts = await env.DB.prepare(
			"SELECT count(*) AS n FROM webhook_attempts a JOIN webhook_messages m ON m.id = a.message_id WHERE m.endpoint_id = ? AND a.status_code IS NULL",
		)
			.bind(endpoint.id)
			.first<{ n: number }>();
		expect(attempts?.n).toBeGreaterThanOrEqual(3);

		// Back: the retries (the queue's, or the cron's for a lost message) deliver every one.
		await hook.start();
		await runCron("* * * * *", Date.now() + 10 * 60_000);
		const all = [...first, ...during];
		const received = await waitFor(
			async () => {
				const got = (await hook.received()).filter((r) => r.status === 200);
				return new Set(got.map((r) => r.headers["webhook-id"])).size >= all.length ? got : undefined;
			},
			30_000,
			"every event after the receiver came back",
		);
		// Exactly one message row per event per endpoint, each delivered, each received once with a 2xx.
		const { results: rows } = await env.DB.prepare(
			"SELECT id, status, event_key FROM webhook_messages WHERE endpoint_id = ?",
		)
			.bind(endpoint.id)
			.all<{ id: string; status: string; event_key: string }>();
		expect(rows).toHaveLength(all.length);
		expect(rows.every((r) => r.status === "delivered")).toBe(true);
		const ids = received.map((r) => r.headers["webhook-id"]);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));

		const wh = new Webhook(endpoint.secret);
		const signatureIds = received.map((r) => {
			const event = wh.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> };
			expect(event.type).toBe("signature.confirmed");
			expect(event.data).toMatchObject({ petition: "call-to-action", country: "KE", language: "en" });
			// Minimal by default: no email, no name.
			expect(event.data).not.toHaveProperty("email");
			expect(event.data).not.toHaveProperty("name");
			return event.data.signatureId;
		});
		expect(new Set(signatureIds)).toEqual(new Set(all.map((s) => s.signatureId)));
		// A forged body does not verify.
		const one = received[0] as Received;
		expect(() => wh.verify(one.body.replace("KE", "FR"), one.headers)).toThrow();

		// Attempts are visible: status, latency, time.
		const messageId = rows[0]?.id ?? "";
		const detail = (await (await admin("GET", `/${endpoint.id}/messages/${messageId}`)).json()) as {
			attempts: { statusCode: number | null; latencyMs: number; createdAt: string }[];
		};
		expect(
			detail.attempts.some((a) => a.statusCode === 200 && a.latencyMs >= 0 && !Number.isNaN(Date.parse(a.createdAt))),
		).toBe(true);

		// Replay of one message, and of a time range: sent again under the same webhook-id.
		const before = (await hook.received()).length;
		expect((await admin("POST", `/${endpoint.id}/messages/${messageId}/replay`)).status).toBe(202);
		await waitFor(async () => (await hook.received()).length > before, 15_000, "the replay");
		const again = (await hook.received()).slice(before);
		expect(again.map((r) => r.headers["webhook-id"])).toContain(messageId);
		const range = await admin("POST", `/${endpoint.id}/replay`, {
			since: new Date(Date.now() - 3600_000).toISOString(),
		});
		expect(range.status).toBe(202);
		expect(((await range.json()) as { count: number }).count).toBe(all.length);
	});

	it("sends the email and name only to an endpoint created with personal_data, and audits that choice", async () => {
		const hook = await receiver();
		const res = await admin("POST", "", { url: hook.url, events: ["signature.confirmed"], personalData: true });
		expect(res.status).toBe(201);
		const endpoint = (await res.json()) as { id: string; secret: string };
		const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'webhook.create' AND subject = ?")
			.bind(endpoint.id)
			.first<{ detail: string }>();
		expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({ personalData: true });
		const { email } = await signAndConfirm();
		const [got] = await waitFor(async () => {
			const r = await hook.received();
			return r.length > 0 ? r : undefined;
		});
		const event = new Webhook(endpoint.secret).verify(got?.body ?? "", got?.headers ?? {}) as {
			data: Record<string, unknown>;
		};
		expect(event.data).toMatchObject({ email, name: "Amani" });
	});

	it("refuses private, loopback and plain-http URLs and bad input with the one error shape", async () => {
		const cases: unknown[] = [
			{ url: "https://10.1.2.3/hook", events: ["signature.confirmed"] },
			{ url: "https://192.168.0.10/hook", events: ["signature.confirmed"] },
			{ url: "https://169.254.169.254/latest", events: ["signature.confirmed"] },
			{ url: "https://[::1]/hook", events: ["signature.confirmed"] },
			{ url: "https://localhost/hook", events: ["signature.confirmed"] },
			{ url: "http://crm.example.org/hook", events: ["signature.confirmed"] },
			{ url: "https://crm.example.org/hook", events: ["signature.signed"] },
			{ url: "https://crm.example.org/hook", events: [] },
			{ url: "not a url", events: ["signature.confirmed"] },
			{ events: ["signature.confirmed"] },
		];
		for (const body of cases) {
			const res = await admin("POST", "", body);
			expect(res.status, JSON.stringify(body)).toBe(422);
			const err = (await res.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
			expect(err.error.code).toBe("invalid_fields");
			expect(err.error.issues.length).toBeGreaterThan(0);
		}
		expect((await admin("POST", "", "{not json")).status).toBeLessThan(500);
		expect((await admin("GET", "/whe_nope")).status).toBe(404);
		expect((await admin("POST", "/whe_nope/replay", { since: "yesterday" })).status).toBe(422);
		const none = await admin("POST", "/whe_nope/replay", { since: new Date().toISOString() });
		expect(none.status).toBe(404);
		expect(((await none.json()) as { error: { code: string } }).error.code).toBe("not_found");
		// Without the scope: 403.
		const res = await postJson(
			"/api/v1/operator/api-tokens",
			{ name: "no hooks", scopes: ["content:read"] },
			{
				headers: { authorization: OPERATOR },
			},
		);
		const other = `Bearer ${((await res.json()) as { token: string }).token}`;
		expect((await request("/api/v1/admin/webhooks", { headers: { authorization: other } })).status).toBe(403);
	});
});
