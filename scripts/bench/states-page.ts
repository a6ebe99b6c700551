// The map of States (/states), measured against a petition's page (/p/:slug), the page people
// are sent to most: response size (raw and gzipped, as a browser would fetch it) and median
// time, one request at a time, interleaved, on the Worker as built for deploy in Miniflare.
// Budget: /states at most 4× the petition page's gzipped size and at most 2× its median time
// (it carries a world map of 195 linked States and a page of the table, the petition page one
// form).
//
// Run alone: `node scripts/bench/states-page.ts` (builds the Worker into .bench/build first).
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "../local.ts";
import { type BenchRow, median, quantile } from "./load.ts";
import { buildWorker, startRuntime } from "./runtime.ts";

export const STATES_PAGE_BUDGET = { sizeRatio: 4, timeRatio: 2 };

export interface PageFigures {
	path: string;
	rawBytes: number;
	gzipBytes: number;
	medianMs: number;
	p95Ms: number;
}

export interface StatesPageFigures {
	states: PageFigures;
	petition: PageFigures;
	sizeRatio: number;
	timeRatio: number;
	samples: number;
	ok: boolean;
	problems: string[];
}

async function fetchOnce(base: URL, path: string): Promise<{ ms: number; body: string; status: number }> {
	const start = performance.now();
	const res = await fetch(new URL(path, base), { headers: { "accept-language": "en" } });
	const body = await res.text();
	return { ms: performance.now() - start, body, status: res.status };
}

/** Starts the built Worker, warms both pages up, then times them alternately. */
export async function benchStatesPage(scriptPath: string, samples = 300): Promise<StatesPageFigures> {
	const rt = await startRuntime(scriptPath, { consumer: false });
	const problems: string[] = [];
	try {
		const paths = { states: "/states", petition: "/p/call-to-action" } as const;
		const times: Record<keyof typeof paths, number[]> = { states: [], petition: [] };
		const bodies: Record<keyof typeof paths, string> = { states: "", petition: "" };
		for (let i = 0; i < 30; i++) for (const p of Object.values(paths)) await fetchOnce(rt.mainUrl, p);
		for (let i = 0; i < samples; i++) {
			const order = i % 2 === 0 ? (["states", "petition"] as const) : (["petition", "states"] as const);
			for (const key of order) {
				const r = await fetchOnce(rt.mainUrl, paths[key]);
				if (r.status !== 200) problems.push(`${paths[key]} answered ${r.status}`);
				times[key].push(r.ms);
				bodies[key] = r.body;
			}
		}
		const links = (bodies.states.match(/<a href="\/states\/[a-z]{2}"[^>]*data-state=/g) ?? []).length;
		if (links !== 195) problems.push(`/states drew ${links} linked States, not 195`);
		const figures = (key: keyof typeof paths): PageFigures => ({
			path: paths[key],
			rawBytes: Buffer.byteLength(bodies[key]),
			gzipBytes: gzipSync(bodies[key]).byteLength,
			medianMs: median(times[key]),
			p95Ms: quantile(times[key], 0.95),
		});
		const states = figures("states");
		const petition = figures("petition");
		const sizeRatio = states.gzipBytes / petition.gzipBytes;
		const timeRatio = states.medianMs / petition.medianMs;
		const unique = [...new Set(problems)];
		return {
			states,
			petition,
			sizeRatio,
			timeRatio,
			samples,
			ok: sizeRatio <= STATES_PAGE_BUDGET.sizeRatio && timeRatio <= STATES_PAGE_BUDGET.timeRatio,
			problems: unique,
		};
	} finally {
		await rt.dispose();
	}
}

/** The bench table's rows: size and time, each against the petition page. */
export function statesPageRows(f: StatesPageFigures): BenchRow[] {
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
	const result = (ok: boolean) => (f.problems.length > 0 ? "INVALID" : ok ? "ok" : "OVER");
	return [
		{
			what: "/states size vs /p/:slug (gzipped)",
			measured: `${kb(f.states.gzipBytes)} vs ${kb(f.petition.gzipBytes)} = ${f.sizeRatio.toFixed(2)}`,
			budget: `ratio ≤ ${STATES_PAGE_BUDGET.sizeRatio}`,
			result: result(f.sizeRatio <= STATES_PAGE_BUDGET.sizeRatio),
			note: [
				`raw ${kb(f.states.rawBytes)} vs ${kb(f.petition.rawBytes)}; map of 195 linked States`,
				...f.problems,
			].join("; "),
		},
		{
			what: "/states time vs /p/:slug (median)",
			measured: `${f.states.medianMs.toFixed(2)} vs ${f.petition.medianMs.toFixed(2)} ms = ${f.timeRatio.toFixed(2)}`,
			budget: `ratio ≤ ${STATES_PAGE_BUDGET.timeRatio}`,
			result: result(f.timeRatio <= STATES_PAGE_BUDGET.timeRatio),
			note: `${f.samples} interleaved GETs each, one at a time; p95 ${f.states.p95Ms.toFixed(2)} vs ${f.petition.p95Ms.toFixed(2)} ms`,
		},
	];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
	const buildDir = join(root, ".bench", "build");
	buildWorker(buildDir);
	const figures = await benchStatesPage(join(buildDir, "index.js"));
	for (const row of statesPageRows(figures)) console.log(`${row.what}: ${row.measured} (${row.budget}) ${row.result}`);
	console.log(JSON.stringify(figures, null, "\t"));
}
