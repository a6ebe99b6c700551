import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { deliverEmails } from "../../worker/jobs/deliver-email";
import { createMailer } from "../../worker/mail/create-mailer";
import type { BatchSendResult, Mailer, OutgoingEmail } from "../../worker/mail/mailer";
import { type DeliveryMessage, outboxInsert } from "../../worker/mail/outbox";
import { durablePace, localPace, REACH_MS } from "../../worker/mail/pace";
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

/**
 * A clock of its own for callers running at once: time moves to the next timer when every
 * caller is waiting on one.
 */
function virtualClock(start = 1_000_000) {
	let t = start;
	let timers: { at: number; fire: () => void }[] = [];
	const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
	return {
		now: () => t,
		sleep: (ms: number) =>
			new Promise<void>((resolve) => {
				timers.push({ at: t + Math.max(0, ms), fire: resolve });
			}),
		async runUntil<T>(done: Promise<T>): Promise<T> {
			let finished = false;
			void done.then(() => {
				finished = true;
			});
			for (let steps = 0; steps < 100_000; steps++) {
				await settle();
				if (finished) return done;
				timers.sort((a, b) => a.at - b.at);
				const next = timers[0];
				if (!next) throw new Error("every caller waits, and no timer is set");
				timers = timers.slice(1);
				t = Math.max(t, next.at);
				next.fire();
			}
			throw new Error("the callers never finished");
		},
	};
}

