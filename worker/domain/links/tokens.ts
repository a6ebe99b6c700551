import { eq, sql } from "drizzle-orm";
import { type RequestDetails, type TokenPurpose, tokens } from "../../../schema";
import type { Database } from "../../db";
import { hmac, isTokenShaped, sha256Hex } from "../../lib/crypto";
import { DAY } from "../../lib/time";

/** How long a confirmation link works. */
export const CONFIRM_TOKEN_TTL_MS = 7 * DAY;
/** How long a link to export or erase one's data works. */
export const PRIVACY_TOKEN_TTL_MS = 2 * DAY;

/**
 * The raw token in the link of the email written as outbox row `outboxId`. It is derived
 * (keyed by APP_SECRET) rather than stored: the database holds only its SHA-256, and a retried
 * delivery renders the very same link.
 */
export function linkToken(secret: string, outboxId: string): Promise<string> {
	return hmac(secret, `link:${outboxId}`);
}

/**
 * The insert for the token of the email in outbox row `outboxId`, wrapped: a drizzle query is
 * a thenable, and an async function returning it bare would run it.
 */
export async function tokenInsert(
	db: Database,
	secret: string,
	token: { purpose: TokenPurpose; subjectId: string; outboxId: string; ttlMs: number; request?: RequestDetails },
	now: number,
) {
	const hash = await sha256Hex(await linkToken(secret, token.outboxId));
	const statement = db.insert(tokens).values({
		hash,
		purpose: token.purpose,
		subjectId: token.subjectId,
		expiresAt: now + token.ttlMs,
		request: token.request ?? null,
		createdAt: now,
	});
	return { statement };
}

/** The stored token for a raw token from a link, if any. Malformed tokens match nothing. */
export async function findToken(db: Database, raw: string, purpose: TokenPurpose | TokenPurpose[]) {
	if (!isTokenShaped(raw)) return undefined;
	const row = await db
		.select()
		.from(tokens)
		.where(eq(tokens.hash, await sha256Hex(raw)))
		.get();
	const wanted = Array.isArray(purpose) ? purpose : [purpose];
	return row && wanted.includes(row.purpose) ? row : undefined;
}

/** The stored token behind the link of the email in outbox row `outboxId`, if any. */
export async function tokenOfOutbox(db: Database, secret: string, outboxId: string) {
	return db
		.select()
		.from(tokens)
		.where(eq(tokens.hash, await sha256Hex(await linkToken(secret, outboxId))))
		.get();
}

/**
 * The read of the stored tokens behind the links of many outbox rows' emails, in one statement
 * (the hashes travel as one bound parameter), to run alone or in the caller's batch, and how to
 * read its rows by outbox id. Wrapped, as `tokenInsert`: a bare query would run.
 */
export async function tokensOfOutboxesRead(db: Database, secret: string, outboxIds: readonly string[]) {
	const hashes = await Promise.all(outboxIds.map(async (id) => sha256Hex(await linkToken(secret, id))));
	const query = db
		.select()
		.from(tokens)
		.where(sql`${tokens.hash} IN (SELECT value FROM json_each(${JSON.stringify(hashes)}))`);
	const byOutbox = (rows: (typeof tokens.$inferSelect)[]) => {
		const byHash = new Map(rows.map((r) => [r.hash, r]));
		const found = new Map<string, typeof tokens.$inferSelect>();
		for (const [i, id] of outboxIds.entries()) {
			const row = byHash.get(hashes[i] as string);
			if (row) found.set(id, row);
		}
		return found;
	};
	return { query, byOutbox };
}

/** The stored tokens behind the links of many outbox rows' emails, by outbox id, in one read. */
export async function tokensOfOutboxes(db: Database, secret: string, outboxIds: readonly string[]) {
	const read = await tokensOfOutboxesRead(db, secret, outboxIds);
	return read.byOutbox(outboxIds.length === 0 ? [] : await read.query);
}
