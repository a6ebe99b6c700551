// The OSDI API, measured: an OSDI page of 1,000 people (GET /api/osdi/v1/people?per_page=1000,
// by the cursor a next link carries) against a bare SELECT of the same 1,000 rows on the same
// index, answered as JSON by the baseline Worker, on the same runtime; the ratio of the medians
// (budget: ≤ 2). Also a full sync of 100,000 people by following next links: its request count
// (budget: ≤ 100) and time, and that every person came exactly once.
//
// Both databases hold the same 100,000 people; in the engine's each has a confirmed signature
// (who shows in OSDI) and one in four a confirmed subscription. Samples alternate sides and
// start at random points of the data.
//
// Run alone: `node scripts/bench/osdi.ts` (builds the Worker into .bench/build first).
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { root } from "../local.ts";
import { median, quantile } from "./load.ts";
import { buildWorker, startRuntime } from "./runtime.ts";

export interface OsdiBenchFigures {
	people: number;
	perPage: number;
	samples: number;
	osdi: { medianMs: number; p95Ms: number; bytes: number };
	bare: { medianMs: number; p95Ms: number; bytes: number };
	ratio: number;
	budget: number;
	sync: { requests: number; seconds: number; unique: number; budget: number };
	ok: boolean;
	problems: string[];
}

const RATIO_BUDGET = 2;
const SYNC_BUDGET = 100;
const T0 = Date.UTC(2025, 0, 1);

const literal = (v: string | number | null) =>
	v === null ? "NULL" : typeof v === "number" ? String(Math.trunc(v)) : `'${v.replace(/'/g, "''")}'`;

/** Person i: modified a few ms apart, several at the same ms (so ties fall back on the id). */
const personAt = (i: number) => T0 + Math.floor(i / 3) * 7;
const personId = (i: number) => `per_osdi_${String(i).padStart(6, "0")}`;

function peopleRows(from: number, to: number): string {
	const rows: string[] = [];
	for (let i = from; i < to; i++) {
		const email = `osdi.${i}@bench.example`;
		const t = personAt(i);
		rows.push(`(${[personId(i), email, email, `Supporter ${i}`, "KE", "en", t, t].map(literal).join(",")})`);
	}
	return `INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES ${rows.join(",")}`;
}

function engineStatements(count: number, token: string, rowsPerStatement = 400): string[] {
	const now = Date.now();
	const hash = createHash("sha256").update(token).digest("hex");
	const out = [
		`INSERT INTO api_tokens (id, name, hash, prefix, scopes, created_by, created_at) VALUES ('tok_bench', 'bench', '${hash}', '${token.slice(0, 9)}', '["content:read","people:read"]', 'bench', ${now})`,
	];
	for (let start = 0; start < count; start += rowsPerStatement) {
		const end = Math.min(count, start + rowsPerStatement);
		const sigs: string[] = [];
		const subs: string[] = [];
		for (let i = start; i < end; i++) {
			const t = personAt(i);
			sigs.push(
				`(${[`sig_osdi_${i}`, "pet_call-to-action", personId(i), "confirmed", `Supporter ${i}`, "KE", "en", 1, t, t, t].map(literal).join(",")})`,
			);
			if (i % 4 === 0) {
				subs.push(
					`(${[`sub_osdi_${i}`, "list_red-line-updates", personId(i), "active", "en", "bench", t, t, t].map(literal).join(",")})`,
				);
			}
		}
		out.push(
			peopleRows(start, end),
			`INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, emails_sent, created_at, updated_at, confirmed_at) VALUES ${sigs.join(",")}`,
		);
		if (subs.length > 0) {
			out.push(
				`INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at, confirmed_at) VALUES ${subs.join(",")}`,
			);
		}
	}
	return out;
}

function baselineStatements(count: number, rowsPerStatement = 400): string[] {
	const out = [
		"CREATE TABLE people (id TEXT PRIMARY KEY, email TEXT NOT NULL, email_canonical TEXT NOT NULL, name TEXT, country TEXT, locale TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
		"CREATE INDEX people_updated ON people (updated_at, id)",
	];
	for (let start = 0; start < count; start += rowsPerStatement) {
		out.push(peopleRows(start, Math.min(count, start + rowsPerStatement)));
	}
	return out;
}

type D1Like = { batch(s: unknown[]): Promise<unknown>; prepare(sql: string): unknown };

async function run(db: D1Like, statements: string[]) {
	for (let i = 0; i < statements.length; i += 20) await db.batch(statements.slice(i, i + 20).map((s) => db.prepare(s)));
}

