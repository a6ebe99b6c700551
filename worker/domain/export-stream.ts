// Exports as streams: CSV (UTF-8 with a byte order mark, CRLF, a header row, formula-safe cells)
// or JSON Lines (one JSON object a line). Read page by page by keyset on the table's rowid, so
// nothing but one page is ever held in memory, and no page re-reads earlier rows.
import Papa from "papaparse";

export const exportFormats = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Rows read per query. */
export const EXPORT_PAGE_ROWS = 1000;

/** What every export can be narrowed by. Times are ms; `to` is exclusive. */
export interface ExportFilters {
	from: number | null;
	to: number | null;
	partner: string | null;
	country: string | null;
}

export type Cell = string | number | boolean | null;

/**
 * A spreadsheet runs a cell starting with one of these as a formula: such a cell gets a leading
 * apostrophe (as in signature-export.ts). https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const encoder = new TextEncoder();

/** The stream of an export: `readPage(after)` reads the rows after that rowid, in rowid order. */
export function exportStream<R extends { rowid: number }>(
	format: ExportFormat,
	columns: readonly string[],
	readPage: (after: number, limit: number) => Promise<R[]>,
	record: (row: R) => Record<string, Cell>,
): ReadableStream<Uint8Array> {
	let after = 0;
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started && format === "csv") {
				started = true;
				controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([[...columns]], { newline: "\r\n" })}\r\n`));
				return;
			}
			started = true;
			const page = await readPage(after, EXPORT_PAGE_ROWS);
			const last = page.at(-1);
			if (!last) {
				controller.close();
				return;
			}
			after = last.rowid;
			const records = page.map(record);
			if (format === "jsonl") {
				controller.enqueue(encoder.encode(records.map((r) => `${JSON.stringify(r)}\n`).join("")));
				return;
			}
			const data = records.map((r) => columns.map((c) => r[c] ?? ""));
			const body = Papa.unparse(data, { newline: "\r\n", escapeFormulae: FORMULA_START, header: false });
			controller.enqueue(encoder.encode(`${body}\r\n`));
		},
	});
}
