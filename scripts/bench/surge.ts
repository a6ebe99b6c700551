// Surge: 5,000 signatures as fast as the local runtime takes them, their confirmation emails through
// the Resend stand-in at 5 calls a second (Resend's default) failing 5% of calls (answered 500).
// Budget (issue 13): from the last accepted signature to the last confirmation email at most twice
// the least time (emails ÷ (100 × calls/s)) plus 5 s; no email dead, none doubled; and after a
// sample of the links is followed, the petition's public count equals its confirmed rows.
//
// The Worker as built for deployment runs in Miniflare with its queues, their consumers and the
// MAIL_PACE Durable Object (worker/mail/pace.ts); the stand-in runs in this process.
// Knobs: BENCH_SURGE_SIGNATURES (5000), BENCH_SURGE_RATE (calls per second, 5),
// BENCH_SURGE_FAILING (share of calls answered 500, 0.05), BENCH_CONCURRENCY (32).
// Standalone: `node scripts/bench/surge.ts` (builds the Worker first).
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startStandIn } from "../../tests/stand-ins/server.ts";
import { hmac } from "../../worker/lib/crypto.ts";
import { root } from "../local.ts";
import { seedStatements } from "../seed.ts";
import { petitionStatements } from "./data.ts";
import { createClient, runLoad } from "./load.ts";
import { paceTrace } from "./pace-trace.ts";
import { buildWorker, MAIN, migrationStatements, readWranglerToml } from "./runtime.ts";

const num = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
};
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const SLUG = "surge-sign";
const DOMAIN = "surge.test";
const SAMPLE = 200;

export interface SurgeFigures {
	signatures: number;
	ratePerSecond: number;
	failing: number;
	acceptSeconds: number;
	acceptRps: number;
	/** Last accept to last confirmation email, ms. */
	tailMs: number;
	leastMs: number;
	budgetMs: number;
	calls: number;
	rateLimited: number;
	failedCalls: number;
	dead: number;
	doubled: number;
	missing: number;
	sampleConfirmed: number;
	publicCount: number;
	confirmedRows: number;
	ok: boolean;
	problems: string[];
}

async function loadMiniflare(): Promise<typeof import("miniflare")> {
	const fromWrangler = createRequire(join(root, "node_modules", "wrangler", "package.json"));
	return (await import(pathToFileURL(fromWrangler.resolve("miniflare")).href)) as typeof import("miniflare");
}

