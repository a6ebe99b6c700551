// Builds the Worker as it would be deployed and runs it, next to the baseline Worker, in one
// Miniflare instance (the version wrangler itself uses, so the same workerd as `wrangler dev`).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "smol-toml";
import { root, wranglerEnv } from "../local.ts";
import { seedStatements } from "../seed.ts";

type MiniflareModule = typeof import("miniflare");
type MiniflareInstance = InstanceType<MiniflareModule["Miniflare"]>;
type D1 = Awaited<ReturnType<MiniflareInstance["getD1Database"]>>;

export const MAIN = "red-line";
export const BASELINE = "baseline";
export const QUEUE_NAME = "red-line-mail";
/** High enough that the rate limiters never refuse a bench request, low enough to be a real number. */
const NO_LIMIT = 1_000_000_000;

interface WranglerToml {
	compatibility_date: string;
	compatibility_flags?: string[];
	vars?: Record<string, string>;
	queues?: {
		producers?: { binding: string; queue: string }[];
		consumers?: {
			queue: string;
			max_batch_size?: number;
			max_batch_timeout?: number;
			max_retries?: number;
			dead_letter_queue?: string;
		}[];
	};
	ratelimits?: { name: string; namespace_id: string; simple: { limit: number; period: 10 | 60 } }[];
	assets?: { directory: string; binding: string };
}

export function readWranglerToml(): WranglerToml {
	return parse(readFileSync(join(root, "wrangler.toml"), "utf8")) as unknown as WranglerToml;
}

