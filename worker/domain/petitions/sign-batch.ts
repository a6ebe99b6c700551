import { lt, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { intakeSeen, outbox, people, type RequestDetails, signatures, tokens } from "../../../schema";
import type { Database, Statement } from "../../db";
import type { DeliveryMessage } from "../../mail/outbox";
import { addressOf } from "../people/people";
import type { PetitionRef } from "./petitions";
import { parseReferral } from "./referrals";
import {
	type SignatureInput,
	type SigningDeps,
	signAgainOnce,
	signatureConfirmationWrites,
	signatureRequestOf,
	updatesWritesFor,
} from "./signatures";

/** One accepted signing request, as the intake queue carries it. */
export interface SignatureRequest {
	/** Given at accept: a message the queue delivers twice is written once. */
	id: string;
	petitionId: string;
	input: SignatureInput;
	ipHash: string | null;
}

export interface BatchSignResult {
	deliveries: DeliveryMessage[];
	/** What each request did, by request id (for tests and logs). */
	outcomes: Map<string, "created" | "again" | "dropped">;
}

/** How long a written request's id is kept against redelivery (the queue retries within minutes). */
const SEEN_KEEP_MS = 24 * 60 * 60 * 1000;

interface Found {
	i: number;
	petitionSlug: string | null;
	petitionStatus: string | null;
	petitionLocale: string | null;
	listId: string | null;
	personId: string | null;
	sigId: string | null;
	seen: number;
	referredBy: string | null;
}

/**
 * What the database knows about every request of a batch, in one statement: its petition, the
 * person and signature behind its canonical address, whether it was written already, and whether
 * its referral code belongs to a confirmed signer of the same petition.
 */
function lookUp(db: Database, keys: unknown[][]): Promise<Found[]> {
	const v = (n: number) => sql.raw(`json_extract(j.value, '$[${n}]')`);
	return db.all<Found>(sql`
		SELECT j.key AS i, p.slug AS petitionSlug, p.status AS petitionStatus, p.default_locale AS petitionLocale,
			p.list_id AS listId, pe.id AS personId, s.id AS sigId,
			EXISTS (SELECT 1 FROM intake_seen WHERE id = ${v(0)}) AS seen,
			(SELECT r.share_code FROM signatures r
				WHERE r.share_code = ${v(3)} AND r.petition_id = p.id AND r.status = 'confirmed') AS referredBy
		FROM json_each(${JSON.stringify(keys)}) j
		LEFT JOIN petitions p ON p.id = ${v(1)}
		LEFT JOIN people pe ON pe.email_canonical = ${v(2)}
		LEFT JOIN signatures s ON s.person_id = pe.id AND s.petition_id = p.id
		ORDER BY j.key`);
}

/**
 * One INSERT for many rows: drizzle builds each row's statement (so columns, JSON and booleans
 * map as everywhere else), and the rows' parameters travel as one JSON array read by json_each:
 * one bound parameter whatever the row count (D1 binds at most 100). `expr` replaces a column's
 * value by an expression of it (`$`), `where` keeps only the rows it holds for (`$column`).
 */
export function insertRows(
	db: Database,
	table: SQLiteTable,
	rows: unknown[],
	opts: { expr?: Record<string, string>; where?: string; orIgnore?: boolean } = {},
): Statement | undefined {
	const built = rows.map((r) => (r as { toSQL(): { sql: string; params: unknown[] } }).toSQL());
	const first = built[0];
	if (!first) return undefined;
	const m = /^insert into "[a-z_]+" \(([^)]*)\) values \((.*)\)$/.exec(first.sql);
	if (!m || built.some((b) => b.sql !== first.sql)) throw new Error(`insertRows: rows of another shape: ${first.sql}`);
	const [, columnList = "", valueList = ""] = m;
	const columns = columnList.split(", ");
	let param = 0;
	const byColumn = new Map<string, string>();
	const values = valueList.split(", ").map((token, c) => {
		const column = (columns[c] ?? "").replaceAll('"', "");
		let value: string;
		if (token === "?") value = `json_extract(value, '$[${param++}]')`;
		else if (token === "null") value = "null";
		else throw new Error(`insertRows: value ${token} in ${first.sql}`);
		const expr = opts.expr?.[column];
		value = expr ? expr.replaceAll("$", () => value) : value;
		byColumn.set(column, value);
		return value;
	});
	// Always a WHERE: SQLite reads "ON CONFLICT" after a bare FROM as part of a join.
	const where = (opts.where ?? "1").replace(/\$([a-z_]+)/g, (_, c: string) => byColumn.get(c) ?? "null");
	const select = sql`SELECT ${sql.raw(values.join(", "))} FROM json_each(${JSON.stringify(built.map((b) => b.params))}) WHERE ${sql.raw(where)}`;
	const insert = db.insert(table).select(select);
	return opts.orIgnore ? insert.onConflictDoNothing() : insert;
}

/** The same rules as `signPetition`, for a batch: see `signBatch`. */
function requestDetails(input: SignatureInput, updates: RequestDetails["updates"]): RequestDetails {
	return { ...signatureRequestOf(input), ...(updates ? { updates } : {}) };
}

/**
 * Writes a batch of accepted signing requests with the rules of `signPetition`: one lookup for the
 * whole batch, then one D1 batch whose INSERTs each take every new signature at once (people,
 * signatures, tokens, outbox rows, and the requests' ids against redelivery). A request whose
 * address already signed (before, or earlier in this batch) is then written as `signPetition`
 * writes a repeat request (a reminder with its own link, or "already signed", within the email
 * cap), each in its own small batch. A petition closed since the accept takes nothing; neither does
 * a request written before (a redelivered message). Throws when the batch failed: nothing of it
 * was written, and the caller lets the queue bring its messages back.
 */
