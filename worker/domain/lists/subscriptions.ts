import { and, eq, gt, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import {
	lists,
	people,
	type RequestDetails,
	type SubscriptionStatus,
	subscriptions,
	type Token,
	tokens,
} from "../../../schema";
import { type Database, isUniqueViolation, runBatch, type Statement } from "../../db";
import { DAY } from "../../lib/time";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { committedWith, type LinkDeps, linkEmailWrites } from "../links/link-emails";
import type { Confirmed, LinkState } from "../links/link-state";
import { CONFIRM_TOKEN_TTL_MS } from "../links/tokens";
import { findPartner, partnerConsentLine } from "../partners/partners";
import { addressOf, personIdOf, personInsert } from "../people/people";
import { subscriptionConfirmedWebhooks, subscriptionEndedWebhooks } from "../webhooks/events";
import { consentTextInsert, ledgerInsert, ledgerInsertFrom } from "./consent";
import { type ListRef, listText, openLists } from "./lists";

/** No subscription causes more confirmation emails than this between two confirmations. */
export const MAX_EMAILS_PER_SUBSCRIPTION = 5;
/** A subscription still unconfirmed after this gets its one reminder. */
export const REMINDER_AFTER_MS = 2 * DAY;

export interface SubscribeInput {
	email: string;
	name?: string;
	country?: string;
	locale: string;
	partner?: string;
	source?: string;
	/** The person also ticked the partner's own opt-in line. */
	partnerOptIn?: boolean;
}

export interface SubscribeResult {
	outcome: "created" | "reminded" | "quiet";
	deliveries: DeliveryMessage[];
}

/** The consent wordings a request agrees to (the list's, and the partner's if ticked). */
async function wordingsFor(db: Database, list: ListRef, input: SubscribeInput, now: number) {
	const text = await listText(db, list, input.locale);
	if (!text) throw new Error(`list ${list.slug} has no text`);
	const own = await consentTextInsert(
		db,
		{ kind: "list", ref: list.slug, locale: text.locale, version: text.consentVersion, text: text.consentText },
		now,
	);
	const statements: Statement[] = [own.statement];
	let partnerHash: string | null = null;
	if (input.partnerOptIn && input.partner) {
		const partner = await findPartner(db, input.partner);
		const line = partner ? partnerConsentLine(partner, input.locale) : undefined;
		if (partner && line) {
			const theirs = await consentTextInsert(
				db,
				{ kind: "partner", ref: partner.slug, locale: line.locale, version: 1, text: line.text },
				now,
			);
			partnerHash = theirs.hash;
			statements.push(theirs.statement);
		}
	}
	return { listHash: own.hash, partnerHash, statements };
}

/** Ledger entries for a request, as it was made. */
function requestedEvents(
	db: Database,
	personId: string | SQL,
	list: ListRef,
	input: SubscribeInput,
	hashes: { listHash: string; partnerHash: string | null },
	now: number,
): Statement[] {
	const common = {
		personId,
		event: "requested" as const,
		locale: input.locale,
		partner: input.partner ?? null,
		source: input.source ?? null,
		proof: "form",
		createdAt: now,
	};
	const out: Statement[] = [ledgerInsert(db, { ...common, kind: "list", ref: list.slug, textHash: hashes.listHash })];
	if (hashes.partnerHash && input.partner) {
		out.push(ledgerInsert(db, { ...common, kind: "partner", ref: input.partner, textHash: hashes.partnerHash }));
	}
	return out;
}

/**
 * A subscription's confirmation email. Its dedupe key counts emails since the last confirmation
 * (`confirmedAt` names that cycle: the count starts again after someone leaves and comes back).
 */
function confirmationWrites(
	deps: LinkDeps,
	sub: { id: string; locale: string; emailsSent: number; confirmedAt?: number | null },
	to: string,
	reminder = false,
) {
	return linkEmailWrites(deps, {
		template: "confirm-subscription",
		purpose: "confirm-subscription",
		subjectId: sub.id,
		to,
		locale: sub.locale,
		props: { subscriptionId: sub.id, reminder },
		dedupeKey: `confirm-subscription:${sub.id}:${sub.confirmedAt ?? 0}:${sub.emailsSent + 1}${reminder ? ":reminder" : ""}`,
		ttlMs: CONFIRM_TOKEN_TTL_MS,
	});
}

/**
 * Asks for a subscription by double opt-in: a pending subscription, the ledger's record of the
 * request, and one confirmation email, in one batch. Asking again sends a fresh link (within a
 * cap); an active subscription is left alone. The caller answers the same in every case.
 */
export async function subscribe(deps: LinkDeps, list: ListRef, input: SubscribeInput): Promise<SubscribeResult> {
	const { db, now } = deps;
	const { email, canonical } = addressOf(input.email);
	const wordings = await wordingsFor(db, list, input, now);
	const existing = () =>
		db
			.select({
				id: subscriptions.id,
				status: subscriptions.status,
				emailsSent: subscriptions.emailsSent,
				personId: subscriptions.personId,
				confirmedAt: subscriptions.confirmedAt,
			})
			.from(subscriptions)
			.innerJoin(people, eq(people.id, subscriptions.personId))
			.where(and(eq(people.emailCanonical, canonical), eq(subscriptions.listId, list.id)))
			.get();
	let sub = await existing();
	if (!sub) {
		const id = crypto.randomUUID();
		const link = await confirmationWrites(deps, { id, locale: input.locale, emailsSent: 0 }, email);
		try {
			await db.batch([
				personInsert(db, { email, name: input.name, country: input.country, locale: input.locale }, now),
				...wordings.statements,
				db.insert(subscriptions).values({
					id,
					listId: list.id,
					personId: personIdOf(email),
					status: "pending",
					locale: input.locale,
					partner: input.partner ?? null,
					source: input.source ?? null,
					consentHash: wordings.listHash,
					partnerConsentHash: wordings.partnerHash,
					emailsSent: 1,
					createdAt: now,
					updatedAt: now,
				}),
				...requestedEvents(db, personIdOf(email), list, input, wordings, now),
				...link.statements,
				...committedWith(deps),
			]);
			return { outcome: "created", deliveries: [link.delivery] };
		} catch (err) {
			if (!isUniqueViolation(err)) throw err;
			sub = await existing();
			if (!sub) return { outcome: "quiet", deliveries: [] };
		}
	}
	if (sub.status === "active" || sub.emailsSent >= MAX_EMAILS_PER_SUBSCRIPTION)
		return { outcome: "quiet", deliveries: [] };
	const link = await confirmationWrites(deps, { ...sub, locale: input.locale }, email);
	try {
		await runBatch(db, [
			...wordings.statements,
			db
				.update(subscriptions)
				.set({
					// Coming back after leaving starts a fresh double opt-in.
					status: "pending",
					locale: input.locale,
					partner: input.partner ?? null,
					source: input.source ?? null,
					consentHash: wordings.listHash,
					partnerConsentHash: wordings.partnerHash,
					signatureId: null,
					emailsSent: sub.emailsSent + 1,
					endedAt: null,
					updatedAt: now,
				})
				.where(and(eq(subscriptions.id, sub.id), eq(subscriptions.emailsSent, sub.emailsSent))),
			...requestedEvents(db, sub.personId, list, input, wordings, now),
			...link.statements,
			...committedWith(deps),
		]);
	} catch (err) {
		if (isUniqueViolation(err)) return { outcome: "quiet", deliveries: [] };
		throw err;
	}
	return { outcome: "reminded", deliveries: [link.delivery] };
}

/** What a request's "send me updates" asks for, kept with the request until its link is clicked. */
export type RidingUpdates = NonNullable<RequestDetails["updates"]>;

/** The values of a subscription riding on a request's click (a signature's, a letter's). */
function ridingValues(updates: RidingUpdates, request: RequestDetails, carrierId: string, now: number) {
	return {
		status: "pending" as const,
		locale: request.locale,
		partner: request.partner,
		source: request.source,
		consentHash: updates.listHash,
		partnerConsentHash: updates.partnerHash,
		signatureId: carrierId,
		endedAt: null,
		updatedAt: now,
	};
}

function ridingUpsert(
	db: Database,
	listId: string,
	personId: string | SQL,
	values: ReturnType<typeof ridingValues>,
	id: string,
	now: number,
) {
	return db
		.insert(subscriptions)
		.values({ id, listId, personId, emailsSent: 0, createdAt: now, ...values })
		.onConflictDoUpdate({
			target: [subscriptions.listId, subscriptions.personId],
			set: values,
			setWhere: sql`${subscriptions.status} <> 'active'`,
		});
}

/**
 * The writes that record a request's "send me updates" (the wording agreed to, and the ledger's
 * record of the request), and what its confirmation click will need. With `carrierId`, a
 * pending subscription riding on that row is written too (a first request; a repeat request
 * changes no earlier row, its click brings the subscription in).
 */
export async function ridingUpdatesWrites(
	db: Database,
	list: ListRef,
	input: SubscribeInput,
	now: number,
	carrierId?: string,
): Promise<{ statements: Statement[]; updates: RidingUpdates }> {
	const wordings = await wordingsFor(db, list, input, now);
	const personId = personIdOf(input.email);
	const updates = {
		listId: list.id,
		listSlug: list.slug,
		listHash: wordings.listHash,
		partnerHash: wordings.partnerHash,
	};
	const request = {
		name: input.name ?? "",
		country: input.country ?? "",
		locale: input.locale,
		subscribe: true,
		partner: input.partner ?? null,
		source: input.source ?? null,
	};
	const statements: Statement[] = [...wordings.statements];
	if (carrierId) {
		statements.push(
			ridingUpsert(db, list.id, personId, ridingValues(updates, request, carrierId, now), crypto.randomUUID(), now),
		);
	}
	statements.push(...requestedEvents(db, personId, list, input, wordings, now));
	return { statements, updates };
}

/**
 * The writes that confirm the subscription riding on a request, by that request's click: it is
 * (re)written with the request's own wording, partner and source, then confirmed. Nothing when
 * the person is already subscribed.
 */
export async function confirmRidingWrites(
	db: Database,
	request: RequestDetails,
	person: { id: string; email: string },
	carrierId: string,
	proof: string,
	now: number,
): Promise<{ statements: Statement[]; delivery: DeliveryMessage } | undefined> {
	const updates = request.updates;
	if (!updates) return undefined;
	const current = await db
		.select({ id: subscriptions.id, status: subscriptions.status })
		.from(subscriptions)
		.where(and(eq(subscriptions.listId, updates.listId), eq(subscriptions.personId, person.id)))
		.get();
	if (current?.status === "active") return undefined;
	const id = current?.id ?? crypto.randomUUID();
	const upsert = ridingUpsert(db, updates.listId, person.id, ridingValues(updates, request, carrierId, now), id, now);
	const confirm = confirmSubscriptionWrites(
		db,
		{ id, listSlug: updates.listSlug, email: person.email, locale: request.locale },
		proof,
		now,
	);
	return { statements: [upsert, ...confirm.statements], delivery: confirm.delivery };
}

/**
 * The writes that confirm a pending subscription, given how it was proven: the ledger entries
 * (only while it is still pending, so a double click records once), the status, and the
 * welcome email that carries the way out.
 */
export function confirmSubscriptionWrites(
	db: Database,
	sub: { id: string; listSlug: string; email: string; locale: string },
	proof: string,
	now: number,
): { statements: Statement[]; delivery: DeliveryMessage } {
	const welcome = outboxInsert(
		db,
		{
			template: "subscription-welcome",
			to: sub.email,
			locale: sub.locale,
			props: { subscriptionId: sub.id },
			dedupeKey: `subscription-welcome:${sub.id}:${now}`,
		},
		now,
	);
	const statements = [
		ledgerInsertFrom(
			db,
			sql`SELECT NULL, person_id, 'list', ${sub.listSlug}, 'confirmed', consent_hash, locale, partner, source, ${proof}, ${now}
			FROM subscriptions WHERE id = ${sub.id} AND status = 'pending'`,
		),
		ledgerInsertFrom(
			db,
			sql`SELECT NULL, person_id, 'partner', partner, 'confirmed', partner_consent_hash, locale, partner, source, ${proof}, ${now}
			FROM subscriptions WHERE id = ${sub.id} AND status = 'pending' AND partner_consent_hash IS NOT NULL`,
		),
		welcome.statement,
		db
			.update(subscriptions)
			.set({ status: "active", confirmedAt: now, emailsSent: 0, updatedAt: now })
			.where(and(eq(subscriptions.id, sub.id), eq(subscriptions.status, "pending"))),
		subscriptionConfirmedWebhooks(db, sub.id, now),
	];
	return { statements, delivery: { outboxId: welcome.id, attempts: 0 } };
}

/** What ends subscriptions: a person leaving, a bounce, a complaint. */
export type Ending = {
	status: Extract<SubscriptionStatus, "unsubscribed" | "bounced">;
	event: "unsubscribed" | "bounced" | "complained";
	proof: string;
};

/**
 * The writes that end the subscriptions matched by `where` (a condition on `subscriptions`),
 * each recorded in the ledger, in one batch with whatever caused it.
 */
export function endSubscriptionsWrites(db: Database, where: SQL, ending: Ending, now: number): Statement[] {
	return [
		ledgerInsertFrom(
			db,
			sql`SELECT NULL, s.person_id, 'list', l.slug, ${ending.event}, NULL, s.locale, s.partner, NULL, ${ending.proof}, ${now}
			FROM subscriptions s JOIN lists l ON l.id = s.list_id
			WHERE s.status IN ('active', 'pending') AND s.id IN (SELECT id FROM subscriptions WHERE ${where})`,
		),
		db
			.update(subscriptions)
			.set({ status: ending.status, endedAt: now, updatedAt: now })
			.where(and(inArray(subscriptions.status, ["active", "pending"]), where)),
		subscriptionEndedWebhooks(db, where, ending.event, now),
	];
}

/** Ends one subscription at its owner's request. Idempotent. */
export async function unsubscribe(db: Database, subscriptionId: string, proof: string, now: number): Promise<void> {
	await runBatch(
		db,
		endSubscriptionsWrites(
			db,
			eq(subscriptions.id, subscriptionId),
			{ status: "unsubscribed", event: "unsubscribed", proof },
			now,
		),
	);
}

/** A subscription with its list and person, for pages and emails. */
export function subscriptionDetails(db: Database, subscriptionId: string) {
	return db
		.select({
			id: subscriptions.id,
			status: subscriptions.status,
			locale: subscriptions.locale,
			personId: subscriptions.personId,
			signatureId: subscriptions.signatureId,
			listId: lists.id,
			listSlug: lists.slug,
			listStatus: lists.status,
			listDefaultLocale: lists.defaultLocale,
			email: people.email,
			name: people.name,
		})
		.from(subscriptions)
		.innerJoin(lists, eq(lists.id, subscriptions.listId))
		.innerJoin(people, eq(people.id, subscriptions.personId))
		.where(eq(subscriptions.id, subscriptionId))
		.get();
}

/** All of a person's subscriptions, with their lists. */
export function subscriptionsOf(db: Database, personId: string) {
	return db
		.select({
			id: subscriptions.id,
			status: subscriptions.status,
			listId: subscriptions.listId,
			locale: subscriptions.locale,
		})
		.from(subscriptions)
		.where(eq(subscriptions.personId, personId));
}

/** Subscriptions with what a fresh confirmation link needs: where to send it, and the counts. */
function withAddress(db: Database) {
	return db
		.select({
			id: subscriptions.id,
			locale: subscriptions.locale,
			emailsSent: subscriptions.emailsSent,
			confirmedAt: subscriptions.confirmedAt,
			email: people.email,
		})
		.from(subscriptions)
		.innerJoin(people, eq(people.id, subscriptions.personId));
}

/**
 * Cron: the one reminder for subscriptions left unconfirmed for two days (not those riding on
 * a signature: that signer had their one email).
 */
export async function sendReminders(deps: LinkDeps, limit = 200): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const due = await withAddress(db)
		.where(
			and(
				eq(subscriptions.status, "pending"),
				isNull(subscriptions.signatureId),
				isNull(subscriptions.reminderSentAt),
				lte(subscriptions.createdAt, now - REMINDER_AFTER_MS),
				gt(subscriptions.createdAt, now - CONFIRM_TOKEN_TTL_MS),
				sql`${subscriptions.emailsSent} < ${MAX_EMAILS_PER_SUBSCRIPTION}`,
			),
		)
		.limit(limit);
	const deliveries: DeliveryMessage[] = [];
	for (const sub of due) {
		const link = await confirmationWrites(deps, sub, sub.email, true);
		try {
			await db.batch([
				db
					.update(subscriptions)
					.set({ reminderSentAt: now, emailsSent: sub.emailsSent + 1, updatedAt: now })
					.where(and(eq(subscriptions.id, sub.id), isNull(subscriptions.reminderSentAt))),
				...link.statements,
			]);
			deliveries.push(link.delivery);
		} catch (err) {
			if (!isUniqueViolation(err)) throw err;
		}
	}
	return deliveries;
}

