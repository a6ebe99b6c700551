// Confirmation clicks on signatures' links, written by the intake queue's consumer in set-based
// batches (as sign-batch.ts writes signing requests): at surge rates a click costs the page's one
// read, and its share of one lookup and one D1 batch for up to 100 clicks.
import { sql } from "drizzle-orm";
import { outbox, people, type RequestDetails, type SignatureStatus, signatures, tokens } from "../../../schema";
import type { Database, Statement } from "../../db";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { confirmRidingWrites } from "../lists/subscriptions";
import { isoSql, webhookWrites } from "../webhooks/events";
import { newShareCode, shareCodeFor } from "./referrals";
import { insertRows } from "./sign-batch";
import { legacyUpdatesWrites, MAX_EMAILS_PER_SIGNATURE, type SigningDeps } from "./signatures";

/** One click on a signature's confirmation link, as the intake queue carries it. */
export interface ConfirmRequest {
	kind: "confirm-signature";
	/** Given at the click (the queue's message id may change on redelivery). */
	id: string;
	/** The time of the click: a link that worked then is confirmed, whenever the consumer runs. */
	acceptedAt: number;
	/** SHA-256 of the link's token (the raw token is never queued, nor stored). */
	tokenHash: string;
	signatureId: string;
	/** The signature's petition: what the console's dead-letter view names for a click that kept failing. */
	petitionId: string;
}

export interface BatchConfirmResult {
	deliveries: DeliveryMessage[];
	/** What each click did, by click id: confirmed now, held back (fraudulent), or nothing to do. */
	outcomes: Map<string, "confirmed" | "held" | "nothing">;
	/** How many signature.confirmed webhook messages the batch wrote (for the caller to relay at once). */
	webhooks: number;
}

interface Found {
	i: number;
	purpose: string | null;
	expiresAt: number | null;
	request: string | null;
	sigId: string | null;
	status: SignatureStatus | null;
	personId: string | null;
	emailsSent: number | null;
	name: string | null;
	country: string | null;
	locale: string | null;
	showName: number | null;
	subscribe: number | null;
	partner: string | null;
	source: string | null;
	shareCode: string | null;
	email: string | null;
	/** JSON array of the candidate share codes another signature holds. */
	taken: string | null;
}

/** How many derived share codes are tried before a random one (each is taken with odds of about 1e-5 at most). */
const CODE_CANDIDATES = 3;

/**
 * Everything the batch's clicks confirm, in one statement: each link's token, the signature it
 * confirms with its person's address, and which of its candidate share codes are taken.
 */
function lookUp(db: Database, keys: unknown[][]): Promise<Found[]> {
	return db.all<Found>(sql`
		SELECT j.key AS i, t.purpose AS purpose, t.expires_at AS expiresAt, t.request AS request,
			s.id AS sigId, s.status AS status, s.person_id AS personId, s.emails_sent AS emailsSent,
			s.name AS name, s.country AS country, s.locale AS locale, s.show_name AS showName,
			s.subscribe AS subscribe, s.partner AS partner, s.source AS source, s.share_code AS shareCode,
			pe.email AS email,
			(SELECT json_group_array(o.share_code) FROM signatures o
				WHERE o.share_code IN (SELECT value FROM json_each(json_extract(j.value, '$[2]'))) AND o.id <> s.id) AS taken
		FROM json_each(${JSON.stringify(keys)}) j
		LEFT JOIN tokens t ON t.hash = json_extract(j.value, '$[0]')
		LEFT JOIN signatures s ON s.id = t.subject_id AND s.id = json_extract(j.value, '$[1]') AND t.purpose = 'confirm-signature'
		LEFT JOIN people pe ON pe.id = s.person_id
		ORDER BY j.key`);
}

/**
 * Confirms a batch of clicks with the rules of a single click: each confirms its own request's
 * details (a link sent before links carried them confirms the signature as it stands), the
 * counters follow by trigger in the same transaction, a thank-you goes out within
 * MAX_EMAILS_PER_SIGNATURE (deduped by its key), an updates subscription riding on the request is
 * confirmed by the same click, and the signature.confirmed webhooks are written. One lookup, then
 * one D1 batch whose statements each take every click at once; only signatures still pending
 * change, so a double click, two links of one signature, or a redelivered message confirm once. A
 * signature held back as fraudulent only has its links used up. A signature erased since the click
 * (or a link that no longer exists) writes nothing. Throws when the batch failed: nothing of it was
 * written, and the caller lets the queue bring its messages back.
 */
