import { and, count, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import {
	bulletinDeliveries,
	devMailbox,
	letterCampaigns,
	letters,
	lists,
	outbox,
	people,
	petitions,
	privacyRequests,
	signatures,
	subscriptions,
	targets,
	tokens,
} from "../../../schema";
import { type Database, runBatch } from "../../db";
import { DAY } from "../../lib/time";
import type { DeliveryMessage } from "../../mail/outbox";
import { committedWith, type LinkDeps, linkEmailWrites } from "../links/link-emails";
import { findToken, PRIVACY_TOKEN_TTL_MS } from "../links/tokens";
import { ledgerInsert, ledgerOf } from "../lists/consent";
import { personErasedWebhooks } from "../webhooks/events";
import { findPerson } from "./people";

export type PrivacyKind = "export" | "erase";

/** Privacy emails an address can be sent in a day, however often someone asks. */
export const MAX_PRIVACY_EMAILS_PER_DAY = 3;

/**
 * Asks the owner of an address to confirm an export or an erasure, by a link sent to that
 * address. Nothing is sent for an address the engine does not hold; the caller answers the same.
 */
export async function requestPrivacy(
	deps: LinkDeps,
	input: { email: string; kind: PrivacyKind; locale: string },
): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const person = await findPerson(db, input.email);
	if (!person || person.erasedAt) return [];
	// Each request row goes with its one email: counting rows caps the emails, across isolates.
	const recent = await db
		.select({ n: count() })
		.from(privacyRequests)
		.where(and(eq(privacyRequests.personId, person.id), gt(privacyRequests.createdAt, now - DAY)))
		.get();
	if ((recent?.n ?? 0) >= MAX_PRIVACY_EMAILS_PER_DAY) return [];
	const id = crypto.randomUUID();
	const link = await linkEmailWrites(deps, {
		template: "privacy-request",
		purpose: "privacy",
		subjectId: id,
		to: person.email,
		locale: input.locale,
		props: { privacyRequestId: id, kind: input.kind },
		dedupeKey: `privacy-request:${id}`,
		ttlMs: PRIVACY_TOKEN_TTL_MS,
	});
	await runBatch(db, [
		db.insert(privacyRequests).values({
			id,
			personId: person.id,
			kind: input.kind,
			locale: input.locale,
			status: "pending",
			createdAt: now,
		}),
		...link.statements,
		...committedWith(deps),
	]);
	return [link.delivery];
}

export type PrivacyLink =
	| { state: "invalid" | "expired" | "used" }
	| { state: "ready"; requestId: string; personId: string; kind: PrivacyKind; locale: string };

/** Where a privacy link stands, without acting on it. */
export async function inspectPrivacyLink(db: Database, raw: string, now: number): Promise<PrivacyLink> {
	const token = await findToken(db, raw, "privacy");
	if (!token) return { state: "invalid" };
	const request = await db
		.select({
			id: privacyRequests.id,
			personId: privacyRequests.personId,
			kind: privacyRequests.kind,
			status: privacyRequests.status,
			locale: privacyRequests.locale,
		})
		.from(privacyRequests)
		.innerJoin(people, eq(people.id, privacyRequests.personId))
		.where(eq(privacyRequests.id, token.subjectId))
		.get();
	if (!request) return { state: "used" };
	if (token.usedAt !== null || request.status === "done") return { state: "used" };
	if (token.expiresAt <= now) return { state: "expired" };
	return {
		state: "ready",
		requestId: request.id,
		personId: request.personId,
		kind: request.kind,
		locale: request.locale,
	};
}

/** Spends a privacy link: marks its request done. True when this call was the one to spend it. */
async function spend(db: Database, requestId: string, now: number): Promise<boolean> {
	const [row] = await db
		.update(privacyRequests)
		.set({ status: "done", completedAt: now })
		.where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.status, "pending")))
		.returning({ id: privacyRequests.id });
	if (!row) return false;
	await db.update(tokens).set({ usedAt: now }).where(eq(tokens.subjectId, requestId));
	return true;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Everything the engine holds about a person, as one JSON-ready object. */
