// Known against unknown addresses: no answer may tell whether the engine knows an address, so
// each public endpoint that takes one must answer as fast for a known address as for an unknown
// one. For each endpoint, requests with known addresses (a confirmed signature, a confirmed
// letter, an active subscription, a person on file, an allow-listed campaigner) and with fresh
// ones are sent one at a time, interleaved and alternating which goes first, so that machine
// noise falls on both alike; each known address is used once. Budget: median(known) / median(unknown) within 0.9–1.1.
//
// The Worker as built for deployment runs in Miniflare without its queue consumer (emails wait
// on the queue, so their delivery is no noise here); rate limits are lifted as in the other rows.
// Knobs: BENCH_KU_SAMPLES (per side and endpoint, 400), BENCH_KU_WARMUP (per side, 60).
// Standalone: `node scripts/bench/known-unknown.ts` (builds the Worker into .bench/build first).
import { join } from "node:path";
import { root } from "../local.ts";
import { createClient, median, quantile } from "./load.ts";
import { buildWorker, type Runtime, startRuntime } from "./runtime.ts";

const intEnv = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};

export const KNOWN_UNKNOWN_BUDGET = { low: 0.9, high: 1.1 } as const;

export interface KnownUnknownSide {
	samples: number;
	medianMs: number;
	p95Ms: number;
}

export interface KnownUnknownFigures {
	endpoint: string;
	request: string;
	known: KnownUnknownSide;
	unknown: KnownUnknownSide;
	ratio: number;
	ok: boolean;
	problems: string[];
}

