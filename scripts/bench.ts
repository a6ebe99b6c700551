// `npm run bench`: performance budgets of the engine, measured on the local workerd runtime.
//
// 1. Signing throughput: POST /api/v1/petitions/:slug/signatures against a baseline Worker that
//    does one bare INSERT per request (scripts/bench/baseline-worker.js); same runtime, client,
//    concurrency and request count. Each round alternates blocks of the two sides (A B B A …);
//    the median round is reported. The emails signing queues are delivered by the Worker's own
//    queue consumer in the same runtime, and each signing block's emails are delivered before the
//    next block starts, so that work never lands in the baseline's time. A second, informative run
//    without the consumer shows the endpoint's own cost.
// 2. GET /api/v1/petitions/:slug latency with 100 vs 100,000 confirmed signatures, interleaved.
// 3. The gzipped size of the bundle `wrangler deploy` would upload.
// 4. Known against unknown addresses: signature, letter, privacy request and console sign-in
//    link, median latency of each (scripts/bench/known-unknown.ts).
// 5. The console dashboard's latency with 100 vs 100,000 signatures (scripts/bench/dashboard.ts).
// Also: bulletin fan-out (scripts/bench/bulletins.ts), webhook delivery latency during a surge
// of 5,000 signatures (scripts/bench/webhooks.ts), the widget (scripts/bench/widget.ts) and
// the map of States against a petition's page (scripts/bench/states-page.ts), share cards kept and
// drawn against a petition's page (scripts/bench/share-card.ts), and the OSDI API: a
// page of 1,000 people against a bare SELECT, and a full sync of 100,000 (scripts/bench/osdi.ts).
//
// Prints a table and writes the figures to .bench/results.json. It measures, it does not judge:
// the exit code is 0 even over budget (1 only when the bench itself could not run).
// Knobs (environment): BENCH_ONLY=signing (the signing rows and D1 statements only), BENCH_ROUNDS, BENCH_DEFERRED_ROUNDS, BENCH_REQUESTS (per side and round),
// BENCH_BLOCK (requests per block), BENCH_CONCURRENCY, BENCH_GET_SAMPLES (per petition).
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { benchBulletins, bulletinRow } from "./bench/bulletins.ts";
import { benchD1Statements, d1StatementsRow } from "./bench/d1-statements.ts";
import { benchDashboard, dashboardRow } from "./bench/dashboard.ts";
import {
	COUNTRIES,
	confirmedSignatureStatements,
	petitionId,
	petitionStatements,
	signingBodies,
} from "./bench/data.ts";
import { benchKnownUnknown, knownUnknownRows } from "./bench/known-unknown.ts";
import { type Client, createClient, type LoadResult, median, mergeLoads, quantile, runLoad } from "./bench/load.ts";
import { benchOsdi, osdiRows } from "./bench/osdi.ts";
import { buildWorker, type Runtime, startRuntime } from "./bench/runtime.ts";
import { benchShareCard, shareCardRows } from "./bench/share-card.ts";
import { benchStatesPage, statesPageRows } from "./bench/states-page.ts";
import { benchSurge, surgeRow } from "./bench/surge.ts";
import { benchWebhooks, webhookRow } from "./bench/webhooks.ts";
import { benchWidget, widgetRows } from "./bench/widget.ts";
import { root } from "./local.ts";

const intEnv = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};

const config = {
	only: process.env.BENCH_ONLY === "signing" ? ("signing" as const) : undefined,
	rounds: intEnv("BENCH_ROUNDS", 5),
	/** Rounds of the informative run with email delivery deferred (no queue consumer). */
	deferredRounds: intEnv("BENCH_DEFERRED_ROUNDS", 3),
	requestsPerSide: intEnv("BENCH_REQUESTS", 1000),
	/** Requests per block: each round alternates blocks of the two sides. */
	blockSize: intEnv("BENCH_BLOCK", 200),
	concurrency: intEnv("BENCH_CONCURRENCY", 12),
	warmupRequests: 200,
	getSamples: intEnv("BENCH_GET_SAMPLES", 1500),
	getWarmup: 100,
	small: { slug: "bench-100", signatures: 100 },
	large: { slug: "bench-100k", signatures: 100_000 },
	signSlug: "bench-sign",
};

