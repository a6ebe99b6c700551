// Confirmed signatures for a CRM or a data team, as CSV or JSON Lines. Without the personal-data
// right a signer's name shows only where they chose to show it, and no address ever does.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type Cell, type ExportFilters, type ExportFormat, exportStream } from "../export-stream";
import { isoTime } from "../keyset";
import { WITHHELD } from "./signature-export";

export interface SignatureExportOptions extends ExportFilters {
	petitionId: string | null;
	/** The caller may read personal data: every name, and the address. */
	personal: boolean;
}

interface Row {
	rowid: number;
	id: string;
	petition: string;
	name: string;
	showName: number;
	email: string | null;
	country: string;
	locale: string;
	partner: string | null;
	source: string | null;
	createdAt: number;
	confirmedAt: number | null;
}

export function signatureExportColumns(personal: boolean): string[] {
	return [
		"signature_id",
		"petition",
		"name",
		...(personal ? ["email"] : []),
		"country",
		"locale",
		"partner",
		"source",
		"signed_at",
		"confirmed_at",
	];
}

/** Filters on confirmed signatures; the date range is on when they were confirmed. */
function filters(o: SignatureExportOptions): SQL {
	const terms: SQL[] = [sql`g.status = 'confirmed'`];
	if (o.petitionId) terms.push(sql`g.petition_id = ${o.petitionId}`);
	if (o.from !== null) terms.push(sql`g.confirmed_at >= ${o.from}`);
	if (o.to !== null) terms.push(sql`g.confirmed_at < ${o.to}`);
	if (o.partner) terms.push(sql`g.partner = ${o.partner}`);
	if (o.country) terms.push(sql`g.country = ${o.country}`);
	return sql.join(terms, sql` AND `);
}

export function signaturesExport(db: Database, format: ExportFormat, o: SignatureExportOptions) {
	const where = filters(o);
	const columns = signatureExportColumns(o.personal);
	return exportStream(
		format,
		columns,
		(after, limit) =>
			db.all<Row>(
				sql`SELECT g.rowid AS rowid, g.id, t.slug AS petition, g.name, g.show_name AS showName,
					CASE WHEN p.erased_at IS NULL THEN p.email END AS email, g.country, g.locale, g.partner, g.source,
					g.created_at AS createdAt, g.confirmed_at AS confirmedAt
				FROM signatures g JOIN petitions t ON t.id = g.petition_id JOIN people p ON p.id = g.person_id
				WHERE g.rowid > ${after} AND ${where} ORDER BY g.rowid LIMIT ${limit}`,
			),
		(r) => {
			const out: Record<string, Cell> = {
				signature_id: r.id,
				petition: r.petition,
				name: o.personal || r.showName ? r.name : WITHHELD,
				country: r.country,
				locale: r.locale,
				partner: r.partner,
				source: r.source,
				signed_at: isoTime(r.createdAt),
				confirmed_at: isoTime(r.confirmedAt),
			};
			if (o.personal) out.email = r.email;
			return out;
		},
	);
}
