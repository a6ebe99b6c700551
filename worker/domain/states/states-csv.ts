// The States directory as CSV, for campaigners who keep it in a spreadsheet: States, their
// contact addresses and their commitments. Export writes what the database holds; import
// validates every row, reports every bad one, and upserts on the natural keys (a State's ISO
// code; a State and an address; a State and an instrument). Import never deletes.
//
// All or nothing: an import with any bad row writes nothing, and a good one writes every change
// in ONE D1 batch, which D1 runs as a single transaction (any failing statement rolls the whole
// batch back). D1 binds at most 100 parameters per statement, so the upserts are chunked into
// multi-row statements of ⌊100 / columns⌋ rows; the batch is not split, as two batches could
// leave half an import behind. To keep that one batch within D1's limits (each statement counts
// towards the queries of an invocation; a batch has 30 s), a file holds at most MAX_IMPORT_ROWS
// rows, and only rows that change are written.
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import isoCountries from "i18n-iso-countries";
import Papa from "papaparse";
import * as v from "valibot";
import { type CommitmentStatus, commitmentStatuses, commitments, targetContacts, targets } from "../../../schema";
import { type Database, runBatch, type Statement } from "../../db";
import { isCountryCode } from "../../lib/countries";
import { auditEntry } from "../console/audit";

export const csvKinds = ["states", "contacts", "commitments"] as const;
export type CsvKind = (typeof csvKinds)[number];

export function isCsvKind(value: string): value is CsvKind {
	return (csvKinds as readonly string[]).includes(value);
}

/** The columns of each file, in the order export writes them. Import takes them in any order. */
export const csvColumns = {
	states: ["iso2", "iso3", "un_status", "name_en", "name_fr", "name_es", "time_zone", "daily_cap"],
	contacts: ["iso2", "email", "label", "source", "checked_at", "status"],
	commitments: ["iso2", "instrument", "instrument_name", "status", "date", "source"],
} as const satisfies Record<CsvKind, readonly string[]>;

/** Rows one import takes at most: one D1 batch must hold all of its writes. */
export const MAX_IMPORT_ROWS = 5000;

/** D1's cap on bound parameters in one statement. */
const MAX_BOUND_PARAMETERS = 100;

export interface RowIssue {
	field: string;
	message: string;
}

/** A bad row: its line in the file (the header is line 1) and what is wrong, field by field. */
export interface BadRow {
	line: number;
	issues: RowIssue[];
}

export interface ImportReport {
	kind: CsvKind;
	dryRun: boolean;
	/** Data rows read (blank lines aside). */
	rows: number;
	/** Among the good rows: how many would be (or were) created, updated, or left as they are. */
	created: number;
	updated: number;
	unchanged: number;
	/** Every bad row; any of them means nothing was written. */
	errors: BadRow[];
	/** True when this import wrote its changes. */
	written: boolean;
}

// ---------------------------------------------------------------------------------------------
// Export

/** YYYY-MM-DD (UTC) of a time in ms. */
function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

async function exportRows(db: Database, kind: CsvKind): Promise<string[][]> {
	if (kind === "states") {
		const rows = await db.select().from(targets).orderBy(targets.iso2);
		return rows.map((t) => [
			t.iso2,
			t.iso3,
			t.unStatus,
			t.names.en ?? "",
			t.names.fr ?? "",
			t.names.es ?? "",
			t.timeZone,
			String(t.dailyCap),
		]);
	}
	if (kind === "contacts") {
		const rows = await db
			.select({
				iso2: targets.iso2,
				email: targetContacts.email,
				label: targetContacts.label,
				source: targetContacts.source,
				checkedAt: targetContacts.checkedAt,
				status: targetContacts.status,
			})
			.from(targetContacts)
			.innerJoin(targets, sql`${targets.id} = ${targetContacts.targetId}`)
			.orderBy(targets.iso2, targetContacts.email);
		return rows.map((c) => [c.iso2, c.email, c.label ?? "", c.source, isoDay(c.checkedAt), c.status]);
	}
	const rows = await db
		.select({
			iso2: targets.iso2,
			instrument: commitments.instrument,
			instrumentName: commitments.instrumentName,
			status: commitments.status,
			date: commitments.date,
			source: commitments.source,
		})
		.from(commitments)
		.innerJoin(targets, sql`${targets.id} = ${commitments.targetId}`)
		.orderBy(targets.iso2, commitments.instrument);
	return rows.map((c) => [c.iso2, c.instrument, c.instrumentName, c.status, c.date ?? "", c.source]);
}

