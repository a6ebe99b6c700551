import { and, eq } from "drizzle-orm";
import {
	lists,
	people,
	petitions,
	type RequestDetails,
	type SignatureStatus,
	signatures,
	subscriptions,
	type Token,
} from "../../../schema";
import { type Database, isUniqueViolation, type Statement } from "../../db";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { type LinkDeps, linkEmailWrites } from "../links/link-emails";
import type { LinkState } from "../links/link-state";
import { CONFIRM_TOKEN_TTL_MS } from "../links/tokens";
import { findListById } from "../lists/lists";
import { confirmSubscriptionWrites, ridingUpdatesWrites, subscribe } from "../lists/subscriptions";
import { addressOf, personIdOf, personInsert } from "../people/people";
import type { PetitionRef } from "./petitions";
import { resolveReferral } from "./referrals";

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
	/** With `subscribe`: the person also ticked the partner's own opt-in line. */
	partnerOptIn?: boolean;
	/** The referral code of the share link that brought them (`?r=`), checked here. */
	referral?: string;
}

export type SigningDeps = LinkDeps;

/**
 * What signing did. The caller answers the same whatever it is, so nobody can learn from the
 * answer whether an address has signed.
 */
export type SignOutcome = "created" | "reminded" | "already-signed" | "quiet";

export interface SignResult {
	outcome: SignOutcome;
	deliveries: DeliveryMessage[];
}

/**
 * The writes that send a signature a confirmation link bound to one request's details: token
 * (with those details), outbox row.
 */
function confirmationWrites(
	deps: SigningDeps,
	row: { id: string; emailsSent: number; locale: string },
	request: RequestDetails | undefined,
	to: string,
) {
	return linkEmailWrites(deps, {
		template: "confirm-signature",
		purpose: "confirm-signature",
		subjectId: row.id,
		to,
		locale: request?.locale ?? row.locale,
		props: { signatureId: row.id },
		dedupeKey: `confirm-signature:${row.id}:${row.emailsSent + 1}`,
		ttlMs: CONFIRM_TOKEN_TTL_MS,
		request,
	});
}

/** The writes of a first confirmation link (token, outbox row), for a batch that writes many at once. */
export async function signatureConfirmationWrites(
	deps: SigningDeps,
	row: { id: string; emailsSent: number; locale: string },
	request: RequestDetails,
	to: string,
): Promise<{ token: unknown; outbox: unknown; delivery: DeliveryMessage }> {
	const { statements, delivery } = await confirmationWrites(deps, row, request, to);
	return { token: statements[0], outbox: statements[1], delivery };
}

/** What one signing request says, as its link will confirm it. */
export const signatureRequestOf = (input: SignatureInput) => requestOf(input);

function requestOf(input: SignatureInput): RequestDetails {
	return {
		name: input.name,
		country: input.country,
		locale: input.locale,
		showName: input.showName,
		subscribe: input.subscribe,
		partner: input.partner ?? null,
		source: input.source ?? null,
	};
}

/**
 * With "send me updates" ticked: the request's consent to the petition's list, confirmed by
 * the signature's own confirmation click (one email, one click, both recorded). `carrierId`
 * (a first request) also writes the pending subscription.
 */
export const updatesWritesFor = (deps: SigningDeps, petition: PetitionRef, input: SignatureInput, carrierId?: string) =>
	updatesWrites(deps, petition, input, carrierId);

async function updatesWrites(deps: SigningDeps, petition: PetitionRef, input: SignatureInput, carrierId?: string) {
	if (!input.subscribe || !petition.listId) return { statements: [], updates: undefined };
	const list = await findListById(deps.db, petition.listId);
	if (list?.status !== "open") return { statements: [], updates: undefined };
	return ridingUpdatesWrites(deps.db, list, input, deps.now, carrierId);
}

/**
 * Signs a petition for someone: a pending signature and its confirmation email in one batch.
 * Signing again with the same person's address changes nothing already written: it is a new
 * request with its own link, which confirms that request's details (still pending), or an
 * "already signed" email (confirmed), never more than MAX_EMAILS_PER_SIGNATURE in all.
 */
export async function signPetition(
	deps: SigningDeps,
	petition: PetitionRef,
	input: SignatureInput,
	ipHash: string | null,
): Promise<SignResult> {
	const { db, now } = deps;
	const { email, canonical } = addressOf(input.email);
	const signatureId = crypto.randomUUID();
	const updates = await updatesWrites(deps, petition, input, signatureId);
	const request = { ...requestOf(input), ...(updates.updates ? { updates: updates.updates } : {}) };
	const referral = input.referral ? await resolveReferral(db, petition.id, input.referral) : null;
	const confirm = await confirmationWrites(
		deps,
		{ id: signatureId, emailsSent: 0, locale: input.locale },
		request,
		email,
	);
	try {
		await db.batch([
			personInsert(db, { email, name: input.name, country: input.country, locale: input.locale }, now),
			db.insert(signatures).values({
				id: signatureId,
				petitionId: petition.id,
				personId: personIdOf(email),
				status: "pending",
				name: input.name,
				country: input.country,
				locale: input.locale,
				showName: input.showName,
				subscribe: input.subscribe,
				partner: input.partner ?? null,
				source: input.source ?? null,
				referredBy: referral?.referredBy ?? null,
				referralChannel: referral?.channel ?? null,
				ipHash,
				emailsSent: 1,
				createdAt: now,
				updatedAt: now,
			}),
			...updates.statements,
			...confirm.statements,
		]);
		return { outcome: "created", deliveries: [confirm.delivery] };
	} catch (err) {
		// This person has signed this petition before: nothing of the batch was written.
		if (!isUniqueViolation(err)) throw err;
	}
	// Requests are written after their answers, so two with one address can race: the one that
	// lost reads again what the other wrote rather than being dropped. Each loss means another
	// request counted an email, so this ends within the cap.
	for (let attempt = 0; ; attempt++) {
		const again = await signAgain(deps, petition, input, email, canonical);
		if (again !== RACED) return again;
		if (attempt >= MAX_EMAILS_PER_SIGNATURE) return { outcome: "quiet", deliveries: [] };
	}
}