const budgets = {
	signingRatio: 0.7,
	getLatencyRatio: 1.2,
	bundleGzipKiB: 350,
};

const outDir = join(root, ".bench");
const buildDir = join(outDir, "build");
const KiB = 1024;

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const fmt = (n: number, digits = 0) =>
	Number.isFinite(n)
		? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
		: "n/a";
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Verdict = "ok" | "OVER" | "INVALID" | "info";
interface Row {
	what: string;
	measured: string;
	budget: string;
	result: Verdict;
	note?: string;
}

// ---------------------------------------------------------------------------------------------
// 3. Bundle size

interface BundleFigures {
	files: string[];
	rawBytes: number;
	gzipBytes: number;
	gzipKiB: number;
	budgetKiB: number;
	ok: boolean;
	/** Bytes in the (unminified) output by package or top-level folder, largest first. */
	largestInputs: { name: string; bytes: number }[];
}

function packageOf(input: string): string {
	const nm = input.lastIndexOf("node_modules/");
	if (nm >= 0) {
		const [a = "", b = ""] = input.slice(nm + "node_modules/".length).split("/");
		return a.startsWith("@") ? `${a}/${b}` : a;
	}
	const rel = input.replace(/^(\.\.\/)+/, "");
	return `${rel.split("/")[0] ?? rel}/ (project)`;
}

function measureBundle(): BundleFigures {
	const { files, metafile } = buildWorker(buildDir);
	const contents = files.map((f) => readFileSync(f));
	const all = Buffer.concat(contents);
	// As wrangler reports "Total Upload … gzip": every module together, zlib's default level.
	const gzipBytes = gzipSync(all).byteLength;
	const byPackage = new Map<string, number>();
	try {
		const meta = JSON.parse(readFileSync(metafile, "utf8")) as {
			outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
		};
		for (const [file, output] of Object.entries(meta.outputs)) {
			if (file.endsWith(".map")) continue;
			for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
				const name = packageOf(input);
				byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
			}
		}
	} catch {
		// No metafile: the breakdown is a hint, the size stands without it.
	}
	const largestInputs = [...byPackage.entries()]
		.map(([name, bytes]) => ({ name, bytes }))
		.sort((a, b) => b.bytes - a.bytes)
		.slice(0, 10);
	const gzipKiB = gzipBytes / KiB;
	return {
		files: files.map((f) => relative(root, f)),
		rawBytes: all.byteLength,
		gzipBytes,
		gzipKiB,
		budgetKiB: budgets.bundleGzipKiB,
		ok: gzipKiB <= budgets.bundleGzipKiB,
		largestInputs,
	};
}

// ---------------------------------------------------------------------------------------------
// Shared helpers on the running Worker

