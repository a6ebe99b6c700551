// Bulletin fan-out: a bulletin to 100,000 subscribers through the Resend stand-in, which enforces
// a per-second rate limit, against the least time that limit allows (calls = ceil(n / 100),
// least time = calls / rate). Budget: within 10%.
//
// The Worker as built for deployment runs in Miniflare with both queues and their consumers; the
// stand-in runs on a thread of its own (scripts/bench/stand-in-thread.ts), as Resend parses and
// counts calls on its own servers. The send is started as in production: a scheduled bulletin,
// started by the every-minute cron (which writes the 100,000 delivery rows in SQL and puts the
// first message on the bulletins queue). The clock runs from the cron trigger until the bulletin
// is marked sent. CPU per batch is the workerd process's CPU time (user + system, from /proc)
// during the send divided by the batch calls: everything the runtime did for a batch (rendering,
// D1 queries in local SQLite, the HTTP call), without the stand-in's own work.
//
// While it sends, confirmations keep flowing: people sign at BENCH_BULLETIN_SIGNING_RATE a second
// (20) and their confirmation emails share the one pace with the bulletin (and go first). The least
// time counts every provider call the pace had to make: ceil(n / 100) bulletin calls plus the
// transactional calls made during the send, over the rate.
//
// Knobs: BENCH_BULLETIN_SUBSCRIBERS (100000), BENCH_BULLETIN_RATE (calls per second, 20),
// BENCH_BULLETIN_SIGNING_RATE (signatures per second during the send, 20; 0: none),
// BENCH_TRACE=1 (the provider's view of the pace, scripts/bench/pace-trace.ts; it runs the stand-in
// in this process, to read it as it goes).
// Standalone: `node scripts/bench/bulletins.ts` (builds the Worker first).
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startStandIn } from "../../tests/stand-ins/server.ts";
import { root } from "../local.ts";
import { seedStatements } from "../seed.ts";
import { paceTrace } from "./pace-trace.ts";
import { buildWorker, MAIN, migrationStatements, readWranglerToml } from "./runtime.ts";
import { startStandInThread } from "./stand-in-thread.ts";

const intEnv = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};

export interface BulletinBenchFigures {
	subscribers: number;
	ratePerSecond: number;
	batchSize: number;
	calls: number;
	leastMs: number;
	measuredMs: number;
	/** Cron trigger to the first call: writing the delivery rows, the queue hop, rendering. */
	setupMs: number;
	/** First call to last call, as the stand-in saw them. */
	callSpanMs: number;
	ratio: number;
	budget: number;
	ok: boolean;
	rateLimited: number;
	emails: number;
	duplicates: number;
	missing: number;
	cpuMsPerBatch: number | null;
	workerdCpuMs: number | null;
	/** Signatures made during the send, their confirmation emails sent, and the calls those took. */
	signed: number;
	confirmationsSent: number;
	transactionalCalls: number;
	problems: string[];
}

const log = (msg: string) => process.stdout.write(`${msg}\n`);

/** user + system CPU of the workerd processes this process started, in ms (Linux /proc). */
function workerdCpuMs(): number | null {
	try {
		const ticks = 100; // USER_HZ on Linux
		let total = 0;
		let found = false;
		for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
			let stat: string;
			try {
				stat = readFileSync(`/proc/${pid}/stat`, "utf8");
			} catch {
				continue;
			}
			const close = stat.lastIndexOf(")");
			const comm = stat.slice(stat.indexOf("(") + 1, close);
			const fields = stat.slice(close + 2).split(" ");
			if (Number(fields[1]) !== process.pid || !comm.includes("workerd")) continue;
			total += (Number(fields[11]) + Number(fields[12])) * (1000 / ticks);
			found = true;
		}
		return found ? total : null;
	} catch {
		return null;
	}
}

async function loadMiniflare(): Promise<typeof import("miniflare")> {
	const fromWrangler = createRequire(join(root, "node_modules", "wrangler", "package.json"));
	return (await import(pathToFileURL(fromWrangler.resolve("miniflare")).href)) as typeof import("miniflare");
}

