// Seed data as SQL: lists, petitions and commitments are data (scripts/seed/{lists,petitions,commitments}/*.json),
// not code; the States come from maintained datasets (scripts/seed/states.ts). The same statements
// seed the local database (`npm start`, `npm run db:seed`), a remote one
// (`npm run db:seed -- --remote`) and the tests (vitest.config.ts passes them as a binding).
// Every statement is an INSERT … ON CONFLICT DO NOTHING: seeding again never overwrites what
// campaigners have edited since.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { letterCampaignStatements } from "./seed/letter-campaigns.ts";
import { stateSeedStatements, stateSeeds } from "./seed/states.ts";

const seedDir = join(import.meta.dirname, "seed");

interface PetitionText {
	title: string;
	summary: string;
	sample?: boolean;
	demands: { key: string; heading: string; demands: { text: string; sample?: boolean }[] }[];
}
interface PetitionSeed {
	slug: string;
	goal: number;
	status: "open" | "closed";
	defaultLocale: string;
	/** The list signers join when they ask for updates. */
	list?: string;
	texts: Record<string, PetitionText>;
}
interface ListSeed {
	slug: string;
	status: "open" | "closed";
	defaultLocale: string;
	texts: Record<
		string,
		{
			name: string;
			description: string;
			consentText: string;
			consentVersion: number;
			/** Sample wording waiting for a native speaker's review. */
			sample?: boolean;
		}
	>;
}

function literal(value: string | number | boolean | null): string {
	if (value === null) return "NULL";
	if (typeof value === "number") return String(Math.trunc(value));
	if (typeof value === "boolean") return value ? "1" : "0";
	return `'${value.replace(/'/g, "''")}'`;
}

function petitionStatements(p: PetitionSeed, now: number): string[] {
	if (!/^[a-z0-9-]{1,64}$/.test(p.slug)) throw new Error(`seed: bad petition slug ${p.slug}`);
	if (!p.texts[p.defaultLocale]) throw new Error(`seed: ${p.slug} has no text in its default locale`);
	const id = `pet_${p.slug}`;
	const list = p.list ? `(SELECT id FROM lists WHERE slug = ${literal(p.list)})` : "NULL";
	const out = [
		`INSERT INTO petitions (id, slug, goal, status, default_locale, list_id, created_at, updated_at) VALUES (${[id, p.slug, p.goal, p.status, p.defaultLocale].map(literal).join(", ")}, ${list}, ${now}, ${now}) ON CONFLICT DO NOTHING;`,
	];
	for (const [locale, t] of Object.entries(p.texts)) {
		out.push(
			`INSERT INTO petition_texts (petition_id, locale, title, summary, demands, sample, updated_at) SELECT id, ${[locale, t.title, t.summary, JSON.stringify(t.demands), Boolean(t.sample), now].map(literal).join(", ")} FROM petitions WHERE slug = ${literal(p.slug)} ON CONFLICT DO NOTHING;`,
		);
	}
	return out;
}

function listStatements(l: ListSeed, now: number): string[] {
	if (!/^[a-z0-9-]{1,64}$/.test(l.slug)) throw new Error(`seed: bad list slug ${l.slug}`);
	if (!l.texts[l.defaultLocale]) throw new Error(`seed: ${l.slug} has no text in its default locale`);
	const out = [
		`INSERT INTO lists (id, slug, status, default_locale, created_at, updated_at) VALUES (${[`list_${l.slug}`, l.slug, l.status, l.defaultLocale, now, now].map(literal).join(", ")}) ON CONFLICT DO NOTHING;`,
	];
	for (const [locale, t] of Object.entries(l.texts)) {
		out.push(
			`INSERT INTO list_texts (list_id, locale, name, description, consent_text, consent_version, sample, updated_at) SELECT id, ${[locale, t.name, t.description, t.consentText, t.consentVersion, Boolean(t.sample), now].map(literal).join(", ")} FROM lists WHERE slug = ${literal(l.slug)} ON CONFLICT DO NOTHING;`,
		);
	}
	return out;
}

/** One instrument and the States' commitment to it, as a source gives them. */
interface CommitmentSeed {
	instrument: string;
	instrumentName: string;
	status: "endorsed" | "signed" | "ratified" | "acceded" | "withdrawn";
	/** ISO date as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
	date?: string;
	source: string;
	states: { iso2: string; named?: string }[];
}

function commitmentStatements(c: CommitmentSeed, now: number): string[] {
	if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(c.instrument)) throw new Error(`seed: bad instrument key ${c.instrument}`);
	// The statuses of schema/targets.ts (commitmentStatuses), which Node cannot import from here.
	if (!["endorsed", "signed", "ratified", "acceded", "withdrawn"].includes(c.status)) {
		throw new Error(`seed: ${c.instrument} has an unknown status ${c.status}`);
	}
	if (c.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(c.date)) {
		throw new Error(`seed: ${c.instrument} has a date that is not ISO: ${c.date}`);
	}
	const known = new Set(stateSeeds().map((s) => s.iso2));
	return c.states.map(({ iso2 }) => {
		if (!known.has(iso2)) throw new Error(`seed: ${c.instrument} names ${iso2}, which is not a State of the directory`);
		const id = literal(`cmt_${iso2}_${c.instrument}`);
		const values = [c.instrument, c.instrumentName, c.status, c.date ?? null, c.source].map(literal).join(", ");
		return `INSERT INTO commitments (id, target_id, instrument, instrument_name, status, date, source, created_at, updated_at) SELECT ${id}, id, ${values}, ${now}, ${now} FROM targets WHERE iso2 = ${literal(iso2)} ON CONFLICT DO NOTHING;`;
	});
}

function readSeeds<T>(folder: string): T[] {
	const dir = join(seedDir, folder);
	return readdirSync(dir)
		.filter((f) => f.endsWith(".json"))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as T);
}

/** The campaigner who may sign in to a local engine's console (through /dev/mailbox). */
export const DEV_CAMPAIGNER = "campaigner@redline.example";

/**
 * The seed as SQL statements, one per element: lists first, as petitions name them; States
 * before the commitments that name them. `devCampaigner` (local databases only, never remote)
 * puts DEV_CAMPAIGNER on the console's allow-list as an admin.
 */
export function seedStatements(now = Date.now(), options: { devCampaigner?: boolean } = {}): string[] {
	const dev = options.devCampaigner
		? [
				`INSERT INTO campaigners (id, email, name, role, locale, created_at, updated_at) VALUES ('cmp_dev', ${literal(DEV_CAMPAIGNER)}, 'Local campaigner', 'admin', 'en', ${now}, ${now}) ON CONFLICT DO NOTHING;`,
			]
		: [];
	return [
		...dev,
		...readSeeds<ListSeed>("lists").flatMap((l) => listStatements(l, now)),
		...readSeeds<PetitionSeed>("petitions").flatMap((p) => petitionStatements(p, now)),
		...stateSeedStatements(now),
		...readSeeds<CommitmentSeed>("commitments").flatMap((c) => commitmentStatements(c, now)),
		...letterCampaignStatements(now),
	];
}

if (import.meta.main) process.stdout.write(`${seedStatements().join("\n")}\n`);