/** `wrangler deploy --dry-run`: the very bundle that would be uploaded. */
export function buildWorker(outdir: string): { files: string[]; metafile: string } {
	rmSync(outdir, { recursive: true, force: true });
	const metafile = join(outdir, "bundle-meta.json");
	const wranglerJs = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
	const r = spawnSync(
		process.execPath,
		[wranglerJs, "deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile],
		{
			cwd: root,
			env: { ...wranglerEnv, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
			encoding: "utf8",
		},
	);
	if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`);
	const files = readdirSync(outdir)
		.filter((f) => /\.(m?js|cjs|wasm)$/.test(f))
		.map((f) => join(outdir, f));
	if (!files.some((f) => f.endsWith("index.js"))) throw new Error(`no index.js in ${outdir}`);
	return { files, metafile };
}

/** Miniflare from wrangler's own dependency tree (not the copy the test plugin pins). */
async function loadMiniflare(): Promise<MiniflareModule> {
	const fromWrangler = createRequire(join(root, "node_modules", "wrangler", "package.json"));
	return (await import(pathToFileURL(fromWrangler.resolve("miniflare")).href)) as MiniflareModule;
}

/** The migrations, in order, split where drizzle-kit marks statement boundaries. */
export function migrationStatements(): string[] {
	const dir = join(root, "schema", "migrations");
	return readdirSync(dir)
		.filter((f) => f.endsWith(".sql"))
		.sort()
		.flatMap((f) => readFileSync(join(dir, f), "utf8").split("--> statement-breakpoint"))
		.map((s) => s.trim())
		.filter((s) => s.replace(/--[^\n]*/g, "").trim() !== "");
}

/**
 * The rate-limiting bindings, as they behave deployed. Cloudflare's binding answers from counters
 * "cached on the same machine that your Worker runs in ... You are not waiting on a network
 * request" (developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit). Miniflare's
 * emulation instead makes each `limit()` a Durable Object request with a SQLite write: two per
 * signature, more work than the whole baseline, which would measure the emulator rather than the
 * engine. So the bench binds IP_LIMITER and EMAIL_LIMITER (same names, same `limit({ key })`
 * answer) to an in-memory fixed-window counter in a Worker of its own, reached by an in-process
 * RPC: the engine still calls each limiter and honours its answer. `npm start` and the tests keep
 * Miniflare's emulation.
 */
const RATE_LIMITER = "rate-limiter";
const limiterEntrypoint = (binding: string) => `Limiter_${binding}`;

function rateLimiterModule(limiters: { name: string; period: number }[]): string {
	return [
		'import { WorkerEntrypoint } from "cloudflare:workers";',
		"const counts = new Map();",
		"function count(name, key, limit, period) {",
		"\tconst epoch = Math.floor(Date.now() / (period * 1000));",
		'\tconst id = name + ":" + key;',
		"\tconst bucket = counts.get(id);",
		"\tconst n = bucket && bucket.epoch === epoch ? bucket.n : 0;",
		"\tif (n >= limit) return { success: false };",
		"\tcounts.set(id, { epoch, n: n + 1 });",
		"\tif (counts.size > 100000) counts.clear();",
		"\treturn { success: true };",
		"}",
		"export default class extends WorkerEntrypoint { fetch() { return new Response(null, { status: 404 }); } }",
		...limiters.map(
			(l) =>
				`export class ${limiterEntrypoint(l.name)} extends WorkerEntrypoint { limit({ key }) { return count(${JSON.stringify(l.name)}, key, ${NO_LIMIT}, ${l.period}); } }`,
		),
	].join("\n");
}

/** A service binding that answers with the files of a folder, as the ASSETS binding does. */
function assetsFrom(directory: string) {
	return async (request: { url: string }) => {
		const { Response } = await loadMiniflare();
		try {
			const body = readFileSync(join(root, directory, decodeURIComponent(new URL(request.url).pathname)));
			return new Response(body, { headers: { "content-type": "application/octet-stream" } });
		} catch {
			return new Response(null, { status: 404 });
		}
	};
}

export interface Runtime {
	mf: MiniflareInstance;
	/** Direct sockets into each Worker: no Miniflare entry Worker in front of either. */
	mainUrl: URL;
	baselineUrl: URL;
	db: D1;
	baselineDb: D1;
	compatibilityDate: string;
	workerdVersion: string;
	miniflareVersion: string;
	dispose(): Promise<void>;
}

/**
 * Starts both Workers with fresh databases: the engine's migrated and seeded, the baseline's with
 * its one table. `consumer: false` leaves the mail queue without its consumer (messages wait); the
 * other queues (the intake, which writes signatures) keep theirs.
 */
export async function startRuntime(scriptPath: string, opts: { consumer?: boolean } = {}): Promise<Runtime> {
	const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = await loadMiniflare();
	const toml = readWranglerToml();
	const compatibilityDate = toml.compatibility_date;
	const compatibilityFlags = toml.compatibility_flags ?? [];
	const consumer = toml.queues?.consumers?.find((c) => c.queue === QUEUE_NAME);
	const producers = Object.fromEntries(
		(toml.queues?.producers ?? []).map((p) => [p.binding, { queueName: p.queue }] as const),
	);
	const limiters = toml.ratelimits ?? [];
	const ratelimits = Object.fromEntries(
		limiters.map((r) => [r.name, { name: RATE_LIMITER, entrypoint: limiterEntrypoint(r.name) }] as const),
	);
	if (!producers.QUEUE || !consumer || !ratelimits.IP_LIMITER || !ratelimits.EMAIL_LIMITER) {
		throw new Error("wrangler.toml no longer declares QUEUE, its consumer, IP_LIMITER and EMAIL_LIMITER");
	}
	const socket = [{ host: "127.0.0.1", port: 0 }];
	const mf = new Miniflare(
		convertV4MiniflareOptions({
			host: "127.0.0.1",
			port: 0,
			// No real `cf` object: fetching one needs the internet.
			cf: false,
			log: new Log(LogLevel.WARN),
			workers: [
				{
					name: MAIN,
					modules: true,
					scriptPath,
					compatibilityDate,
					compatibilityFlags,
					bindings: {
						...toml.vars,
						ENVIRONMENT: "development",
						APP_SECRET: randomBytes(32).toString("base64url"),
					},
					d1Databases: { DB: "bench-red-line" },
					queueProducers: producers,
					// Every consumer wrangler.toml declares (the intake's writes signatures), the mail
					// queue's only when email delivery runs.
					queueConsumers: Object.fromEntries(
						(toml.queues?.consumers ?? [])
							.filter((c) => opts.consumer !== false || c.queue !== QUEUE_NAME)
							.map((c) => [
								c.queue,
								{
									maxBatchSize: c.max_batch_size,
									maxBatchTimeout: c.max_batch_timeout,
									maxRetries: c.max_retries,
									deadLetterQueue: c.dead_letter_queue,
								},
							]),
					),
					// The share cards' type, from the folder [build] wrote it to (scripts/build-cards.ts):
					// Miniflare's own assets router stands in front of the Worker, which the direct
					// sockets bypass, so ASSETS is bound to a function that reads the folder.
					serviceBindings: {
						...ratelimits,
						...(toml.assets ? { [toml.assets.binding]: assetsFrom(toml.assets.directory) } : {}),
					},
					unsafeDirectSockets: socket,
				},
				{
					name: RATE_LIMITER,
					modules: [
						{
							type: "ESModule",
							path: join(import.meta.dirname, "rate-limiter.js"),
							contents: rateLimiterModule(limiters.map((r) => ({ name: r.name, period: r.simple.period }))),
						},
					],
					compatibilityDate,
					compatibilityFlags,
				},
				{
					name: BASELINE,
					modules: true,
					scriptPath: join(import.meta.dirname, "baseline-worker.js"),
					compatibilityDate,
					compatibilityFlags,
					d1Databases: { DB: "bench-baseline" },
					unsafeDirectSockets: socket,
				},
			],
		}),
	);
	let disposed = false;
	const dispose = async () => {
		if (disposed) return;
		disposed = true;
		await mf.dispose();
	};
	try {
		await mf.ready;
		const [mainUrl, baselineUrl, db, baselineDb] = await Promise.all([
			mf.unsafeGetDirectURL(MAIN),
			mf.unsafeGetDirectURL(BASELINE),
			mf.getD1Database("DB", MAIN),
			mf.getD1Database("DB", BASELINE),
		]);
		for (const sql of migrationStatements()) await db.prepare(sql).run();
		await db.batch(seedStatements().map((sql) => db.prepare(sql)));
		await baselineDb
			.prepare(
				"CREATE TABLE baseline_signatures (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL, created_at INTEGER NOT NULL)",
			)
			.run();
		const fromWrangler = createRequire(join(root, "node_modules", "wrangler", "package.json"));
		const miniflareVersion = (fromWrangler("miniflare/package.json") as { version: string }).version;
		const fromMiniflare = createRequire(fromWrangler.resolve("miniflare"));
		const workerdVersion = (fromMiniflare("workerd/package.json") as { version: string }).version;
		return {
			mf,
			mainUrl,
			baselineUrl,
			db,
			baselineDb,
			compatibilityDate,
			workerdVersion,
			miniflareVersion,
			dispose,
		};
	} catch (err) {
		await dispose();
		throw err;
	}
}