/** Sends one bulletin to `BENCH_BULLETIN_SUBSCRIBERS` people and times it. */
export async function benchBulletins(scriptPath: string): Promise<BulletinBenchFigures> {
	const subscribers = intEnv("BENCH_BULLETIN_SUBSCRIBERS", 100_000);
	const rate = intEnv("BENCH_BULLETIN_RATE", 20);
	const signingRate = Number(process.env.BENCH_BULLETIN_SIGNING_RATE ?? 20);
	const batchSize = 100;
	const calls = Math.ceil(subscribers / batchSize);
	const leastMs = (calls / rate) * 1000;
	const trace = paceTrace();
	// Traced, the stand-in runs in this thread (the trace reads it as it goes); else on its own.
	const tracing = process.env.BENCH_TRACE === "1";
	const inProcess = tracing ? await startStandIn({ ratePerSecond: rate, storeBodies: false, log: trace.log }) : null;
	if (inProcess) trace.attach(inProcess);
	const standIn = inProcess
		? {
				url: inProcess.url,
				snapshot: async () => ({ emails: inProcess.state.emails, stats: inProcess.state.stats() }),
				close: () => inProcess.close(),
			}
		: await startStandInThread({ ratePerSecond: rate, storeBodies: false });
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
	if (!producers.BULLETIN_QUEUE || !consumers["red-line-bulletins"]) {
		throw new Error("wrangler.toml no longer declares BULLETIN_QUEUE and its consumer");
	}
	const ratelimits = Object.fromEntries(
		(toml.ratelimits ?? []).map(
			(r) =>
				[r.name, { namespace_id: r.namespace_id, simple: { limit: 1_000_000_000, period: r.simple.period } }] as const,
		),
	);
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
						APP_SECRET: randomBytes(32).toString("base64url"),
						RESEND_API_KEY: "re_bench",
						RESEND_BASE_URL: standIn.url,
						RESEND_RATE_PER_SECOND: String(rate),
						// The whole rate to the bulletin: what is measured is how close the engine comes to it.
						RESEND_RESERVED_PER_SECOND: "0",
						BULLETIN_BATCH_SIZE: String(batchSize),
					},
					d1Databases: { DB: "bench-bulletins" },
					// The account's one pace (worker/mail/pace.ts), as deployed.
					durableObjects: { MAIL_PACE: "MailPace" },
					queueProducers: producers,
					queueConsumers: consumers,
					ratelimits,
				},
			],
		}),
	);
	const problems: string[] = [];
	try {
		await mf.ready;
		const db = await mf.getD1Database("DB", MAIN);
		for (const sql of migrationStatements()) await db.prepare(sql).run();
		await db.batch(seedStatements().map((sql) => db.prepare(sql)));
		const now = Date.now();
		const listId = "bench-list";
		const bulletinId = "bench-bulletin";
		log(`  seeding ${subscribers.toLocaleString("en-US")} confirmed subscribers in five languages…`);
		await db.batch([
			db
				.prepare(
					"INSERT INTO lists (id, slug, status, default_locale, quick_exit, created_at, updated_at) VALUES (?, 'bench-list', 'open', 'en', 1, ?, ?)",
				)
				.bind(listId, now, now),
			db
				.prepare(
					`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
					INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at)
					SELECT 'bp' || i, 'b' || i || '@bench.test', 'b' || i || '@bench.test', CASE WHEN i % 3 = 0 THEN NULL ELSE 'Name ' || i END,
						substr('FRCDUACOSYES', 1 + 2 * (i % 6), 2), substr('enfresaruk', 1 + 2 * (i % 5), 2), ?, ? FROM n`,
				)
				.bind(subscribers, now, now),
			db
				.prepare(
					`INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at, confirmed_at)
					SELECT 'bs' || substr(id, 3), ?, id, 'active', locale, 'bench', ?, ?, ? FROM people WHERE id LIKE 'bp%'`,
				)
				.bind(listId, now, now, now),
			db
				.prepare(
					"INSERT INTO bulletins (id, list_id, status, audience, default_locale, send_at, created_by, created_at, updated_at) VALUES (?, ?, 'scheduled', '{}', 'en', ?, 'bench', ?, ?)",
				)
				.bind(bulletinId, listId, now, now, now),
			...["en", "fr", "es"].map((locale) =>
				db
					.prepare(
						"INSERT INTO bulletin_texts (bulletin_id, locale, subject, preheader, body_markdown, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
					)
					.bind(
						bulletinId,
						locale,
						`Bench bulletin (${locale})`,
						"What changed this month",
						"## Three new commitments\n\nThis month **three States** endorsed the Survivors' Call to Action.\n\n- Read the [scoreboard](https://example.org/states)\n- Write to your State\n\nThank you for standing with survivors.",
						now,
					),
			),
		]);

		log(`  sending at ${rate} calls/s (the stand-in's limit), ${batchSize} emails per call, ${calls} calls…`);
		const cpuBefore = workerdCpuMs();
		const started = performance.now();
		const startedWall = Date.now();
		// Confirmations keep flowing while the bulletin sends.
		let signing = true;
		let signed = 0;
		const signer = (async () => {
			if (!(signingRate > 0)) return;
			const gap = 1000 / signingRate;
			for (let t = performance.now(); signing; t += gap) {
				const res = await mf.dispatchFetch("http://localhost/api/v1/petitions/call-to-action/signatures", {
					method: "POST",
					headers: {
						"content-type": "application/json",
						"cf-connecting-ip": `198.18.${(signed >> 8) & 255}.${signed & 255}`,
					},
					body: JSON.stringify({ email: `signer${signed}@flow.test`, name: "Flow", country: "FR", locale: "en" }),
				});
				await res.arrayBuffer();
				if (res.status === 202) signed++;
				const wait = t + gap - performance.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			}
		})();
		const trigger = await mf.dispatchFetch("http://localhost/cdn-cgi/local/scheduled?cron=*+*+*+*+*");
		await trigger.arrayBuffer();
		if (!trigger.ok) throw new Error(`cron trigger answered ${trigger.status}`);
		const limitMs = leastMs * 3 + 120_000;
		let status = "";
		for (;;) {
			const row = await db
				.prepare("SELECT status FROM bulletins WHERE id = ?")
				.bind(bulletinId)
				.first<{ status: string }>();
			status = row?.status ?? "";
			if (status === "sent" || performance.now() - started > limitMs) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		const measuredMs = performance.now() - started;
		const cpuAfter = workerdCpuMs();
		signing = false;
		await signer;
		if (status !== "sent") problems.push(`not finished after ${(limitMs / 1000).toFixed(0)} s (status ${status})`);

		const { emails: all, stats } = await standIn.snapshot();
		const emails = all.filter((e) => e.idempotencyKey?.startsWith("bulletin:"));
		const endWall = startedWall + measuredMs;
		// The transactional calls the pace made while the bulletin sent: one key each.
		const transactional = all.filter((e) => !e.idempotencyKey?.startsWith("bulletin:"));
		const transactionalCalls = new Set(
			transactional.filter((e) => Date.parse(e.receivedAt) <= endWall).map((e) => e.idempotencyKey ?? e.id),
		).size;
		const confirmationsSent = new Set(transactional.flatMap((e) => e.to)).size;
		const received = emails.map((e) => Date.parse(e.receivedAt));
		const first = Math.min(...received);
		const last = Math.max(...received);
		const recipients = new Set(emails.flatMap((e) => e.to));
		const duplicates = emails.length - recipients.size;
		const missing = subscribers - recipients.size;
		if (duplicates > 0) problems.push(`${duplicates} duplicate emails`);
		if (missing > 0) problems.push(`${missing} subscribers got nothing`);
		const counts = await db
			.prepare("SELECT status, count(*) AS n FROM bulletin_deliveries WHERE bulletin_id = ? GROUP BY status")
			.bind(bulletinId)
			.all<{ status: string; n: number }>();
		const sent = (counts.results as { status: string; n: number }[]).find((r) => r.status === "sent")?.n ?? 0;
		if (sent !== subscribers) problems.push(`${sent} delivery rows sent, expected ${subscribers}`);
		const batchCalls = stats.accepted - stats.replayed - transactionalCalls;
		const workerdCpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
		const leastWithFlow = ((calls + transactionalCalls) / rate) * 1000;
		if (tracing) log(trace.summary(rate, startedWall, endWall));
		const ratio = measuredMs / leastWithFlow;
		return {
			subscribers,
			ratePerSecond: rate,
			batchSize,
			calls,
			leastMs: leastWithFlow,
			measuredMs,
			setupMs: first - startedWall,
			callSpanMs: last - first,
			ratio,
			budget: 1.1,
			ok: ratio <= 1.1 && problems.length === 0,
			rateLimited: stats.rejected["429"] ?? 0,
			emails: emails.length,
			duplicates,
			missing,
			cpuMsPerBatch: workerdCpu !== null && batchCalls > 0 ? workerdCpu / batchCalls : null,
			workerdCpuMs: workerdCpu,
			signed,
			confirmationsSent,
			transactionalCalls,
			problems,
		};
	} finally {
		await mf.dispose();
		await standIn.close();
	}
}

