// Bearer tokens for the admin API: random, shown once, stored only as their SHA-256; scoped,
// expiring if asked, revocable. A token's row never holds anything that would let it be used.
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import * as v from "valibot";
import { type ApiToken, apiTokens } from "../../../schema";
import type { Database } from "../../db";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { DomainError } from "../../lib/errors";
import { MINUTE } from "../../lib/time";
import { auditEntry } from "./audit";

/** What a token may do. `tokens` manages tokens themselves: give it sparingly. */
export const apiScopes = [
	"content:read",
	"content:write",
	"signatures:export",
	"letters:review",
	"outbox",
	"bulletins",
	"webhooks",
	"tokens",
	/** Personal data: people's addresses and names (OSDI people, signers' names, subscriber exports). */
	"people:read",
	/** The OSDI helpers: asks people to confirm a signature or a subscription (sends them an email). */
	"people:write",
] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Every token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = "rl_";

/** How many characters of a token are kept in clear, to tell tokens apart. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

/** last_used_at is written at most this often per token: a busy token does not write on every call. */
const LAST_USED_RESOLUTION = MINUTE;

export const apiTokenInput = v.object({
	name: v.pipe(
		v.string("Give the token a name."),
		v.trim(),
		v.nonEmpty("Give the token a name."),
		v.maxLength(100, "Keep the name under 100 characters."),
	),
	scopes: v.pipe(
		v.array(v.picklist(apiScopes, `A scope is one of: ${apiScopes.join(", ")}.`), "Give the scopes as a list."),
		v.minLength(1, "Give at least one scope."),
		v.transform((scopes) => [...new Set(scopes)]),
	),
	/** When the token stops working (ms since the epoch, or an ISO date-time); none: until revoked. */
	expiresAt: v.optional(
		v.union(
			[
				v.pipe(v.number(), v.integer(), v.minValue(0)),
				v.pipe(
					v.string(),
					v.isoTimestamp("Give the expiry as an ISO date-time, such as 2026-01-31T00:00:00Z."),
					v.transform((s) => Date.parse(s)),
				),
			],
			"Give the expiry as an ISO date-time, such as 2026-01-31T00:00:00Z.",
		),
	),
});
export type ApiTokenInput = v.InferOutput<typeof apiTokenInput>;

/** What is shown of a token: never its hash. */
export type ApiTokenView = Omit<ApiToken, "hash">;

function view(row: ApiToken): ApiTokenView {
	const { hash: _hash, ...rest } = row;
	return rest;
}

/**
 * A new token: the secret is returned once, here, and only its SHA-256 is stored (a 256-bit
 * random secret needs no slow hash: nothing can be guessed from its digest).
 */
export async function createApiToken(
	db: Database,
	input: ApiTokenInput,
	actor: string,
	now: number,
): Promise<{ token: string; row: ApiTokenView }> {
	if (input.expiresAt !== undefined && input.expiresAt <= now) {
		throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "expiresAt", message: "The expiry must be in the future." }],
		});
	}
	const token = TOKEN_PREFIX + randomToken();
	const row: ApiToken = {
		id: `tok_${crypto.randomUUID()}`,
		name: input.name,
		hash: await sha256Hex(token),
		prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
		scopes: input.scopes,
		createdBy: actor,
		createdAt: now,
		lastUsedAt: null,
		revokedAt: null,
		expiresAt: input.expiresAt ?? null,
	};
	await db.batch([
		db.insert(apiTokens).values(row),
		auditEntry(
			db,
			{ actor, action: "token.create", subject: row.id, detail: { name: row.name, scopes: row.scopes } },
			now,
		).statement,
	]);
	return { token, row: view(row) };
}

/** Every token, newest first, revoked ones included (marked), without hashes. */
export async function listApiTokens(db: Database): Promise<ApiTokenView[]> {
	const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
	return rows.map(view);
}

/** Revokes a token for good. Unknown id → 404; revoking a revoked token changes nothing. */
export async function revokeApiToken(db: Database, id: string, actor: string, now: number): Promise<ApiTokenView> {
	const existing = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
	if (!existing) throw new DomainError(404, "not_found", "No API token with this id.");
	if (existing.revokedAt !== null) return view(existing);
	await db.batch([
		db
			.update(apiTokens)
			.set({ revokedAt: now })
			.where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))),
		auditEntry(db, { actor, action: "token.revoke", subject: id, detail: { name: existing.name } }, now).statement,
	]);
	return view({ ...existing, revokedAt: now });
}

/**
 * The token behind a bearer secret, if it is live (not revoked, not expired). The lookup is by
 * the secret's SHA-256, an indexed equality on a digest: no timing tells anything about a
 * stored token. Notes when it was used, at most once a minute.
 */
export async function verifyApiToken(db: Database, bearer: string, now: number): Promise<ApiTokenView | undefined> {
	if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 200) return undefined;
	const row = await db
		.select()
		.from(apiTokens)
		.where(eq(apiTokens.hash, await sha256Hex(bearer)))
		.get();
	if (!row || row.revokedAt !== null) return undefined;
	if (row.expiresAt !== null && row.expiresAt <= now) return undefined;
	if (row.lastUsedAt === null || row.lastUsedAt <= now - LAST_USED_RESOLUTION) {
		await db
			.update(apiTokens)
			.set({ lastUsedAt: now })
			.where(
				and(
					eq(apiTokens.id, row.id),
					or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - LAST_USED_RESOLUTION + 1)),
				),
			);
		row.lastUsedAt = now;
	}
	return view(row);
}
