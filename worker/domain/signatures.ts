import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { people, petitions, type SignatureStatus, signatures, tokens } from "../../schema";
import { type Database, isUniqueViolation } from "../db";
import { canonicalEmail, normaliseEmail } from "../lib/email-address";
import { type DeliveryMessage, outboxInsert } from "../mail/outbox";
import type { PetitionRef } from "./petitions";
import { CONFIRM_TOKEN_TTL_MS, findToken, tokenInsert } from "./tokens";

/** No signature ever causes more emails than this, whoever asks. */
export const MAX_EMAILS_PER_SIGNATURE = 5;

export interface SignatureInput {
	email: string;
	name: string;
	country: string;
	locale: string;
	subscribe: boolean;
	showName: boolean;
	partner?: string;
	source?: string;
}

export interface SigningDeps {
	db: Database;
	/** APP_SECRET: link tokens are derived from it. */
	secret: string;
	now: number;
}

/**
 * What signing did. The caller answers the same whatever it is, so nobody can learn from the
 * answer whether an address has signed.
 */
export type SignOutcome = "created" | "reminded" | "already-signed" | "quiet";

export interface SignResult {
	outcome: SignOutcome;
	deliveries: DeliveryMessage[];
}

/** The writes that send a signature a (fresh) confirmation link: token, outbox row, email count. */
async function confirmationWrites(
	deps: SigningDeps,
	sig: { id: string; locale: string; emailsSent: number },
	to: string,
): Promise<{ statements: BatchItem<"sqlite">[]; delivery: DeliveryMessage }> {
	const { db, secret, now } = deps;
	const n = sig.emailsSent + 1;
	const outboxId = crypto.randomUUID();
	const email = outboxInsert(
		db,
		{
			template: "confirm-signature",
			to,
			locale: sig.locale,
			props: { signatureId: sig.id },
			dedupeKey: `confirm-signature:${sig.id}:${n}`,
		},
		now,
		outboxId,
	);
	const token = await tokenInsert(
		db,
		secret,
		{ purpose: "confirm-signature", subjectId: sig.id, outboxId, ttlMs: CONFIRM_TOKEN_TTL_MS },
		now,
	);
	return { statements: [token.statement, email.statement], delivery: { outboxId, attempts: 0 } };
}

/**
 * Signs a petition for someone: a pending signature and its confirmation email in one batch.
 * Signing again with the same person's address sends a fresh link (still pending) or an
 * "already signed" email (confirmed), never more than MAX_EMAILS_PER_SIGNATURE in all.
 */
export async function signPetition(
	deps: SigningDeps,
	petition: PetitionRef,
	input: SignatureInput,
	ipHash: string | null,
): Promise<SignResult> {
	const { db, now } = deps;
	const email = normaliseEmail(input.email);
	const canonical = canonicalEmail(email);
	const signatureId = crypto.randomUUID();
	const confirm = await confirmationWrites(deps, { id: signatureId, locale: input.locale, emailsSent: 0 }, email);
	try {
		await db.batch([
			db
				.insert(people)
				.values({
					id: crypto.randomUUID(),
					email,
					emailCanonical: canonical,
					name: input.name,
					country: input.country,
					locale: input.locale,
					createdAt: now,
					updatedAt: now,
				})
				.onConflictDoNothing(),
			db.insert(signatures).values({
				id: signatureId,
				petitionId: petition.id,
				personId: sql`(SELECT ${people.id} FROM ${people} WHERE ${people.emailCanonical} = ${canonical})`,
				status: "pending",
				name: input.name,
				country: input.country,
				locale: input.locale,
				showName: input.showName,
				subscribe: input.subscribe,
				partner: input.partner ?? null,
				source: input.source ?? null,
				ipHash,
				emailsSent: 1,
				createdAt: now,
				updatedAt: now,
			}),
			...confirm.statements,
		]);
		return { outcome: "created", deliveries: [confirm.delivery] };
	} catch (err) {
		// This person has signed this petition before: nothing of the batch was written.
		if (!isUniqueViolation(err)) throw err;
	}
	return signAgain(deps, petition, input, email, canonical);
}

