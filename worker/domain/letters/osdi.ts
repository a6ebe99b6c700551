// Letter campaigns (OSDI advocacy campaigns) and their letters (outreaches), each with its
// State target named by ISO code and name. Only letters whose writer confirmed them appear, and
// never one a campaigner rejected.
import { sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type Page, type PageWindow, pageOf, windowSql } from "../keyset";

export interface OsdiTarget {
	iso2: string;
	name: string;
}

export interface OsdiCampaignRow {
	id: string;
	slug: string;
	status: "open" | "closed";
	targetMode: "own-state" | "named";
	targets: OsdiTarget[];
	createdAt: number;
	updatedAt: number;
	title: string | null;
	subject: string | null;
	/** Letters sent so far. */
	sent: number;
}

type RawCampaign = Omit<OsdiCampaignRow, "targets"> & { targets: string | null };

const campaignColumns = sql`c.id, c.slug, c.status, c.target_mode AS targetMode, c.created_at AS createdAt, c.updated_at AS updatedAt,
	t.title, t.subject,
	(SELECT coalesce(sum(n.count), 0) FROM letter_counts n WHERE n.campaign_id = c.id AND n.status = 'sent') AS sent,
	(SELECT json_group_array(json_object('iso2', g.iso2, 'name', coalesce(json_extract(g.names, '$.en'), g.iso2)))
		FROM json_each(c.target_iso2s) j JOIN targets g ON g.iso2 = j.value) AS targets
	FROM letter_campaigns c
	LEFT JOIN letter_campaign_texts t ON t.campaign_id = c.id AND t.locale = c.default_locale`;

const parseCampaign = (r: RawCampaign): OsdiCampaignRow => ({
	...r,
	targets: r.targets ? (JSON.parse(r.targets) as OsdiTarget[]) : [],
});

/** A page of letter campaigns, by modified date. */
export async function osdiCampaigns(db: Database, w: PageWindow): Promise<Page<OsdiCampaignRow>> {
	const { where, tail } = windowSql("c.updated_at", "c.id", w);
	const rows = await db.all<RawCampaign>(sql`SELECT ${campaignColumns} WHERE 1 = 1${where}${tail}`);
	return pageOf(rows.map(parseCampaign), w);
}

/** One letter campaign by its slug. */
export async function osdiCampaign(db: Database, slug: string): Promise<OsdiCampaignRow | undefined> {
	const rows = await db.all<RawCampaign>(sql`SELECT ${campaignColumns} WHERE c.slug = ${slug}`);
	return rows.map(parseCampaign)[0];
}

export interface OsdiOutreachRow {
	id: string;
	personId: string;
	status: string;
	writerName: string;
	writerCountry: string;
	locale: string;
	subject: string;
	body: string;
	partner: string | null;
	source: string | null;
	createdAt: number;
	updatedAt: number;
	confirmedAt: number | null;
	sentAt: number | null;
	reply: string | null;
	email: string | null;
	erased: boolean;
	target: OsdiTarget;
}

type RawOutreach = Omit<OsdiOutreachRow, "erased" | "target"> & { erased: number; iso2: string; targetName: string };

/** A page of a campaign's confirmed letters, by modified date (the letters_campaign_updated index). */
export async function osdiOutreaches(
	db: Database,
	campaignId: string,
	w: PageWindow,
	onlyId?: string,
): Promise<Page<OsdiOutreachRow>> {
	const window = windowSql("l.updated_at", "l.id", w);
	const where = onlyId === undefined ? window.where : sql`${window.where} AND l.id = ${onlyId}`;
	const tail = window.tail;
	const rows = await db.all<RawOutreach>(
		sql`SELECT l.id, l.person_id AS personId, l.status, l.writer_name AS writerName, l.writer_country AS writerCountry,
			l.locale, l.subject, l.body, l.partner, l.source, l.created_at AS createdAt, l.updated_at AS updatedAt,
			l.confirmed_at AS confirmedAt, l.sent_at AS sentAt, l.reply,
			CASE WHEN p.erased_at IS NULL THEN p.email END AS email, p.erased_at IS NOT NULL AS erased,
			g.iso2, coalesce(json_extract(g.names, '$.en'), g.iso2) AS targetName
		FROM letters l JOIN people p ON p.id = l.person_id JOIN targets g ON g.id = l.target_id
		WHERE l.campaign_id = ${campaignId} AND l.confirmed_at IS NOT NULL AND l.status <> 'rejected'${where}${tail}`,
	);
	return pageOf(
		rows.map(({ iso2, targetName, erased, ...r }) => ({
			...r,
			erased: Boolean(erased),
			target: { iso2, name: targetName },
		})),
		w,
	);
}