/** One line for the bench's table. */
export function bulletinRow(f: BulletinBenchFigures) {
	const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	return {
		what: `Bulletin to ${f.subscribers.toLocaleString("en-US")} subscribers`,
		measured: `${s(f.measuredMs)} vs least ${s(f.leastMs)} = ${f.ratio.toFixed(3)}; CPU ${f.cpuMsPerBatch === null ? "n/a" : `${f.cpuMsPerBatch.toFixed(1)} ms`}/batch`,
		budget: `≤ ${f.budget.toFixed(2)} × least time`,
		result: (f.problems.length > 0 ? "INVALID" : f.ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID",
		note: [
			`${f.calls} batch calls of ${f.batchSize} + ${f.transactionalCalls} transactional calls (${f.signed} signatures during the send, ${f.confirmationsSent} confirmations sent) at ${f.ratePerSecond} calls/s (stand-in limit); setup (cron to first call) ${s(f.setupMs)}, first to last call ${s(f.callSpanMs)}; ${f.rateLimited} answered 429; ${f.emails} emails, ${f.duplicates} duplicates, ${f.missing} missing; CPU = workerd process user+system during the send (${f.workerdCpuMs === null ? "n/a" : s(f.workerdCpuMs)}) ÷ calls`,
			...f.problems,
		].join("; "),
	};
}

if (import.meta.main) {
	const outdir = join(root, ".bench", "build-bulletins");
	log("Building the Worker (wrangler deploy --dry-run)…");
	buildWorker(outdir);
	const figures = await benchBulletins(join(outdir, "index.js"));
	const row = bulletinRow(figures);
	log(`\n${row.what}: ${row.measured} (budget ${row.budget}): ${row.result}\n  ${row.note}`);
}