/** What a subscription's confirmation link would do, without doing it. */
export async function inspectSubscriptionLink(db: Database, token: Token, now: number): Promise<LinkState> {
	const sub = await subscriptionDetails(db, token.subjectId);
	if (!sub) return { state: "invalid" };
	const base = { kind: "subscription" as const, subjectId: sub.id, slug: sub.listSlug, locale: sub.locale };
	if (sub.status !== "pending" || token.usedAt !== null) return { state: "done", ...base };
	if (token.expiresAt <= now) return { state: "expired", ...base };
	return { state: "ready", ...base };
}

/** Confirms the subscription behind a link (the click is the proof the ledger keeps). Idempotent. */
export async function confirmSubscription(db: Database, token: Token, now: number): Promise<Confirmed> {
	const link = await inspectSubscriptionLink(db, token, now);
	if (link.state !== "ready") return { link, deliveries: [] };
	const sub = await subscriptionDetails(db, link.subjectId);
	if (!sub) return { link: { state: "invalid" }, deliveries: [] };
	const confirm = confirmSubscriptionWrites(db, sub, "confirmation-click", now);
	try {
		await runBatch(db, [
			...confirm.statements,
			db
				.update(tokens)
				.set({ usedAt: now })
				.where(and(eq(tokens.subjectId, sub.id), isNull(tokens.usedAt))),
		]);
	} catch (err) {
		// Two clicks at once: the other one confirmed it.
		if (!isUniqueViolation(err)) throw err;
		return { link: { ...link, state: "done" }, deliveries: [] };
	}
	return { link: { ...link, state: "done" }, deliveries: [confirm.delivery] };
}

