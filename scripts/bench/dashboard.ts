// The console dashboard, measured: the median latency of an authenticated GET /console with
// 100 signatures in the database against 100,000 (budget: ratio ≤ 1.2, as for a petition's
// count). Two runtimes side by side, each with a fresh database holding one petition: its
// signatures spread over the last 90 days, nine in ten confirmed, some through partners and
// share links, so that every chart has something to draw. Requests alternate between the two.
//
// Run alone: `node scripts/bench/dashboard.ts` (builds the Worker into .bench/build first).
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { root } from "../local.ts";
import { petitionId, petitionStatements } from "./data.ts";
import { median, quantile } from "./load.ts";
import { buildWorker, type Runtime, startRuntime } from "./runtime.ts";

export interface DashboardBenchFigures {
	small: { signatures: number; medianMs: number; p95Ms: number };
	large: { signatures: number; medianMs: number; p95Ms: number };
	samples: number;
	ratio: number;
	budget: number;
	ok: boolean;
	problems: string[];
}

const BUDGET = 1.2;
const PARTNERS = ["", "", "", "amnesty-bench", "local-bench"];
const CHANNELS = ["", "", "", "", "whatsapp", "telegram", "email", "copy"];
const DAY = 86_400_000;

const literal = (v: string | number | null) =>
	v === null ? "NULL" : typeof v === "number" ? String(Math.trunc(v)) : `'${v.replace(/'/g, "''")}'`;

/** People and signatures spread evenly over 90 days, as multi-row INSERTs; the triggers roll them up. */
function signatureStatements(slug: string, count: number, now: number, rowsPerStatement = 400): string[] {
	const pet = petitionId(slug);
	const out: string[] = [];
	for (let start = 0; start < count; start += rowsPerStatement) {
		const people: string[] = [];
		const sigs: string[] = [];
		for (let i = start; i < Math.min(count, start + rowsPerStatement); i++) {
			const n = String(i).padStart(6, "0");
			const person = `per_${slug}_${n}`;
			const email = `${slug}.${n}@bench.example`;
			const t = now - Math.floor(((count - i) / count) * 89 * DAY);
			const status = i % 10 === 9 ? "pending" : "confirmed";
			const partner = PARTNERS[i % PARTNERS.length] || null;
			const channel = CHANNELS[i % CHANNELS.length] || null;
			people.push(`(${[person, email, email, "Signer", "KE", "en", t, t].map(literal).join(",")})`);
			sigs.push(
				`(${[`sig_${slug}_${n}`, pet, person, status, "Signer", "KE", "en", partner, channel, 1, t, t, status === "confirmed" ? t : null].map(literal).join(",")})`,
			);
		}
		out.push(
			`INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES ${people.join(",")}`,
			`INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, partner, referral_channel, emails_sent, created_at, updated_at, confirmed_at) VALUES ${sigs.join(",")}`,
		);
	}
	return out;
}

/** A campaigner and a live session in the database; returns the cookie that carries it. */
function sessionStatements(now: number): { statements: string[]; cookie: string } {
	const raw = randomBytes(32).toString("base64url");
	const hash = createHash("sha256").update(raw).digest("hex");
	return {
		cookie: `__Host-rl_session=${raw}`,
		statements: [
			`INSERT INTO campaigners (id, email, name, role, locale, created_at, updated_at) VALUES ('cmp_bench', 'bench@campaign.example', 'Bench', 'editor', 'en', ${now}, ${now})`,
			`INSERT INTO console_sessions (hash, campaigner_id, csrf_secret, created_at, expires_at, last_seen_at) VALUES ('${hash}', 'cmp_bench', '${randomBytes(16).toString("hex")}', ${now}, ${now + 7 * DAY}, ${now})`,
		],
	};
}

async function seed(rt: Runtime, slug: string, count: number): Promise<string> {
	const now = Date.now();
	const session = sessionStatements(now);
	const partners = PARTNERS.filter(Boolean).map(
		(p) =>
			`INSERT INTO partners (id, slug, name, allowed_origins, consent_texts, created_at, updated_at) VALUES ('prt_${p}', '${p}', '${p}', '[]', '{}', ${now}, ${now})`,
	);
	await rt.db.batch(
		[...petitionStatements(slug, 1_000_000, now), ...partners, ...session.statements].map((s) => rt.db.prepare(s)),
	);
	const bulk = signatureStatements(slug, count, now);
	for (let i = 0; i < bulk.length; i += 20) await rt.db.batch(bulk.slice(i, i + 20).map((s) => rt.db.prepare(s)));
	return session.cookie;
}

