import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { erasePerson } from "../../worker/domain/people/privacy";
import { confirmToken, emailsTo, petition, requestWithEnv, sign, unique, waitFor, waitForEmail } from "../helpers";
import { capturingQueue, consumeIntake } from "../queues";

async function signed(prefix: string, body: Record<string, unknown> = {}) {
	const { email } = unique(prefix);
	expect((await sign({ email, ...body })).status).toBe(202);
	const token = confirmToken(await waitForEmail(email));
	return { email, token };
}

/** The page's button, with the click caught instead of queued. */
async function click(token: string, intake: ReturnType<typeof capturingQueue>, accept = "text/html") {
	return requestWithEnv(`/confirm/${token}`, { INTAKE_QUEUE: intake.queue }, { method: "POST", headers: { accept } });
}

async function stateOf(email: string) {
	const sig = await env.DB.prepare(
		"SELECT s.id, s.status, s.confirmed_at AS confirmedAt, s.emails_sent AS emailsSent, s.share_code AS shareCode, s.updated_at AS updatedAt FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
	)
		.bind(email.toLowerCase())
		.first<{
			id: string;
			status: string;
			confirmedAt: number | null;
			emailsSent: number;
			shareCode: string | null;
			updatedAt: number;
		}>();
	const thanks = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE to_address = ? AND template = ?")
		.bind(email, "signature-confirmed")
		.first<{ n: number }>();
	const hooks = await env.DB.prepare("SELECT count(*) AS n FROM webhook_messages WHERE event_key = ?")
		.bind(`signature.confirmed:${sig?.id}`)
		.first<{ n: number }>();
	return { sig, thanks: thanks?.n ?? 0, hooks: hooks?.n ?? 0 };
}

/**
 * A webhook endpoint for signature.confirmed, so that its messages are written (and counted here),
 * pointing at a receiver of the local stand-in.
 */
async function webhookEndpoint() {
	const res = await fetch(`${env.RESEND_BASE_URL}/_webhooks/receivers`, { method: "POST" });
	const { url } = (await res.json()) as { url: string };
	await env.DB.prepare(
		"INSERT OR IGNORE INTO webhook_endpoints (id, url, secret, events, enabled, personal_data, created_at, updated_at) VALUES ('wh_confirm_queue', ?, 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=', '[\"signature.confirmed\"]', 1, 0, 0, 0)",
	)
		.bind(url)
		.run();
}

