import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { IntakeMessage } from "../../worker/jobs/intake";
import { postJson, sign, unique, waitForEmail } from "../helpers";
import { consumeIntake } from "../queues";

const count = async (sql: string, ...binds: unknown[]) =>
	(
		await env.DB.prepare(sql)
			.bind(...binds)
			.first<{ n: number }>()
	)?.n ?? 0;

const outboxCount = (to: string, template: string) =>
	count("SELECT count(*) AS n FROM outbox WHERE to_address = ? AND template = ?", to, template);

const subscription = (email: string, id = crypto.randomUUID()): IntakeMessage => ({
	kind: "subscription",
	id,
	acceptedAt: Date.now(),
	listSlug: "red-line-updates",
	input: { email, name: "Amani", country: "CD", locale: "en" },
});

const letter = (email: string, id = crypto.randomUUID()): IntakeMessage => ({
	kind: "letter",
	id,
	acceptedAt: Date.now(),
	campaignSlug: "write-to-your-state",
	ipHash: "iphash",
	input: { email, name: "Amani", country: "FR", locale: "en", subscribe: false },
});

const privacy = (email: string, id = crypto.randomUUID()): IntakeMessage => ({
	kind: "privacy",
	id,
	acceptedAt: Date.now(),
	input: { email, kind: "export", locale: "en" },
});

describe("the intake queue, one by one", () => {
	it("writes a subscription delivered twice once: one subscription, one confirmation email", async () => {
		const { email } = unique("sub-twice");
		const m = subscription(email);
		const first = await consumeIntake([m, m]);
		expect(first.retryMessages).toEqual([]);
		await consumeIntake([m]);
		expect(
			await count(
				"SELECT count(*) AS n FROM subscriptions s JOIN people p ON p.id = s.person_id WHERE p.email = ?",
				email,
			),
		).toBe(1);
		expect(await outboxCount(email, "confirm-subscription")).toBe(1);
	});

	it("writes letters delivered twice once: one letter, one confirmation email", async () => {
		const { email } = unique("letter-twice");
		const m = letter(email);
		await consumeIntake([m]);
		await consumeIntake([m]);
		expect(
			await count("SELECT count(*) AS n FROM letters l JOIN people p ON p.id = l.person_id WHERE p.email = ?", email),
		).toBe(1);
		expect(await outboxCount(email, "confirm-letter")).toBe(1);
	});

	it("writes a privacy request delivered twice once: one request, one email", async () => {
		// A known address: a privacy request for an unknown one writes nothing at all.
		const person = unique("privacy-twice");
		await sign({ email: person.email, name: "Amani", country: "CD" }, person.ip);
		await waitForEmail(person.email);
		const m = privacy(person.email);
		await consumeIntake([m]);
		await consumeIntake([m]);
		expect(
			await count(
				"SELECT count(*) AS n FROM privacy_requests r JOIN people p ON p.id = r.person_id WHERE p.email = ?",
				person.email,
			),
		).toBe(1);
		expect(await outboxCount(person.email, "privacy-request")).toBe(1);
	});

	it("writes a console sign-in request delivered twice once: one link", async () => {
		const { email } = unique("signin-twice");
		await env.DB.prepare(
			"INSERT INTO campaigners (id, email, role, locale, created_at, updated_at) VALUES (?, ?, 'editor', 'en', 0, 0)",
		)
			.bind(crypto.randomUUID(), email)
			.run();
		const m: IntakeMessage = {
			kind: "console-sign-in",
			id: crypto.randomUUID(),
			acceptedAt: Date.now(),
			input: { email },
		};
		await consumeIntake([m, m]);
		await consumeIntake([m]);
		expect(await outboxCount(email, "console-sign-in")).toBe(1);
	});

	it("writes nothing for a list closed between the accept and the write, and acks the message", async () => {
		await env.DB.prepare(
			"INSERT INTO lists (id, slug, status, default_locale, created_at, updated_at) VALUES ('list_closing', 'closing-list', 'closed', 'en', 0, 0)",
		).run();
		const { email } = unique("sub-closed");
		const result = await consumeIntake([{ ...subscription(email), listSlug: "closing-list" } as IntakeMessage]);
		expect(result.retryMessages).toEqual([]);
		expect(result.explicitAcks).toHaveLength(1);
		expect(await count("SELECT count(*) AS n FROM people WHERE email = ?", email)).toBe(0);
	});

	it("answers a subscription with 202 before anything is written, and the queue writes it", async () => {
		const person = unique("sub-route");
		const res = await postJson(
			"/api/v1/lists/red-line-updates/subscriptions",
			{ email: person.email, name: "Amani", country: "CD", locale: "en" },
			{ ip: person.ip },
		);
		expect(res.status).toBe(202);
		const mail = await waitForEmail(person.email);
		expect(mail.subject).toBeTruthy();
		expect(await outboxCount(person.email, "confirm-subscription")).toBe(1);
	});
});