/** A fresh link for the subscription behind an expired one, within the cap. */
export async function renewSubscriptionLink(deps: LinkDeps, token: Token): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const link = await inspectSubscriptionLink(db, token, now);
	if (link.state !== "expired") return [];
	const sub = await withAddress(db).where(eq(subscriptions.id, link.subjectId)).get();
	if (!sub || sub.emailsSent >= MAX_EMAILS_PER_SUBSCRIPTION) return [];
	const confirm = await confirmationWrites(deps, sub, sub.email);
	try {
		await runBatch(db, [
			db
				.update(subscriptions)
				.set({ emailsSent: sub.emailsSent + 1, updatedAt: now })
				.where(and(eq(subscriptions.id, sub.id), eq(subscriptions.emailsSent, sub.emailsSent))),
			...confirm.statements,
		]);
	} catch (err) {
		if (isUniqueViolation(err)) return [];
		throw err;
	}
	return [confirm.delivery];
}

const preferenceCentre = { status: "unsubscribed", event: "unsubscribed", proof: "preference-centre" } as const;

/** The preference centre's "leave everything": every list this person receives, in one batch. */
export async function leaveAllLists(db: Database, personId: string, now: number): Promise<void> {
	await runBatch(db, endSubscriptionsWrites(db, eq(subscriptions.personId, personId), preferenceCentre, now));
}