async function signAgain(
	deps: SigningDeps,
	petition: PetitionRef,
	input: SignatureInput,
	email: string,
	canonical: string,
): Promise<SignResult> {
	const { db, now } = deps;
	const existing = await db
		.select({
			id: signatures.id,
			status: signatures.status,
			emailsSent: signatures.emailsSent,
			locale: signatures.locale,
		})
		.from(signatures)
		.innerJoin(people, eq(people.id, signatures.personId))
		.where(and(eq(people.emailCanonical, canonical), eq(signatures.petitionId, petition.id)))
		.get();
	if (!existing || existing.emailsSent >= MAX_EMAILS_PER_SIGNATURE || existing.status === "invalidated") {
		return { outcome: "quiet", deliveries: [] };
	}
	const countEmail = db
		.update(signatures)
		.set({ emailsSent: existing.emailsSent + 1, updatedAt: now })
		.where(and(eq(signatures.id, existing.id), eq(signatures.emailsSent, existing.emailsSent)));
	try {
		if (existing.status === "confirmed") {
			const email_ = outboxInsert(
				db,
				{
					template: "already-signed",
					to: email,
					locale: input.locale,
					props: { signatureId: existing.id },
					dedupeKey: `already-signed:${existing.id}:${existing.emailsSent + 1}`,
				},
				now,
			);
			await db.batch([email_.statement, countEmail]);
			return { outcome: "already-signed", deliveries: [{ outboxId: email_.id, attempts: 0 }] };
		}
		// Still pending (or held back): the latest details replace the earlier ones, and a fresh link goes out.
		const confirm = await confirmationWrites(deps, { ...existing, locale: input.locale }, email);
		const refresh = db
			.update(signatures)
			.set({
				name: input.name,
				country: input.country,
				locale: input.locale,
				showName: input.showName,
				subscribe: input.subscribe,
			})
			.where(eq(signatures.id, existing.id));
		await db.batch([countEmail, refresh, ...confirm.statements]);
		return { outcome: "reminded", deliveries: [confirm.delivery] };
	} catch (err) {
		// A concurrent request wrote this very email first.
		if (isUniqueViolation(err)) return { outcome: "quiet", deliveries: [] };
		throw err;
	}
}

/** Where a confirmation link stands. */
export type LinkState =
	| { state: "invalid" }
	| { state: "expired" | "ready" | "done"; signatureId: string; petitionSlug: string; locale: string };

/** Reads what a confirmation link would do, without doing it (for the page behind GET). */
export async function inspectConfirmationLink(db: Database, rawToken: string, now: number): Promise<LinkState> {
	const token = await findToken(db, rawToken, "confirm-signature");
	if (!token) return { state: "invalid" };
	const sig = await db
		.select({ id: signatures.id, status: signatures.status, locale: signatures.locale, slug: petitions.slug })
		.from(signatures)
		.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
		.where(eq(signatures.id, token.subjectId))
		.get();
	if (!sig) return { state: "invalid" };
	const base = { signatureId: sig.id, petitionSlug: sig.slug, locale: sig.locale };
	if (!isPending(sig.status) || token.usedAt !== null) return { state: "done", ...base };
	if (token.expiresAt <= now) return { state: "expired", ...base };
	return { state: "ready", ...base };
}

function isPending(status: SignatureStatus): boolean {
	return status === "pending" || status === "fraudulent";
}

/**
 * Confirms the signature behind a link: it counts from now on (the counters follow in the same
 * transaction, by trigger). Idempotent: a second click, or two at once, confirm once.
 * A signature held back as fraudulent is answered the same, and never counts.
 */
export async function confirmSignature(db: Database, rawToken: string, now: number): Promise<LinkState> {
	const link = await inspectConfirmationLink(db, rawToken, now);
	if (link.state !== "ready") return link;
	const sig = await db.select().from(signatures).where(eq(signatures.id, link.signatureId)).get();
	if (!sig) return { state: "invalid" };
	const tokenUsed = db
		.update(tokens)
		.set({ usedAt: now })
		.where(and(eq(tokens.subjectId, sig.id), sql`${tokens.usedAt} IS NULL`));
	if (sig.status !== "pending") {
		await tokenUsed;
		return { ...link, state: "done" };
	}
	await db.batch([
		db
			.update(signatures)
			.set({ status: "confirmed", confirmedAt: now, updatedAt: now })
			.where(and(eq(signatures.id, sig.id), eq(signatures.status, "pending"))),
		tokenUsed,
		db
			.update(people)
			.set({ name: sig.name, country: sig.country, locale: sig.locale, updatedAt: now })
			.where(eq(people.id, sig.personId)),
	]);
	return { ...link, state: "done" };
}

/**
 * Sends a fresh confirmation link for the signature behind an expired one, within the
 * per-signature email cap.
 */
export async function renewConfirmationLink(deps: SigningDeps, rawToken: string): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const link = await inspectConfirmationLink(db, rawToken, now);
	if (link.state !== "expired") return [];
	const sig = await db
		.select({ id: signatures.id, emailsSent: signatures.emailsSent, locale: signatures.locale, email: people.email })
		.from(signatures)
		.innerJoin(people, eq(people.id, signatures.personId))
		.where(eq(signatures.id, link.signatureId))
		.get();
	if (!sig || sig.emailsSent >= MAX_EMAILS_PER_SIGNATURE) return [];
	const confirm = await confirmationWrites(deps, sig, sig.email);
	try {
		await db.batch([
			db
				.update(signatures)
				.set({ emailsSent: sig.emailsSent + 1, updatedAt: now })
				.where(and(eq(signatures.id, sig.id), eq(signatures.emailsSent, sig.emailsSent))),
			...confirm.statements,
		]);
	} catch (err) {
		if (isUniqueViolation(err)) return [];
		throw err;
	}
	return [confirm.delivery];
}
