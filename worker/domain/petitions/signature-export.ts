// Confirmed signatures as CSV, for delivery to a State. Only what signers agreed to share:
// their name where they chose to show it, their country, the day they confirmed, the partner
// they signed through. Never an address, an IP hash or an id.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import Papa from "papaparse";
import { signatures } from "../../../schema";
import type { Database } from "../../db";

/** The columns, in order. */
export const signatureCsvColumns = ["name", "country", "confirmed_on", "partner"] as const;

/** What stands in the name column for a signer who did not choose to show their name. */
export const WITHHELD = "(name withheld)";

/** Rows read per query: a petition may hold 100,000 or more, so the file is read page by page. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * A spreadsheet runs a cell starting with one of these as a formula: such a cell gets a leading
 * apostrophe. (papaparse's own `escapeFormulae: true` misses values with a line break, as its
 * pattern is anchored at both ends without the `s` flag.)
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const encoder = new TextEncoder();

/**
 * The file as a stream: UTF-8 with a byte order mark (spreadsheet programs then read accents
 * right), CRLF line ends, a header row. Paged by keyset on the table's rowid: each page starts
 * where the last ended, so no page re-reads earlier rows, however long the file, and nothing
 * is held in memory but one page. Order: the order signatures arrived in.
 */
export function signaturesCsv(db: Database, petitionId: string): ReadableStream<Uint8Array> {
	let after = 0;
	let started = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				const header = Papa.unparse([[...signatureCsvColumns]], { newline: "\r\n" });
				controller.enqueue(encoder.encode(`\uFEFF${header}\r\n`));
				return;
			}
			const rowid = sql<number>`${signatures}.rowid`;
			const page = await db
				.select({
					rowid,
					name: signatures.name,
					showName: signatures.showName,
					country: signatures.country,
					confirmedAt: signatures.confirmedAt,
					partner: signatures.partner,
				})
				.from(signatures)
				.where(and(gt(rowid, after), eq(signatures.petitionId, petitionId), eq(signatures.status, "confirmed")))
				.orderBy(asc(rowid))
				.limit(EXPORT_PAGE_SIZE);
			const last = page.at(-1);
			if (!last) {
				controller.close();
				return;
			}
			after = last.rowid;
			const data = page.map((s) => [
				s.showName ? s.name : WITHHELD,
				s.country,
				s.confirmedAt === null ? "" : new Date(s.confirmedAt).toISOString().slice(0, 10),
				s.partner ?? "",
			]);
			const body = Papa.unparse(data, { newline: "\r\n", escapeFormulae: FORMULA_START, header: false });
			controller.enqueue(encoder.encode(`${body}\r\n`));
		},
	});
}
