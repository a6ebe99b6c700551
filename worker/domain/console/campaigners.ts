import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import * as v from "valibot";
import {
	type Campaigner,
	type CampaignerRole,
	campaignerRoles,
	campaigners,
	consoleSessions,
	tokens,
} from "../../../schema";
import { type Database, runBatch } from "../../db";
import { locales } from "../../i18n/locales";
import { HOUR, MINUTE } from "../../lib/time";
import type { DeliveryMessage } from "../../mail/outbox";
import { committedWith, type LinkDeps, linkEmailWrites } from "../links/link-emails";
import { findToken } from "../links/tokens";
import { auditEntry } from "./audit";

/** How long a console sign-in link works: short, as it opens a session. */
export const SIGN_IN_TOKEN_TTL_MS = 15 * MINUTE;

/** The form of an address on the allow-list: trimmed and lower-cased, as the magic link goes to it. */
export function campaignerEmail(address: string): string {
	return address.trim().toLowerCase();
}

/** What the operator (or an admin) gives to put someone on the allow-list. */
export const campaignerInput = v.object({
	email: v.pipe(
		v.string("Give the campaigner's email address."),
		v.trim(),
		v.nonEmpty("Give the campaigner's email address."),
		v.maxLength(254, "This email address is too long."),
		v.email("This is not a valid email address."),
	),
	name: v.optional(
		v.pipe(
			v.string("Give the name as text."),
			v.transform((s) => s.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim()),
			v.maxLength(120, "Keep the name under 120 characters."),
		),
	),
	role: v.optional(v.picklist(campaignerRoles, 'The role is "admin" or "editor".'), "editor"),
	locale: v.optional(v.picklist(locales, `The language is one of ${locales.join(", ")}.`), "en"),
});
export type CampaignerInput = v.InferOutput<typeof campaignerInput>;

export async function findCampaignerByEmail(db: Database, email: string): Promise<Campaigner | undefined> {
	return db
		.select()
		.from(campaigners)
		.where(eq(campaigners.email, campaignerEmail(email)))
		.get();
}

export async function getCampaigner(db: Database, id: string): Promise<Campaigner | undefined> {
	return db.select().from(campaigners).where(eq(campaigners.id, id)).get();
}

/** Everyone on the allow-list, enabled first, by address. */
export async function listCampaigners(db: Database): Promise<Campaigner[]> {
	const rows = await db.select().from(campaigners).orderBy(asc(campaigners.email));
	return rows.sort((a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null));
}

/**
 * Puts an address on the allow-list, or updates its name, role and language; a disabled
 * campaigner is enabled again. Returns the row and whether it is new.
 */
export async function saveCampaigner(
	db: Database,
	input: CampaignerInput,
	now: number,
	actor = "operator",
): Promise<{ campaigner: Campaigner; created: boolean }> {
	const email = campaignerEmail(input.email);
	const existing = await findCampaignerByEmail(db, email);
	const role: CampaignerRole = input.role;
	const id = existing?.id ?? crypto.randomUUID();
	// The audit row names the campaigner by id and role, not by address.
	const audit = auditEntry(
		db,
		{
			actor,
			action: existing ? "campaigner.update" : "campaigner.create",
			subject: id,
			detail: { role, ...(existing?.disabledAt ? { enabled: true } : {}) },
		},
		now,
	).statement;
	if (existing) {
		const [[row]] = await db.batch([
			db
				.update(campaigners)
				.set({
					name: input.name === undefined ? existing.name : input.name || null,
					role,
					locale: input.locale,
					disabledAt: null,
					updatedAt: now,
				})
				.where(eq(campaigners.id, existing.id))
				.returning(),
			audit,
		]);
		return { campaigner: row ?? existing, created: false };
	}
	const [[row]] = await db.batch([
		db
			.insert(campaigners)
			.values({
				id,
				email,
				name: input.name || null,
				role,
				locale: input.locale,
				createdAt: now,
				updatedAt: now,
			})
			.returning(),
		audit,
	]);
	if (!row) throw new Error("campaigner insert returned nothing");
	return { campaigner: row, created: true };
}

