// Lists and tags as the OSDI API shows them. Lists are the engine's mailing lists, with their
// active (confirmed) subscribers counted. Tags are derived, not stored: the engine has no
// tagging of its own, so each partner organisation is a tag (what a CRM most often files people
// under), named by the partner; there are no taggings to read.
import { sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type Page, type PageWindow, pageOf, windowSql } from "../keyset";

export interface OsdiListRow {
	id: string;
	slug: string;
	status: "open" | "closed";
	name: string | null;
	description: string | null;
	createdAt: number;
	updatedAt: number;
	subscribers: number;
}

const listColumns = sql`l.id, l.slug, l.status, t.name, t.description, l.created_at AS createdAt, l.updated_at AS updatedAt,
	(SELECT count(*) FROM subscriptions s WHERE s.list_id = l.id AND s.status = 'active') AS subscribers
	FROM lists l LEFT JOIN list_texts t ON t.list_id = l.id AND t.locale = l.default_locale`;

/** A page of lists, by modified date. */
export async function osdiLists(db: Database, w: PageWindow): Promise<Page<OsdiListRow>> {
	const { where, tail } = windowSql("l.updated_at", "l.id", w);
	return pageOf(await db.all<OsdiListRow>(sql`SELECT ${listColumns} WHERE 1 = 1${where}${tail}`), w);
}

/** One list by its slug. */
export async function osdiList(db: Database, slug: string): Promise<OsdiListRow | undefined> {
	return (await db.all<OsdiListRow>(sql`SELECT ${listColumns} WHERE l.slug = ${slug}`))[0];
}

export interface OsdiItemRow {
	id: string;
	personId: string;
	status: "pending" | "active" | "unsubscribed" | "bounced";
	createdAt: number;
	updatedAt: number;
	confirmedAt: number | null;
	endedAt: number | null;
}

/**
 * A page of a list's items: its subscriptions that were confirmed, active or ended since (so an
 * incremental sync sees who left), never an erased person's. By modified date, on the
 * subscriptions_list_updated index.
 */
export async function osdiListItems(
	db: Database,
	listId: string,
	w: PageWindow,
	onlyId?: string,
): Promise<Page<OsdiItemRow>> {
	const window = windowSql("s.updated_at", "s.id", w);
	const where = onlyId === undefined ? window.where : sql`${window.where} AND s.id = ${onlyId}`;
	const tail = window.tail;
	const rows = await db.all<OsdiItemRow>(
		sql`SELECT s.id, s.person_id AS personId, s.status, s.created_at AS createdAt, s.updated_at AS updatedAt,
			s.confirmed_at AS confirmedAt, s.ended_at AS endedAt
		FROM subscriptions s JOIN people p ON p.id = s.person_id
		WHERE s.list_id = ${listId} AND s.confirmed_at IS NOT NULL AND p.erased_at IS NULL${where}${tail}`,
	);
	return pageOf(rows, w);
}

export interface OsdiTagRow {
	id: string;
	slug: string;
	name: string;
	createdAt: number;
	updatedAt: number;
}

const tagColumns = sql`id, slug, name, created_at AS createdAt, updated_at AS updatedAt FROM partners`;

/** A page of tags (one per partner), by modified date. */
export async function osdiTags(db: Database, w: PageWindow): Promise<Page<OsdiTagRow>> {
	const { where, tail } = windowSql("updated_at", "id", w);
	return pageOf(await db.all<OsdiTagRow>(sql`SELECT ${tagColumns} WHERE 1 = 1${where}${tail}`), w);
}

/** One tag by its partner's slug. */
export async function osdiTag(db: Database, slug: string): Promise<OsdiTagRow | undefined> {
	return (await db.all<OsdiTagRow>(sql`SELECT ${tagColumns} WHERE slug = ${slug}`))[0];
}
