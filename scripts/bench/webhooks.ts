// Webhook delivery latency during a surge: 5,000 people sign, then all 5,000 confirm at once
// (the surge of confirmed signatures, concurrency BENCH_CONCURRENCY), each confirmation writing
// a signature.confirmed message for one endpoint: a receiver on 127.0.0.1 in this process that
// answers 200 at once. Latency per event = the receiver's arrival time − the confirmation's reply
// time (the event exists from then on). Budget: p95 ≤ 10 s. Every event must arrive, once.
//
// The Worker as built for deployment runs in Miniflare with all its queues and consumers; emails
// go to the dev mailbox (a local run), where the confirmation links are read.
// Knobs: BENCH_WEBHOOK_SIGNATURES (5000), BENCH_CONCURRENCY (12).
// Standalone: `node scripts/bench/webhooks.ts` (builds the Worker first).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "../local.ts";
import { seedStatements } from "../seed.ts";
import { signingBodies } from "./data.ts";
import { createClient, quantile } from "./load.ts";
import { buildWorker, MAIN, migrationStatements, readWranglerToml } from "./runtime.ts";

const intEnv = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};

export interface WebhookBenchFigures {
	signatures: number;
	concurrency: number;
	confirmSeconds: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	received: number;
	/** Messages by how many attempts they took. */
	attemptsByCount: Record<string, number>;
	/** From the message's write to the end of its attempt, as the database saw them. */
	serverP50Ms: number;
	serverP95Ms: number;
	duplicates: number;
	missing: number;
	budgetMs: number;
	ok: boolean;
	problems: string[];
}

const log = (msg: string) => process.stdout.write(`${msg}\n`);

async function loadMiniflare(): Promise<typeof import("miniflare")> {
	const fromWrangler = createRequire(join(root, "node_modules", "wrangler", "package.json"));
	return (await import(pathToFileURL(fromWrangler.resolve("miniflare")).href)) as typeof import("miniflare");
}

