// The webhooks' outbox: an event becomes one message row per endpoint that asked for it, written
// by one set-based statement in the same batch as the change, so no event is lost or doubled.
import { and, eq, isNotNull, ne, type SQL, sql } from "drizzle-orm";
import { type WebhookEventType, webhookMessages } from "../../../schema";
import type { Database } from "../../db";

/** An SQL expression for a stored millisecond time as an ISO date-time (`2026-01-31T12:00:00.000Z`). */
export function isoSql(column: SQL): SQL {
	return sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
}

/**
 * The statement that writes the messages of the events `rows` selects, for the caller's batch.
 * `rows` is a SELECT of `event_key` (names the event: one message per endpoint, however often
 * the batch is retried), `person_id`, `payload` (a JSON object: ids, petition or list, country,
 * language, dates) and `email`, `name` (kept only for endpoints created with `personal_data`).
 * Each row fans out to the enabled endpoints subscribed to `type` (INSERT … SELECT).
 * Place it after the change in the batch and select what the change made, so that an event is
 * written exactly when the change happened.
 */
export function webhookWrites(db: Database, type: WebhookEventType, rows: SQL, now: number) {
	// Every column, in the table's order (an INSERT … SELECT is positional).
	return db
		.insert(webhookMessages)
		.select(
			sql`SELECT 'msg_' || lower(hex(randomblob(16))), e.id, ${type}, r.event_key, r.person_id, r.payload,
			CASE WHEN e.personal_data THEN json_object('email', r.email, 'name', r.name) ELSE NULL END,
			'pending', 0, ${now}, NULL, NULL, ${now}, NULL
		FROM (${rows}) r
		JOIN webhook_endpoints e ON e.enabled = 1 AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = ${type})`,
		)
		.onConflictDoNothing();
}

/** Erasure: the email and name leave every message of this person that is not about the erasure. */
export function webhookForgetPerson(db: Database, personId: string) {
	return db
		.update(webhookMessages)
		.set({ personal: null })
		.where(
			and(
				eq(webhookMessages.personId, personId),
				isNotNull(webhookMessages.personal),
				ne(webhookMessages.eventType, "person.erased"),
			),
		);
}

