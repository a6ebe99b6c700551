// Petitions and their confirmed signatures as the OSDI API shows them. Only confirmed signatures
// appear (no pending one ever counts); a signer's name only where they chose to show it, unless
// the caller may read personal data.
import { sql } from "drizzle-orm";
import type { DemandGroup } from "../../../schema";
import type { Database } from "../../db";
import { type Page, type PageWindow, pageOf, windowSql } from "../keyset";

export interface OsdiPetitionRow {
	id: string;
	slug: string;
	status: "open" | "closed";
	goal: number;
	createdAt: number;
	updatedAt: number;
	title: string | null;
	summary: string | null;
	demands: DemandGroup[];
	count: number;
}

type RawPetition = Omit<OsdiPetitionRow, "demands"> & { demands: string | null };

const petitionColumns = sql`p.id, p.slug, p.status, p.goal, p.created_at AS createdAt, p.updated_at AS updatedAt,
	t.title, t.summary, t.demands, coalesce(c.count, 0) AS count
	FROM petitions p
	LEFT JOIN petition_texts t ON t.petition_id = p.id AND t.locale = p.default_locale
	LEFT JOIN signature_counts c ON c.petition_id = p.id AND c.country = ''`;

const parsePetition = (r: RawPetition): OsdiPetitionRow => ({
	...r,
	demands: r.demands ? (JSON.parse(r.demands) as DemandGroup[]) : [],
});

/** A page of petitions, by modified date. */
export async function osdiPetitions(db: Database, w: PageWindow): Promise<Page<OsdiPetitionRow>> {
	const { where, tail } = windowSql("p.updated_at", "p.id", w);
	const rows = await db.all<RawPetition>(sql`SELECT ${petitionColumns} WHERE 1 = 1${where}${tail}`);
	return pageOf(rows.map(parsePetition), w);
}

/** One petition by its slug. */
export async function osdiPetition(db: Database, slug: string): Promise<OsdiPetitionRow | undefined> {
	const rows = await db.all<RawPetition>(sql`SELECT ${petitionColumns} WHERE p.slug = ${slug}`);
	return rows.map(parsePetition)[0];
}

export interface OsdiSignatureRow {
	id: string;
	personId: string;
	name: string;
	showName: boolean;
	country: string;
	locale: string;
	partner: string | null;
	source: string | null;
	createdAt: number;
	updatedAt: number;
	confirmedAt: number | null;
	/** The signer's address; null once they are erased. */
	email: string | null;
	erased: boolean;
}

type RawSignature = Omit<OsdiSignatureRow, "showName" | "erased"> & { showName: number; erased: number };

/** A page of a petition's confirmed signatures, by modified date (the signatures_petition_updated index). */
export async function osdiSignatures(
	db: Database,
	petitionId: string,
	w: PageWindow,
	onlyId?: string,
): Promise<Page<OsdiSignatureRow>> {
	const window = windowSql("g.updated_at", "g.id", w);
	const where = onlyId === undefined ? window.where : sql`${window.where} AND g.id = ${onlyId}`;
	const tail = window.tail;
	const rows = await db.all<RawSignature>(
		sql`SELECT g.id, g.person_id AS personId, g.name, g.show_name AS showName, g.country, g.locale, g.partner, g.source,
			g.created_at AS createdAt, g.updated_at AS updatedAt, g.confirmed_at AS confirmedAt,
			CASE WHEN p.erased_at IS NULL THEN p.email END AS email, p.erased_at IS NOT NULL AS erased
		FROM signatures g JOIN people p ON p.id = g.person_id
		WHERE g.petition_id = ${petitionId} AND g.status = 'confirmed'${where}${tail}`,
	);
	return pageOf(
		rows.map((r) => ({ ...r, showName: Boolean(r.showName), erased: Boolean(r.erased) })),
		w,
	);
}
