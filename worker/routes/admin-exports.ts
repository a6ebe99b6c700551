import { type Context, Hono } from "hono";
import * as v from "valibot";
import { auditEntry } from "../domain/console/audit";
import { type ExportFilters, type ExportFormat, exportFormats } from "../domain/export-stream";
import { lettersExport } from "../domain/letters/exports";
import { findLetterCampaign } from "../domain/letters/letters";
import { subscribersExport } from "../domain/lists/exports";
import { findList } from "../domain/lists/lists";
import { signaturesExport } from "../domain/petitions/exports";
import { findPetition } from "../domain/petitions/petitions";
import { adminAuth, requireScope } from "../http/admin-auth";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

const DATE_MESSAGE = "Give the date as ISO 8601, such as 2026-01-31 or 2026-01-31T12:00:00Z.";
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const DAY = 86_400_000;

/** A bound of the range: a day (from its start; `to` through its end) or a zoned date-time. */
const dateField = (end: boolean) =>
	v.optional(
		v.pipe(
			v.string(DATE_MESSAGE),
			v.regex(DATE, DATE_MESSAGE),
			v.transform((s) => Date.parse(s) + (end && s.length === 10 ? DAY : 0)),
			v.check((ms) => Number.isFinite(ms), DATE_MESSAGE),
		),
	);
const slug = (what: string) =>
	v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, `Name the ${what} by its slug.`)));

const common = {
	format: v.optional(v.picklist(exportFormats, 'The format is "csv" or "jsonl".'), "csv"),
	from: dateField(false),
	to: dateField(true),
	partner: slug("partner"),
	country: v.optional(
		v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "A country is its two-letter ISO code.")),
	),
};
const signaturesQuery = v.object({ ...common, petition: slug("petition") });
const subscribersQuery = v.object({ ...common, list: slug("list") });
const lettersQuery = v.object({ ...common, campaign: slug("campaign") });

function filtersOf(q: { from?: number; to?: number; partner?: string; country?: string }): ExportFilters {
	if (q.from !== undefined && q.to !== undefined && q.to <= q.from) {
		throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "to", message: "The end of the range must come after its start." }],
		});
	}
	return { from: q.from ?? null, to: q.to ?? null, partner: q.partner ?? null, country: q.country ?? null };
}

const personal = (c: Context<AppEnv>) => c.var.scopes?.includes("people:read") ?? false;

/**
 * Who took which file, with what filters: exports of people's data are accountable. The audit
 * row is written before the stream starts.
 */
async function audited(
	c: Context<AppEnv>,
	what: string,
	subject: string | null,
	format: ExportFormat,
	detail: Record<string, unknown>,
	stream: ReadableStream<Uint8Array>,
) {
	const now = Date.now();
	const actor = c.var.actor ?? "unknown";
	await auditEntry(c.var.db, { actor, action: `export.${what}`, subject, detail: { format, ...detail } }, now)
		.statement;
	const day = new Date(now).toISOString().slice(0, 10);
	return new Response(stream, {
		headers: {
			"Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
			"Content-Disposition": `attachment; filename="${subject ?? "all"}-${what}-${day}.${format}"`,
			"Cache-Control": "no-store",
		},
	});
}

const notFound = (what: string) => new DomainError(404, "not_found", `No ${what} with this slug.`);

/**
 * Exports for CRMs and data teams: confirmed signatures, subscribers with the proof of their
 * consent, confirmed letters; CSV or JSON Lines, streamed page by page, filtered by date range,
 * petition/list/campaign, partner and country. Behind the admin API's tokens; every export is
 * audited.
 */
export const adminExports = new Hono<AppEnv>()
	.use(adminAuth)
	.get("/signatures", requireScope("signatures:export"), validate("query", signaturesQuery), async (c) => {
		const q = c.req.valid("query");
		const filters = filtersOf(q);
		const petition = q.petition ? await findPetition(c.var.db, q.petition) : null;
		if (q.petition && !petition) throw notFound("petition");
		const withPeople = personal(c);
		const stream = signaturesExport(c.var.db, q.format, {
			...filters,
			petitionId: petition?.id ?? null,
			personal: withPeople,
		});
		return audited(c, "signatures", q.petition ?? null, q.format, { ...filters, personal: withPeople }, stream);
	})
	.get("/subscribers", requireScope("people:read"), validate("query", subscribersQuery), async (c) => {
		const q = c.req.valid("query");
		const filters = filtersOf(q);
		const list = q.list ? await findList(c.var.db, q.list) : null;
		if (q.list && !list) throw notFound("list");
		const stream = subscribersExport(c.var.db, q.format, { ...filters, listId: list?.id ?? null });
		return audited(c, "subscribers", q.list ?? null, q.format, { ...filters }, stream);
	})
	.get("/letters", requireScope("letters:review"), validate("query", lettersQuery), async (c) => {
		const q = c.req.valid("query");
		const filters = filtersOf(q);
		const campaign = q.campaign ? await findLetterCampaign(c.var.db, q.campaign) : null;
		if (q.campaign && !campaign) throw notFound("letter campaign");
		const withPeople = personal(c);
		const stream = lettersExport(c.var.db, q.format, {
			...filters,
			campaignId: campaign?.id ?? null,
			personal: withPeople,
		});
		return audited(c, "letters", q.campaign ?? null, q.format, { ...filters, personal: withPeople }, stream);
	});