async function scalar(db: Runtime["db"], sql: string, ...params: unknown[]): Promise<number> {
	const row = await db
		.prepare(sql)
		.bind(...params)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

/** Waits until every outbox row has been taken by a delivery (sent, failed or dead). */
async function drainOutbox(rt: Runtime, timeoutMs = 180_000): Promise<{ ms: number; left: number }> {
	const start = performance.now();
	for (;;) {
		const left = await scalar(rt.db, "SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')");
		const ms = performance.now() - start;
		if (left === 0 || ms > timeoutMs) return { ms, left };
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Waits until the intake queue's consumer has written `expected` signatures on a petition: the
 * route answers once a request is queued, the write follows within a batch's timeout.
 */
async function drainIntake(rt: Runtime, petition: string, expected: number, timeoutMs = 180_000) {
	const start = performance.now();
	for (;;) {
		const written = await scalar(rt.db, "SELECT count(*) AS n FROM signatures WHERE petition_id = ?", petition);
		const ms = performance.now() - start;
		if (written >= expected || ms > timeoutMs) return { ms, left: expected - written };
		await new Promise((r) => setTimeout(r, 50));
	}
}

// ---------------------------------------------------------------------------------------------
// 2. GET latency, 100 vs 100,000 confirmed signatures

interface LatencyFigures {
	samples: number;
	medianMs: number;
	p95Ms: number;
	p99Ms: number;
	meanMs: number;
	count: number;
	countries: number;
}

interface GetFigures {
	small: LatencyFigures;
	large: LatencyFigures;
	ratio: number;
	budget: number;
	ok: boolean;
	problems: string[];
	bulkInsertMs: number;
}

/** The bench's petitions: two to read (filled by `seedBulk`), one to sign. */
async function createPetitions(rt: Runtime): Promise<void> {
	const now = Date.now();
	const statements = [
		...petitionStatements(config.small.slug, 1000, now),
		...petitionStatements(config.large.slug, 1_000_000, now),
		...petitionStatements(config.signSlug, 1_000_000, now),
	];
	await rt.db.batch(statements.map((s) => rt.db.prepare(s)));
}

/** Confirmed signatures straight into D1, 20 statements per batch; returns how long it took. */
async function seedBulk(rt: Runtime): Promise<number> {
	const now = Date.now();
	const start = performance.now();
	const bulk = [
		...confirmedSignatureStatements(config.small.slug, config.small.signatures, now),
		...confirmedSignatureStatements(config.large.slug, config.large.signatures, now),
	];
	for (let i = 0; i < bulk.length; i += 20) {
		await rt.db.batch(bulk.slice(i, i + 20).map((s) => rt.db.prepare(s)));
	}
	return performance.now() - start;
}

async function measureGetLatency(rt: Runtime, bulkInsertMs: number): Promise<GetFigures> {
	const problems: string[] = [];
	for (const p of [config.small, config.large]) {
		const counted = await scalar(
			rt.db,
			"SELECT count AS n FROM signature_counts WHERE petition_id = ? AND country = ''",
			petitionId(p.slug),
		);
		const rows = await scalar(
			rt.db,
			"SELECT count(*) AS n FROM signatures WHERE petition_id = ? AND status = 'confirmed'",
			petitionId(p.slug),
		);
		if (counted !== p.signatures || rows !== p.signatures) {
			problems.push(`${p.slug}: ${rows} confirmed rows, counter ${counted}, expected ${p.signatures}`);
		}
	}
	const client = createClient(1);
	try {
		const targets = [config.small, config.large].map((p) => ({
			...p,
			url: new URL(`/api/v1/petitions/${p.slug}`, rt.mainUrl),
			latencies: [] as number[],
			counts: new Set<number>(),
			countries: new Set<number>(),
			bad: 0,
		}));
		const once = async (t: (typeof targets)[number], record: boolean) => {
			const start = performance.now();
			const reply = await client.send(t.url, "GET");
			const ms = performance.now() - start;
			if (!record) return;
			t.latencies.push(ms);
			if (reply.status !== 200) {
				t.bad++;
				return;
			}
			const view = JSON.parse(reply.body) as { count: number; countries: Record<string, number> };
			t.counts.add(view.count);
			t.countries.add(Object.keys(view.countries).length);
		};
		const [a, b] = targets as [(typeof targets)[number], (typeof targets)[number]];
		for (let i = 0; i < config.getWarmup; i++) {
			await once(a, false);
			await once(b, false);
		}
		// Interleaved, alternating which goes first, so drift and noise fall on both alike.
		for (let i = 0; i < config.getSamples; i++) {
			const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
			await once(first, true);
			await once(second, true);
		}
		const figures = targets.map((t): LatencyFigures => {
			if (t.bad > 0) problems.push(`${t.slug}: ${t.bad} answers were not 200`);
			const counts = [...t.counts];
			if (counts.length !== 1 || counts[0] !== t.signatures) {
				problems.push(`${t.slug}: GET answered count ${counts.join("/")}, expected ${t.signatures}`);
			}
			if (t.countries.size !== 1 || !t.countries.has(COUNTRIES.length)) {
				problems.push(`${t.slug}: GET answered ${[...t.countries].join("/")} countries, expected ${COUNTRIES.length}`);
			}
			return {
				samples: t.latencies.length,
				medianMs: median(t.latencies),
				p95Ms: quantile(t.latencies, 0.95),
				p99Ms: quantile(t.latencies, 0.99),
				meanMs: t.latencies.reduce((s, x) => s + x, 0) / t.latencies.length,
				count: counts[0] ?? Number.NaN,
				countries: Math.max(...t.countries),
			};
		}) as [LatencyFigures, LatencyFigures];
		const [small, large] = figures;
		const ratio = large.medianMs / small.medianMs;
		return {
			small,
			large,
			ratio,
			budget: budgets.getLatencyRatio,
			ok: ratio <= budgets.getLatencyRatio,
			problems,
			bulkInsertMs,
		};
	} finally {
		client.close();
	}
}

// ---------------------------------------------------------------------------------------------
// 1. Signing throughput vs a bare INSERT

interface SideFigures {
	requests: number;
	seconds: number;
	rps: number;
	latencyMedianMs: number;
	latencyP95Ms: number;
	unexpected: Record<string, number>;
	sample?: string;
}

interface RoundFigures {
	order: string;
	signing: SideFigures & {
		/** Emails not yet delivered when each signing block ended, summed over the round. */
		emailsPendingAtBlockEnds: number;
		/** Time spent after signing blocks letting the consumer deliver them (not counted in req/s). */
		drainMs: number;
	};
	baseline: SideFigures;
	ratio: number;
}

interface SigningFigures {
	/** Whether the queue consumer ran (emails delivered in the same runtime) or messages waited. */
	emailDelivery: "live" | "deferred";
	rounds: RoundFigures[];
	medianRound: number;
	signingRps: number;
	baselineRps: number;
	ratio: number;
	budget: number;
	ok: boolean;
	problems: string[];
	emails: { outboxRows: number; sent: number; failedOrDead: number; devMailbox: number };
}

const side = (r: LoadResult): SideFigures => ({
	requests: r.requests,
	seconds: r.seconds,
	rps: r.rps,
	latencyMedianMs: median(r.latenciesMs),
	latencyP95Ms: quantile(r.latenciesMs, 0.95),
	unexpected: r.unexpected,
	sample: r.sample,
});

async function measureSigning(rt: Runtime, rounds_: number, delivery: "live" | "deferred"): Promise<SigningFigures> {
	const live = delivery === "live";
	const problems: string[] = [];
	const signUrl = new URL(`/api/v1/petitions/${config.signSlug}/signatures`, rt.mainUrl);
	const baseUrl = new URL("/signatures", rt.baselineUrl);
	const client: Client = createClient(config.concurrency);
	let accepted = 0;
	let baselineAccepted = 0;
	try {
		// Warm both Workers (isolate start, JIT, caches) before anything counts.
		const warmSign = await runLoad(
			client,
			signUrl,
			signingBodies("warm", config.warmupRequests),
			config.concurrency,
			202,
		);
		const warmBase = await runLoad(
			client,
			baseUrl,
			signingBodies("warm", config.warmupRequests),
			config.concurrency,
			202,
		);
		accepted += warmSign.requests - sum(warmSign.unexpected);
		baselineAccepted += warmBase.requests - sum(warmBase.unexpected);
		if (warmSign.sample) throw new Error(`signing does not work: ${warmSign.sample}`);
		if (warmBase.sample) throw new Error(`the baseline does not work: ${warmBase.sample}`);
		await drainIntake(rt, petitionId(config.signSlug), accepted);
		if (live) await drainOutbox(rt);

		const rounds: RoundFigures[] = [];
		const blocks = Math.max(1, Math.ceil(config.requestsPerSide / config.blockSize));
		for (let r = 0; r < rounds_; r++) {
			const signingRuns: LoadResult[] = [];
			const baselineRuns: LoadResult[] = [];
			let pendingAtBlockEnd = 0;
			let drainMs = 0;
			// Blocks alternate A B B A A B …, starting with the other side each round: slow spells of
			// the machine fall on both sides alike, and neither always goes first.
			for (let b = 0; b < blocks; b++) {
				const size = Math.min(config.blockSize, config.requestsPerSide - b * config.blockSize);
				for (const which of (r + b) % 2 === 0 ? ["signing", "baseline"] : ["baseline", "signing"]) {
					const bodies = signingBodies(`r${r}-b${b}-${which}`, size);
					if (which === "baseline") {
						baselineRuns.push(await runLoad(client, baseUrl, bodies, config.concurrency, 202));
						continue;
					}
					const run = await runLoad(client, signUrl, bodies, config.concurrency, 202);
					signingRuns.push(run);
					// The intake's consumer writes what the block queued (it runs during the block too): the
					// rest is written before anything else is timed, like the emails below.
					const toWrite = accepted + signingRuns.reduce((n, x) => n + x.requests - sum(x.unexpected), 0);
					const intake = await drainIntake(rt, petitionId(config.signSlug), toWrite);
					drainMs += intake.ms;
					if (intake.left > 0) problems.push(`round ${r + 1}: ${intake.left} signatures still unwritten after drain`);
					if (!live) continue;
					pendingAtBlockEnd += await scalar(
						rt.db,
						"SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')",
					);
					// The block's emails are delivered before anything else is timed: the consumer shares
					// the runtime (one thread), and its backlog must not slow the baseline's next block.
					const drain = await drainOutbox(rt);
					drainMs += drain.ms;
					if (drain.left > 0) problems.push(`round ${r + 1}: ${drain.left} emails still undelivered after drain`);
				}
			}
			const signRun = mergeLoads(signingRuns);
			const baseRun = mergeLoads(baselineRuns);
			accepted += signRun.requests - sum(signRun.unexpected);
			baselineAccepted += baseRun.requests - sum(baseRun.unexpected);
			const signing = { ...side(signRun), emailsPendingAtBlockEnds: pendingAtBlockEnd, drainMs };
			const baseline = side(baseRun);
			const round = {
				order: `${blocks} blocks of ${fmt(config.blockSize)} per side, ${r % 2 === 0 ? "signing" : "baseline"} first`,
				signing,
				baseline,
				ratio: signing.rps / baseline.rps,
			};
			rounds.push(round);
			log(
				`  round ${r + 1}/${rounds_}: signing ${fmt(signing.rps)} req/s, baseline ${fmt(baseline.rps)} req/s, ratio ${round.ratio.toFixed(2)}${live ? `; ${fmt((100 * pendingAtBlockEnd) / signing.requests)}% of the emails were still to deliver when their block ended (${seconds(drainMs)} more)` : ""}`,
			);
			for (const [name, s] of [
				["signing", signing],
				["baseline", baseline],
			] as const) {
				if (Object.keys(s.unexpected).length > 0) {
					problems.push(`round ${r + 1} ${name}: unexpected answers ${JSON.stringify(s.unexpected)}: ${s.sample}`);
				}
			}
		}

		// What the requests did: one pending signature and one delivered email per 202.
		const signatures = await scalar(
			rt.db,
			"SELECT count(*) AS n FROM signatures WHERE petition_id = ?",
			petitionId(config.signSlug),
		);
		const baselineRows = await scalar(rt.baselineDb, "SELECT count(*) AS n FROM baseline_signatures");
		const outboxRows = await scalar(rt.db, "SELECT count(*) AS n FROM outbox");
		const sent = await scalar(rt.db, "SELECT count(*) AS n FROM outbox WHERE status = 'sent'");
		const failedOrDead = await scalar(rt.db, "SELECT count(*) AS n FROM outbox WHERE status IN ('failed', 'dead')");
		const devMailbox = await scalar(rt.db, "SELECT count(*) AS n FROM dev_mailbox");
		if (signatures !== accepted) problems.push(`${accepted} signings accepted but ${signatures} signatures written`);
		if (baselineRows !== baselineAccepted) {
			problems.push(`${baselineAccepted} baseline requests accepted but ${baselineRows} rows written`);
		}
		if (outboxRows !== accepted) problems.push(`${accepted} signatures but ${outboxRows} outbox rows`);
		if (live && (sent !== accepted || devMailbox !== accepted)) {
			problems.push(`${accepted} signatures, ${sent} emails sent, ${devMailbox} in the dev mailbox`);
		}

		const byRatio = rounds.map((_, i) => i).sort((x, y) => (rounds[x]?.ratio ?? 0) - (rounds[y]?.ratio ?? 0));
		const medianRound = byRatio[Math.floor((byRatio.length - 1) / 2)] ?? 0;
		const m = rounds[medianRound] as RoundFigures;
		return {
			emailDelivery: delivery,
			rounds,
			medianRound: medianRound + 1,
			signingRps: m.signing.rps,
			baselineRps: m.baseline.rps,
			ratio: m.ratio,
			budget: budgets.signingRatio,
			ok: m.ratio >= budgets.signingRatio,
			problems,
			emails: { outboxRows, sent, failedOrDead, devMailbox },
		};
	} finally {
		client.close();
	}
}

function sum(counts: Record<string, number>): number {
	return Object.values(counts).reduce((s, n) => s + n, 0);
}

// ---------------------------------------------------------------------------------------------
// Report

function verdict(ok: boolean, problems: string[]): Verdict {
	if (problems.length > 0) return "INVALID";
	return ok ? "ok" : "OVER";
}

function table(rows: Row[]): string {
	const head = ["What", "Measured", "Budget", "Result"];
	const cells = rows.map((r) => [r.what, r.measured, r.budget, r.result]);
	const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
	const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(" | ")} |`;
	const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
	const notes = rows.filter((r) => r.note).map((r) => `  ${r.what}: ${r.note}`);
	return [line(head), rule, ...cells.map(line), ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** The signing rows: with email delivery running (the budget), and deferred (for the record). */
function signingRows(signing: SigningFigures, deferred: SigningFigures): Row[] {
	const m = signing.rounds[signing.medianRound - 1] as RoundFigures;
	const d = deferred.rounds[deferred.medianRound - 1] as RoundFigures;
	const roundsNote = (f: SigningFigures) =>
		`median of ${f.rounds.length} rounds (round ${f.medianRound}; ratios ${f.rounds.map((r) => r.ratio.toFixed(2)).join(", ")})`;
	return [
		{
			what: "Signing throughput vs bare INSERT",
			measured: `${fmt(signing.signingRps)} vs ${fmt(signing.baselineRps)} req/s = ${signing.ratio.toFixed(2)}`,
			budget: `ratio ≥ ${budgets.signingRatio.toFixed(2)}`,
			result: verdict(signing.ok, signing.problems),
			note: [
				`${roundsNote(signing)}; latency p50/p95 signing ${m.signing.latencyMedianMs.toFixed(1)}/${m.signing.latencyP95Ms.toFixed(1)} ms, baseline ${m.baseline.latencyMedianMs.toFixed(1)}/${m.baseline.latencyP95Ms.toFixed(1)} ms at ${config.concurrency} in flight; queue consumer delivering the emails in the same runtime`,
				...signing.problems,
			].join("; "),
		},
		{
			what: "  same, email delivery deferred",
			measured: `${fmt(deferred.signingRps)} vs ${fmt(deferred.baselineRps)} req/s = ${deferred.ratio.toFixed(2)}`,
			budget: "(info)",
			result: deferred.problems.length > 0 ? "INVALID" : "info",
			note: [
				`${roundsNote(deferred)}; latency p50/p95 signing ${d.signing.latencyMedianMs.toFixed(1)}/${d.signing.latencyP95Ms.toFixed(1)} ms, baseline ${d.baseline.latencyMedianMs.toFixed(1)}/${d.baseline.latencyP95Ms.toFixed(1)} ms; no queue consumer: the endpoint's own cost`,
				...deferred.problems,
			].join("; "),
		},
	];
}

