// Issue 10, items 4 (privacy requests and console sign-in) and 6: no answer tells whether an
// address is known, and nobody can flood an inbox through the engine.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { ENGINE, postJson, sign, unique, waitFor, waitForEmail } from "../helpers";

const OPERATOR = { authorization: "Bearer test-operator-token" };
const HOUR = 3_600_000;

/** A D1 that records every statement prepared on it. */
function recordingDb(log: string[]): D1Database {
	return new Proxy(env.DB, {
		get(target, prop) {
			const value = Reflect.get(target, prop, target);
			if (prop === "prepare") {
				return (query: string) => {
					log.push(query);
					return target.prepare(query);
				};
			}
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

/**
 * Sends a request and notes what it did in D1 before its answer was out (what a timing could
 * tell); then lets the work after the answer finish.
 */
async function answered(path: string, init: RequestInit) {
	const log: string[] = [];
	const ctx = createExecutionContext();
	const res = await app.fetch(new Request(`${ENGINE}${path}`, init), { ...env, DB: recordingDb(log) }, ctx);
	const before = [...log];
	const body = await res.text();
	await waitOnExecutionContext(ctx);
	const headers = [...res.headers].filter(([name]) => !["x-request-id", "date"].includes(name));
	return { status: res.status, headers, body, before, after: log.slice(before.length) };
}

function privacyRequest(email: string, ip = unique().ip) {
	return answered("/api/v1/privacy/requests", {
		method: "POST",
		headers: { "content-type": "application/json", "cf-connecting-ip": ip },
		body: JSON.stringify({ email, kind: "export" }),
	});
}

function signInRequest(email: string, ip = unique().ip) {
	return answered("/console/sign-in", {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip },
		body: new URLSearchParams({ email }).toString(),
	});
}

/** The page says the address back: the same page for another address, once it is swapped. */
const sameBut = (a: string, b: string, x: string) => a.split(x).join(b);

async function outboxCount(template: string, to: string) {
	const row = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE template = ? AND to_address = ?")
		.bind(template, to)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

async function addCampaigner(email: string) {
	const id = crypto.randomUUID();
	await env.DB.prepare(
		"INSERT INTO campaigners (id, email, role, locale, created_at, updated_at) VALUES (?, ?, 'editor', 'en', 0, 0)",
	)
		.bind(id, email)
		.run();
	return id;
}

describe("privacy requests tell nothing", () => {
	it("answer a known and an unknown address identically, doing the same work before the answer", async () => {
		const known = unique("known").email;
		expect((await sign({ email: known })).status).toBe(202);
		await waitForEmail(known); // the signature is written after the answer
		const stranger = unique("stranger").email;

		const a = await privacyRequest(known);
		const b = await privacyRequest(stranger);
		expect(a.status).toBe(202);
		expect(a).toEqual(b);
		// The lookup and the writes happen after the answer, in the intake queue's consumer (for the
		// known address only): the request itself did the same for both, before and after its answer.
		await waitFor(async () => (await outboxCount("privacy-request", known)) === 1, 5_000, "privacy email");
		expect(await outboxCount("privacy-request", stranger)).toBe(0);
	});

	it("send at most 3 privacy emails to an address a day, answering the same after the cap", async () => {
		const email = unique("capped").email;
		expect((await sign({ email })).status).toBe(202);
		await waitForEmail(email); // the signature is written after the answer
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await privacyRequest(email));
		for (const answer of answers) {
			expect(answer.status).toBe(202);
			expect(answer.body).toBe(answers[0]?.body);
			expect(answer.before).toEqual(answers[0]?.before);
		}
		// The intake queue writes them after the answers: three emails, and the fourth request none
		// (given the queue's batch time, 1 s, to write it too).
		await waitFor(async () => (await outboxCount("privacy-request", email)) >= 3, 5_000, "privacy emails");
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(await outboxCount("privacy-request", email)).toBe(3);
	});
});

describe("console sign-in requests tell nothing", () => {
	it("answer an allowed and an unknown address identically, doing the same work before the answer", async () => {
		const allowed = unique("allowed").email;
		await addCampaigner(allowed);
		const stranger = unique("nobody").email;
		const a = await signInRequest(allowed);
		const b = await signInRequest(stranger);
		expect(a.status).toBe(200);
		expect(b.status).toBe(200);
		expect(sameBut(a.body, stranger, allowed)).toBe(b.body);
		expect(a.headers).toEqual(b.headers);
		expect(a.before).toEqual(b.before);
		await waitFor(async () => (await outboxCount("console-sign-in", allowed)) === 1, 5_000, "sign-in email");
		expect(await outboxCount("console-sign-in", stranger)).toBe(0);
	});

	it("send at most 5 sign-in links to an address an hour, counted from the database", async () => {
		const email = unique("signin-cap").email;
		const id = await addCampaigner(email);
		// Four links sent in the last hour (from other isolates, say), and one from earlier.
		const insert = (created: number) =>
			env.DB.prepare(
				"INSERT INTO tokens (hash, purpose, subject_id, expires_at, created_at) VALUES (?, 'console-sign-in', ?, ?, ?)",
			)
				.bind(crypto.randomUUID(), id, created + 15 * 60_000, created)
				.run();
		for (let i = 0; i < 4; i++) await insert(Date.now() - 10 * 60_000);
		await insert(Date.now() - 2 * HOUR);
		const fifth = await signInRequest(email);
		// Written by the intake queue's consumer, after the answer.
		await waitFor(async () => (await outboxCount("console-sign-in", email)) === 1, 5_000, "the fifth link");
		const sixth = await signInRequest(email);
		expect(sixth.status).toBe(fifth.status);
		expect(sixth.body).toBe(fifth.body);
		// Given the queue's batch time (1 s) to write the sixth too: still one.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(await outboxCount("console-sign-in", email)).toBe(1);
	});
});

describe("bulletin test sends", () => {
	async function tokenAndBulletin() {
		const made = await postJson(
			"/api/v1/operator/api-tokens",
			{ name: "bulletins", scopes: ["bulletins"] },
			{ headers: OPERATOR },
		);
		const { token, id } = await made.json<{ token: string; id: string }>();
		const headers = { authorization: `Bearer ${token}` };
		const created = await postJson(
			"/api/v1/admin/bulletins",
			{
				listId: "list_red-line-updates",
				defaultLocale: "en",
				audience: {},
				texts: [{ locale: "en", subject: "News", preheader: "", bodyMarkdown: "Hello." }],
			},
			{ headers },
		);
		expect(created.status).toBe(201);
		const { bulletin } = await created.json<{ bulletin: { id: string } }>();
		return { headers, tokenId: id, bulletinId: bulletin.id };
	}

	it("go only to campaigners on the allow-list, at most 20 a day per token", async () => {
		const { headers, tokenId, bulletinId } = await tokenAndBulletin();
		const test = (email: string) =>
			postJson(`/api/v1/admin/bulletins/${bulletinId}/test`, { email, locale: "en" }, { headers });
		const outsider = unique("outsider").email;
		const refused = await test(outsider);
		expect(refused.status).toBe(422);
		expect(await refused.json()).toMatchObject({ error: { code: "invalid_fields", issues: [{ path: "email" }] } });
		expect(await outboxCount("bulletin", outsider)).toBe(0);

		const campaigner = unique("tester").email;
		await addCampaigner(campaigner);
		expect((await test(campaigner)).status).toBe(202);
		// Nineteen more from this token today (written as the audit rows each test send leaves).
		for (let i = 0; i < 19; i++) {
			await env.DB.prepare(
				"INSERT INTO audit_log (id, actor, action, subject, created_at) VALUES (?, ?, 'bulletin.test', ?, ?)",
			)
				.bind(crypto.randomUUID(), `token:${tokenId}`, bulletinId, Date.now() - HOUR)
				.run();
		}
		const capped = await test(campaigner);
		expect(capped.status).toBe(429);
		expect(await capped.json()).toMatchObject({ error: { code: "rate_limited" } });
		expect(await outboxCount("bulletin", campaigner)).toBe(1);
		// Another token has its own 20.
		const other = await tokenAndBulletin();
		const fresh = await postJson(
			`/api/v1/admin/bulletins/${other.bulletinId}/test`,
			{ email: campaigner, locale: "en" },
			{ headers: other.headers },
		);
		expect(fresh.status).toBe(202);
	});
});
