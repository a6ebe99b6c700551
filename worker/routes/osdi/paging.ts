// The query of every OSDI collection: page/per_page, modified_since, the OData filter on
// modified_date, and the cursor that `next` links carry (so a sync pages by keyset, never by
// OFFSET). Bad values are 422s in the project's one error shape.
import * as v from "valibot";
import type { PageWindow } from "../../domain/keyset";

export const MAX_PER_PAGE = 1000;
export const DEFAULT_PER_PAGE = 25;

/** An ISO 8601 date or date-time; without a zone it is read as UTC. */
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isoMs(s: string): number {
	const zoned = /T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
	return Date.parse(zoned);
}

const isoDate = (message: string) =>
	v.pipe(
		v.string(message),
		v.trim(),
		v.regex(ISO, message),
		v.transform(isoMs),
		v.check((ms) => Number.isFinite(ms), message),
	);

const DATE_MESSAGE = "Give the date as ISO 8601, such as 2026-01-31 or 2026-01-31T12:00:00Z.";
const FILTER_TERM = /^modified_date\s+(gt|ge|lt|le)\s+'([^']*)'$/i;
const FILTER_MESSAGE = "The filter reads modified_date gt|ge|lt|le '<ISO date>', terms joined by and.";

interface FilterTerm {
	op: "gt" | "ge" | "lt" | "le";
	at: number;
}

/** OData's `filter`, as much of it as sync needs: modified_date compared with dates, joined by `and`. */
const filterField = v.pipe(
	v.string(FILTER_MESSAGE),
	v.maxLength(300, FILTER_MESSAGE),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const terms: FilterTerm[] = [];
		for (const part of dataset.value.trim().split(/\s+and\s+/i)) {
			const m = FILTER_TERM.exec(part.trim());
			const at = m?.[2] && ISO.test(m[2]) ? isoMs(m[2]) : Number.NaN;
			if (!m || !Number.isFinite(at)) {
				addIssue({ message: FILTER_MESSAGE });
				return NEVER;
			}
			terms.push({ op: (m[1] ?? "gt").toLowerCase() as FilterTerm["op"], at });
		}
		return terms;
	}),
);

const numberField = (name: string, max: number, fallback: string) =>
	v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,7}$/, `${name} is a whole number from 1 to ${max}.`),
			v.transform(Number),
			v.minValue(1, `${name} is a whole number from 1 to ${max}.`),
			v.maxValue(max, `${name} is a whole number from 1 to ${max}.`),
		),
		fallback,
	);

/** What a `next` link carries: the modified time (ms) and id of the last row it follows. */
const cursorField = v.pipe(
	v.string(),
	v.regex(/^\d{1,15}_[A-Za-z0-9_-]{1,100}$/, "The cursor is the one a next link gives; follow the link as it is."),
	v.transform((s) => {
		const at = s.slice(0, s.indexOf("_"));
		return { at: Number(at), id: s.slice(at.length + 1) };
	}),
);

export const collectionQuery = v.object({
	page: numberField("page", 1_000_000, "1"),
	per_page: numberField("per_page", MAX_PER_PAGE, String(DEFAULT_PER_PAGE)),
	modified_since: v.optional(isoDate(DATE_MESSAGE)),
	filter: v.optional(filterField),
	cursor: v.optional(cursorField),
});
export type CollectionQuery = v.InferOutput<typeof collectionQuery>;

/** The window of rows a collection query asks for. */
export function windowOf(q: CollectionQuery): PageWindow {
	const w: PageWindow = {
		perPage: q.per_page,
		offset: (q.page - 1) * q.per_page,
		after: q.cursor ?? null,
		since: q.modified_since ?? null,
		sinceInclusive: false,
		until: null,
		untilInclusive: false,
	};
	for (const t of q.filter ?? []) {
		if (t.op === "gt" || t.op === "ge") {
			// The later of two lower bounds wins.
			if (w.since === null || t.at > w.since || (t.at === w.since && t.op === "gt")) {
				w.since = t.at;
				w.sinceInclusive = t.op === "ge";
			}
		} else if (w.until === null || t.at < w.until || (t.at === w.until && t.op === "lt")) {
			w.until = t.at;
			w.untilInclusive = t.op === "le";
		}
	}
	return w;
}

/** self, next and prev for a page: next carries the cursor after the page's last row. */
export function pageLinks(
	url: string,
	q: CollectionQuery,
	last: { updatedAt: number; id: string } | undefined,
	more: boolean,
): Record<string, { href: string }> {
	const self = new URL(url);
	const links: Record<string, { href: string }> = { self: { href: self.toString() } };
	if (more && last) {
		const next = new URL(self);
		next.searchParams.set("page", String(q.page + 1));
		next.searchParams.set("per_page", String(q.per_page));
		next.searchParams.set("cursor", `${last.updatedAt}_${last.id}`);
		links.next = { href: next.toString() };
	}
	if (q.page > 1) {
		const prev = new URL(self);
		prev.searchParams.set("page", String(q.page - 1));
		prev.searchParams.set("per_page", String(q.per_page));
		prev.searchParams.delete("cursor");
		links.prev = { href: prev.toString() };
	}
	return links;
}