interface Endpoint {
	name: string;
	request: string;
	path: string;
	status: number;
	contentType?: string;
	headers?: Record<string, string>;
	/** Statements that make `emails` known to the engine in this endpoint's sense. */
	known(emails: string[], now: number): string[];
	body(email: string): string;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const SIGN_PETITION = "call-to-action";
const LETTER_CAMPAIGN = "write-to-your-state";
const LIST = "red-line-updates";

function peopleRows(emails: string[], now: number, prefix: string): string[] {
	return emails.map(
		(e, i) =>
			`INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES (${q(`${prefix}${i}`)}, ${q(e)}, ${q(e)}, 'Bench Known', 'FR', 'en', ${now}, ${now})`,
	);
}

const endpoints: Endpoint[] = [
	{
		name: "signature",
		request: `POST /api/v1/petitions/${SIGN_PETITION}/signatures (known: signed and confirmed)`,
		path: `/api/v1/petitions/${SIGN_PETITION}/signatures`,
		status: 202,
		known: (emails, now) => [
			...peopleRows(emails, now, "ku-sig-p"),
			...emails.map(
				(_, i) =>
					`INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, show_name, subscribe, emails_sent, created_at, updated_at, confirmed_at) VALUES (${q(`ku-sig-${i}`)}, (SELECT id FROM petitions WHERE slug = ${q(SIGN_PETITION)}), ${q(`ku-sig-p${i}`)}, 'confirmed', 'Bench Known', 'FR', 'en', 0, 0, 1, ${now}, ${now}, ${now})`,
			),
		],
		body: (email) => JSON.stringify({ email, name: "Bench Signer", country: "FR", locale: "en" }),
	},
	{
		name: "letter",
		request: `POST /api/v1/letters/${LETTER_CAMPAIGN} (known: wrote to that State, confirmed)`,
		path: `/api/v1/letters/${LETTER_CAMPAIGN}`,
		status: 202,
		known: (emails, now) => [
			...peopleRows(emails, now, "ku-let-p"),
			...emails.map(
				(_, i) =>
					`INSERT INTO letters (id, campaign_id, person_id, target_id, status, hold_reason, writer_name, writer_country, locale, subject, body, fingerprint, emails_sent, created_at, updated_at, confirmed_at) VALUES (${q(`ku-let-${i}`)}, (SELECT id FROM letter_campaigns WHERE slug = ${q(LETTER_CAMPAIGN)}), ${q(`ku-let-p${i}`)}, (SELECT id FROM targets WHERE iso2 = 'FR'), 'held', 'no-contact', 'Bench Known', 'FR', 'en', 'France', 'A letter already written.', '0000000000000000', 1, ${now}, ${now}, ${now})`,
			),
		],
		body: (email) => JSON.stringify({ email, name: "Bench Writer", country: "FR", locale: "en" }),
	},
	{
		name: "subscription",
		request: `POST /api/v1/lists/${LIST}/subscriptions (known: subscribed, confirmed)`,
		path: `/api/v1/lists/${LIST}/subscriptions`,
		status: 202,
		known: (emails, now) => [
			...peopleRows(emails, now, "ku-sub-p"),
			...emails.map(
				(_, i) =>
					`INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at, confirmed_at) VALUES (${q(`ku-sub-${i}`)}, (SELECT id FROM lists WHERE slug = ${q(LIST)}), ${q(`ku-sub-p${i}`)}, 'active', 'en', 'bench', ${now}, ${now}, ${now})`,
			),
		],
		body: (email) => JSON.stringify({ email, name: "Bench Subscriber", country: "FR", locale: "en" }),
	},
	{
		name: "privacy request",
		request: "POST /api/v1/privacy/requests (known: a person on file)",
		path: "/api/v1/privacy/requests",
		status: 202,
		known: (emails, now) => peopleRows(emails, now, "ku-priv-p"),
		body: (email) => JSON.stringify({ email, kind: "export", locale: "en" }),
	},
	{
		name: "console sign-in link",
		request: "POST /console/sign-in (known: an allow-listed campaigner)",
		path: "/console/sign-in",
		status: 200,
		contentType: "application/x-www-form-urlencoded",
		headers: { "sec-fetch-site": "same-origin" },
		known: (emails, now) =>
			emails.map(
				(e, i) =>
					`INSERT INTO campaigners (id, email, name, role, locale, created_at, updated_at) VALUES (${q(`ku-camp-${i}`)}, ${q(e)}, 'Bench Known', 'editor', 'en', ${now}, ${now})`,
			),
		body: (email) => new URLSearchParams({ email }).toString(),
	},
];

const side = (latencies: number[]): KnownUnknownSide => ({
	samples: latencies.length,
	medianMs: median(latencies),
	p95Ms: quantile(latencies, 0.95),
});

async function measureEndpoint(
	rt: Runtime,
	ep: Endpoint,
	samples: number,
	warmup: number,
	run: string,
): Promise<KnownUnknownFigures> {
	const problems: string[] = [];
	const slug = ep.name.replace(/\W+/g, "-");
	const known = Array.from({ length: samples + warmup }, (_, i) => `known-${slug}-${run}-${i}@bench.example`);
	const now = Date.now();
	const statements = ep.known(known, now);
	for (let i = 0; i < statements.length; i += 50) {
		await rt.db.batch(statements.slice(i, i + 50).map((s) => rt.db.prepare(s)));
	}
	const url = new URL(ep.path, rt.mainUrl);
	const client = createClient(1);
	const latencies = { known: [] as number[], unknown: [] as number[] };
	const bad: Record<string, number> = {};
	let unknownCounter = 0;
	const once = async (which: "known" | "unknown", i: number, record: boolean) => {
		const email = which === "known" ? (known[i] as string) : `unknown-${slug}-${run}-${unknownCounter++}@bench.example`;
		const start = performance.now();
		const reply = await client.send(url, "POST", ep.body(email), { contentType: ep.contentType, headers: ep.headers });
		const ms = performance.now() - start;
		if (reply.status !== ep.status) {
			const key = `${which} ${reply.status}`;
			bad[key] = (bad[key] ?? 0) + 1;
		}
		if (record) latencies[which].push(ms);
	};
	try {
		for (let i = 0; i < warmup; i++) {
			await once("known", samples + i, false);
			await once("unknown", 0, false);
		}
		for (let i = 0; i < samples; i++) {
			const order: ("known" | "unknown")[] = i % 2 === 0 ? ["known", "unknown"] : ["unknown", "known"];
			for (const which of order) await once(which, i, true);
		}
	} finally {
		client.close();
	}
	for (const [key, n] of Object.entries(bad)) problems.push(`${n} ${key} answers, expected ${ep.status}`);
	const k = side(latencies.known);
	const u = side(latencies.unknown);
	const ratio = k.medianMs / u.medianMs;
	return {
		endpoint: ep.name,
		request: ep.request,
		known: k,
		unknown: u,
		ratio,
		ok: ratio >= KNOWN_UNKNOWN_BUDGET.low && ratio <= KNOWN_UNKNOWN_BUDGET.high,
		problems,
	};
}

/** Every endpoint, one after the other, on one fresh runtime. */
export async function benchKnownUnknown(scriptPath: string): Promise<KnownUnknownFigures[]> {
	const samples = intEnv("BENCH_KU_SAMPLES", 400);
	const warmup = intEnv("BENCH_KU_WARMUP", 60);
	const rt = await startRuntime(scriptPath, { consumer: false });
	try {
		const out: KnownUnknownFigures[] = [];
		for (const ep of endpoints) {
			const figures = await measureEndpoint(rt, ep, samples, warmup, Date.now().toString(36));
			process.stdout.write(
				`  ${ep.name}: known ${figures.known.medianMs.toFixed(2)} ms, unknown ${figures.unknown.medianMs.toFixed(2)} ms (median of ${samples} each) = ${figures.ratio.toFixed(2)}\n`,
			);
			out.push(figures);
		}
		return out;
	} finally {
		await rt.dispose();
	}
}

/** The table's rows: one per endpoint. */
export function knownUnknownRows(figures: KnownUnknownFigures[]) {
	return figures.map((f) => ({
		what: `Known vs unknown address, ${f.endpoint}`,
		measured: `median ${f.known.medianMs.toFixed(2)} vs ${f.unknown.medianMs.toFixed(2)} ms = ${f.ratio.toFixed(2)}`,
		budget: `${KNOWN_UNKNOWN_BUDGET.low.toFixed(1)}–${KNOWN_UNKNOWN_BUDGET.high.toFixed(1)}`,
		result: (f.problems.length > 0 ? "INVALID" : f.ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID",
		note: [
			`${f.request}; ${f.known.samples} interleaved requests each, one at a time; p95 ${f.known.p95Ms.toFixed(2)} vs ${f.unknown.p95Ms.toFixed(2)} ms`,
			...f.problems,
		].join("; "),
	}));
}

if (import.meta.main) {
	const outdir = join(root, ".bench", "build");
	buildWorker(outdir);
	const figures = await benchKnownUnknown(join(outdir, "index.js"));
	for (const row of knownUnknownRows(figures)) {
		process.stdout.write(`${row.what}: ${row.measured} (budget ${row.budget}) ${row.result}\n  ${row.note}\n`);
	}
}
