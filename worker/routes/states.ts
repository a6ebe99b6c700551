import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { etag } from "hono/etag";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { csvKinds, exportCsv, importCsv, isCsvKind } from "../domain/states/states-csv";
import { statesDirectory } from "../domain/states/states-directory";
import { operatorOnly } from "../http/operator-auth";
import { validate } from "../http/validate";
import { defaultLocale, matchLocale } from "../i18n/locales";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

/** A CSV file of the directory is at most this large. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

const requireCsv = createMiddleware(async (c, next) => {
	if (!/^text\/csv\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
		throw new DomainError(415, "unsupported_media_type", "Send the file as CSV, with Content-Type: text/csv.");
	}
	await next();
});

const csvLimit = bodyLimit({
	maxSize: MAX_CSV_BYTES,
	onError: () => {
		throw new DomainError(413, "payload_too_large", `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
	},
});

function kindOf(value: string): (typeof csvKinds)[number] {
	if (!isCsvKind(value)) {
		throw new DomainError(404, "not_found", `There is no such file: the files are ${csvKinds.join(", ")}.`);
	}
	return value;
}

const importQuery = v.object({
	dryRun: v.optional(v.picklist(["1", "0", "true", "false"], "dryRun is 1 or 0."), "0"),
});

/**
 * The States directory for operators, as CSV files a spreadsheet opens: states, contacts (the
 * addresses letters go to) and commitments. Import is all or nothing (worker/domain/states/states-csv.ts).
 */
const operatorStates = new Hono<AppEnv>()
	.use(operatorOnly)
	.get("/:file{[a-z]+\\.csv}", async (c) => {
		const kind = kindOf(c.req.param("file").replace(/\.csv$/, ""));
		const csv = await exportCsv(c.var.db, kind);
		const day = new Date().toISOString().slice(0, 10);
		return c.body(csv, 200, {
			"Content-Type": "text/csv; charset=utf-8",
			"Content-Disposition": `attachment; filename="red-line-${kind}-${day}.csv"`,
			"Cache-Control": "no-store",
		});
	})
	.post("/:kind", requireCsv, csvLimit, validate("query", importQuery), async (c) => {
		const kind = kindOf(c.req.param("kind").replace(/\.csv$/, ""));
		const { dryRun } = c.req.valid("query");
		const report = await importCsv(c.var.db, kind, await c.req.text(), {
			dryRun: dryRun === "1" || dryRun === "true",
			now: Date.now(),
		});
		if (report.errors.length > 0) {
			const bad = report.errors.length;
			throw new DomainError(
				422,
				"invalid_rows",
				`${bad} ${bad === 1 ? "row is" : "rows are"} not valid; nothing was written. Fix ${bad === 1 ? "it" : "them"} and import the file again.`,
				{
					issues: report.errors.flatMap((row) =>
						row.issues.map((issue) => ({ path: `line.${row.line}.${issue.field}`, message: issue.message })),
					),
				},
			);
		}
		return c.json(report);
	});

/**
 * Mounted at /api/v1: the operators' CSV files under /operator/states, and the public list of
 * States with their commitments at /states (no contact address).
 */
export const statesApi = new Hono<AppEnv>()
	.route("/operator/states", operatorStates)
	.get("/states", etag(), validate("query", v.object({ locale: v.optional(v.string()) })), async (c) => {
		const locale = matchLocale(c.req.valid("query").locale) ?? defaultLocale;
		const states = await statesDirectory(c.var.db, locale);
		c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
		return c.json({ locale, states });
	});