export async function benchSurge(scriptPath: string): Promise<SurgeFigures> {
	const signatures = Math.floor(num("BENCH_SURGE_SIGNATURES", 5000));
	const rate = num("BENCH_SURGE_RATE", 5);
	const failing = num("BENCH_SURGE_FAILING", 0.05);
	const concurrency = Math.floor(num("BENCH_CONCURRENCY", 32));
	const leastMs = (signatures / (100 * rate)) * 1000;
	const budgetMs = 2 * leastMs + 5000;
	const trace = paceTrace();
	const standIn = await startStandIn({ ratePerSecond: rate, storeBodies: false, log: trace.log });
	trace.attach(standIn);
	const chaos = await fetch(`${standIn.url}/_stand-in/chaos`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ domain: DOMAIN, share500: failing, seed: 13 }),
	});
	if (!chaos.ok) throw new Error(`stand-in chaos: ${chaos.status}`);
	const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = await loadMiniflare();
	const toml = readWranglerToml();
	const producers = Object.fromEntries(
		(toml.queues?.producers ?? []).map((p) => [p.binding, { queueName: p.queue }] as const),
	);
	const consumers = Object.fromEntries(
		(toml.queues?.consumers ?? []).map(
			(c) =>
				[
					c.queue,
					{ maxBatchSize: c.max_batch_size, maxBatchTimeout: c.max_batch_timeout, maxRetries: c.max_retries },
				] as const,
		),
	);
	const ratelimits = Object.fromEntries(
		(toml.ratelimits ?? []).map(
			(r) =>
				[r.name, { namespace_id: r.namespace_id, simple: { limit: 1_000_000_000, period: r.simple.period } }] as const,
		),
	);
	const secret = randomBytes(32).toString("base64url");
	const mf = new Miniflare(
		convertV4MiniflareOptions({
			host: "127.0.0.1",
			port: 0,
			cf: false,
			log: new Log(LogLevel.WARN),
			unsafeTriggerHandlers: true,
			workers: [
				{
					name: MAIN,
					modules: true,
					scriptPath,
					compatibilityDate: toml.compatibility_date,
					compatibilityFlags: toml.compatibility_flags ?? [],
					bindings: {
						...toml.vars,
						ENVIRONMENT: "development",
						APP_SECRET: secret,
						RESEND_API_KEY: "re_bench",
						RESEND_BASE_URL: standIn.url,
						RESEND_RATE_PER_SECOND: String(rate),
					},
					d1Databases: { DB: "bench-surge" },
					durableObjects: { MAIL_PACE: "MailPace" },
					queueProducers: producers,
					queueConsumers: consumers,
					ratelimits,
					unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
				},
			],
		}),
	);
	const problems: string[] = [];
	const client = createClient(concurrency);
	try {
		await mf.ready;
		const url = await mf.unsafeGetDirectURL(MAIN);
		const db = await mf.getD1Database("DB", MAIN);
		for (const sql of migrationStatements()) await db.prepare(sql).run();
		await db.batch(seedStatements().map((sql) => db.prepare(sql)));
		await db.batch(petitionStatements(SLUG, 1_000_000, Date.now()).map((sql) => db.prepare(sql)));
		const bodies = Array.from({ length: signatures }, (_, i) =>
			JSON.stringify({ email: `s${i}@${DOMAIN}`, name: `Surge Signer ${i}`, country: "FR", locale: "en" }),
		);
		log(`  ${signatures} signatures, ${concurrency} at a time; stand-in at ${rate} calls/s failing ${failing * 100}%…`);
		const load = await runLoad(client, new URL(`/api/v1/petitions/${SLUG}/signatures`, url), bodies, concurrency, 202);
		const lastAccept = Date.now();
		const accepted = load.requests - Object.values(load.unexpected).reduce((a, b) => a + b, 0);
		if (accepted !== signatures) problems.push(`${signatures - accepted} signatures refused (${load.sample})`);
		// The every-minute cron, as deployed: it brings back emails whose retry is due.
		const cron = setInterval(() => {
			void mf.dispatchFetch("http://localhost/cdn-cgi/local/scheduled?cron=*+*+*+*+*").then((r) => r.arrayBuffer());
		}, 60_000);
		const limit = budgetMs * 4 + 60_000;
		let sent = 0;
		for (;;) {
			const row = await db
				.prepare("SELECT count(*) AS n FROM outbox WHERE template = 'confirm-signature' AND status = 'sent'")
				.first<{ n: number }>();
			sent = row?.n ?? 0;
			if (sent >= accepted || Date.now() - lastAccept > limit) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		clearInterval(cron);
		const emails = standIn.state.emails;
		const received = emails.map((e) => Date.parse(e.receivedAt));
		const tailMs = Math.max(...received) - lastAccept;
		const recipients = new Set(emails.flatMap((e) => e.to));
		const doubled = emails.length - recipients.size;
		const missing = accepted - recipients.size;
		const dead =
			(await db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'dead'").first<{ n: number }>())?.n ?? 0;
		if (sent < accepted) problems.push(`${accepted - sent} confirmations unsent after ${(limit / 1000).toFixed(0)} s`);
		if (dead > 0) problems.push(`${dead} emails dead`);
		if (doubled > 0) problems.push(`${doubled} emails doubled`);
		if (missing > 0) problems.push(`${missing} signers got nothing`);

		// A sample of signers follow their link: the public count is then exactly the confirmed rows.
		const sample = await db
			.prepare("SELECT id FROM outbox WHERE template = 'confirm-signature' AND status = 'sent' LIMIT ?")
			.bind(SAMPLE)
			.all<{ id: string }>();
		let sampleConfirmed = 0;
		for (const { id } of sample.results) {
			const token = await hmac(secret, `link:${id}`);
			const res = await client.send(new URL(`/confirm/${token}`, url), "POST", "", {
				contentType: "application/x-www-form-urlencoded",
			});
			if (res.status < 400) sampleConfirmed++;
		}
		// Clicks are confirmed by the intake queue's consumer after their answer: wait for it (≤ 30 s).
		const confirmedCount = async () =>
			(
				await db
					.prepare(
						"SELECT count(*) AS n FROM signatures s JOIN petitions p ON p.id = s.petition_id WHERE p.slug = ? AND s.status = 'confirmed'",
					)
					.bind(SLUG)
					.first<{ n: number }>()
			)?.n ?? 0;
		for (const until = Date.now() + 30_000; (await confirmedCount()) < sampleConfirmed && Date.now() < until; ) {
			await new Promise((r) => setTimeout(r, 200));
		}
		const petition = JSON.parse((await client.send(new URL(`/api/v1/petitions/${SLUG}`, url), "GET")).body) as {
			count: number;
		};
		const confirmedRows = await confirmedCount();
		if (petition.count !== confirmedRows)
			problems.push(`public count ${petition.count} ≠ ${confirmedRows} confirmed rows`);
		if (confirmedRows !== sampleConfirmed)
			problems.push(`${sampleConfirmed} links followed, ${confirmedRows} confirmed`);
		const stats = standIn.state.stats();
		if (process.env.BENCH_TRACE !== "0") log(tailTimeline(trace, emails, lastAccept, rate));
		return {
			signatures,
			ratePerSecond: rate,
			failing,
			acceptSeconds: load.seconds,
			acceptRps: load.rps,
			tailMs,
			leastMs,
			budgetMs,
			calls: stats.calls,
			rateLimited: stats.rejected["429"] ?? 0,
			failedCalls: stats.rejected["500"] ?? 0,
			dead,
			doubled,
			missing,
			sampleConfirmed,
			publicCount: petition.count,
			confirmedRows,
			ok: problems.length === 0 && tailMs <= budgetMs,
			problems,
		};
	} finally {
		client.close();
		await mf.dispose();
		await standIn.close();
	}
}

/**
 * Diagnostics (BENCH_TRACE=0 turns them off): the provider's view of the pace after the last
 * accept, and a timeline of the tail, second by second: calls admitted, emails they carried,
 * calls answered 500 and 429.
 */
function tailTimeline(
	trace: ReturnType<typeof paceTrace>,
	emails: { receivedAt: string; idempotencyKey: string | null }[],
	lastAccept: number,
	rate: number,
): string {
	const calls = new Map<string, { at: number; n: number }>();
	for (const e of emails) {
		const at = Date.parse(e.receivedAt);
		const id = `${e.idempotencyKey}@${at}`;
		const c = calls.get(id);
		if (c) c.n++;
		else calls.set(id, { at, n: 1 });
	}
	const first = Math.min(...[...calls.values()].map((c) => c.at));
	const seconds = new Map<number, { calls: number; emails: number; lone: number; e500: number; e429: number }>();
	const slot = (t: number) => {
		const k = Math.floor((t - lastAccept) / 1000);
		let v = seconds.get(k);
		if (!v) {
			v = { calls: 0, emails: 0, lone: 0, e500: 0, e429: 0 };
			seconds.set(k, v);
		}
		return v;
	};
	for (const c of calls.values()) {
		const v = slot(c.at);
		v.calls++;
		v.emails += c.n;
		if (c.n === 1) v.lone++;
	}
	for (const f of trace.failed) slot(f.at).e500++;
	for (const l of trace.limited) slot(l.at).e429++;
	const lines = [...seconds.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(
			([k, v]) =>
				`  ${String(k).padStart(4)} s: ${v.calls} calls, ${v.emails} emails (${v.lone} lone)${v.e500 ? `, ${v.e500} × 500` : ""}${v.e429 ? `, ${v.e429} × 429` : ""}`,
		);
	// Arrival of each of the first calls at the stand-in, and when it stored their first email.
	const early = trace.admitted.slice(0, 8).map((a) => {
		const s = trace.stored.find((t) => t >= a);
		return `${((a - lastAccept) / 1000).toFixed(1)} s +${s === undefined ? "?" : s - a} ms`;
	});
	return [
		trace.summary(rate),
		`  first calls (arrival after the last accept, then stored after): ${early.join(", ")}`,
		`  first email ${((first - lastAccept) / 1000).toFixed(1)} s after the last accept; by second after the last accept:`,
		...lines,
	].join("\n");
}

/** One line for the bench's table. */
export function surgeRow(f: SurgeFigures) {
	const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	return {
		what: `Surge: ${f.signatures.toLocaleString("en-US")} signatures, confirmations at ${f.ratePerSecond} calls/s failing ${Math.round(f.failing * 100)}%`,
		measured: `last accept → last email ${s(f.tailMs)} (least ${s(f.leastMs)}); ${f.dead} dead, ${f.doubled} doubled`,
		budget: `≤ ${s(f.budgetMs)} (2 × least + 5 s), 0 dead, 0 doubled`,
		result: (f.problems.length > 0 ? "INVALID" : f.ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID",
		note: [
			`accepted in ${s(f.acceptSeconds * 1000)} (${f.acceptRps.toFixed(0)}/s); ${f.calls} provider calls, ${f.rateLimited} answered 429, ${f.failedCalls} answered 500; ${f.sampleConfirmed} links followed: public count ${f.publicCount}, confirmed rows ${f.confirmedRows}`,
			...f.problems,
		].join("; "),
	};
}

if (import.meta.main) {
	const outdir = join(root, ".bench", "build-surge");
	log("Building the Worker (wrangler deploy --dry-run)…");
	buildWorker(outdir);
	const figures = await benchSurge(join(outdir, "index.js"));
	const row = surgeRow(figures);
	log(`\n${row.what}: ${row.measured} (budget ${row.budget}): ${row.result}\n  ${row.note}`);
}
