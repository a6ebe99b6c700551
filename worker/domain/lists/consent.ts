import { asc, eq, type SQL } from "drizzle-orm";
import type { SQLiteInsertValue } from "drizzle-orm/sqlite-core";
import { consentEvents, consentTexts } from "../../../schema";
import type { Database } from "../../db";
import { sha256Hex } from "../../lib/crypto";

/** A consent wording as shown, identified by the hash of its exact text. */
export interface ConsentWording {
	kind: "list" | "partner";
	ref: string;
	locale: string;
	version: number;
	text: string;
}

/** The hash of a wording, and the insert that keeps its text (once) for the ledger. */
export async function consentTextInsert(db: Database, wording: ConsentWording, now: number) {
	const hash = await sha256Hex(`${wording.kind}\u0000${wording.ref}\u0000${wording.locale}\u0000${wording.text}`);
	const statement = db
		.insert(consentTexts)
		.values({ hash, ...wording, createdAt: now })
		.onConflictDoNothing();
	return { hash, statement };
}

/** An entry of the append-only consent ledger, for a batch. */
export function ledgerInsert(db: Database, event: Omit<SQLiteInsertValue<typeof consentEvents>, "id">) {
	return db.insert(consentEvents).values(event);
}

/**
 * Ledger entries made from rows of another table, for a batch: `select` yields, in this order,
 * id (NULL), person_id, kind, ref, event, text_hash, locale, partner, source, proof, created_at.
 * Conditional on those rows (e.g. only while a subscription is still pending), so a repeated or
 * concurrent action records once. (drizzle's raw `db.run` cannot go in a D1 batch.)
 */
export function ledgerInsertFrom(db: Database, select: SQL) {
	return db.insert(consentEvents).select(select);
}

/** Everything the ledger holds about a person, oldest first, with the wordings agreed to. */
export function ledgerOf(db: Database, personId: string) {
	return db
		.select({
			at: consentEvents.createdAt,
			kind: consentEvents.kind,
			ref: consentEvents.ref,
			event: consentEvents.event,
			locale: consentEvents.locale,
			partner: consentEvents.partner,
			source: consentEvents.source,
			proof: consentEvents.proof,
			textHash: consentEvents.textHash,
			text: consentTexts.text,
			textVersion: consentTexts.version,
		})
		.from(consentEvents)
		.leftJoin(consentTexts, eq(consentTexts.hash, consentEvents.textHash))
		.where(eq(consentEvents.personId, personId))
		.orderBy(asc(consentEvents.createdAt), asc(consentEvents.id));
}
