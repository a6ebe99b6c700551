// Letters writers confirmed (never pending ones), with their State by ISO code and name. The
// writer's name, address and text need the personal-data right.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type Cell, type ExportFilters, type ExportFormat, exportStream } from "../export-stream";
import { isoTime } from "../keyset";

export interface LetterExportOptions extends ExportFilters {
	campaignId: string | null;
	personal: boolean;
}

export function letterExportColumns(personal: boolean): string[] {
	return [
		"letter_id",
		"campaign",
		"status",
		"target_iso2",
		"target_name",
		...(personal ? ["writer_name", "writer_email"] : []),
		"writer_country",
		"locale",
		"subject",
		...(personal ? ["body"] : []),
		"partner",
		"source",
		"confirmed_at",
		"sent_at",
		"reply",
	];
}

interface Row {
	rowid: number;
	id: string;
	campaign: string;
	status: string;
	iso2: string;
	targetName: string;
	writerName: string;
	email: string | null;
	writerCountry: string;
	locale: string;
	subject: string;
	body: string;
	partner: string | null;
	source: string | null;
	confirmedAt: number | null;
	sentAt: number | null;
	reply: string | null;
}

function filters(o: LetterExportOptions): SQL {
	const terms: SQL[] = [sql`l.confirmed_at IS NOT NULL`];
	if (o.campaignId) terms.push(sql`l.campaign_id = ${o.campaignId}`);
	if (o.from !== null) terms.push(sql`l.confirmed_at >= ${o.from}`);
	if (o.to !== null) terms.push(sql`l.confirmed_at < ${o.to}`);
	if (o.partner) terms.push(sql`l.partner = ${o.partner}`);
	if (o.country) terms.push(sql`l.writer_country = ${o.country}`);
	return sql.join(terms, sql` AND `);
}

export function lettersExport(db: Database, format: ExportFormat, o: LetterExportOptions) {
	const where = filters(o);
	return exportStream(
		format,
		letterExportColumns(o.personal),
		(after, limit) =>
			db.all<Row>(
				sql`SELECT l.rowid AS rowid, l.id, c.slug AS campaign, l.status, g.iso2,
					coalesce(json_extract(g.names, '$.en'), g.iso2) AS targetName, l.writer_name AS writerName,
					CASE WHEN p.erased_at IS NULL THEN p.email END AS email, l.writer_country AS writerCountry, l.locale,
					l.subject, l.body, l.partner, l.source, l.confirmed_at AS confirmedAt, l.sent_at AS sentAt, l.reply
				FROM letters l JOIN letter_campaigns c ON c.id = l.campaign_id JOIN targets g ON g.id = l.target_id
				JOIN people p ON p.id = l.person_id
				WHERE l.rowid > ${after} AND ${where} ORDER BY l.rowid LIMIT ${limit}`,
			),
		(r) => {
			const out: Record<string, Cell> = {
				letter_id: r.id,
				campaign: r.campaign,
				status: r.status,
				target_iso2: r.iso2,
				target_name: r.targetName,
				writer_country: r.writerCountry,
				locale: r.locale,
				subject: r.subject,
				partner: r.partner,
				source: r.source,
				confirmed_at: isoTime(r.confirmedAt),
				sent_at: isoTime(r.sentAt),
				reply: r.reply,
			};
			if (o.personal) {
				out.writer_name = r.writerName;
				out.writer_email = r.email;
				out.body = r.body;
			}
			return out;
		},
	);
}
