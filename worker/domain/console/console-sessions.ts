import { eq, lt, or, sql } from "drizzle-orm";
import { type Campaigner, type ConsoleSession, campaigners, consoleSessions } from "../../../schema";
import { type Database, runBatch } from "../../db";
import { hmac, isTokenShaped, randomToken, sha256Hex, timingSafeEqual } from "../../lib/crypto";
import { DAY, HOUR, MINUTE } from "../../lib/time";
import { auditEntry, auditEntryIf } from "./audit";

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * HOUR;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * DAY;
/** Sliding the idle expiry costs a write: done at most this often per session. */
const TOUCH_EVERY_MS = 5 * MINUTE;

/**
 * Opens a session for a campaigner: the raw id goes in the cookie, only its SHA-256 is stored.
 * Expired sessions of anyone are swept, and the sign-in audited, in the same batch.
 */
export async function createSession(db: Database, campaignerId: string, now: number): Promise<{ id: string }> {
	const id = randomToken();
	await runBatch(db, [
		db
			.delete(consoleSessions)
			.where(or(lt(consoleSessions.expiresAt, now), lt(consoleSessions.lastSeenAt, now - SESSION_IDLE_MS))),
		db.insert(consoleSessions).values({
			hash: await sha256Hex(id),
			campaignerId,
			csrfSecret: randomToken(),
			createdAt: now,
			expiresAt: now + SESSION_MAX_MS,
			lastSeenAt: now,
		}),
		db.update(campaigners).set({ lastSignInAt: now }).where(eq(campaigners.id, campaignerId)),
		auditEntry(db, { actor: `campaigner:${campaignerId}`, action: "console.sign-in", subject: campaignerId }, now)
			.statement,
	]);
	return { id };
}

export interface SignedIn {
	session: ConsoleSession;
	campaigner: Campaigner;
}

/**
 * The live session behind a cookie value, with its campaigner; undefined when unknown, idle too
 * long, past its absolute expiry, or its campaigner was disabled. Slides the idle expiry.
 */
export async function findSession(db: Database, raw: string | undefined, now: number): Promise<SignedIn | undefined> {
	if (!raw || !isTokenShaped(raw)) return undefined;
	const hash = await sha256Hex(raw);
	const row = await db
		.select({ session: consoleSessions, campaigner: campaigners })
		.from(consoleSessions)
		.innerJoin(campaigners, eq(campaigners.id, consoleSessions.campaignerId))
		.where(eq(consoleSessions.hash, hash))
		.get();
	if (!row) return undefined;
	const { session, campaigner } = row;
	if (session.expiresAt <= now || session.lastSeenAt + SESSION_IDLE_MS <= now || campaigner.disabledAt !== null) {
		await db.delete(consoleSessions).where(eq(consoleSessions.hash, hash));
		return undefined;
	}
	if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
		await db.update(consoleSessions).set({ lastSeenAt: now }).where(eq(consoleSessions.hash, hash));
		session.lastSeenAt = now;
	}
	return { session, campaigner };
}

/** Ends the session behind a cookie value (sign-out). */
export async function endSession(db: Database, raw: string | undefined, actor = "console"): Promise<void> {
	if (!raw) return;
	const hash = await sha256Hex(raw);
	const now = Date.now();
	await db.batch([
		auditEntryIf(
			db,
			{ actor, action: "console.sign-out" },
			now,
			sql`EXISTS (SELECT 1 FROM console_sessions WHERE hash = ${hash})`,
		).statement,
		db.delete(consoleSessions).where(eq(consoleSessions.hash, hash)),
	]);
}

/** The CSRF token for a session's forms: a MAC of its own secret, so it dies with the session. */
export function csrfToken(session: Pick<ConsoleSession, "csrfSecret">): Promise<string> {
	return hmac(session.csrfSecret, "console-form");
}

/** True when a posted form's token is the session's. */
export async function csrfTokenMatches(session: Pick<ConsoleSession, "csrfSecret">, given: unknown): Promise<boolean> {
	if (typeof given !== "string" || given.length === 0) return false;
	return timingSafeEqual(given, await csrfToken(session));
}