/** Starts a runtime, runs `body` on it, and always stops it (also on Ctrl-C). */
async function withRuntime<T>(opts: { consumer: boolean }, body: (rt: Runtime) => Promise<T>): Promise<T> {
	const rt = await startRuntime(join(buildDir, "index.js"), opts);
	const stop = () => {
		rt.dispose().finally(() => process.exit(130));
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
	try {
		return await body(rt);
	} finally {
		process.off("SIGINT", stop);
		process.off("SIGTERM", stop);
		await rt.dispose();
	}
}

async function main(): Promise<void> {
	const started = performance.now();
	const startedAt = new Date().toISOString();
	const cpuCount = availableParallelism();
	log(`Red Line bench: ${cpuCount} CPU (${cpus()[0]?.model ?? "unknown"}), node ${process.version}`);
	log(
		`Config: ${config.rounds} rounds × ${fmt(config.requestsPerSide)} requests per side at ${config.concurrency} in flight; ${fmt(config.getSamples)} GETs per petition.\n`,
	);

	log("Building the Worker (wrangler deploy --dry-run)…");
	const bundle = measureBundle();
	log(`  ${bundle.files.join(", ")}: ${fmt(bundle.rawBytes / KiB, 1)} KiB, gzip ${fmt(bundle.gzipKiB, 1)} KiB`);

	log("Starting workerd (Miniflare): the Worker as configured (queue consumer on) and the baseline…");
	let runtimeInfo = { workerd: "", miniflare: "", compatibilityDate: "" };
	const { get, signing } = await withRuntime({ consumer: true }, async (rt) => {
		runtimeInfo = {
			workerd: rt.workerdVersion,
			miniflare: rt.miniflareVersion,
			compatibilityDate: rt.compatibilityDate,
		};
		log(`  workerd ${rt.workerdVersion}, miniflare ${rt.miniflareVersion}, compatibility date ${rt.compatibilityDate}`);
		await createPetitions(rt);
		if (config.only === "signing") {
			log(`Signing throughput vs bare INSERT, ${config.rounds} alternating rounds, emails delivered as they queue…`);
			return { get: undefined, signing: await measureSigning(rt, config.rounds, "live") };
		}
		log(`Inserting ${fmt(config.small.signatures)} + ${fmt(config.large.signatures)} confirmed signatures…`);
		const bulkInsertMs = await seedBulk(rt);
		log(`  done in ${seconds(bulkInsertMs)}`);

		log(`GET latency, ${config.small.slug} vs ${config.large.slug}, interleaved…`);
		const get = await measureGetLatency(rt, bulkInsertMs);
		for (const [name, f] of [
			[config.small.slug, get.small],
			[config.large.slug, get.large],
		] as const) {
			log(
				`  ${name}: median ${f.medianMs.toFixed(2)} ms, p95 ${f.p95Ms.toFixed(2)} ms, p99 ${f.p99Ms.toFixed(2)} ms (count ${fmt(f.count)}, ${f.countries} countries)`,
			);
		}

		log(`Signing throughput vs bare INSERT, ${config.rounds} alternating rounds, emails delivered as they queue…`);
		const signing = await measureSigning(rt, config.rounds, "live");
		return { get, signing };
	});

	// workerd runs every isolate on one thread: locally the queue consumer (rendering and
	// "sending" each confirmation email) competes with the signing requests. Production runs
	// consumers separately; this run shows what the endpoint alone does, for the record.
	log("Again with email delivery deferred (no queue consumer), for comparison…");
	const deferred = await withRuntime({ consumer: false }, async (rt) => {
		await createPetitions(rt);
		return measureSigning(rt, config.deferredRounds, "deferred");
	});

	const signingTable = [...signingRows(signing, deferred), d1StatementsRow(benchD1Statements())];
	if (config.only === "signing" || !get) {
		await mkdir(outDir, { recursive: true });
		await writeFile(
			join(outDir, "results-signing.json"),
			`${JSON.stringify({ startedAt, config, budgets, signing, signingEmailDeferred: deferred, table: signingTable }, null, "\t")}\n`,
		);
		log(`\nResults (${seconds(performance.now() - started)}):\n`);
		log(table(signingTable));
		return;
	}

	log(
		"A surge of signatures through the stand-in at its rate, failing 5%: the last confirmation after the last accept…",
	);
	const surge = await benchSurge(join(buildDir, "index.js"));

	log("Bulletin fan-out through the rate-limited stand-in, confirmations flowing…");
	const bulletins = await benchBulletins(join(buildDir, "index.js"));

	log("Webhook delivery to a local receiver during a surge of confirmed signatures…");
	const webhooks = await benchWebhooks(join(buildDir, "index.js"));

	log("Known against unknown addresses, per endpoint, interleaved…");
	const knownUnknown = await benchKnownUnknown(join(buildDir, "index.js"));

	log("The partners' widget: size, and its requests counted in Chromium…");
	const widget = await benchWidget(join(buildDir, "index.js"));

	log("The map of States (/states) against a petition's page: size and time…");
	const statesPage = await benchStatesPage(join(buildDir, "index.js"));
	log("Share cards: kept in the cache against a petition's page, and drawn for a new count…");
	const shareCard = await benchShareCard(join(buildDir, "index.js"));
	log("Console dashboard with 100 vs 100,000 signatures, interleaved…");
	const dashboard = await benchDashboard(join(buildDir, "index.js"));
	log("OSDI: a page of 1,000 people against a bare SELECT, and a full sync of 100,000…");
	const osdi = await benchOsdi(join(buildDir, "index.js"));

	const rows: Row[] = [
		...signingTable,
		{
			what: "GET petition, 100 vs 100k signatures",
			measured: `median ${get.small.medianMs.toFixed(2)} vs ${get.large.medianMs.toFixed(2)} ms = ${get.ratio.toFixed(2)}; p95 ${get.small.p95Ms.toFixed(2)} vs ${get.large.p95Ms.toFixed(2)} ms`,
			budget: `ratio ≤ ${budgets.getLatencyRatio.toFixed(2)}`,
			result: verdict(get.ok, get.problems),
			note: [
				`${fmt(config.getSamples)} interleaved GETs each, one at a time; counts ${fmt(get.small.count)} and ${fmt(get.large.count)} as expected, ${get.large.countries} countries`,
				...get.problems,
			].join("; "),
		},
		surgeRow(surge),
		bulletinRow(bulletins),
		webhookRow(webhooks),
		...knownUnknownRows(knownUnknown),
		...widgetRows(widget),
		...statesPageRows(statesPage),
		...shareCardRows(shareCard),
		dashboardRow(dashboard),
		...osdiRows(osdi),
		{
			what: "Worker bundle, gzipped",
			measured: `${fmt(bundle.gzipKiB, 1)} KiB = ${fmt(bundle.gzipBytes / 1000, 1)} kB (raw ${fmt(bundle.rawBytes / KiB, 0)} KiB)`,
			budget: `≤ ${budgets.bundleGzipKiB} KiB`,
			result: verdict(bundle.ok, []),
			note: `largest packages (raw KiB in the bundle): ${bundle.largestInputs
				.slice(0, 8)
				.map((x) => `${x.name} ${fmt(x.bytes / KiB)}`)
				.join(", ")}`,
		},
	];

	const durationMs = performance.now() - started;
	await mkdir(outDir, { recursive: true });
	const results = {
		startedAt,
		durationSeconds: durationMs / 1000,
		environment: {
			cpus: cpuCount,
			cpuModel: cpus()[0]?.model,
			node: process.version,
			...runtimeInfo,
		},
		config,
		budgets,
		signing,
		signingEmailDeferred: deferred,
		getLatency: get,
		bulletins,
		webhooks,
		knownUnknown,
		widget,
		statesPage,
		shareCard,
		dashboard,
		osdi,
		bundle,
		table: rows,
	};
	await writeFile(join(outDir, "results.json"), `${JSON.stringify(results, null, "\t")}\n`);

	log(`\nResults (${seconds(durationMs)}; figures in ${relative(root, join(outDir, "results.json"))}):\n`);
	log(table(rows));
	const over = rows.filter((r) => r.result === "OVER" || r.result === "INVALID");
	log(
		over.length === 0
			? "\nAll within budget."
			: `\nNot within budget: ${over.map((r) => `${r.what.trim()} (${r.result})`).join(", ")}.`,
	);
}

main().catch((err) => {
	console.error(`\nThe bench could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
	process.exitCode = 1;
});