/** Interleaved authenticated GETs of the dashboard on both runtimes. */
export async function benchDashboard(
	scriptPath: string,
	opts: { samples?: number; warmup?: number; small?: number; large?: number } = {},
): Promise<DashboardBenchFigures> {
	const samples = opts.samples ?? 300;
	const warmup = opts.warmup ?? 30;
	const sizes = { small: opts.small ?? 100, large: opts.large ?? 100_000 };
	const problems: string[] = [];
	const [a, b] = await Promise.all([
		startRuntime(scriptPath, { consumer: false }),
		startRuntime(scriptPath, { consumer: false }),
	]);
	try {
		const sides = [
			{ rt: a, n: sizes.small, slug: "bench-dash-100", cookie: "", ms: [] as number[] },
			{ rt: b, n: sizes.large, slug: "bench-dash-100k", cookie: "", ms: [] as number[] },
		];
		for (const s of sides) s.cookie = await seed(s.rt, s.slug, s.n);
		const once = async (s: (typeof sides)[number], record: boolean) => {
			const url = new URL("/console", s.rt.mainUrl);
			const start = performance.now();
			const res = await fetch(url, { headers: { cookie: s.cookie }, redirect: "manual" });
			const body = await res.text();
			const ms = performance.now() - start;
			if (res.status !== 200) {
				problems.push(`${s.slug}: status ${res.status}`);
				return;
			}
			if (!record) {
				// The page shows the right total: nine in ten confirmed, in its table of days.
				const days = body.slice(body.indexOf('id="ch-days-t"'), body.indexOf('id="ch-rate-t"'));
				const confirmed = [...days.matchAll(/<tr><th scope="row">\d{4}-\d{2}-\d{2}<\/th><td>([\d,]+)<\/td>/g)]
					.map((m) => Number((m[1] ?? "0").replace(/,/g, "")))
					.reduce((x, y) => x + y, 0);
				const expected = s.n - Math.floor(s.n / 10);
				if (confirmed !== expected && !problems.some((p) => p.startsWith(s.slug))) {
					problems.push(`${s.slug}: the day table sums to ${confirmed} confirmed, expected ${expected}`);
				}
				return;
			}
			s.ms.push(ms);
		};
		const [small, large] = sides as [(typeof sides)[number], (typeof sides)[number]];
		for (let i = 0; i < warmup; i++) {
			await once(small, false);
			await once(large, false);
		}
		for (let i = 0; i < samples; i++) {
			const [first, second] = i % 2 === 0 ? [small, large] : [large, small];
			await once(first, true);
			await once(second, true);
		}
		const figures = (s: (typeof sides)[number]) => ({
			signatures: s.n,
			medianMs: median(s.ms),
			p95Ms: quantile(s.ms, 0.95),
		});
		const f = { small: figures(small), large: figures(large) };
		const ratio = f.large.medianMs / f.small.medianMs;
		return { ...f, samples, ratio, budget: BUDGET, ok: ratio <= BUDGET && problems.length === 0, problems };
	} finally {
		await Promise.all([a.dispose(), b.dispose()]);
	}
}

/** The bench table's row. */
export function dashboardRow(f: DashboardBenchFigures) {
	return {
		what: "Console dashboard, 100 vs 100k signatures",
		measured: `median ${f.small.medianMs.toFixed(2)} vs ${f.large.medianMs.toFixed(2)} ms = ${f.ratio.toFixed(2)}; p95 ${f.small.p95Ms.toFixed(2)} vs ${f.large.p95Ms.toFixed(2)} ms`,
		budget: `ratio ≤ ${f.budget.toFixed(2)}`,
		result: (f.problems.length > 0 ? "INVALID" : f.ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID",
		note: [
			`${f.samples} interleaved authenticated GET /console each, one at a time; signatures over 90 days, charts read from the daily rollups`,
			...f.problems,
		].join("; "),
	};
}

if (import.meta.main) {
	const buildDir = join(root, ".bench", "build");
	buildWorker(buildDir);
	const f = await benchDashboard(join(buildDir, "index.js"));
	const row = dashboardRow(f);
	process.stdout.write(`${row.what}: ${row.measured} (${row.budget}) ${row.result}\n  ${row.note}\n`);
}
