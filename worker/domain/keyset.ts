// One page of a collection read in a stable order (modified date, then id), for sync APIs (OSDI)
// and exports. A page names where the last one ended (`after`), so each page starts on the
// index where the previous stopped, however deep the sync; `offset` is there for a client that
// asks for page N directly (it reads and skips the rows before it).
import { type SQL, sql } from "drizzle-orm";

/** What a page asks for: its size, where to start, and a window of modified dates. */
export interface PageWindow {
	perPage: number;
	/** Rows to skip: for `page=N` without a cursor. Ignored when `after` is set. */
	offset: number;
	/** The (modified, id) of the last row of the previous page. */
	after: { at: number; id: string } | null;
	/** Only rows modified after (or at, if `sinceInclusive`) this time (ms). */
	since: number | null;
	sinceInclusive: boolean;
	/** Only rows modified before (or at) this time (ms). */
	until: number | null;
	untilInclusive: boolean;
}

/** A page: its rows, and whether there are more after it. */
export interface Page<T> {
	rows: T[];
	more: boolean;
}

/**
 * The WHERE terms (joined with AND, starting with AND) and the ORDER BY / LIMIT tail of a page,
 * for a query over a table whose modified date and id are `at` and `id` (e.g. `p.updated_at`).
 * One row more than the page is read, to know whether another page follows.
 */
export function windowSql(at: string, id: string, w: PageWindow): { where: SQL; tail: SQL } {
	const atCol = sql.raw(at);
	const idCol = sql.raw(id);
	const terms: SQL[] = [];
	if (w.after) terms.push(sql` AND (${atCol}, ${idCol}) > (${w.after.at}, ${w.after.id})`);
	if (w.since !== null)
		terms.push(w.sinceInclusive ? sql` AND ${atCol} >= ${w.since}` : sql` AND ${atCol} > ${w.since}`);
	if (w.until !== null)
		terms.push(w.untilInclusive ? sql` AND ${atCol} <= ${w.until}` : sql` AND ${atCol} < ${w.until}`);
	const offset = w.after ? 0 : w.offset;
	return {
		where: sql.join(terms, sql``),
		tail: sql` ORDER BY ${atCol}, ${idCol} LIMIT ${w.perPage + 1} OFFSET ${offset}`,
	};
}

/** The rows of a page read with `windowSql` (which reads one more than asked). */
export function pageOf<T>(rows: T[], w: PageWindow): Page<T> {
	return { rows: rows.slice(0, w.perPage), more: rows.length > w.perPage };
}

/** A time in ms as OSDI and the exports write it: ISO 8601 in UTC, with milliseconds. */
export function isoTime(ms: number): string;
export function isoTime(ms: number | null): string | null;
export function isoTime(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}
