import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { deliverEmails } from "../../worker/jobs/deliver-email";
import { createMailer } from "../../worker/mail/create-mailer";
import type { BatchSendResult, Mailer, OutgoingEmail } from "../../worker/mail/mailer";
import { type DeliveryMessage, outboxInsert } from "../../worker/mail/outbox";
import { durablePace, localPace, PaceBook } from "../../worker/mail/pace";
import { unique } from "../helpers";

const db = createDb(env.DB);
const links = { secret: env.APP_SECRET, publicUrl: "https://engine.test", mailFrom: "Red Line <hi@example.org>" };
const standIn = () => env.RESEND_BASE_URL;

/** `n` sign-in emails (they need nothing else in the database) to fresh addresses, at `domain`. */
async function rows(n: number, domain = "example.org"): Promise<{ id: string; to: string }[]> {
	const made = Array.from({ length: n }, () => {
		const to = `${unique("pace").email.split("@")[0]}@${domain}`;
		return {
			to,
			...outboxInsert(
				db,
				{
					template: "console-sign-in",
					to,
					locale: "en",
					props: { campaignerId: "c1" },
					dedupeKey: `pace:${crypto.randomUUID()}`,
				},
				Date.now(),
			),
		};
	});
	const [first, ...rest] = made.map((m) => m.statement);
	if (first) await db.batch([first, ...rest]);
	return made.map(({ id, to }) => ({ id, to }));
}

/** The rows as the cron would put them on the queue again: id and current attempt. */
async function messagesFor(ids: string[]): Promise<DeliveryMessage[]> {
	const { results } = await env.DB.prepare(
		"SELECT id, attempts FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND status NOT IN ('sent', 'dead', 'suppressed')",
	)
		.bind(JSON.stringify(ids))
		.all<{ id: string; attempts: number }>();
	return results.map((r) => ({ outboxId: r.id, attempts: r.attempts }));
}

async function statusOf(ids: string[]) {
	const { results } = await env.DB.prepare(
		"SELECT id, status, attempts, batch_key FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
	)
		.bind(JSON.stringify(ids))
		.all<{ id: string; status: string; attempts: number; batch_key: string | null }>();
	return results;
}

/** A clock that only moves when someone sleeps on it. */
function fakeTime(start = Date.now()) {
	let t = start;
	return {
		now: () => t,
		sleep: async (ms: number) => {
			t += ms;
		},
	};
}

const rateLimited: BatchSendResult = {
	ok: false,
	error: "resend 429 rate_limit_exceeded: Too many requests",
	permanent: false,
	retryAfterSeconds: 1,
};

/** A mailer answering the first `refusals` calls with `refusal`, then taking everything; it logs each call's time. */
function scriptedMailer(refusals: number, refusal: BatchSendResult, now: () => number) {
	const calls: { at: number; emails: number }[] = [];
	const sent: OutgoingEmail["to"][] = [];
	const answer = (emails: { to: string }[]): BatchSendResult => {
		calls.push({ at: now(), emails: emails.length });
		if (calls.length <= refusals) return refusal;
		sent.push(...emails.map((e) => e.to));
		return { ok: true, ids: emails.map((_, i) => `re_${calls.length}_${i}`) };
	};
	const mailer: Mailer = {
		name: "scripted",
		send: async (email) => {
			const r = answer([email]);
			return r.ok ? { ok: true, id: r.ids[0] ?? null } : r;
		},
		sendBatch: async (emails) => answer(emails),
	};
	return { mailer, calls, sent };
}

