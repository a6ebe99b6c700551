// People as the OSDI API shows them. Only people who have confirmed something (a signature, a
// subscription, a letter) appear: an address someone typed and never confirmed is nobody's
// supporter, and may not even be theirs. Erased people never appear.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type Page, type PageWindow, pageOf, windowSql } from "../keyset";

/** One of a person's confirmed subscriptions, as it stands now. */
export interface OsdiSubscription {
	list: string;
	status: "pending" | "active" | "unsubscribed" | "bounced";
	confirmedAt: number | null;
}

export interface OsdiPersonRow {
	id: string;
	email: string;
	name: string | null;
	country: string | null;
	locale: string | null;
	createdAt: number;
	updatedAt: number;
	subscriptions: OsdiSubscription[];
}

/**
 * OSDI's email status from the subscriptions: "subscribed" only while a subscription confirmed
 * by its click is active; "bouncing" when the address bounced; otherwise "unsubscribed" (which
 * includes never asked, and asked but not confirmed).
 */
export function emailStatus(subs: OsdiSubscription[]): "subscribed" | "unsubscribed" | "bouncing" {
	if (subs.some((s) => s.status === "active" && s.confirmedAt !== null)) return "subscribed";
	if (subs.some((s) => s.status === "bounced")) return "bouncing";
	return "unsubscribed";
}

const visible = sql`p.erased_at IS NULL AND (
	EXISTS (SELECT 1 FROM signatures g WHERE g.person_id = p.id AND g.status = 'confirmed')
	OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.person_id = p.id AND s.confirmed_at IS NOT NULL)
	OR EXISTS (SELECT 1 FROM letters w WHERE w.person_id = p.id AND w.confirmed_at IS NOT NULL))`;

const columns = sql`p.id, p.email, p.name, p.country, p.locale, p.created_at AS createdAt, p.updated_at AS updatedAt,
	(SELECT json_group_array(json_object('list', l.slug, 'status', s.status, 'confirmedAt', s.confirmed_at))
		FROM subscriptions s JOIN lists l ON l.id = s.list_id
		WHERE s.person_id = p.id AND s.confirmed_at IS NOT NULL) AS subscriptions`;

type Raw = Omit<OsdiPersonRow, "subscriptions"> & { subscriptions: string | null };

function parse(row: Raw): OsdiPersonRow {
	return { ...row, subscriptions: row.subscriptions ? (JSON.parse(row.subscriptions) as OsdiSubscription[]) : [] };
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