/** ISO date-time of a stored millisecond time, or null. */
export function isoTime(ms: number | null | undefined): string | null {
	return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

const iso = (column: string) => isoSql(sql.raw(column));

/** signature.confirmed, for the batch that confirms it (after the update). */
export function signatureConfirmedWebhooks(db: Database, signatureId: string, now: number) {
	return webhookWrites(
		db,
		"signature.confirmed",
		sql`SELECT 'signature.confirmed:' || s.id AS event_key, s.person_id AS person_id,
			json_object('signatureId', s.id, 'personId', s.person_id, 'petition', pt.slug, 'country', s.country,
				'language', s.locale, 'partner', s.partner, 'createdAt', ${iso("s.created_at")}, 'confirmedAt', ${iso("s.confirmed_at")}) AS payload,
			p.email AS email, s.name AS name
		FROM signatures s JOIN petitions pt ON pt.id = s.petition_id JOIN people p ON p.id = s.person_id
		WHERE s.id = ${signatureId} AND s.status = 'confirmed' AND s.confirmed_at = ${now}`,
		now,
	);
}

/** subscription.confirmed, for the batch that confirms it (after the update). */
export function subscriptionConfirmedWebhooks(db: Database, subscriptionId: string, now: number) {
	return webhookWrites(
		db,
		"subscription.confirmed",
		sql`SELECT 'subscription.confirmed:' || s.id || ':' || s.confirmed_at AS event_key, s.person_id AS person_id,
			json_object('subscriptionId', s.id, 'personId', s.person_id, 'list', l.slug, 'country', p.country,
				'language', s.locale, 'partner', s.partner, 'createdAt', ${iso("s.created_at")}, 'confirmedAt', ${iso("s.confirmed_at")}) AS payload,
			p.email AS email, p.name AS name
		FROM subscriptions s JOIN lists l ON l.id = s.list_id JOIN people p ON p.id = s.person_id
		WHERE s.id = ${subscriptionId} AND s.status = 'active' AND s.confirmed_at = ${now}`,
		now,
	);
}

/** subscription.ended, for the batch that ends the subscriptions matched by `where` (after the update). */
export function subscriptionEndedWebhooks(db: Database, where: SQL, reason: string, now: number) {
	return webhookWrites(
		db,
		"subscription.ended",
		sql`SELECT 'subscription.ended:' || s.id || ':' || s.ended_at AS event_key, s.person_id AS person_id,
			json_object('subscriptionId', s.id, 'personId', s.person_id, 'list', l.slug, 'country', p.country,
				'language', s.locale, 'reason', ${reason}, 'endedAt', ${iso("s.ended_at")}) AS payload,
			p.email AS email, p.name AS name
		FROM subscriptions s JOIN lists l ON l.id = s.list_id JOIN people p ON p.id = s.person_id
		WHERE s.ended_at = ${now} AND s.id IN (SELECT id FROM subscriptions WHERE ${where})`,
		now,
	);
}

const letterPayload = (extra: SQL) => sql`json_object('letterId', l.id, 'personId', l.person_id, 'campaign', c.slug,
	'state', t.iso2, 'country', l.writer_country, 'language', l.locale, 'partner', l.partner,
	'confirmedAt', ${iso("l.confirmed_at")}, 'sentAt', ${iso("l.sent_at")}, ${extra})`;

/** letter.sent, for the batch that hands letters to the outbox (after the update). */
export function lettersSentWebhooks(db: Database, letterIds: string[], now: number) {
	return webhookWrites(
		db,
		"letter.sent",
		sql`SELECT 'letter.sent:' || l.id AS event_key, l.person_id AS person_id,
			${letterPayload(sql`'inDigest', json(CASE WHEN l.in_digest THEN 'true' ELSE 'false' END)`)} AS payload,
			p.email AS email, l.writer_name AS name
		FROM letters l JOIN letter_campaigns c ON c.id = l.campaign_id JOIN targets t ON t.id = l.target_id
			JOIN people p ON p.id = l.person_id
		WHERE l.id IN (SELECT value FROM json_each(${JSON.stringify(letterIds)})) AND l.status = 'sent' AND l.sent_at = ${now}`,
		now,
	);
}

/** letter.reply_reported, for the batch that records the writer's answer (after the update). */
export function letterReplyWebhooks(db: Database, letterId: string, now: number) {
	return webhookWrites(
		db,
		"letter.reply_reported",
		sql`SELECT 'letter.reply_reported:' || l.id AS event_key, l.person_id AS person_id,
			${letterPayload(sql`'reply', l.reply, 'repliedAt', ${iso("l.replied_at")}`)} AS payload,
			p.email AS email, l.writer_name AS name
		FROM letters l JOIN letter_campaigns c ON c.id = l.campaign_id JOIN targets t ON t.id = l.target_id
			JOIN people p ON p.id = l.person_id
		WHERE l.id = ${letterId} AND l.replied_at = ${now}`,
		now,
	);
}

/**
 * person.erased (the CRM erases too), for the erasure's batch: put them before the person's row
 * is emptied. The address goes only to endpoints with personal data (to find the record), and
 * the person's other messages lose their personal part.
 */
export function personErasedWebhooks(db: Database, personId: string, now: number) {
	return [
		webhookForgetPerson(db, personId),
		webhookWrites(
			db,
			"person.erased",
			sql`SELECT 'person.erased:' || p.id AS event_key, p.id AS person_id,
				json_object('personId', p.id, 'erasedAt', ${isoSql(sql`${now}`)}) AS payload, p.email AS email, p.name AS name
			FROM people p WHERE p.id = ${personId} AND p.erased_at IS NULL`,
			now,
		),
	];
}

/** bulletin.finished, for the statement that marks it sent (after it). */
export function bulletinFinishedWebhooks(db: Database, bulletinId: string, now: number) {
	return webhookWrites(
		db,
		"bulletin.finished",
		sql`SELECT 'bulletin.finished:' || b.id AS event_key, NULL AS person_id,
			json_object('bulletinId', b.id, 'list', l.slug, 'language', b.default_locale, 'recipients', b.total,
				'startedAt', ${iso("b.started_at")}, 'finishedAt', ${iso("b.finished_at")}) AS payload,
			NULL AS email, NULL AS name
		FROM bulletins b JOIN lists l ON l.id = b.list_id
		WHERE b.id = ${bulletinId} AND b.status = 'sent' AND b.finished_at = ${now}`,
		now,
	);
}