export async function signBatch(deps: SigningDeps, requests: SignatureRequest[]): Promise<BatchSignResult> {
	const { db, now } = deps;
	const outcomes: BatchSignResult["outcomes"] = new Map();
	const deliveries: DeliveryMessage[] = [];
	if (requests.length === 0) return { deliveries, outcomes };
	const addresses = requests.map((r) => addressOf(r.input.email));
	const found = await lookUp(
		db,
		requests.map((r, i) => [
			r.id,
			r.petitionId,
			addresses[i]?.canonical,
			parseReferral(r.input.referral)?.shareCode ?? null,
		]),
	);
	const claimed = new Set<string>();
	const newPeople = new Map<string, string>();
	const again: { request: SignatureRequest; petition: PetitionRef }[] = [];
	const personRows = [];
	const signatureRows = [];
	const tokenRows = [];
	const outboxRows = [];
	const seenRows = [];
	const riding: Statement[] = [];
	for (const [i, request] of requests.entries()) {
		const f = found[i];
		const address = addresses[i];
		if (!f || !address) throw new Error("signBatch: lookup and requests out of step");
		if (outcomes.has(request.id) || f.seen || f.petitionStatus !== "open" || !f.petitionSlug) {
			if (!outcomes.has(request.id)) outcomes.set(request.id, "dropped");
			continue;
		}
		const petition: PetitionRef = {
			id: request.petitionId,
			slug: f.petitionSlug,
			status: "open",
			defaultLocale: f.petitionLocale ?? request.input.locale,
			listId: f.listId,
		};
		const key = `${request.petitionId}\n${address.canonical}`;
		if (f.sigId || claimed.has(key)) {
			// A repeat request: written after the batch, against what it wrote.
			outcomes.set(request.id, "again");
			again.push({ request, petition });
			continue;
		}
		claimed.add(key);
		outcomes.set(request.id, "created");
		const { input } = request;
		if (!f.personId && !newPeople.has(address.canonical)) {
			newPeople.set(address.canonical, crypto.randomUUID());
			personRows.push(
				db.insert(people).values({
					id: newPeople.get(address.canonical) as string,
					email: address.email,
					emailCanonical: address.canonical,
					name: input.name,
					country: input.country,
					locale: input.locale,
					createdAt: now,
					updatedAt: now,
				}),
			);
		}
		const signatureId = crypto.randomUUID();
		const updates = await updatesWritesFor(deps, petition, input, signatureId);
		riding.push(...updates.statements);
		const referral = parseReferral(input.referral);
		signatureRows.push(
			db.insert(signatures).values({
				id: signatureId,
				petitionId: petition.id,
				// The person's id is read in the batch, by address: whoever wrote the person row.
				personId: address.canonical,
				status: "pending",
				name: input.name,
				country: input.country,
				locale: input.locale,
				showName: input.showName,
				subscribe: input.subscribe,
				partner: input.partner ?? null,
				source: input.source ?? null,
				referredBy: f.referredBy && referral ? f.referredBy : null,
				referralChannel: f.referredBy && referral ? referral.channel : null,
				ipHash: request.ipHash,
				emailsSent: 1,
				createdAt: now,
				updatedAt: now,
			}),
		);
		const confirm = await signatureConfirmationWrites(
			deps,
			{ id: signatureId, emailsSent: 0, locale: input.locale },
			requestDetails(input, updates.updates),
			address.email,
		);
		tokenRows.push(confirm.token);
		outboxRows.push(confirm.outbox);
		deliveries.push(confirm.delivery);
		seenRows.push(db.insert(intakeSeen).values({ id: request.id, at: now }));
	}
	const statements = [
		insertRows(db, people, personRows, { orIgnore: true }),
		// Only while the petition is still open, in this very transaction.
		insertRows(db, signatures, signatureRows, {
			expr: { person_id: `(SELECT "id" FROM "people" WHERE "email_canonical" = $)` },
			where: `EXISTS (SELECT 1 FROM "petitions" WHERE "id" = $petition_id AND "status" = 'open')`,
		}),
		...riding,
		insertRows(db, tokens, tokenRows, { where: `EXISTS (SELECT 1 FROM "signatures" WHERE "id" = $subject_id)` }),
		insertRows(db, outbox, outboxRows, {
			where: `EXISTS (SELECT 1 FROM "signatures" WHERE "id" = json_extract($props, '$.signatureId'))`,
		}),
		insertRows(db, intakeSeen, seenRows),
		db.delete(intakeSeen).where(lt(intakeSeen.at, now - SEEN_KEEP_MS)),
	].filter((s): s is Statement => s !== undefined);
	if (signatureRows.length > 0) {
		const [first, ...rest] = statements as [Statement, ...Statement[]];
		await db.batch([first, ...rest]);
	}
	// Repeat requests, in order: each reads what the batch (and the one before it) wrote.
	for (const { request, petition } of again) {
		const address = addresses[requests.indexOf(request)] as { email: string; canonical: string };
		const seen = db.insert(intakeSeen).values({ id: request.id, at: now });
		const result = await signAgainOnce(deps, petition, request.input, address.email, address.canonical, [seen]);
		deliveries.push(...result.deliveries);
	}
	return { deliveries, outcomes };
}
