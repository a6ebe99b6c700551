// Subscribers (active, confirmed subscriptions) with the proof of their consent: the consent
// ledger's confirmation event (its id, time, how it was proven, where), and the exact wording
// agreed to (its version, language and hash in consent_texts). Erased people are never in it.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db";
import { type ExportFilters, type ExportFormat, exportStream } from "../export-stream";
import { isoTime } from "../keyset";

export interface SubscriberExportOptions extends ExportFilters {
	listId: string | null;
}

export const subscriberExportColumns = [
	"subscription_id",
	"list",
	"email",
	"name",
	"country",
	"locale",
	"partner",
	"source",
	"subscribed_at",
	"confirmed_at",
	"consent_event_id",
	"consent_event_at",
	"consent_proof",
	"consent_source",
	"consent_text_version",
	"consent_text_locale",
	"consent_text_hash",
] as const;

interface Row {
	rowid: number;
	id: string;
	list: string;
	email: string;
	name: string | null;
	country: string | null;
	locale: string;
	partner: string | null;
	source: string | null;
	createdAt: number;
	confirmedAt: number | null;
	eventId: number | null;
	eventAt: number | null;
	proof: string | null;
	eventSource: string | null;
	version: number | null;
	textLocale: string | null;
	hash: string;
}

function filters(o: SubscriberExportOptions): SQL {
	const terms: SQL[] = [sql`s.status = 'active'`, sql`p.erased_at IS NULL`];
	if (o.listId) terms.push(sql`s.list_id = ${o.listId}`);
	if (o.from !== null) terms.push(sql`s.confirmed_at >= ${o.from}`);
	if (o.to !== null) terms.push(sql`s.confirmed_at < ${o.to}`);
	if (o.partner) terms.push(sql`s.partner = ${o.partner}`);
	if (o.country) terms.push(sql`p.country = ${o.country}`);
	return sql.join(terms, sql` AND `);
}

export function subscribersExport(db: Database, format: ExportFormat, o: SubscriberExportOptions) {
	const where = filters(o);
	return exportStream(
		format,
		subscriberExportColumns,
		(after, limit) =>
			db.all<Row>(
				sql`SELECT s.rowid AS rowid, s.id, l.slug AS list, p.email, p.name, p.country, s.locale, s.partner, s.source,
					s.created_at AS createdAt, s.confirmed_at AS confirmedAt,
					e.id AS eventId, e.created_at AS eventAt, e.proof, e.source AS eventSource,
					t.version, t.locale AS textLocale, s.consent_hash AS hash
				FROM subscriptions s JOIN lists l ON l.id = s.list_id JOIN people p ON p.id = s.person_id
				LEFT JOIN consent_texts t ON t.hash = s.consent_hash
				LEFT JOIN consent_events e ON e.id = (
					SELECT max(x.id) FROM consent_events x
					WHERE x.person_id = s.person_id AND x.kind = 'list' AND x.ref = l.slug AND x.event = 'confirmed')
				WHERE s.rowid > ${after} AND ${where} ORDER BY s.rowid LIMIT ${limit}`,
			),
		(r) => ({
			subscription_id: r.id,
			list: r.list,
			email: r.email,
			name: r.name,
			country: r.country,
			locale: r.locale,
			partner: r.partner,
			source: r.source,
			subscribed_at: isoTime(r.createdAt),
			confirmed_at: isoTime(r.confirmedAt),
			consent_event_id: r.eventId,
			consent_event_at: isoTime(r.eventAt),
			consent_proof: r.proof,
			consent_source: r.eventSource,
			consent_text_version: r.version,
			consent_text_locale: r.textLocale,
			consent_text_hash: r.hash,
		}),
	);
}
