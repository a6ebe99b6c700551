import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CRON_EVERY_MINUTE } from "../../worker/jobs/cron";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	fault,
	outboxRowsTo,
	petition,
	request,
	runCron,
	sign,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

const MINUTE = 60_000;

/** Waits until the outbox row to `address` reaches one of `statuses`. */
function rowIn(address: string, statuses: string[]) {
	return waitFor(
		async () => (await outboxRowsTo(address)).find((r) => statuses.includes(r.status)),
		15_000,
		`outbox row to ${address} in ${statuses.join("|")}`,
	);
}

describe("email delivery through the outbox", () => {
	it("keeps an email the provider refused with a 500, and delivers it once when it is due", async () => {
		const { email } = unique("outage");
		await fault(email, 500, 1);
		await sign({ email });
		const failed = await rowIn(email, ["failed"]);
		expect(failed.attempts).toBe(1);
		expect(failed.last_error).toContain("500");
		expect(await emailsTo(email)).toHaveLength(0);

		// Not due yet: the cron leaves it alone.
		await runCron(CRON_EVERY_MINUTE, Date.now());
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(0);

		// Due (backoff after one failure is about a minute): sent, once.
		await runCron(CRON_EVERY_MINUTE, Date.now() + 3 * MINUTE);
		const mail = await waitForEmail(email);
		expect((await rowIn(email, ["sent"])).attempts).toBe(2);
		await runCron(CRON_EVERY_MINUTE, Date.now() + 60 * MINUTE);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(1);

		// The link in the late email works as any other.
		const before = (await petition()).count;
		await confirmClick(confirmToken(mail));
		expect((await petition()).count).toBe(before + 1);
	});

	it("honours a 429's Retry-After before trying again", async () => {
		const { email } = unique("ratelimited");
		await fault(email, 429, 1, 600);
		await sign({ email });
		const failed = await rowIn(email, ["failed"]);
		expect(failed.next_attempt_at).toBeGreaterThan(Date.now() + 9 * MINUTE);
		await runCron(CRON_EVERY_MINUTE, Date.now() + 5 * MINUTE);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(0);
		expect(failed.attempts).toBe(0);
		await runCron(CRON_EVERY_MINUTE, Date.now() + 11 * MINUTE);
		await waitForEmail(email);
		// A 429 is the provider asking us to wait, not a failed attempt (issue 13).
		expect((await rowIn(email, ["sent"])).attempts).toBe(1);
	});

	it("finds an email whose queue message was lost", async () => {
		const { email } = unique("lost");
		// Written as the signing route writes it, but never put on the queue.
		await sign({ email });
		await waitForEmail(email);
		const [row] = await outboxRowsTo(email);
		if (!row) throw new Error("no outbox row");
		await env.DB.prepare(
			"INSERT INTO outbox (id, dedupe_key, template, to_address, locale, props, status, attempts, next_attempt_at, created_at) SELECT ?, dedupe_key || ':lost', template, to_address, locale, props, 'pending', 0, ?, created_at FROM outbox WHERE id = ?",
		)
			.bind(crypto.randomUUID(), Date.now() + MINUTE, row.id)
			.run();
		await runCron(CRON_EVERY_MINUTE, Date.now() + 2 * MINUTE);
		await waitForEmail(email, 2);
		await waitFor(async () => (await outboxRowsTo(email)).every((r) => r.status === "sent"), 15_000, "all sent");
	});

	it("sends nothing twice when a delivery is retried after the provider already took it", async () => {
		const { email } = unique("twice");
		await sign({ email });
		await waitForEmail(email);
		const sent = await rowIn(email, ["sent"]);
		// As if the worker died between the provider's answer and marking the row sent.
		await env.DB.prepare("UPDATE outbox SET status = 'sending', next_attempt_at = ? WHERE id = ?")
			.bind(Date.now(), sent.id)
			.run();
		await runCron(CRON_EVERY_MINUTE, Date.now() + MINUTE);
		await waitFor(async () => (await rowIn(email, ["sent"])).attempts === 2, 15_000, "second attempt settled");
		const mails = await emailsTo(email);
		expect(mails).toHaveLength(1);
		expect(mails[0]?.idempotencyKey).toBe(sent.id);
	});

	it("marks an email dead after the last attempt, lists it for operators, and can revive it", async () => {
		const { email } = unique("dead");
		await fault(email, 503, 10);
		await sign({ email });
		let now = Date.now();
		for (let attempt = 1; attempt <= Number(env.OUTBOX_MAX_ATTEMPTS); attempt++) {
			await rowIn(email, attempt < Number(env.OUTBOX_MAX_ATTEMPTS) ? ["failed"] : ["dead"]);
			await waitFor(async () => (await outboxRowsTo(email))[0]?.attempts === attempt, 15_000, `attempt ${attempt}`);
			now += 2 * 60 * MINUTE;
			if (attempt < Number(env.OUTBOX_MAX_ATTEMPTS)) await runCron(CRON_EVERY_MINUTE, now);
		}
		const dead = await rowIn(email, ["dead"]);
		expect(dead.attempts).toBe(Number(env.OUTBOX_MAX_ATTEMPTS));
		expect(await emailsTo(email)).toHaveLength(0);

		const unauthorised = await request("/api/v1/operator/outbox?status=dead");
		expect(unauthorised.status).toBe(401);
		const auth = { authorization: `Bearer ${env.OPERATOR_TOKEN}` };
		const list = await request("/api/v1/operator/outbox?status=dead", { headers: auth });
		expect(list.status).toBe(200);
		const { emails } = await list.json<{ emails: { id: string; to: string; lastError: string }[] }>();
		expect(emails.find((e) => e.id === dead.id)).toMatchObject({ to: email });

		await fetch(`${env.RESEND_BASE_URL}/_stand-in/faults?to=${encodeURIComponent(email)}`, { method: "DELETE" });
		const revive = await request(`/api/v1/operator/outbox/${dead.id}/retry`, { method: "POST", headers: auth });
		expect(revive.status).toBe(202);
		await waitForEmail(email);
		expect((await rowIn(email, ["sent"])).status).toBe("sent");
	});

	it("gives up at once on an email the provider will never take", async () => {
		const { email } = unique("invalid");
		await fault(email, 422, 1);
		await sign({ email });
		const dead = await rowIn(email, ["dead"]);
		expect(dead.attempts).toBe(1);
	});
});