describe("one pace for the mail account", () => {
	it("kills nothing through 100 consecutive 429s: a 429 is not an attempt", async () => {
		const clock = fakeTime();
		const { mailer, calls, sent } = scriptedMailer(100, rateLimited, clock.now);
		const made = await rows(7);
		const ids = made.map((r) => r.id);
		const deps = {
			db,
			mailer,
			links,
			from: links.mailFrom,
			maxAttempts: 4,
			now: clock.now,
			sleep: clock.sleep,
			pace: localPace(5, clock.now, clock.sleep),
			waitBudgetMs: 20_000,
		};
		let invocations = 0;
		for (let msgs = await messagesFor(ids); msgs.length > 0; msgs = await messagesFor(ids)) {
			expect((await statusOf(ids)).filter((r) => r.status === "dead")).toEqual([]);
			await deliverEmails(deps, msgs);
			invocations++;
			expect(invocations).toBeLessThan(20);
		}
		expect(calls.length).toBe(101);
		expect(invocations).toBeGreaterThan(1);
		expect(sent.sort()).toEqual(made.map((r) => r.to).sort());
		// One real attempt each (the one that went), one key for the whole group throughout.
		const settled = await statusOf(ids);
		expect(settled.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ["sent", 1]));
		expect(new Set(settled.map((r) => r.batch_key)).size).toBe(1);
	});

	it("honours Retry-After: the next call waits for the time the provider gave", async () => {
		const clock = fakeTime();
		const { mailer, calls } = scriptedMailer(1, { ...rateLimited, retryAfterSeconds: 3 }, clock.now);
		const ids = (await rows(3)).map((r) => r.id);
		const deps = {
			db,
			mailer,
			links,
			from: links.mailFrom,
			maxAttempts: 4,
			now: clock.now,
			sleep: clock.sleep,
			pace: localPace(5, clock.now, clock.sleep),
		};
		await deliverEmails(deps, await messagesFor(ids));
		expect(calls).toHaveLength(2);
		expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(3000);
		expect((await statusOf(ids)).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
	});

	it("makes a failed batch call again at once, as a real attempt, with the same key", async () => {
		const clock = fakeTime();
		const outage: BatchSendResult = { ok: false, error: "resend 500 internal_server_error: oops", permanent: false };
		const { mailer, calls } = scriptedMailer(2, outage, clock.now);
		const ids = (await rows(4)).map((r) => r.id);
		const deps = {
			db,
			mailer,
			links,
			from: links.mailFrom,
			maxAttempts: 8,
			now: clock.now,
			sleep: clock.sleep,
			pace: localPace(5, clock.now, clock.sleep),
		};
		await deliverEmails(deps, await messagesFor(ids));
		expect(calls).toHaveLength(3);
		expect((await statusOf(ids)).map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ["sent", 3]));
	});

	it("puts transactional emails before bulletin batches", () => {
		const book = new PaceBook();
		const interval = 1060 / 5;
		let t = 1_000_000;
		// A surge of confirmations takes the next slots: a bulletin batch is told to ask again.
		const waits = Array.from({ length: 10 }, () => book.reserve("transactional", 5, t));
		expect(waits.map((w) => ("at" in w ? Math.round((w.at - t) / interval) : -1))).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
		]);
		const refused = book.reserve("bulletin", 5, t);
		expect(refused).toEqual({ retryMs: Math.ceil(10 * interval - 250) });
		// A confirmation arriving now still goes before it.
		expect(book.reserve("transactional", 5, t)).toEqual({ at: Math.ceil(t + 10 * interval) });
		// When the confirmations are through, the bulletin gets a slot, at most one slot ahead.
		t += 10 * interval;
		expect(book.reserve("bulletin", 5, t)).toEqual({ at: Math.ceil(t + interval) });
		expect("retryMs" in book.reserve("bulletin", 5, t)).toBe(true);
		// A 429 holds everyone.
		book.hold(t, 2000);
		expect(book.reserve("transactional", 5, t)).toEqual({ at: Math.ceil(t + 2000) });
	});

	it("spaces every caller of the Durable Object to the rate, across callers, and holds them after a 429", async () => {
		const pace = durablePace(env.MAIL_PACE, 10);
		const starts: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 12 }, async (_, i) => {
				await pace.take(i % 3 === 0 ? "bulletin" : "transactional");
				starts.push(Date.now() - t0);
			}),
		);
		starts.sort((a, b) => a - b);
		// 12 starts at 10 a second (plus the margin): at most 10 in any second.
		for (const [i, s] of starts.entries()) {
			const next = starts[i + 10];
			if (next !== undefined) expect(next - s).toBeGreaterThanOrEqual(1000);
		}
		await pace.hold(1500);
		const held = Date.now();
		await pace.take("transactional");
		expect(Date.now() - held).toBeGreaterThanOrEqual(1400);
	});

	it("makes no call over the rate through the stand-in, with many consumers at once", async () => {
		const domain = `${unique("rate").email.split("@")[0]?.replace(/\W/g, "")}.pace.test`;
		const res = await fetch(`${standIn()}/_stand-in/chaos`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ domain, ratePerSecond: 4, seed: 1 }),
		});
		expect(res.status).toBe(200);
		const made = await rows(24, domain);
		const deps = {
			db,
			mailer: createMailer(env, db),
			links,
			from: links.mailFrom,
			maxAttempts: 4,
			now: Date.now,
			pace: durablePace(env.MAIL_PACE, 4, undefined, "rate-test"),
		};
		// Twelve consumers of two messages each, all at once: twelve calls.
		const msgs = await messagesFor(made.map((r) => r.id));
		await Promise.all(Array.from({ length: 12 }, (_, i) => deliverEmails(deps, msgs.slice(2 * i, 2 * i + 2))));
		const counts = (await (await fetch(`${standIn()}/_stand-in/chaos?domain=${domain}`)).json()) as {
			counts: { calls: number; rateLimited: number };
		};
		expect(counts.counts).toMatchObject({ calls: 12, rateLimited: 0 });
		expect((await statusOf(made.map((r) => r.id))).every((r) => r.status === "sent")).toBe(true);
	});

	it("sends exactly once through lost answers, workers that died after the call, and redelivered messages", async () => {
		const domain = `${unique("lost").email.split("@")[0]?.replace(/\W/g, "")}.pace.test`;
		const res = await fetch(`${standIn()}/_stand-in/chaos`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ domain, shareLost: 0.4, share500: 0.1, seed: 7 }),
		});
		expect(res.status).toBe(200);
		const made = await rows(60, domain);
		const ids = made.map((r) => r.id);
		const deps = {
			db,
			mailer: createMailer(env, db),
			links,
			from: links.mailFrom,
			maxAttempts: 8,
			now: Date.now,
			pace: durablePace(env.MAIL_PACE, 50, undefined, "lost-test"),
			sleep: async () => {},
		};
		let msgs = await messagesFor(ids);
		// Every batch of ten delivered twice at once (a redelivered queue message).
		await Promise.all(
			Array.from({ length: 6 }, (_, i) => msgs.slice(10 * i, 10 * i + 10)).flatMap((batch) => [
				deliverEmails(deps, batch),
				deliverEmails(deps, batch),
			]),
		);
		// As if some workers died after the provider took their call: rows back in doubt, due again.
		await env.DB.prepare(
			"UPDATE outbox SET status = 'sending', next_attempt_at = 0 WHERE id IN (SELECT value FROM json_each(?)) AND rowid % 3 = 0",
		)
			.bind(JSON.stringify(ids))
			.run();
		for (let round = 0; round < 10; round++) {
			msgs = await messagesFor(ids);
			if (msgs.length === 0) break;
			// The cron's messages, in other batches than the first claims: a group comes back whole.
			await Promise.all([deliverEmails(deps, msgs.slice(0, 7)), deliverEmails(deps, msgs.slice(7))]);
		}
		expect((await statusOf(ids)).filter((r) => r.status !== "sent")).toEqual([]);
		const got = (await (await fetch(`${standIn()}/_stand-in/emails?domain=${domain}&summary=1`)).json()) as {
			emails: { to: string[] }[];
		};
		const per = new Map<string, number>();
		for (const e of got.emails) for (const to of e.to) per.set(to, (per.get(to) ?? 0) + 1);
		expect(made.filter((r) => per.get(r.to) !== 1)).toEqual([]);
		const chaos = (await (await fetch(`${standIn()}/_stand-in/chaos?domain=${domain}`)).json()) as {
			counts: { lost: number };
		};
		expect(chaos.counts.lost).toBeGreaterThan(0);
	});
});