/** A small seeded generator (mulberry32). */
function seeded(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let x = Math.imul(a ^ (a >>> 15), 1 | a);
		x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * `callers` callers of `calls` calls each through a local pace at `rate`, to a provider that
 * counts each call `0..maxLagMs` after its start (never after its answer, 0 to 400 ms after the
 * start) in a sliding second and answers 429 (wait 1 s) when that second is full; a 429 is made
 * again. Once (`holdAt`), the provider asks for 1.5 s.
 */
async function simulate(
	rate: number,
	callers: number,
	calls: number,
	opts: { maxLagMs: number; holdAt?: number },
): Promise<{ admitted: number[]; limited: number[]; spanMs: number }> {
	const clock = virtualClock();
	const pace = localPace(rate, clock.now, clock.sleep);
	const random = seeded(rate * 1000 + callers);
	const admitted: number[] = [];
	const limited: number[] = [];
	const starts: number[] = [];
	const caller = async (c: number) => {
		for (let i = 0; i < calls; ) {
			const slot = await pace.take(c % 3 === 0 ? "bulletin" : "transactional");
			await slot.start();
			starts.push(clock.now());
			const took = Math.floor(random() * 400);
			const lag = Math.min(took, Math.floor(random() * (opts.maxLagMs + 1)));
			await clock.sleep(lag);
			const at = clock.now();
			const ok = admitted.filter((t) => at - t < 1000).length < rate;
			if (ok) admitted.push(at);
			else limited.push(at);
			await clock.sleep(took - lag);
			if (!ok) {
				await slot.done(1000);
				continue;
			}
			i++;
			await slot.done();
			// A Retry-After on another answer (a 500's, say): every call waits.
			if (admitted.length === opts.holdAt) await pace.hold(1500);
		}
	};
	await clock.runUntil(Promise.all(Array.from({ length: callers }, (_, c) => caller(c))));
	starts.sort((a, b) => a - b);
	return { admitted, limited, spanMs: (starts.at(-1) as number) - (starts[0] as number) };
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

	it("makes a failed batch call again at the pace's next free slot, not after a sleep", async () => {
		const clock = fakeTime();
		const outage: BatchSendResult = { ok: false, error: "resend 500 internal_server_error: oops", permanent: false };
		const { mailer, calls } = scriptedMailer(3, outage, clock.now);
		const ids = (await rows(5)).map((r) => r.id);
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
		expect(calls).toHaveLength(4);
		// One slot (200 ms at 5 a second) apart: the queue batch is not held for seconds.
		expect(calls.slice(1).map((c, i) => c.at - (calls[i] as { at: number }).at)).toEqual([200, 200, 200]);
		expect((await statusOf(ids)).map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ["sent", 4]));
	});

	it("never lets the provider count more than the rate in any second, whenever each call reaches it, after a hold too", async () => {
		for (const rate of [5, 20]) {
			// Calls reach the provider up to REACH_MS after they start, answered 0 to 400 ms after.
			const run = await simulate(rate, 30, 10, { maxLagMs: REACH_MS, holdAt: 100 });
			expect(run.admitted).toHaveLength(300);
			expect(run.limited).toEqual([]);
			// Little is idle: a second per `rate` calls, the reach, and the 1.5 s hold.
			expect(run.spanMs).toBeLessThan((300 / rate) * (1000 + REACH_MS + 30) + 2000);
		}
	});

	it("counts calls longer after a 429 when the provider sees them later than we thought, and kills none", async () => {
		// The provider's own queue: calls reach it up to 300 ms after they start.
		const run = await simulate(5, 10, 20, { maxLagMs: 300 });
		expect(run.admitted).toHaveLength(200);
		expect(run.limited.length).toBeGreaterThan(0);
		expect(run.limited.length).toBeLessThan(10);
		// Learned: none in the second half.
		const half = run.admitted[100] as number;
		expect(run.limited.filter((t) => t > half)).toEqual([]);
	});

	it("fills every slot when answers are quick, with no margin on the rate", async () => {
		const clock = virtualClock();
		const pace = localPace(5, clock.now, clock.sleep);
		const starts: number[] = [];
		const caller = async () => {
			for (let i = 0; i < 10; i++) {
				const slot = await pace.take("transactional");
				await slot.start();
				starts.push(clock.now());
				await clock.sleep(5);
				await slot.done();
			}
		};
		await clock.runUntil(Promise.all(Array.from({ length: 10 }, caller)));
		// 100 calls at 5 a second, 200 ms apart: 19 full seconds after the first five (and a few ms
		// each for the answers), then four more starts.
		expect((starts.at(-1) as number) - (starts[0] as number)).toBeLessThanOrEqual(19 * (1000 + 5 + 3) + 4 * 200 + 20);
	});

	it("puts transactional emails before bulletin batches", async () => {
		const clock = virtualClock();
		const pace = localPace(5, clock.now, clock.sleep);
		// Five calls out: the account's second is full until their answers are in.
		const out = await clock.runUntil(Promise.all(Array.from({ length: 5 }, () => pace.take("bulletin"))));
		const order: string[] = [];
		const takes = [
			...Array.from({ length: 3 }, (_, i) =>
				pace.take("bulletin").then(async (s) => {
					order.push(`bulletin ${i}`);
					await s.done();
				}),
			),
			...Array.from({ length: 3 }, (_, i) =>
				pace.take("transactional").then(async (s) => {
					order.push(`transactional ${i}`);
					await s.done();
				}),
			),
		];
		await clock.runUntil(clock.sleep(300));
		for (const slot of out) await slot.done();
		await clock.runUntil(Promise.all(takes));
		expect(order).toEqual([
			"transactional 0",
			"transactional 1",
			"transactional 2",
			"bulletin 0",
			"bulletin 1",
			"bulletin 2",
		]);
	});

	it("paces every caller of the Durable Object, across callers, and holds them after a 429", async () => {
		const pace = durablePace(env.MAIL_PACE, 10, undefined, "do-test");
		const starts: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 24 }, async (_, i) => {
				const slot = await pace.take(i % 3 === 0 ? "bulletin" : "transactional");
				starts.push(Date.now() - t0);
				await slot.done();
			}),
		);
		starts.sort((a, b) => a - b);
		// 24 starts at 10 a second: at most 10 in any second.
		for (const [i, s] of starts.entries()) {
			const next = starts[i + 10];
			if (next !== undefined) expect(next - s).toBeGreaterThanOrEqual(1000);
		}
		expect((starts.at(-1) as number) - (starts[0] as number)).toBeGreaterThanOrEqual(2000);
		const slot = await pace.take("transactional");
		await slot.done(1500);
		const held = Date.now();
		await (await pace.take("transactional")).done();
		expect(Date.now() - held).toBeGreaterThanOrEqual(1400);
	});

	it("makes no call over the rate through the stand-in, with many consumers at once", async () => {
		const domain = `${unique("rate").email.split("@")[0]?.replace(/\W/g, "")}.pace.test`;
		// The stand-in counts by its own wall clock, which a loaded machine can make calls reach
		// bunched: it allows one call a second more than the pace spends. Twelve unpaced calls at
		// once would still be refused by the dozen; the exact rate, wherever calls reach the
		// provider, is the fake-clock test's above.
		const res = await fetch(`${standIn()}/_stand-in/chaos`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ domain, ratePerSecond: 5, seed: 1 }),
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
