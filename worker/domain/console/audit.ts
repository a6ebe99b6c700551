// The audit log: who changed what, through the console or the admin API. Every save writes its
// change and its audit row in one batch, so there is never a change without its record.
import { desc, type SQL, sql } from "drizzle-orm";
import { auditLog } from "../../../schema";
import type { Database } from "../../db";

/** One audited action: `actor` is `campaigner:<id>`, `token:<id>` or `operator`. */
export interface AuditInput {
	actor: string;
	/** What was done, as `resource.verb`: `petition.create`, `letter.release`, `token.revoke`… */
	action: string;
	/** What it was done to: a slug, an ISO code, an id. */
	subject?: string | null;
	/** What changed, briefly (never personal data: no addresses, no names of signers). */
	detail?: Record<string, unknown> | null;
}

function row(entry: AuditInput, now: number) {
	return {
		id: crypto.randomUUID(),
		actor: entry.actor,
		action: entry.action,
		subject: entry.subject ?? null,
		detail: entry.detail ?? null,
		createdAt: now,
	};
}

/**
 * The audit row of an action, as a statement for the batch that makes the change. Wrapped in an
 * object: a bare drizzle builder returned from an async function would be run on its own.
 */
export function auditEntry(db: Database, entry: AuditInput, now: number) {
	return { statement: db.insert(auditLog).values(row(entry, now)) };
}

/**
 * An audit row written only if `condition` (an SQL boolean, e.g. `EXISTS (…)`) holds when the
 * batch runs: for actions whose change may find nothing to change (a letter no longer held).
 * Put it BEFORE the change in the batch, so it sees the state the change starts from.
 */
export function auditEntryIf(db: Database, entry: AuditInput, now: number, condition: SQL) {
	const r = row(entry, now);
	const detail = r.detail === null ? null : JSON.stringify(r.detail);
	return {
		statement: db
			.insert(auditLog)
			.select(sql`SELECT ${r.id}, ${r.actor}, ${r.action}, ${r.subject}, ${detail}, ${r.createdAt} WHERE ${condition}`),
	};
}

/** The latest audit rows, newest first. */
export function recentAudit(db: Database, limit = 100) {
	return db
		.select()
		.from(auditLog)
		.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
		.limit(Math.max(1, Math.min(limit, 1000)));
}