export async function exportPerson(db: Database, personId: string) {
	const person = await db.select().from(people).where(eq(people.id, personId)).get();
	if (!person) return null;
	const [sigs, subs, written, ledger, emails] = await Promise.all([
		db
			.select({ s: signatures, petition: petitions.slug })
			.from(signatures)
			.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
			.where(eq(signatures.personId, personId)),
		db
			.select({ s: subscriptions, list: lists.slug })
			.from(subscriptions)
			.innerJoin(lists, eq(lists.id, subscriptions.listId))
			.where(eq(subscriptions.personId, personId)),
		db
			.select({ l: letters, campaign: letterCampaigns.slug, state: targets.iso2 })
			.from(letters)
			.innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
			.innerJoin(targets, eq(targets.id, letters.targetId))
			.where(eq(letters.personId, personId)),
		ledgerOf(db, personId),
		db
			.select({ template: outbox.template, status: outbox.status, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
			.from(outbox)
			.where(eq(outbox.toAddress, person.email)),
	]);
	return {
		exportedAt: new Date().toISOString(),
		person: {
			email: person.email,
			name: person.name,
			country: person.country,
			locale: person.locale,
			createdAt: iso(person.createdAt),
		},
		signatures: sigs.map(({ s, petition }) => ({
			petition,
			status: s.status,
			name: s.name,
			country: s.country,
			locale: s.locale,
			showName: s.showName,
			askedForUpdates: s.subscribe,
			partner: s.partner,
			source: s.source,
			shareCode: s.shareCode,
			sharedChannel: s.referralChannel,
			createdAt: iso(s.createdAt),
			confirmedAt: iso(s.confirmedAt),
		})),
		subscriptions: subs.map(({ s, list }) => ({
			list,
			status: s.status,
			locale: s.locale,
			partner: s.partner,
			source: s.source,
			createdAt: iso(s.createdAt),
			confirmedAt: iso(s.confirmedAt),
			endedAt: iso(s.endedAt),
		})),
		letters: written.map(({ l, campaign, state }) => ({
			campaign,
			state,
			status: l.status,
			holdReason: l.holdReason,
			writerName: l.writerName,
			writerCountry: l.writerCountry,
			locale: l.locale,
			subject: l.subject,
			text: l.body,
			edited: l.edited,
			askedForUpdates: l.subscribe,
			partner: l.partner,
			source: l.source,
			reply: l.reply,
			createdAt: iso(l.createdAt),
			confirmedAt: iso(l.confirmedAt),
			sentAt: iso(l.sentAt),
			followUpSentAt: iso(l.followUpSentAt),
			repliedAt: iso(l.repliedAt),
		})),
		consentLedger: ledger.map((e) => ({ ...e, at: iso(e.at) })),
		emails: emails.map((e) => ({ ...e, createdAt: iso(e.createdAt), sentAt: iso(e.sentAt) })),
	};
}

/** Carries out an export link: the data, once. */
export async function exportByLink(db: Database, raw: string, now: number) {
	const link = await inspectPrivacyLink(db, raw, now);
	if (link.state !== "ready" || link.kind !== "export") return { link, data: null };
	if (!(await spend(db, link.requestId, now))) return { link: { state: "used" } as PrivacyLink, data: null };
	return { link, data: await exportPerson(db, link.personId) };
}

/** Letters that have not gone out: an erasure withdraws them (nothing is sent under an erased name). */
const UNSENT_LETTER = ["pending", "confirmed", "held", "queued"] as const;

/**
 * Erases a person in one transaction. Their row stays, emptied, so that confirmed signatures
 * and sent letters stay counted without any personal data: a signature keeps its petition,
 * country and dates; a letter its State, status and dates, without the writer's name, text,
 * subject or source. Everything else about them goes: unconfirmed signatures, letters not yet
 * sent, subscriptions, privacy requests, every link token (signatures, subscriptions, letters,
 * reply questions, privacy), queued emails. The ledger keeps that an erasure happened, by the
 * person's id, never the address.
 */
export async function erasePerson(db: Database, personId: string, now: number): Promise<void> {
	const person = await db.select().from(people).where(eq(people.id, personId)).get();
	if (!person || person.erasedAt) return;
	const theirSignatures = db.select({ id: signatures.id }).from(signatures).where(eq(signatures.personId, personId));
	const theirSubscriptions = db
		.select({ id: subscriptions.id })
		.from(subscriptions)
		.where(eq(subscriptions.personId, personId));
	const theirRequests = db
		.select({ id: privacyRequests.id })
		.from(privacyRequests)
		.where(eq(privacyRequests.personId, personId));
	const theirLetters = db.select({ id: letters.id }).from(letters).where(eq(letters.personId, personId));
	const theirUnsentLetters = db
		.select({ id: letters.id })
		.from(letters)
		.where(and(eq(letters.personId, personId), inArray(letters.status, [...UNSENT_LETTER])));
	const about = (key: string, ids: Parameters<typeof inArray>[1]) =>
		inArray(sql`json_extract(${outbox.props}, ${`$.${key}`})`, ids);
	await runBatch(db, [
		ledgerInsert(db, { personId, kind: "list", ref: "*", event: "erased", proof: "privacy-link", createdAt: now }),
		...personErasedWebhooks(db, personId, now),
		db
			.delete(tokens)
			.where(
				or(
					inArray(tokens.subjectId, theirSignatures),
					inArray(tokens.subjectId, theirSubscriptions),
					inArray(tokens.subjectId, theirRequests),
					inArray(tokens.subjectId, theirLetters),
				),
			),
		db
			.delete(outbox)
			.where(
				or(
					sql`lower(${outbox.toAddress}) = lower(${person.email})`,
					about("signatureId", theirSignatures),
					about("subscriptionId", theirSubscriptions),
					about("privacyRequestId", theirRequests),
					and(about("letterId", theirUnsentLetters), inArray(outbox.status, ["pending", "failed", "sending"])),
				),
			),
		// Local only: what was caught for them, or quotes their address (a letter's Reply-To).
		db
			.delete(devMailbox)
			.where(
				or(
					eq(devMailbox.toAddress, person.email.toLowerCase()),
					sql`instr(lower(${devMailbox.text}), lower(${person.email})) > 0`,
					sql`instr(lower(${devMailbox.headers}), lower(${person.email})) > 0`,
				),
			),
		// A provider's error message can quote the address.
		db
			.update(bulletinDeliveries)
			.set({ lastError: null })
			.where(and(eq(bulletinDeliveries.personId, personId), sql`${bulletinDeliveries.lastError} IS NOT NULL`)),
		db.delete(letters).where(and(eq(letters.personId, personId), inArray(letters.status, [...UNSENT_LETTER]))),
		db
			.update(letters)
			.set({
				writerName: "",
				writerCountry: "",
				subject: "",
				body: "",
				fingerprint: "",
				source: null,
				ipHash: null,
				updatedAt: now,
			})
			.where(eq(letters.personId, personId)),
		db.delete(subscriptions).where(eq(subscriptions.personId, personId)),
		// Their share codes die: signatures their links brought forget whose they were, and keep
		// only the channel (an anonymous figure in the console).
		db
			.update(signatures)
			.set({ referredBy: null })
			.where(
				inArray(
					signatures.referredBy,
					db
						.select({ code: signatures.shareCode })
						.from(signatures)
						.where(and(eq(signatures.personId, personId), isNotNull(signatures.shareCode))),
				),
			),
		// Unconfirmed signatures never counted: they go. Counted ones stay, without anything personal.
		db
			.delete(signatures)
			.where(and(eq(signatures.personId, personId), inArray(signatures.status, ["pending", "fraudulent"]))),
		db
			.update(signatures)
			.set({
				name: "",
				showName: false,
				ipHash: null,
				source: null,
				shareCode: null,
				referredBy: null,
				updatedAt: now,
			})
			.where(eq(signatures.personId, personId)),
		db.delete(privacyRequests).where(eq(privacyRequests.personId, personId)),
		db
			.update(people)
			.set({
				email: `erased:${personId}`,
				emailCanonical: `erased:${personId}`,
				name: null,
				country: null,
				locale: null,
				erasedAt: now,
				updatedAt: now,
			})
			.where(and(eq(people.id, personId), isNull(people.erasedAt))),
	]);
}

/** Carries out an erasure link. */
export async function eraseByLink(db: Database, raw: string, now: number): Promise<PrivacyLink> {
	const link = await inspectPrivacyLink(db, raw, now);
	if (link.state !== "ready" || link.kind !== "erase") return link;
	await erasePerson(db, link.personId, now);
	return link;
}