/**
 * The preference centre's "save": leaves the open lists not chosen and sets the language, in one
 * batch, then joins the chosen lists not yet received (a fresh consent: by double opt-in, as
 * anywhere else). Returns the confirmation emails to queue.
 */
export async function savePreferences(
	deps: LinkDeps,
	person: { personId: string; email: string },
	choice: { lists: Set<string>; locale: string },
): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const { personId } = person;
	const [all, mine] = await Promise.all([openLists(db), subscriptionsOf(db, personId)]);
	const receiving = new Set(mine.filter((s) => s.status === "active" || s.status === "pending").map((s) => s.listId));
	const leaving = all.filter((l) => receiving.has(l.id) && !choice.lists.has(l.slug)).map((l) => l.id);
	await runBatch(db, [
		...(leaving.length > 0
			? endSubscriptionsWrites(
					db,
					and(eq(subscriptions.personId, personId), inArray(subscriptions.listId, leaving)) ?? eq(subscriptions.id, ""),
					preferenceCentre,
					now,
				)
			: []),
		db.update(subscriptions).set({ locale: choice.locale, updatedAt: now }).where(eq(subscriptions.personId, personId)),
		db.update(people).set({ locale: choice.locale, updatedAt: now }).where(eq(people.id, personId)),
	]);
	const deliveries: DeliveryMessage[] = [];
	for (const list of all.filter((l) => choice.lists.has(l.slug) && !receiving.has(l.id))) {
		const result = await subscribe(deps, list, {
			email: person.email,
			locale: choice.locale,
			source: "preference-centre",
		});
		deliveries.push(...result.deliveries);
	}
	return deliveries;
}