export async function benchOsdi(
	scriptPath: string,
	opts: { people?: number; samples?: number; warmup?: number } = {},
): Promise<OsdiBenchFigures> {
	const people = opts.people ?? 100_000;
	const samples = opts.samples ?? 100;
	const warmup = opts.warmup ?? 10;
	const perPage = 1000;
	const problems: string[] = [];
	const token = `rl_${randomBytes(32).toString("base64url")}`;
	const rt = await startRuntime(scriptPath, { consumer: false });
	try {
		await run(rt.db as unknown as D1Like, engineStatements(people, token));
		await run(rt.baselineDb as unknown as D1Like, baselineStatements(people));
		const headers = { "OSDI-API-Token": token };

		// The full sync, by next links alone.
		const seen = new Set<string>();
		let requests = 0;
		const syncStart = performance.now();
		let next: string | undefined = new URL(`/api/osdi/v1/people?per_page=${perPage}`, rt.mainUrl).toString();
		while (next) {
			// The links name the engine's own origin: the request goes to the runtime's socket.
			const url = new URL(next);
			const res = await fetch(new URL(url.pathname + url.search, rt.mainUrl), { headers });
			requests++;
			if (res.status !== 200) {
				problems.push(`sync: status ${res.status} on request ${requests}`);
				break;
			}
			const body = (await res.json()) as {
				_embedded: { "osdi:people": { identifiers: string[] }[] };
				_links: { next?: { href: string } };
			};
			for (const p of body._embedded["osdi:people"]) {
				const id = p.identifiers[0] ?? "";
				if (seen.has(id)) problems.push(`sync: ${id} came twice`);
				seen.add(id);
			}
			next = body._links.next?.href;
			if (requests > people / perPage + 5) {
				problems.push("sync: more requests than pages");
				break;
			}
		}
		const syncSeconds = (performance.now() - syncStart) / 1000;
		if (seen.size !== people) problems.push(`sync: ${seen.size} people, expected ${people}`);

		const sides = {
			osdi: { ms: [] as number[], bytes: 0 },
			bare: { ms: [] as number[], bytes: 0 },
		};
		const start = (k: number) => {
			// A point in the data with at least a full page after it.
			const i = Math.floor((((k * 7919) % 1000) / 1000) * (people - perPage - 1));
			return { at: personAt(i), id: personId(i) };
		};
		const once = async (side: "osdi" | "bare", k: number, record: boolean) => {
			const p = start(k);
			const url =
				side === "osdi"
					? new URL(`/api/osdi/v1/people?per_page=${perPage}&cursor=${p.at}_${p.id}`, rt.mainUrl)
					: new URL(`/people?limit=${perPage}&at=${p.at}&id=${p.id}`, rt.baselineUrl);
			const t = performance.now();
			const res = await fetch(url, side === "osdi" ? { headers } : {});
			const text = await res.text();
			const ms = performance.now() - t;
			if (res.status !== 200) {
				problems.push(`${side}: status ${res.status}`);
				return;
			}
			if (!record) {
				const n =
					side === "osdi"
						? (JSON.parse(text) as { _embedded: { "osdi:people": unknown[] } })._embedded["osdi:people"].length
						: (JSON.parse(text) as { people: unknown[] }).people.length;
				if (n !== perPage) problems.push(`${side}: a page of ${n} rows, expected ${perPage}`);
				return;
			}
			sides[side].ms.push(ms);
			sides[side].bytes = text.length;
		};
		for (let i = 0; i < warmup; i++) {
			await once("osdi", i, false);
			await once("bare", i, false);
		}
		for (let i = 0; i < samples; i++) {
			const order: ("osdi" | "bare")[] = i % 2 === 0 ? ["osdi", "bare"] : ["bare", "osdi"];
			for (const side of order) await once(side, i, true);
		}
		const fig = (s: { ms: number[]; bytes: number }) => ({
			medianMs: median(s.ms),
			p95Ms: quantile(s.ms, 0.95),
			bytes: s.bytes,
		});
		const osdi = fig(sides.osdi);
		const bare = fig(sides.bare);
		const ratio = osdi.medianMs / bare.medianMs;
		return {
			people,
			perPage,
			samples,
			osdi,
			bare,
			ratio,
			budget: RATIO_BUDGET,
			sync: { requests, seconds: syncSeconds, unique: seen.size, budget: SYNC_BUDGET },
			ok: ratio <= RATIO_BUDGET && requests <= SYNC_BUDGET && problems.length === 0,
			problems: [...new Set(problems)].slice(0, 5),
		};
	} finally {
		await rt.dispose();
	}
}

/** The bench table's rows: the page against the bare select, and the full sync. */
export function osdiRows(f: OsdiBenchFigures) {
	const result = (ok: boolean) => (f.problems.length > 0 ? "INVALID" : ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID";
	return [
		{
			what: `OSDI page of ${f.perPage.toLocaleString("en-US")} people vs a bare SELECT`,
			measured: `median ${f.osdi.medianMs.toFixed(1)} vs ${f.bare.medianMs.toFixed(1)} ms = ${f.ratio.toFixed(2)}; p95 ${f.osdi.p95Ms.toFixed(1)} vs ${f.bare.p95Ms.toFixed(1)} ms`,
			budget: `ratio ≤ ${f.budget}`,
			result: result(f.ratio <= f.budget),
			note: [
				`${f.samples} interleaved GETs each at random cursors in ${f.people.toLocaleString("en-US")} people; ${(f.osdi.bytes / 1024).toFixed(0)} vs ${(f.bare.bytes / 1024).toFixed(0)} KiB a page (HAL with links, email status from subscriptions, token check)`,
				...f.problems,
			].join("; "),
		},
		{
			what: `OSDI full sync of ${f.people.toLocaleString("en-US")} people`,
			measured: `${f.sync.requests} requests, ${f.sync.seconds.toFixed(1)} s, ${f.sync.unique.toLocaleString("en-US")} people once each`,
			budget: `≤ ${f.sync.budget} requests`,
			result: result(f.sync.requests <= f.sync.budget),
			note: "per_page=1000, following next links (keyset cursor) from the first page",
		},
	];
}

if (import.meta.main) {
	const buildDir = join(root, ".bench", "build");
	buildWorker(buildDir);
	const f = await benchOsdi(join(buildDir, "index.js"));
	for (const row of osdiRows(f)) {
		process.stdout.write(`${row.what}: ${row.measured} (${row.budget}) ${row.result}\n  ${row.note}\n`);
	}
}
