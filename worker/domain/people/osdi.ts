// People as the OSDI API shows them. Only people who have confirmed something (a signature, a
// subscription, a letter) appear: an address someone typed and never confirmed is nobody's
// supporter, and may not even be theirs. Erased people never appear.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type Page, type PageWindow, pageOf, windowSql } from "../keyset";

export type EmailStatus = "subscribed" | "unsubscribed" | "bouncing";

export interface OsdiPersonRow {
	id: string;
	email: string;
	name: string | null;
	country: string | null;
	locale: string | null;
	createdAt: number;
	updatedAt: number;
	/**
	 * OSDI's email status, from the subscriptions: "subscribed" only while a subscription
	 * confirmed by its click is active; "bouncing" when the address bounced; otherwise
	 * "unsubscribed" (which includes never asked, and asked but not confirmed).
	 */
	emailStatus: EmailStatus;
}

const visible = sql`p.erased_at IS NULL AND (
	EXISTS (SELECT 1 FROM signatures g WHERE g.person_id = p.id AND g.status = 'confirmed')
	OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.person_id = p.id AND s.confirmed_at IS NOT NULL)
	OR EXISTS (SELECT 1 FROM letters w WHERE w.person_id = p.id AND w.confirmed_at IS NOT NULL))`;

const columns = sql`p.id, p.email, p.name, p.country, p.locale, p.created_at AS createdAt, p.updated_at AS updatedAt,
	(SELECT max(CASE WHEN s.status = 'active' AND s.confirmed_at IS NOT NULL THEN 2 WHEN s.status = 'bounced' THEN 1 ELSE 0 END)
		FROM subscriptions s WHERE s.person_id = p.id) AS emailRank`;

type Raw = Omit<OsdiPersonRow, "emailStatus"> & { emailRank: number | null };

const STATUS_BY_RANK: EmailStatus[] = ["unsubscribed", "bouncing", "subscribed"];

function parse({ emailRank, ...row }: Raw): OsdiPersonRow {
	return { ...row, emailStatus: STATUS_BY_RANK[emailRank ?? 0] ?? "unsubscribed" };
}

async function select(db: Database, where: SQL, tail: SQL = sql``): Promise<OsdiPersonRow[]> {
	const rows = await db.all<Raw>(sql`SELECT ${columns} FROM people p WHERE ${visible}${where}${tail}`);
	return rows.map(parse);
}

/** A page of people in modified-date order, one query (read from the people_updated index). */
export async function osdiPeople(db: Database, w: PageWindow): Promise<Page<OsdiPersonRow>> {
	const { where, tail } = windowSql("p.updated_at", "p.id", w);
	return pageOf(await select(db, where, tail), w);
}

/** One person, if they are shown at all. */
export async function osdiPerson(db: Database, id: string): Promise<OsdiPersonRow | undefined> {
	return (await select(db, sql` AND p.id = ${id}`))[0];
}