/**
 * The file for one kind: UTF-8 with a byte order mark (so spreadsheet programs read accents
 * right), CRLF line ends, a header row. A value a spreadsheet would run as a formula (=, +, -,
 * @ first) is written with a leading apostrophe, which import takes off again.
 */
export async function exportCsv(db: Database, kind: CsvKind): Promise<string> {
	const data = await exportRows(db, kind);
	const body = Papa.unparse({ fields: [...csvColumns[kind]], data }, { newline: "\r\n", escapeFormulae: true });
	return `\uFEFF${body}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface CsvRow {
	line: number;
	values: Record<string, string>;
}

interface ParsedCsv {
	/** Data rows read, good or bad. */
	count: number;
	rows: CsvRow[];
	errors: BadRow[];
}

/** What export's formula guard added: an apostrophe before =, +, -, @, tab or CR. */
const unescapeFormula = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/**
 * The delimiter the header row uses: a comma, or what spreadsheets write in locales where the
 * comma is the decimal mark (a semicolon), or a tab. The header is plain column names, so the
 * most frequent of the three in its line is the one.
 */
function delimiterOf(text: string): string {
	const headerLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
	const count = (d: string) => headerLine.split(d).length - 1;
	return [";", "\t"].reduce((best, d) => (count(d) > count(best) ? d : best), ",");
}

/** What a parse error means for a campaigner. */
function parseProblem(error: { code: string; message: string }): string {
	if (error.code === "MissingQuotes") return 'A quoted value is never closed: a " is missing.';
	if (error.code === "InvalidQuotes") return 'A " inside a quoted value must be doubled ("").';
	return error.message;
}

/** Rows with the line each starts on; a quoted value may span lines. Any delimiter among , ; tab. */
function parseCsv(kind: CsvKind, input: string): ParsedCsv {
	const text = input.replace(/^\uFEFF/, "");
	const newline = text.includes("\n") ? "\n" : "\r";
	const records: { line: number; cells: string[]; problems: string[] }[] = [];
	let line = 1;
	let counted = 0; // text before this offset has had its line breaks counted
	let start = 0; // where the next record starts
	Papa.parse<string[]>(text, {
		header: false,
		skipEmptyLines: false,
		delimiter: delimiterOf(text),
		step: (result) => {
			for (let i = text.indexOf(newline, counted); i !== -1 && i < start; i = text.indexOf(newline, i + 1)) line++;
			counted = start;
			const cells = result.data;
			if (cells.some((cell) => cell.trim() !== "")) {
				records.push({ line, cells, problems: result.errors.map(parseProblem) });
			}
			start = result.meta.cursor;
		},
	});

	const columns = csvColumns[kind] as readonly string[];
	const [head, ...body] = records;
	if (!head) {
		const message = `The file is empty: it needs a header row (${columns.join(", ")}).`;
		return { count: 0, rows: [], errors: [{ line: 1, issues: [{ field: "(header)", message }] }] };
	}
	const header = head.cells.map((h) => h.trim().toLowerCase());
	while (header.length > 0 && header.at(-1) === "") header.pop(); // a spreadsheet's empty trailing columns
	const headerIssues: RowIssue[] = [];
	for (const column of columns) {
		if (!header.includes(column)) headerIssues.push({ field: column, message: `The header has no ${column} column.` });
	}
	header.forEach((name, i) => {
		if (!columns.includes(name)) {
			headerIssues.push({
				field: name || `column ${i + 1}`,
				message: `Unknown column: the columns are ${columns.join(", ")}.`,
			});
		} else if (header.indexOf(name) !== i) {
			headerIssues.push({ field: name, message: `The column ${name} appears twice.` });
		}
	});
	if (headerIssues.length > 0)
		return { count: body.length, rows: [], errors: [{ line: head.line, issues: headerIssues }] };
	if (body.length > MAX_IMPORT_ROWS) {
		const message = `The file has ${body.length} rows; one import takes at most ${MAX_IMPORT_ROWS}. Split it.`;
		return { count: body.length, rows: [], errors: [{ line: head.line, issues: [{ field: "(file)", message }] }] };
	}

	const rows: CsvRow[] = [];
	const errors: BadRow[] = [];
	for (const record of body) {
		const problems = [...record.problems];
		if (record.cells.slice(header.length).some((cell) => cell.trim() !== "")) {
			problems.push(`This row has ${record.cells.length} values; the header has ${header.length} columns.`);
		}
		if (problems.length > 0) {
			errors.push({ line: record.line, issues: problems.map((message) => ({ field: "(row)", message })) });
			continue;
		}
		const values: Record<string, string> = {};
		header.forEach((name, i) => {
			values[name] = unescapeFormula(record.cells[i] ?? "");
		});
		rows.push({ line: record.line, values });
	}
	return { count: body.length, rows, errors };
}

// ---------------------------------------------------------------------------------------------
// Row schemas

const controlCharacter = /[\p{Cc}\u2028\u2029]/u;

export const requiredText = (column: string, max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(`Give the ${column}.`),
		v.maxLength(max, `Keep the ${column} under ${max} characters.`),
		v.check((s) => !controlCharacter.test(s), `The ${column} must be one line, without line breaks or tabs.`),
	);

/** Empty means none: null. */
const optionalText = (column: string, max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(max, `Keep the ${column} under ${max} characters.`),
		v.check((s) => !controlCharacter.test(s), `The ${column} must be one line, without line breaks or tabs.`),
		v.transform((s) => (s === "" ? null : s)),
	);

const iso2Field = v.pipe(
	v.string(),
	v.trim(),
	v.toUpperCase(),
	v.regex(/^[A-Z]{2}$/, "Give the State as its two-letter ISO 3166-1 code, such as FR or CO."),
);

function oneOf<const T extends readonly string[]>(column: string, values: T, fallback?: T[number]) {
	return v.pipe(
		v.string(),
		v.trim(),
		v.toLowerCase(),
		v.transform((s) => (s === "" && fallback !== undefined ? fallback : s)),
		v.check((s) => values.includes(s), `The ${column} is one of: ${values.join(", ")}.`),
		v.transform((s) => s as T[number]),
	);
}

/** True for an IANA time zone name the runtime knows, such as Europe/Paris. */
export function isTimeZone(name: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
	try {
		new Intl.DateTimeFormat("en", { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** ms since the epoch of a YYYY-MM-DD day (UTC midnight), if it is a real day. */
function dayToMs(s: string): number | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return undefined;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(year, month - 1, day);
	const d = new Date(ms);
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined;
}

/** YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is. */
function isPartialIsoDate(s: string): boolean {
	if (/^\d{4}$/.test(s)) return true;
	if (/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return true;
	return dayToMs(s) !== undefined;
}

const stateRow = v.object({
	iso2: v.pipe(iso2Field, v.check(isCountryCode, "This is not an ISO 3166-1 alpha-2 country code.")),
	iso3: v.pipe(
		v.string(),
		v.trim(),
		v.toUpperCase(),
		v.regex(/^[A-Z]{3}$/, "Give the three-letter ISO 3166-1 code, such as FRA."),
	),
	un_status: oneOf("un_status", ["member", "observer"] as const),
	name_en: requiredText("English name (name_en)", 200),
	name_fr: optionalText("French name (name_fr)", 200),
	name_es: optionalText("Spanish name (name_es)", 200),
	time_zone: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty("Give the office's time zone, such as Europe/Paris."),
		v.check(isTimeZone, "This is not an IANA time zone, such as Europe/Paris or America/Bogota."),
	),
	daily_cap: v.pipe(
		v.string(),
		v.trim(),
		v.regex(/^\d{1,6}$/, "The daily cap is a whole number of letters a day, such as 30."),
		v.transform(Number),
		v.minValue(1, "The daily cap is at least 1 letter a day."),
	),
});

export const contactRow = v.object({
	iso2: iso2Field,
	email: v.pipe(
		v.string(),
		v.check((s) => !/[\r\n]/.test(s), "The email address must not contain a line break."),
		v.trim(),
		v.toLowerCase(),
		v.nonEmpty("Give the email address."),
		v.maxLength(254, "This email address is too long."),
		v.email("This is not a valid email address."),
	),
	label: optionalText("label", 200),
	source: requiredText("source (where the address comes from)", 500),
	checked_at: v.pipe(
		v.string(),
		v.trim(),
		v.check((s) => dayToMs(s) !== undefined, "Give the day the address was checked as YYYY-MM-DD, such as 2025-03-01."),
		v.transform((s) => dayToMs(s) as number),
	),
	status: oneOf("status", ["active", "bouncing"] as const, "active"),
});

export const commitmentRow = v.object({
	iso2: iso2Field,
	instrument: v.pipe(
		v.string(),
		v.trim(),
		v.toLowerCase(),
		v.regex(
			/^[a-z0-9][a-z0-9-]{0,63}$/,
			"The instrument is a short key of letters, digits and dashes, such as psvi-declaration-2025.",
		),
	),
	instrument_name: requiredText("instrument name", 300),
	status: oneOf("status", commitmentStatuses),
	date: v.pipe(
		v.string(),
		v.trim(),
		v.check(
			(s) => s === "" || isPartialIsoDate(s),
			"Give the date as YYYY-MM-DD (or YYYY-MM, or YYYY), or leave it empty.",
		),
		v.transform((s) => (s === "" ? null : s)),
	),
	source: requiredText("source", 500),
});

/** Valibot's issues as one message per column (the first), in the file's words. */
function rowIssues(issues: readonly v.BaseIssue<unknown>[]): RowIssue[] {
	const byField = new Map<string, string>();
	for (const issue of issues) {
		const field = issue.path?.map((p) => String(p.key)).join(".") || "(row)";
		if (!byField.has(field)) byField.set(field, issue.message);
	}
	return [...byField].map(([field, message]) => ({ field, message }));
}

// ---------------------------------------------------------------------------------------------
// Import

interface Plan<T> {
	created: T[];
	updated: T[];
	unchanged: number;
}

/** What an import would do: counts, and the statements writing it. */
interface Planned {
	created: number;
	updated: number;
	unchanged: number;
	statements: () => Statement[];
}

function planned<T>(plan: Plan<T>, write: (rows: T[]) => Statement[]): Planned {
	return {
		created: plan.created.length,
		updated: plan.updated.length,
		unchanged: plan.unchanged,
		statements: () => write([...plan.created, ...plan.updated]),
	};
}

/** Upserts of many rows, chunked so no statement binds more than D1's 100 parameters. */
function chunkedUpserts<T extends Record<string, unknown>>(
	rows: T[],
	table: SQLiteTable,
	insert: (chunk: T[]) => Statement,
): Statement[] {
	const perStatement = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Object.keys(getTableColumns(table)).length));
	const out: Statement[] = [];
	for (let i = 0; i < rows.length; i += perStatement) out.push(insert(rows.slice(i, i + perStatement)));
	return out;
}

const excluded = (column: SQLiteColumn): SQL => sql.raw(`excluded.${column.name}`);

/** Rows of the file keyed by a natural key: a second row with the same key is a bad row. */
class Keys {
	private readonly seen = new Map<string, number>();
	constructor(private readonly what: string) {}
	/** An issue when the key was on an earlier line. */
	check(key: string, line: number, field: string): RowIssue | undefined {
		const first = this.seen.get(key);
		if (first !== undefined) return { field, message: `Line ${first} already has this ${this.what}.` };
		this.seen.set(key, line);
		return undefined;
	}
}

const upper = (s: string) => s.trim().toUpperCase();
const lower = (s: string) => s.trim().toLowerCase();

/**
 * A column's value, normalized as its schema normalizes it, when the schema found nothing wrong
 * with it: the checks across rows and against the database run on every row, even a bad one.
 */
function cleanValue(row: CsvRow, issues: RowIssue[], field: string, normalize: (s: string) => string) {
	return issues.some((i) => i.field === field) ? undefined : normalize(row.values[field] ?? "");
}

const unknownState = {
	field: "iso2",
	message: "No State with this code in the directory (import it in the states file first).",
};

type TargetInsert = typeof targets.$inferInsert;
type ContactInsert = typeof targetContacts.$inferInsert;
type CommitmentInsert = typeof commitments.$inferInsert;

async function planStates(db: Database, rows: CsvRow[], errors: BadRow[], now: number): Promise<Planned> {
	const existing = new Map((await db.select().from(targets)).map((t) => [t.iso2, t]));
	const keys = new Keys("State");
	const plan: Plan<TargetInsert> = { created: [], updated: [], unchanged: 0 };
	for (const row of rows) {
		const parsed = v.safeParse(stateRow, row.values);
		const issues = parsed.success ? [] : rowIssues(parsed.issues);
		const iso2 = cleanValue(row, issues, "iso2", upper);
		const iso3 = cleanValue(row, issues, "iso3", upper);
		const expected = iso2 ? isoCountries.alpha2ToAlpha3(iso2) : undefined;
		if (expected && iso3 && iso3 !== expected) {
			issues.push({ field: "iso3", message: `The ISO 3166-1 alpha-3 code of ${iso2} is ${expected}.` });
		}
		const duplicate = iso2 ? keys.check(iso2, row.line, "iso2") : undefined;
		if (duplicate) issues.push(duplicate);
		if (issues.length > 0 || !parsed.success) {
			errors.push({ line: row.line, issues });
			continue;
		}
		const r = parsed.output;
		const old = existing.get(r.iso2);
		const names: Record<string, string> = { ...old?.names, en: r.name_en };
		for (const [locale, name] of [
			["fr", r.name_fr],
			["es", r.name_es],
		] as const) {
			if (name === null) delete names[locale];
			else names[locale] = name;
		}
		const values: TargetInsert = {
			id: old?.id ?? `tgt_${r.iso2}`,
			iso2: r.iso2,
			iso3: r.iso3,
			unStatus: r.un_status,
			names,
			timeZone: r.time_zone,
			dailyCap: r.daily_cap,
			createdAt: old?.createdAt ?? now,
			updatedAt: now,
		};
		if (!old) plan.created.push(values);
		else if (
			old.iso3 === r.iso3 &&
			old.unStatus === r.un_status &&
			old.names.en === r.name_en &&
			(old.names.fr ?? null) === r.name_fr &&
			(old.names.es ?? null) === r.name_es &&
			old.timeZone === r.time_zone &&
			old.dailyCap === r.daily_cap
		) {
			plan.unchanged++;
		} else plan.updated.push(values);
	}
	const write = (all: TargetInsert[]) =>
		chunkedUpserts(all, targets, (chunk) =>
			db
				.insert(targets)
				.values(chunk)
				.onConflictDoUpdate({
					target: targets.iso2,
					set: {
						iso3: excluded(targets.iso3),
						unStatus: excluded(targets.unStatus),
						names: excluded(targets.names),
						timeZone: excluded(targets.timeZone),
						dailyCap: excluded(targets.dailyCap),
						updatedAt: excluded(targets.updatedAt),
					},
				}),
		);
	return planned(plan, write);
}

async function planContacts(db: Database, rows: CsvRow[], errors: BadRow[], now: number): Promise<Planned> {
	const targetIds = new Map(
		(await db.select({ id: targets.id, iso2: targets.iso2 }).from(targets)).map((t) => [t.iso2, t.id]),
	);
	const existing = new Map(
		(await db.select().from(targetContacts)).map((c) => [`${c.targetId} ${c.email}`, c] as const),
	);
	const keys = new Keys("State and address");
	const plan: Plan<ContactInsert> = { created: [], updated: [], unchanged: 0 };
	for (const row of rows) {
		const parsed = v.safeParse(contactRow, row.values);
		const issues = parsed.success ? [] : rowIssues(parsed.issues);
		const iso2 = cleanValue(row, issues, "iso2", upper);
		const targetId = iso2 ? targetIds.get(iso2) : undefined;
		if (iso2 && !targetId) issues.push(unknownState);
		const email = cleanValue(row, issues, "email", lower);
		const duplicate = targetId && email ? keys.check(`${targetId} ${email}`, row.line, "email") : undefined;
		if (duplicate) issues.push(duplicate);
		if (issues.length > 0 || !parsed.success || !targetId) {
			errors.push({ line: row.line, issues });
			continue;
		}
		const r = parsed.output;
		const old = existing.get(`${targetId} ${r.email}`);
		// The file has days: an address checked on the same day keeps the exact time it has.
		const checkedAt = old && isoDay(old.checkedAt) === isoDay(r.checked_at) ? old.checkedAt : r.checked_at;
		const values: ContactInsert = {
			id: old?.id ?? crypto.randomUUID(),
			targetId,
			email: r.email,
			label: r.label,
			source: r.source,
			checkedAt,
			status: r.status,
			createdAt: old?.createdAt ?? now,
			updatedAt: now,
		};
		if (!old) plan.created.push(values);
		else if (
			(old.label ?? null) === r.label &&
			old.source === r.source &&
			old.checkedAt === checkedAt &&
			old.status === r.status
		) {
			plan.unchanged++;
		} else plan.updated.push(values);
	}
	const write = (all: ContactInsert[]) =>
		chunkedUpserts(all, targetContacts, (chunk) =>
			db
				.insert(targetContacts)
				.values(chunk)
				.onConflictDoUpdate({
					target: [targetContacts.targetId, targetContacts.email],
					set: {
						label: excluded(targetContacts.label),
						source: excluded(targetContacts.source),
						checkedAt: excluded(targetContacts.checkedAt),
						status: excluded(targetContacts.status),
						updatedAt: excluded(targetContacts.updatedAt),
					},
				}),
		);
	return planned(plan, write);
}

async function planCommitments(db: Database, rows: CsvRow[], errors: BadRow[], now: number): Promise<Planned> {
	const targetIds = new Map(
		(await db.select({ id: targets.id, iso2: targets.iso2 }).from(targets)).map((t) => [t.iso2, t.id]),
	);
	const existing = new Map(
		(await db.select().from(commitments)).map((c) => [`${c.targetId} ${c.instrument}`, c] as const),
	);
	const keys = new Keys("State and instrument");
	const plan: Plan<CommitmentInsert> = { created: [], updated: [], unchanged: 0 };
	for (const row of rows) {
		const parsed = v.safeParse(commitmentRow, row.values);
		const issues = parsed.success ? [] : rowIssues(parsed.issues);
		const iso2 = cleanValue(row, issues, "iso2", upper);
		const targetId = iso2 ? targetIds.get(iso2) : undefined;
		if (iso2 && !targetId) issues.push(unknownState);
		const instrument = cleanValue(row, issues, "instrument", lower);
		const duplicate =
			targetId && instrument ? keys.check(`${targetId} ${instrument}`, row.line, "instrument") : undefined;
		if (duplicate) issues.push(duplicate);
		if (issues.length > 0 || !parsed.success || !targetId) {
			errors.push({ line: row.line, issues });
			continue;
		}
		const r = parsed.output;
		const old = existing.get(`${targetId} ${r.instrument}`);
		const values: CommitmentInsert = {
			id: old?.id ?? crypto.randomUUID(),
			targetId,
			instrument: r.instrument,
			instrumentName: r.instrument_name,
			status: r.status as CommitmentStatus,
			date: r.date,
			source: r.source,
			createdAt: old?.createdAt ?? now,
			updatedAt: now,
		};
		if (!old) plan.created.push(values);
		else if (
			old.instrumentName === r.instrument_name &&
			old.status === r.status &&
			(old.date ?? null) === r.date &&
			old.source === r.source
		) {
			plan.unchanged++;
		} else plan.updated.push(values);
	}
	const write = (all: CommitmentInsert[]) =>
		chunkedUpserts(all, commitments, (chunk) =>
			db
				.insert(commitments)
				.values(chunk)
				.onConflictDoUpdate({
					target: [commitments.targetId, commitments.instrument],
					set: {
						instrumentName: excluded(commitments.instrumentName),
						status: excluded(commitments.status),
						date: excluded(commitments.date),
						source: excluded(commitments.source),
						updatedAt: excluded(commitments.updatedAt),
					},
				}),
		);
	return planned(plan, write);
}

/**
 * Reads one CSV file of a kind and, unless it is a dry run or any row is bad, writes its
 * changes in one batch. The report counts what would be (or was) created, updated, unchanged.
 */
export async function importCsv(
	db: Database,
	kind: CsvKind,
	csvText: string,
	options: { dryRun: boolean; now: number; actor?: string },
): Promise<ImportReport> {
	const { count, rows, errors } = parseCsv(kind, csvText);
	const planner = { states: planStates, contacts: planContacts, commitments: planCommitments }[kind];
	const plan = await planner(db, rows, errors, options.now);
	errors.sort((a, b) => a.line - b.line);
	const report: ImportReport = {
		kind,
		dryRun: options.dryRun,
		rows: count,
		created: plan.created,
		updated: plan.updated,
		unchanged: plan.unchanged,
		errors,
		written: false,
	};
	if (errors.length > 0 || options.dryRun || plan.created + plan.updated === 0) return report;
	await runBatch(db, [
		...plan.statements(),
		auditEntry(
			db,
			{
				actor: options.actor ?? "operator",
				action: `states.import-${kind}`,
				subject: kind,
				detail: { created: plan.created, updated: plan.updated },
			},
			options.now,
		).statement,
	]);
	return { ...report, written: true };
}