describe("a confirmation click through the intake queue", () => {
	it("answers the thank-you page at once, with the share code the consumer then records", async () => {
		const { email, token } = await signed("click-page");
		const intake = capturingQueue();
		const before = (await petition()).count;
		const res = await click(token, intake);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain("Thank you");
		// Nothing written yet: the click is on the queue.
		expect((await stateOf(email)).sig?.status).toBe("pending");
		expect((await petition()).count).toBe(before);
		const clicks = intake.take();
		expect(clicks).toEqual([expect.objectContaining({ kind: "confirm-signature", petitionId: expect.any(String) })]);
		// The raw token never travels, only its hash.
		expect(JSON.stringify(clicks)).not.toContain(token);

		const result = await consumeIntake(clicks);
		expect(result.retryMessages).toEqual([]);
		expect(result.explicitAcks).toHaveLength(1);
		const { sig, thanks } = await stateOf(email);
		expect(sig?.status).toBe("confirmed");
		expect(html).toContain(`r%3D${sig?.shareCode}w`);
		expect(thanks).toBe(1);
		expect((await petition()).count).toBe(before + 1);
	});

	it("confirms a double click once and sends one thank-you, in one batch or in two", async () => {
		await webhookEndpoint();
		for (const together of [true, false]) {
			const { email, token } = await signed("double-click");
			const intake = capturingQueue();
			const before = (await petition()).count;
			const [a, b] = await Promise.all([
				click(token, intake, "application/json"),
				click(token, intake, "application/json"),
			]);
			expect([a.status, b.status]).toEqual([200, 200]);
			expect(await a.json()).toEqual({ status: "confirmed", petition: "call-to-action" });
			const clicks = intake.take();
			expect(clicks).toHaveLength(2);
			if (together) await consumeIntake(clicks);
			else for (const one of clicks) await consumeIntake([one]);
			const state = await stateOf(email);
			expect(state.sig?.status).toBe("confirmed");
			expect(state.thanks).toBe(1);
			expect(state.hooks).toBe(1);
			expect(state.sig?.emailsSent).toBe(2);
			expect((await petition()).count).toBe(before + 1);
			await waitForEmail(email, 2);
			await new Promise((r) => setTimeout(r, 1500));
			expect((await emailsTo(email)).filter((m) => m.subject.startsWith("Thank you for signing"))).toHaveLength(1);
		}
	});

	it("writes nothing twice for a redelivered click", async () => {
		await webhookEndpoint();
		const { email, token } = await signed("redelivered");
		const intake = capturingQueue();
		await click(token, intake);
		const clicks = intake.take();
		await consumeIntake(clicks);
		const first = await stateOf(email);
		const count = (await petition()).count;
		expect(first.sig?.status).toBe("confirmed");
		// The queue delivers the same message again (an acknowledgement lost), later, and twice in one batch.
		await new Promise((r) => setTimeout(r, 5));
		const again = await consumeIntake([...clicks, ...clicks]);
		expect(again.retryMessages).toEqual([]);
		expect(again.explicitAcks).toHaveLength(2);
		const second = await stateOf(email);
		expect(second).toEqual(first);
		expect((await petition()).count).toBe(count);
		// A later click on the used link queues nothing at all.
		expect((await click(token, intake)).status).toBe(200);
		expect(intake.take()).toEqual([]);
	});

	it("writes nothing for a signature erased between the click and the write", async () => {
		const { email, token } = await signed("erased-between");
		const intake = capturingQueue();
		const before = (await petition()).count;
		expect((await click(token, intake)).status).toBe(200);
		const { sig } = await stateOf(email);
		const person = await env.DB.prepare("SELECT person_id AS id FROM signatures WHERE id = ?")
			.bind(sig?.id)
			.first<{ id: string }>();
		await erasePerson(createDb(env.DB), person?.id ?? "", Date.now());
		const result = await consumeIntake(intake.take());
		expect(result.retryMessages).toEqual([]);
		expect(await env.DB.prepare("SELECT count(*) AS n FROM signatures WHERE id = ?").bind(sig?.id).first()).toEqual({
			n: 0,
		});
		const written = await env.DB.prepare(
			"SELECT (SELECT count(*) FROM outbox WHERE template = 'signature-confirmed' AND props LIKE ?) AS outbox, (SELECT count(*) FROM webhook_messages WHERE event_key = ?) AS hooks, (SELECT name FROM people WHERE id = ?) AS name",
		)
			.bind(`%${sig?.id}%`, `signature.confirmed:${sig?.id}`, person?.id)
			.first<{ outbox: number; hooks: number; name: string | null }>();
		// No thank-you, no webhook, and the person stays erased (the click's name is not written back).
		expect(written).toEqual({ outbox: 0, hooks: 0, name: null });
		expect((await petition()).count).toBe(before);
	});

	it("confirms an existing signature on a petition closed between signing and the click, as before", async () => {
		const { email, token } = await signed("closed-between");
		const intake = capturingQueue();
		const before = (await petition()).count;
		await env.DB.prepare("UPDATE petitions SET status = 'closed' WHERE slug = 'call-to-action'").run();
		try {
			expect((await click(token, intake)).status).toBe(200);
			await consumeIntake(intake.take());
		} finally {
			await env.DB.prepare("UPDATE petitions SET status = 'open' WHERE slug = 'call-to-action'").run();
		}
		expect((await stateOf(email)).sig?.status).toBe("confirmed");
		expect((await petition()).count).toBe(before + 1);
	});

	it("confirms a click whose link expired after the click, before the consumer ran", async () => {
		const { email, token } = await signed("expiring");
		const intake = capturingQueue();
		await click(token, intake);
		await new Promise((r) => setTimeout(r, 20));
		// The link expires before the consumer runs: the click, made in time, still confirms.
		await env.DB.prepare(
			"UPDATE tokens SET expires_at = ? WHERE subject_id = (SELECT s.id FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?)",
		)
			.bind(Date.now() - 1, email.toLowerCase())
			.run();
		await consumeIntake(intake.take());
		expect((await stateOf(email)).sig?.status).toBe("confirmed");
	});

	it("confirms a batch of clicks in a handful of statements, each with its own details and counts", async () => {
		const people = await Promise.all(
			["FR", "UA", "CO", "LB"].map((country, i) => signed(`batch-${i}`, { country, name: `Name ${i}` })),
		);
		const before = await petition();
		const intake = capturingQueue();
		for (const p of people) expect((await click(p.token, intake)).status).toBe(200);
		const result = await consumeIntake(intake.take());
		expect(result.explicitAcks).toHaveLength(4);
		const after = await petition();
		expect(after.count).toBe(before.count + 4);
		for (const c of ["FR", "UA", "CO", "LB"]) expect(after.countries[c]).toBe((before.countries[c] ?? 0) + 1);
		for (const p of people) {
			const { sig, thanks } = await stateOf(p.email);
			expect(sig?.status).toBe("confirmed");
			expect(thanks).toBe(1);
		}
		const codes = await Promise.all(people.map(async (p) => (await stateOf(p.email)).sig?.shareCode));
		expect(new Set(codes).size).toBe(4);
		await waitFor(async () => (await emailsTo(people[3]?.email ?? "")).length >= 2, 15_000, "the thank-you");
	});
});
