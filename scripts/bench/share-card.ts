// Share cards (/p/:slug/card/:locale.png), against a petition's page (/p/:slug): a card kept in
// the cache, as the networks' crawlers mostly get it, and a card drawn afresh (a new count each
// time, so the cache never has it), one request at a time, interleaved, on the Worker as built
// for deploy in Miniflare. Budget: a kept card at most 2× the page's median time (it is one D1
// read, a digest and a cache lookup); drawing is for the record (what a new count costs once).
//
// Run alone: `node scripts/bench/share-card.ts` (builds the Worker into .bench/build first).
import { join } from "node:path";
import { root } from "../local.ts";
import { type BenchRow, median, quantile } from "./load.ts";
import { buildWorker, startRuntime } from "./runtime.ts";

export const SHARE_CARD_BUDGET = { cachedRatio: 2 };

export interface ShareCardFigures {
	pageMs: number;
	cachedMs: number;
	drawnMs: number;
	drawnP95Ms: number;
	cardBytes: number;
	cachedRatio: number;
	samples: number;
	ok: boolean;
	problems: string[];
}

async function fetchOnce(base: URL, path: string) {
	const start = performance.now();
	const res = await fetch(new URL(path, base));
	const body = new Uint8Array(await res.arrayBuffer());
	return {
		ms: performance.now() - start,
		bytes: body.byteLength,
		status: res.status,
		type: res.headers.get("content-type"),
	};
}

export async function benchShareCard(scriptPath: string, samples = 100): Promise<ShareCardFigures> {
	const rt = await startRuntime(scriptPath, { consumer: false });
	const problems: string[] = [];
	try {
		const setCount = (n: number) =>
			rt.db
				.prepare(
					"INSERT INTO signature_counts (petition_id, country, count) SELECT id, '', ? FROM petitions WHERE slug = 'call-to-action' ON CONFLICT (petition_id, country) DO UPDATE SET count = excluded.count",
				)
				.bind(n)
				.run();
		const page = "/p/call-to-action?locale=en";
		const card = "/p/call-to-action/card/en.png";
		const times = { page: [] as number[], cached: [] as number[], drawn: [] as number[] };
		let cardBytes = 0;
		await setCount(1);
		for (let i = 0; i < 20; i++) {
			await fetchOnce(rt.mainUrl, page);
			await fetchOnce(rt.mainUrl, card);
		}
		for (let i = 0; i < samples; i++) {
			// The kept card and the page, interleaved; then a new count, and the card drawn for it.
			const order = i % 2 === 0 ? ([page, card] as const) : ([card, page] as const);
			for (const path of order) {
				const r = await fetchOnce(rt.mainUrl, path);
				if (r.status !== 200) problems.push(`${path} answered ${r.status}`);
				(path === page ? times.page : times.cached).push(r.ms);
			}
			await setCount(1000 + i);
			const drawn = await fetchOnce(rt.mainUrl, card);
			if (drawn.status !== 200 || drawn.type !== "image/png")
				problems.push(`a fresh card answered ${drawn.status} ${drawn.type}`);
			times.drawn.push(drawn.ms);
			cardBytes = drawn.bytes;
			await setCount(1);
		}
		const pageMs = median(times.page);
		const cachedMs = median(times.cached);
		const cachedRatio = cachedMs / pageMs;
		return {
			pageMs,
			cachedMs,
			drawnMs: median(times.drawn),
			drawnP95Ms: quantile(times.drawn, 0.95),
			cardBytes,
			cachedRatio,
			samples,
			ok: cachedRatio <= SHARE_CARD_BUDGET.cachedRatio,
			problems: [...new Set(problems)],
		};
	} finally {
		await rt.dispose();
	}
}

export function shareCardRows(f: ShareCardFigures): BenchRow[] {
	const invalid = f.problems.length > 0;
	return [
		{
			what: "share card (cached) vs /p/:slug (median)",
			measured: `${f.cachedMs.toFixed(2)} vs ${f.pageMs.toFixed(2)} ms = ${f.cachedRatio.toFixed(2)}`,
			budget: `ratio ≤ ${SHARE_CARD_BUDGET.cachedRatio}`,
			result: invalid ? "INVALID" : f.ok ? "ok" : "OVER",
			note: [`${f.samples} interleaved GETs each, one at a time`, ...f.problems].join("; "),
		},
		{
			what: "share card drawn (a new count)",
			measured: `median ${f.drawnMs.toFixed(1)} ms, p95 ${f.drawnP95Ms.toFixed(1)} ms; ${(f.cardBytes / 1024).toFixed(1)} KiB PNG`,
			budget: "(info)",
			result: invalid ? "INVALID" : "ok",
			note: "drawn once per count, title and language, then served from the cache",
		},
	];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
	const buildDir = join(root, ".bench", "build");
	buildWorker(buildDir);
	const figures = await benchShareCard(join(buildDir, "index.js"));
	for (const row of shareCardRows(figures)) console.log(`${row.what}: ${row.measured} (${row.budget}) ${row.result}`);
	console.log(JSON.stringify(figures, null, "\t"));
}