export async function benchWebhooks(scriptPath: string): Promise<WebhookBenchFigures> {
	const n = intEnv("BENCH_WEBHOOK_SIGNATURES", 5000);
	const concurrency = intEnv("BENCH_CONCURRENCY", 12);
	const budgetMs = 10_000;
	const problems: string[] = [];
	// The receiver: arrival time by the event's email (the endpoint has personal data).
	const arrivals = new Map<string, number>();
	let duplicates = 0;
	const receiver = createServer((req, res) => {
		let body = "";
		req.setEncoding("utf8");
		req.on("data", (c) => {
			body += c;
		});
		req.on("end", () => {
			const at = performance.now();
			try {
				const email = (JSON.parse(body) as { data: { email: string } }).data.email;
				if (arrivals.has(email)) duplicates++;
				else arrivals.set(email, at);
			} catch {
				problems.push("a body that is not JSON");
			}
			res.writeHead(200).end();
		});
	});
	// A receiver that closes idle keep-alive connections races the Worker reusing them (a lost
	// connection, retried 5 s later): keep them, as the Resend stand-in does.
	receiver.keepAliveTimeout = 10 * 60_000;
	await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
	const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

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
	if (!producers.WEBHOOK_QUEUE || !consumers["red-line-webhooks"]) {
		throw new Error("wrangler.toml no longer declares WEBHOOK_QUEUE and its consumer");
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
			workers: [
				{
					name: MAIN,
					modules: true,
					scriptPath,
					compatibilityDate: toml.compatibility_date,
					compatibilityFlags: toml.compatibility_flags ?? [],
					bindings: { ...toml.vars, ENVIRONMENT: "development", APP_SECRET: randomBytes(32).toString("base64url") },
					d1Databases: { DB: "bench-webhooks" },
					queueProducers: producers,
					queueConsumers: consumers,
					ratelimits,
					unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
				},
			],
		}),
	);
	const client = createClient(concurrency);
	try {
		await mf.ready;
		const url = await mf.unsafeGetDirectURL(MAIN);
		const db = await mf.getD1Database("DB", MAIN);
		for (const sql of migrationStatements()) await db.prepare(sql).run();
		await db.batch(seedStatements().map((sql) => db.prepare(sql)));
		const now = Date.now();
		await db
			.prepare(
				`INSERT INTO webhook_endpoints (id, url, events, personal_data, secret, created_at, updated_at)
				VALUES ('whe_bench', ?, '["signature.confirmed"]', 1, ?, ?, ?)`,
			)
			.bind(hookUrl, `whsec_${randomBytes(32).toString("base64")}`, now, now)
			.run();

		log(`  ${n.toLocaleString("en-US")} signatures…`);
		const bodies = signingBodies("hook", n);
		const signUrl = new URL("/api/v1/petitions/call-to-action/signatures", url);
		let next = 0;
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < bodies.length) {
					const i = next++;
					const r = await client.send(signUrl, "POST", bodies[i], {
						headers: { "cf-connecting-ip": `198.18.${(i >> 8) & 255}.${i & 255}` },
					});
					if (r.status !== 202) problems.push(`sign ${r.status}`);
				}
			}),
		);
		log("  waiting for the confirmation emails…");
		const links = new Map<string, string>();
		for (const until = Date.now() + 300_000; links.size < n && Date.now() < until; ) {
			const { results } = await db
				.prepare("SELECT to_address AS email, text FROM dev_mailbox WHERE to_address LIKE 'hook.%'")
				.all<{ email: string; text: string }>();
			for (const r of results) {
				const token = r.text.match(/\/confirm\/([A-Za-z0-9_-]+)/)?.[1];
				if (token) links.set(r.email, token);
			}
			if (links.size < n) await new Promise((r) => setTimeout(r, 500));
		}
		if (links.size < n) problems.push(`${n - links.size} confirmation emails missing`);

		log(`  the surge: ${links.size.toLocaleString("en-US")} confirmations at concurrency ${concurrency}…`);
		const confirmedAt = new Map<string, number>();
		const queue = [...links];
		const started = performance.now();
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				for (let item = queue.shift(); item; item = queue.shift()) {
					const [email, token] = item;
					const r = await client.send(new URL(`/confirm/${token}`, url), "POST", "", {
						contentType: "application/x-www-form-urlencoded",
					});
					if (r.status !== 200) problems.push(`confirm ${r.status}`);
					confirmedAt.set(email, performance.now());
				}
			}),
		);
		const confirmSeconds = (performance.now() - started) / 1000;
		log("  waiting for the deliveries…");
		for (const until = Date.now() + 180_000; arrivals.size < confirmedAt.size && Date.now() < until; ) {
			await new Promise((r) => setTimeout(r, 200));
		}
		const latencies: number[] = [];
		for (const [email, at] of confirmedAt) {
			const got = arrivals.get(email);
			if (got !== undefined) latencies.push(Math.max(0, got - at));
		}
		latencies.sort((a, b) => a - b);
		const missing = confirmedAt.size - latencies.length;
		if (missing > 0) problems.push(`${missing} events never arrived`);
		if (duplicates > 0) problems.push(`${duplicates} events arrived twice`);
		const p95Ms = quantile(latencies, 0.95);
		const tries = await db
			.prepare("SELECT attempts, count(*) AS n FROM webhook_messages GROUP BY attempts ORDER BY attempts")
			.all<{ attempts: number; n: number }>();
		const lags = await db
			.prepare(
				"SELECT a.created_at - m.created_at AS lag FROM webhook_attempts a JOIN webhook_messages m ON m.id = a.message_id ORDER BY lag",
			)
			.all<{ lag: number }>();
		const serverLags = (lags.results as { lag: number }[]).map((r) => r.lag);
		const serverP50Ms = quantile(serverLags, 0.5);
		const serverP95Ms = quantile(serverLags, 0.95);
		const attemptsByCount = Object.fromEntries(
			(tries.results as { attempts: number; n: number }[]).map((r) => [String(r.attempts), r.n]),
		);
		return {
			signatures: n,
			concurrency,
			confirmSeconds,
			p50Ms: quantile(latencies, 0.5),
			p95Ms,
			maxMs: latencies.at(-1) ?? Number.NaN,
			received: arrivals.size,
			attemptsByCount,
			serverP50Ms,
			serverP95Ms,
			duplicates,
			missing,
			budgetMs,
			ok: p95Ms <= budgetMs && problems.length === 0,
			problems: [...new Set(problems)],
		};
	} finally {
		client.close();
		await mf.dispose();
		receiver.closeAllConnections();
		await new Promise((r) => receiver.close(r));
	}
}

/** One line for the bench's table. */
export function webhookRow(f: WebhookBenchFigures) {
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	return {
		what: `Webhook delivery p95 during a surge of ${f.signatures.toLocaleString("en-US")} signatures`,
		measured: `p95 ${s(f.p95Ms)} (p50 ${s(f.p50Ms)}, max ${s(f.maxMs)})`,
		budget: `p95 ≤ ${s(f.budgetMs)}`,
		result: (f.problems.length > 0 ? "INVALID" : f.ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID",
		note: [
			`${f.signatures} confirmations in ${f.confirmSeconds.toFixed(1)} s at concurrency ${f.concurrency}; latency = receiver arrival − confirmation reply; ${f.received} received, ${f.duplicates} twice, ${f.missing} missing; messages by attempts ${JSON.stringify(f.attemptsByCount)}; write → attempt done p50/p95 ${s(f.serverP50Ms)}/${s(f.serverP95Ms)}`,
			...f.problems,
		].join("; "),
	};
}

if (import.meta.main) {
	const outdir = join(root, ".bench", "build-webhooks");
	log("Building the Worker (wrangler deploy --dry-run)…");
	buildWorker(outdir);
	const figures = await benchWebhooks(join(outdir, "index.js"));
	const row = webhookRow(figures);
	log(`\n${row.what}: ${row.measured} (budget ${row.budget}): ${row.result}\n  ${row.note}`);
}