/**
 * A repeat request for an address that has signed, as `signPetition` writes it, with `extra`
 * statements in the same batch (the intake's record that the request was written). A concurrent
 * write is read again, within the email cap.
 */
export async function signAgainOnce(
	deps: SigningDeps,
	petition: PetitionRef,
	input: SignatureInput,
	email: string,
	canonical: string,
	extra: Statement[],
): Promise<SignResult> {
	for (let attempt = 0; ; attempt++) {
		const again = await signAgain(deps, petition, input, email, canonical, extra);
		if (again !== RACED) return again;
		if (attempt >= MAX_EMAILS_PER_SIGNATURE) return { outcome: "quiet", deliveries: [] };
	}
}

/** signAgain lost a race with a concurrent request for the same signature. */
const RACED = Symbol("raced");

async function signAgain(
	deps: SigningDeps,
	petition: PetitionRef,
	input: SignatureInput,
	email: string,
	canonical: string,
	extra: Statement[] = [],
): Promise<SignResult | typeof RACED> {
	const { db, now } = deps;
	const existing = await db
		.select({
			id: signatures.id,
			status: signatures.status,
			emailsSent: signatures.emailsSent,
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
			await db.batch([email_.statement, countEmail, ...extra]);
			const deliveries: DeliveryMessage[] = [{ outboxId: email_.id, attempts: 0 }];
			// Signed before, and asks for updates now: that is a subscription of its own, by double opt-in.
			const list = input.subscribe && petition.listId ? await findListById(db, petition.listId) : undefined;
			if (list?.status === "open") deliveries.push(...(await subscribe(deps, list, input)).deliveries);
			return { outcome: "already-signed", deliveries };
		}
		// Still pending (or held back): a new request of its own. What earlier requests wrote stays
		// as it is; this request's link, and only it, confirms these details.
		const updates = await updatesWrites(deps, petition, input);
		const request = { ...requestOf(input), ...(updates.updates ? { updates: updates.updates } : {}) };
		const confirm = await confirmationWrites(deps, { ...existing, locale: input.locale }, request, email);
		await db.batch([countEmail, ...updates.statements, ...confirm.statements, ...extra]);
		return { outcome: "reminded", deliveries: [confirm.delivery] };
	} catch (err) {
		// A concurrent request wrote this very email first.
		if (isUniqueViolation(err)) return RACED;
		throw err;
	}
}

function isPending(status: SignatureStatus): boolean {
	return status === "pending" || status === "fraudulent";
}

/** The link state of a token for a signature as read (`sig` undefined: no such signature). */
export function signatureLinkState(
	sig: { id: string; status: SignatureStatus; locale: string; slug: string } | undefined,
	token: Token,
	now: number,
): LinkState {
	if (!sig) return { state: "invalid" };
	const base = {
		kind: "signature" as const,
		subjectId: sig.id,
		slug: sig.slug,
		locale: sig.locale,
		request: token.request ?? undefined,
	};
	if (!isPending(sig.status) || token.usedAt !== null) return { state: "done", ...base };
	if (token.expiresAt <= now) return { state: "expired", ...base };
	return { state: "ready", ...base };
}

/** What a signature's confirmation link would do, without doing it. */
export async function inspectSignatureLink(db: Database, token: Token, now: number): Promise<LinkState> {
	const sig = await db
		.select({ id: signatures.id, status: signatures.status, locale: signatures.locale, slug: petitions.slug })
		.from(signatures)
		.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
		.where(eq(signatures.id, token.subjectId))
		.get();
	return signatureLinkState(sig, token, now);
}

/** The updates subscription riding on a signature, for links sent before links carried their request. */
export async function legacyUpdatesWrites(db: Database, signatureId: string, email: string, now: number) {
	const updates = await db
		.select({ id: subscriptions.id, locale: subscriptions.locale, listSlug: lists.slug })
		.from(subscriptions)
		.innerJoin(lists, eq(lists.id, subscriptions.listId))
		.where(and(eq(subscriptions.signatureId, signatureId), eq(subscriptions.status, "pending")))
		.get();
	return updates
		? confirmSubscriptionWrites(db, { ...updates, email }, "confirmation-click:signature", now)
		: undefined;
}

/**
 * Sends a fresh confirmation link for the signature behind an expired one, within the
 * per-signature email cap.
 */
export async function renewSignatureLink(deps: SigningDeps, token: Token): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const link = await inspectSignatureLink(db, token, now);
	if (link.state !== "expired") return [];
	const sig = await db
		.select({ id: signatures.id, emailsSent: signatures.emailsSent, locale: signatures.locale, email: people.email })
		.from(signatures)
		.innerJoin(people, eq(people.id, signatures.personId))
		.where(eq(signatures.id, link.subjectId))
		.get();
	if (!sig || sig.emailsSent >= MAX_EMAILS_PER_SIGNATURE) return [];
	// The fresh link confirms what the expired one would have: the same request.
	const confirm = await confirmationWrites(deps, sig, token.request ?? undefined, sig.email);
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