/**
 * Takes someone off the allow-list: the row stays (the audit log names it), marked disabled,
 * and every session of theirs ends in the same batch, with its audit row. False when there is
 * no such campaigner.
 */
export async function disableCampaigner(
	db: Database,
	email: string,
	now: number,
	actor = "operator",
): Promise<boolean> {
	const existing = await findCampaignerByEmail(db, email);
	if (!existing) return false;
	await runBatch(db, [
		db
			.update(campaigners)
			.set({ disabledAt: existing.disabledAt ?? now, updatedAt: now })
			.where(eq(campaigners.id, existing.id)),
		db.delete(consoleSessions).where(eq(consoleSessions.campaignerId, existing.id)),
		auditEntry(db, { actor, action: "campaigner.disable", subject: existing.id }, now).statement,
	]);
	return true;
}

/** Sign-in links an address can be sent in an hour, however often someone asks. */
export const MAX_SIGN_IN_EMAILS_PER_HOUR = 5;

/**
 * Sends a sign-in link to an allowed, enabled campaigner: its token (hashed, 15 minutes, single
 * use) and the outbox row in one batch. Any other address gets nothing; the caller answers the
 * same either way, so the form tells nobody who may sign in.
 */
export async function requestSignIn(deps: LinkDeps, email: string): Promise<DeliveryMessage[]> {
	const campaigner = await findCampaignerByEmail(deps.db, email);
	if (!campaigner || campaigner.disabledAt !== null) return [];
	// One token per link email: counting them caps the emails, across isolates.
	const recent = await deps.db
		.select({ n: count() })
		.from(tokens)
		.where(
			and(
				eq(tokens.subjectId, campaigner.id),
				eq(tokens.purpose, "console-sign-in"),
				gt(tokens.createdAt, deps.now - HOUR),
			),
		)
		.get();
	if ((recent?.n ?? 0) >= MAX_SIGN_IN_EMAILS_PER_HOUR) return [];
	const link = await linkEmailWrites(deps, {
		template: "console-sign-in",
		purpose: "console-sign-in",
		subjectId: campaigner.id,
		to: campaigner.email,
		locale: campaigner.locale,
		props: { campaignerId: campaigner.id },
		dedupeKey: `console-sign-in:${crypto.randomUUID()}`,
		ttlMs: SIGN_IN_TOKEN_TTL_MS,
	});
	await runBatch(deps.db, [...link.statements, ...committedWith(deps)]);
	return [link.delivery];
}

export type SignInLink =
	| { state: "invalid" | "expired" | "used" }
	| { state: "ready"; campaigner: Campaigner; tokenHash: string };

/** Where a sign-in link stands, without spending it (for the page behind GET). */
export async function inspectSignInLink(db: Database, raw: string, now: number): Promise<SignInLink> {
	const token = await findToken(db, raw, "console-sign-in");
	if (!token) return { state: "invalid" };
	if (token.usedAt !== null) return { state: "used" };
	if (token.expiresAt <= now) return { state: "expired" };
	const campaigner = await getCampaigner(db, token.subjectId);
	// Taken off the list since the link was sent: the link is worth nothing.
	if (!campaigner || campaigner.disabledAt !== null) return { state: "invalid" };
	return { state: "ready", campaigner, tokenHash: token.hash };
}

/**
 * Spends a sign-in link: only the one call that marks it used gets the campaigner back, so a
 * link opens at most one session.
 */
export async function spendSignInLink(db: Database, raw: string, now: number): Promise<SignInLink> {
	const link = await inspectSignInLink(db, raw, now);
	if (link.state !== "ready") return link;
	const [spent] = await db
		.update(tokens)
		.set({ usedAt: now })
		.where(and(eq(tokens.hash, link.tokenHash), isNull(tokens.usedAt)))
		.returning({ hash: tokens.hash });
	return spent ? link : { state: "used" };
}

/** Remembers the time zone a campaigner last scheduled in: their schedule form's default next time. */
export async function rememberTimeZone(db: Database, campaignerId: string, timeZone: string): Promise<void> {
	await db.update(campaigners).set({ timeZone }).where(eq(campaigners.id, campaignerId));
}