export async function confirmBatch(deps: SigningDeps, requests: ConfirmRequest[]): Promise<BatchConfirmResult> {
	const { db, secret, now } = deps;
	const outcomes: BatchConfirmResult["outcomes"] = new Map();
	const deliveries: DeliveryMessage[] = [];
	if (requests.length === 0) return { deliveries, outcomes, webhooks: 0 };
	const candidates = await Promise.all(
		requests.map(async (r) =>
			Promise.all(Array.from({ length: CODE_CANDIDATES }, (_, k) => shareCodeFor(secret, r.signatureId, k))),
		),
	);
	const found = await lookUp(
		db,
		requests.map((r, i) => [r.tokenHash, r.signatureId, candidates[i]]),
	);
	const seen = new Set<string>();
	const codesGiven = new Set<string>();
	const confirmRows: unknown[][] = [];
	const thankRows = [];
	const thankOf = new Map<string, string>();
	const riding: Statement[] = [];
	const ridingDeliveries = new Map<string, DeliveryMessage>();
	for (const [i, request] of requests.entries()) {
		const f = found[i];
		if (!f) throw new Error("confirmBatch: lookup and requests out of step");
		outcomes.set(request.id, "nothing");
		const sigId = f.sigId;
		// No such link or signature (erased since the click), a link that had expired by the click,
		// or a signature another click of this batch confirms.
		if (!sigId || !f.personId || f.email === null || f.expiresAt === null || f.expiresAt <= request.acceptedAt)
			continue;
		if (seen.has(sigId)) continue;
		seen.add(sigId);
		if (f.status === "fraudulent") {
			outcomes.set(request.id, "held");
			continue;
		}
		if (f.status !== "pending") continue;
		outcomes.set(request.id, "confirmed");
		const token = f.request ? (JSON.parse(f.request) as RequestDetails) : null;
		const request_: RequestDetails = token ?? {
			name: f.name ?? "",
			country: f.country ?? "",
			locale: f.locale ?? "en",
			showName: Boolean(f.showName),
			subscribe: Boolean(f.subscribe),
			partner: f.partner,
			source: f.source,
		};
		const taken = new Set<string>(f.taken ? (JSON.parse(f.taken) as string[]) : []);
		// The code the page showed (candidate 0), unless another signature holds it: then the next
		// free one, which the thank-you email and the page seen again carry.
		const code =
			f.shareCode ??
			candidates[i]?.find((c) => !taken.has(c) && !codesGiven.has(c)) ??
			// Every candidate taken (odds below 1e-15): a random code; a repeat fails the batch, which is retried.
			newShareCode();
		codesGiven.add(code);
		let outboxId: string | null = null;
		if ((f.emailsSent ?? 0) < MAX_EMAILS_PER_SIGNATURE) {
			outboxId = crypto.randomUUID();
			thankOf.set(sigId, outboxId);
			// A short thank-you that invites sharing: the signature's own email, within its cap.
			const thanks = outboxInsert(
				db,
				{
					template: "signature-confirmed",
					to: f.email,
					locale: request_.locale,
					props: { signatureId: sigId },
					dedupeKey: `signature-confirmed:${sigId}`,
				},
				now,
				outboxId,
			);
			thankRows.push(thanks.statement);
		}
		confirmRows.push([
			sigId,
			request_.name,
			request_.country,
			request_.locale,
			request_.showName ? 1 : 0,
			request_.subscribe ? 1 : 0,
			request_.partner ?? null,
			request_.source ?? null,
			code,
			outboxId,
			f.personId,
		]);
		// The updates subscription riding on the click: per click (a read and its writes), as a single click writes it.
		const welcome = token
			? await confirmRidingWrites(
					db,
					request_,
					{ id: f.personId, email: f.email },
					sigId,
					"confirmation-click:signature",
					now,
				)
			: await legacyUpdatesWrites(db, sigId, f.email, now);
		if (welcome) {
			riding.push(...welcome.statements);
			ridingDeliveries.set(sigId, welcome.delivery);
		}
	}
	const ids = [...seen];
	if (ids.length === 0) return { deliveries, outcomes, webhooks: 0 };
	const rows = JSON.stringify(confirmRows);
	const row = (n: number) => sql.raw(`json_extract(value, '$[${n}]')`);
	const clicks = sql`(SELECT ${row(0)} AS id, ${row(1)} AS name, ${row(2)} AS country, ${row(3)} AS locale,
		${row(4)} AS show_name, ${row(5)} AS subscribe, ${row(6)} AS partner, ${row(7)} AS source,
		${row(8)} AS share_code, ${row(9)} AS outbox_id, ${row(10)} AS person_id FROM json_each(${rows}))`;
	const statements = [
		// Thank-yous first, while the signatures they thank are still pending (the same transaction).
		insertRows(db, outbox, thankRows, {
			where: `EXISTS (SELECT 1 FROM "signatures" WHERE "id" = json_extract($props, '$.signatureId') AND "status" = 'pending' AND "emails_sent" < ${MAX_EMAILS_PER_SIGNATURE})`,
			orIgnore: true,
		}),
		...riding,
		db
			.update(people)
			.set({ name: sql`c.name`, country: sql`c.country`, locale: sql`c.locale`, updatedAt: now })
			.from(sql`${clicks} AS c`)
			.where(
				sql`${people.id} = c.person_id AND EXISTS (SELECT 1 FROM signatures WHERE id = c.id AND status = 'pending')`,
			),
		// Every link of a confirmed (or held back) signature is used up.
		db
			.update(tokens)
			.set({ usedAt: now })
			.where(
				sql`${tokens.usedAt} IS NULL AND ${tokens.subjectId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
				AND ${tokens.subjectId} IN (SELECT id FROM signatures WHERE status IN ('pending', 'fraudulent'))`,
			),
		// Only signatures still pending change: the counters follow, by trigger.
		db
			.update(signatures)
			.set({
				status: "confirmed",
				name: sql`c.name`,
				country: sql`c.country`,
				locale: sql`c.locale`,
				showName: sql`c.show_name`,
				subscribe: sql`c.subscribe`,
				partner: sql`c.partner`,
				source: sql`c.source`,
				shareCode: sql`COALESCE(${signatures.shareCode}, c.share_code)`,
				emailsSent: sql`${signatures.emailsSent} + EXISTS (SELECT 1 FROM outbox WHERE id = c.outbox_id)`,
				confirmedAt: now,
				updatedAt: now,
			})
			.from(sql`${clicks} AS c`)
			.where(sql`${signatures.id} = c.id AND ${signatures.status} = 'pending'`)
			.returning({ id: signatures.id }),
		webhookWrites(
			db,
			"signature.confirmed",
			sql`SELECT 'signature.confirmed:' || s.id AS event_key, s.person_id AS person_id,
				json_object('signatureId', s.id, 'personId', s.person_id, 'petition', pt.slug, 'country', s.country,
					'language', s.locale, 'partner', s.partner,
					'createdAt', ${isoSql(sql.raw("s.created_at"))}, 'confirmedAt', ${isoSql(sql.raw("s.confirmed_at"))}) AS payload,
				p.email AS email, s.name AS name
			FROM signatures s JOIN petitions pt ON pt.id = s.petition_id JOIN people p ON p.id = s.person_id
			WHERE s.id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND s.status = 'confirmed' AND s.confirmed_at = ${now}`,
			now,
		),
	].filter((s): s is Statement => s !== undefined);
	const [first, ...rest] = statements as [Statement, ...Statement[]];
	const results = (await db.batch([first, ...rest])) as unknown[];
	const confirmedNow = results[statements.length - 2] as { id: string }[];
	const webhooks = (results[statements.length - 1] as { meta?: { changes?: number } }).meta?.changes ?? 0;
	for (const { id } of confirmedNow) {
		const thanks = thankOf.get(id);
		if (thanks) deliveries.push({ outboxId: thanks, attempts: 0 });
		const welcome = ridingDeliveries.get(id);
		if (welcome) deliveries.push(welcome);
	}
	// A click whose signature another writer changed between the lookup and the batch confirmed nothing.
	const done = new Set(confirmedNow.map((r) => r.id));
	for (const [i, request] of requests.entries()) {
		const sigId = found[i]?.sigId;
		if (outcomes.get(request.id) === "confirmed" && sigId && !done.has(sigId)) outcomes.set(request.id, "nothing");
	}
	return { deliveries, outcomes, webhooks };
}
