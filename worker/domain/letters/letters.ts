import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
	type LetterCampaign,
	letterCampaigns,
	letterCampaignTexts,
	letterCounts,
	letters,
	people,
	type RequestDetails,
	subscriptions,
	type Target,
	type Token,
	tokens,
} from "../../../schema";
import { type Database, isUniqueViolation, runBatch, type Statement } from "../../db";
import { DomainError } from "../../lib/errors";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { committedWith, type LinkDeps, linkEmailWrites } from "../links/link-emails";
import type { Confirmed, LinkState } from "../links/link-state";
import { CONFIRM_TOKEN_TTL_MS } from "../links/tokens";
import { findListById } from "../lists/lists";
import { confirmRidingWrites, confirmSubscriptionWrites, ridingUpdatesWrites } from "../lists/subscriptions";
import { addressOf, personIdOf, personInsert } from "../people/people";
import { cleanBody, composeLetter, distance, fingerprint, hasLink, NEAR_IDENTICAL_BITS } from "./letter-text";
import { commitmentsOf, deliveryAddress, findTarget, targetName } from "./targets";

/** No letter causes more confirmation emails than this, whoever asks. */
export const MAX_EMAILS_PER_LETTER = 5;

export async function findLetterCampaign(db: Database, slug: string): Promise<LetterCampaign | undefined> {
	return db.select().from(letterCampaigns).where(eq(letterCampaigns.slug, slug)).get();
}

/** How many of a campaign's letters have gone to their States: from the rollup, one row per State. */
export async function lettersSentIn(db: Database, campaignId: string): Promise<number> {
	const row = await db
		.select({ n: sql<number>`coalesce(sum(${letterCounts.count}), 0)` })
		.from(letterCounts)
		.where(and(eq(letterCounts.campaignId, campaignId), eq(letterCounts.status, "sent")))
		.get();
	return row?.n ?? 0;
}

/** The letter campaigns that take letters now. */
export function openLetterCampaigns(db: Database): Promise<LetterCampaign[]> {
	return db.select().from(letterCampaigns).where(eq(letterCampaigns.status, "open"));
}

/** A campaign's words in a locale, or in its default locale. */
export async function campaignText(db: Database, campaign: LetterCampaign, locale: string) {
	const texts = await db.select().from(letterCampaignTexts).where(eq(letterCampaignTexts.campaignId, campaign.id));
	return texts.find((t) => t.locale === locale) ?? texts.find((t) => t.locale === campaign.defaultLocale) ?? texts[0];
}

/** The States a writer from `country` writes to in this campaign. */
async function targetsFor(db: Database, campaign: LetterCampaign, country: string): Promise<Target[]> {
	const codes = campaign.targetMode === "named" ? campaign.targetIso2s : [country];
	const found = await Promise.all(codes.map((code) => findTarget(db, code)));
	const list = found.filter((t): t is Target => Boolean(t));
	if (list.length === 0) {
		throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [
				{
					path: "country",
					message:
						"This campaign writes to UN member and observer States; we have no State to write to for this country.",
				},
			],
		});
	}
	return list;
}

export interface DraftLetter {
	target: {
		iso2: string;
		name: string;
		commitments: { instrument: string; instrumentName: string; status: string; date: string | null }[];
	};
	subject: string;
	body: string;
}

/** The letter(s) a writer from `country` will send, as they will read, in `locale`. */
export async function draftLetters(
	db: Database,
	campaign: LetterCampaign,
	input: { country: string; locale: string; name?: string },
): Promise<{ locale: string; title: string; letters: DraftLetter[] }> {
	const text = await campaignText(db, campaign, input.locale);
	if (!text) throw new DomainError(404, "letter_campaign_not_found", "This letter campaign has no text.");
	const [targets, writerState] = await Promise.all([
		targetsFor(db, campaign, input.country),
		findTarget(db, input.country),
	]);
	const drafted = await Promise.all(
		targets.map(async (target) => {
			const held = await commitmentsOf(db, target.id);
			const letter = composeLetter(text, held, {
				state: targetName(target, text.locale),
				writer_name: input.name ?? "",
				writer_country: writerState ? targetName(writerState, text.locale) : input.country,
			});
			return {
				target: {
					iso2: target.iso2,
					name: targetName(target, text.locale),
					commitments: held.map(({ instrument, instrumentName, status, date }) => ({
						instrument,
						instrumentName,
						status,
						date,
					})),
				},
				...letter,
			};
		}),
	);
	return { locale: text.locale, title: text.title, letters: drafted };
}

export interface LetterInput {
	email: string;
	name: string;
	country: string;
	locale: string;
	/** The writer's own version of the body; the campaign's text when absent. */
	body?: string;
	subscribe: boolean;
	partner?: string;
	source?: string;
}

/** A body edited by the writer, checked against the campaign's limits. */
function editedBody(campaign: LetterCampaign, body: string): string {
	const clean = cleanBody(body);
	const issue = (message: string) =>
		new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "body", message }],
		});
	if (clean.length < 20) throw issue("Write a few sentences to your State.");
	if (clean.length > campaign.maxBodyChars) throw issue(`Keep your letter under ${campaign.maxBodyChars} characters.`);
	if (!campaign.allowLinks && hasLink(clean))
		throw issue("Links are not allowed in these letters: please remove them.");
	return clean;
}

function confirmationWrites(
	deps: LinkDeps,
	row: { id: string; emailsSent: number; locale: string },
	request: RequestDetails | undefined,
	to: string,
) {
	return linkEmailWrites(deps, {
		template: "confirm-letter",
		purpose: "confirm-letter",
		subjectId: row.id,
		to,
		locale: request?.locale ?? row.locale,
		props: { letterId: row.id },
		dedupeKey: `confirm-letter:${row.id}:${row.emailsSent + 1}`,
		ttlMs: CONFIRM_TOKEN_TTL_MS,
		request,
	});
}

/**
 * The checks and the text of a letter request that depend only on what was asked, never on
 * whether the address is known: the caller runs them before answering (422 for a body the
 * campaign refuses or a country with no State), and `writeLetters` after.
 */
export async function prepareLetters(db: Database, campaign: LetterCampaign, input: LetterInput) {
	const body = input.body === undefined ? undefined : editedBody(campaign, input.body);
	const draft = await draftLetters(db, campaign, input);
	return { body, draft };
}

export type PreparedLetters = Awaited<ReturnType<typeof prepareLetters>>;

/**
 * Writes a letter for each of the campaign's States for this writer: pending until the writer
 * confirms their email (one email, whose click confirms them all). Asking again changes no
 * letter already written: it is a new request, whose own link confirms its own text (a letter
 * still pending takes that text only when that link is clicked). A letter already confirmed is
 * answered like an already-signed petition: one email saying so, within the letter's cap.
 */
export async function writeLetters(
	deps: LinkDeps,
	campaign: LetterCampaign,
	input: LetterInput,
	ipHash: string | null,
	prepared?: PreparedLetters,
): Promise<{ deliveries: DeliveryMessage[] }> {
	const ready = prepared ?? (await prepareLetters(deps.db, campaign, input));
	// Requests are written after their answers, so two with one address can race: the one that
	// lost reads again what the other wrote rather than being dropped. Each loss means another
	// request counted an email, so this ends within the cap.
	for (let attempt = 0; ; attempt++) {
		const written = await writeLettersOnce(deps, campaign, input, ipHash, ready);
		if (written !== RACED) return written;
		if (attempt >= MAX_EMAILS_PER_LETTER) return { deliveries: [] };
	}
}

/** writeLettersOnce lost a race with a concurrent request of the same writer. */
const RACED = Symbol("raced");

async function writeLettersOnce(
	deps: LinkDeps,
	campaign: LetterCampaign,
	input: LetterInput,
	ipHash: string | null,
	prepared: PreparedLetters,
): Promise<{ deliveries: DeliveryMessage[] } | typeof RACED> {
	const { db, now } = deps;
	const { email, canonical } = addressOf(input.email);
	const { body, draft } = prepared;
	const existing = await db
		.select({ id: letters.id, targetId: letters.targetId, status: letters.status, emailsSent: letters.emailsSent })
		.from(letters)
		.innerJoin(people, eq(people.id, letters.personId))
		.where(and(eq(people.emailCanonical, canonical), eq(letters.campaignId, campaign.id)));
	const statements: Statement[] = [
		personInsert(db, { email, name: input.name, country: input.country, locale: input.locale }, now),
	];
	const ids: { id: string; emailsSent: number }[] = [];
	const requested: NonNullable<RequestDetails["letters"]> = [];
	const written: { id: string; emailsSent: number }[] = [];
	for (const d of draft.letters) {
		const target = await findTarget(db, d.target.iso2);
		if (!target) continue;
		const text = body ?? d.body;
		const own = {
			subject: d.subject,
			body: text,
			fingerprint: fingerprint(text, [input.name, d.target.name]),
			edited: body !== undefined && body !== cleanBody(d.body),
		};
		const before = existing.find((l) => l.targetId === target.id);
		if (!before) {
			const id = crypto.randomUUID();
			ids.push({ id, emailsSent: 0 });
			requested.push({ id, ...own });
			statements.push(
				db.insert(letters).values({
					id,
					campaignId: campaign.id,
					personId: personIdOf(email),
					targetId: target.id,
					status: "pending",
					writerName: input.name,
					writerCountry: input.country,
					locale: input.locale,
					...own,
					subscribe: input.subscribe,
					partner: input.partner ?? null,
					source: input.source ?? null,
					ipHash,
					emailsSent: 1,
					createdAt: now,
					updatedAt: now,
				}),
			);
		} else if (before.emailsSent >= MAX_EMAILS_PER_LETTER) {
			// Asked too often: nothing more is sent about this letter, whoever asks.
		} else if (before.status === "pending") {
			// The pending letter keeps its text: only this request's link gives it this one.
			ids.push({ id: before.id, emailsSent: before.emailsSent });
			requested.push({ id: before.id, ...own });
			statements.push(
				db
					.update(letters)
					.set({ emailsSent: before.emailsSent + 1, updatedAt: now })
					.where(and(eq(letters.id, before.id), eq(letters.emailsSent, before.emailsSent))),
			);
		} else if (before.status !== "rejected" && before.status !== "failed") {
			written.push({ id: before.id, emailsSent: before.emailsSent });
		}
	}
	const first = ids[0];
	if (!first) return alreadyWritten(deps, written[0], email, input.locale);
	const request: RequestDetails = {
		name: input.name,
		country: input.country,
		locale: input.locale,
		subscribe: input.subscribe,
		partner: input.partner ?? null,
		source: input.source ?? null,
		letters: requested,
	};
	// Ticked "send me updates": a subscription that the letter's confirmation click confirms
	// (written now only with a first letter: a repeat request changes nothing already written).
	const list = input.subscribe && campaign.listId ? await findListById(db, campaign.listId) : undefined;
	if (list?.status === "open") {
		const firstEver = existing.length === 0 ? first.id : undefined;
		const updates = await ridingUpdatesWrites(db, list, input, now, firstEver);
		statements.push(...updates.statements);
		request.updates = updates.updates;
	}
	const link = await confirmationWrites(deps, { ...first, locale: input.locale }, request, email);
	try {
		await runBatch(db, [...statements, ...link.statements, ...committedWith(deps)]);
	} catch (err) {
		if (isUniqueViolation(err)) return RACED;
		throw err;
	}
	return { deliveries: [link.delivery] };
}

/** A request for letters all already confirmed: one email saying so, within the letter's cap. */
async function alreadyWritten(
	deps: LinkDeps,
	letter: { id: string; emailsSent: number } | undefined,
	to: string,
	locale: string,
): Promise<{ deliveries: DeliveryMessage[] } | typeof RACED> {
	if (!letter) return { deliveries: [] };
	const { db, now } = deps;
	const mail = outboxInsert(
		db,
		{
			template: "already-written",
			to,
			locale,
			props: { letterId: letter.id },
			dedupeKey: `already-written:${letter.id}:${letter.emailsSent + 1}`,
		},
		now,
	);
	try {
		await runBatch(db, [
			db
				.update(letters)
				.set({ emailsSent: letter.emailsSent + 1, updatedAt: now })
				.where(and(eq(letters.id, letter.id), eq(letters.emailsSent, letter.emailsSent))),
			mail.statement,
			...committedWith(deps),
		]);
	} catch (err) {
		if (isUniqueViolation(err)) return RACED;
		throw err;
	}
	return { deliveries: [{ outboxId: mail.id, attempts: 0 }] };
}

/** What a letter's confirmation link would do. */
export async function inspectLetterLink(db: Database, token: Token, now: number): Promise<LinkState> {
	const letter = await db
		.select({ id: letters.id, status: letters.status, locale: letters.locale, slug: letterCampaigns.slug })
		.from(letters)
		.innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
		.where(eq(letters.id, token.subjectId))
		.get();
	if (!letter) return { state: "invalid" };
	const base = {
		kind: "letter" as const,
		subjectId: letter.id,
		slug: letter.slug,
		locale: letter.locale,
		request: token.request ?? undefined,
	};
	if (letter.status !== "pending" || token.usedAt !== null) return { state: "done", ...base };
	if (token.expiresAt <= now) return { state: "expired", ...base };
	return { state: "ready", ...base };
}

/**
 * Where a confirmed letter goes next: held when its State has no working address, or when it
 * is near-identical to many others already on their way to that State; queued otherwise.
 */
async function nextStatus(
	db: Database,
	letter: { id: string; campaignId: string; targetId: string; fingerprint: string },
	limit: number,
): Promise<{ status: "queued" | "held"; holdReason: "near-duplicate" | "no-contact" | "bouncing" | null }> {
	const address = await deliveryAddress(db, letter.targetId);
	if ("held" in address) return { status: "held", holdReason: address.held };
	const others = await db
		.select({ fingerprint: letters.fingerprint })
		.from(letters)
		.where(
			and(
				eq(letters.campaignId, letter.campaignId),
				eq(letters.targetId, letter.targetId),
				inArray(letters.status, ["queued", "sent"]),
			),
		)
		.orderBy(desc(letters.createdAt))
		.limit(2000);
	const alike = others.filter((o) => distance(o.fingerprint, letter.fingerprint) <= NEAR_IDENTICAL_BITS).length;
	return alike >= limit ? { status: "held", holdReason: "near-duplicate" } : { status: "queued", holdReason: null };
}

/**
 * Confirms every pending letter of the writer behind a link in this campaign (and an updates
 * subscription that rode on it). Idempotent.
 */
export async function confirmLetters(db: Database, token: Token, now: number): Promise<Confirmed> {
	const link = await inspectLetterLink(db, token, now);
	if (link.state !== "ready") return { link, deliveries: [] };
	const owner = await db
		.select({ personId: letters.personId, campaignId: letters.campaignId, email: people.email })
		.from(letters)
		.innerJoin(people, eq(people.id, letters.personId))
		.where(eq(letters.id, link.subjectId))
		.get();
	if (!owner) return { link: { state: "invalid" }, deliveries: [] };
	const campaign = await db.select().from(letterCampaigns).where(eq(letterCampaigns.id, owner.campaignId)).get();
	const pending = await db
		.select()
		.from(letters)
		.where(
			and(
				eq(letters.personId, owner.personId),
				eq(letters.campaignId, owner.campaignId),
				eq(letters.status, "pending"),
			),
		);
	const statements: Statement[] = [
		db
			.update(tokens)
			.set({ usedAt: now })
			.where(and(eq(tokens.subjectId, link.subjectId), sql`${tokens.usedAt} IS NULL`)),
	];
	// A link confirms exactly the letters of its own request, with that request's words; a link
	// sent before links carried their request confirms the writer's pending letters as they stand.
	const request = token.request;
	const mine = request?.letters
		? request.letters.flatMap((own) => {
				const letter = pending.find((l) => l.id === own.id);
				return letter
					? [
							{
								...letter,
								writerName: request.name,
								writerCountry: request.country,
								locale: request.locale,
								subscribe: request.subscribe,
								partner: request.partner,
								source: request.source,
								subject: own.subject,
								body: own.body,
								fingerprint: own.fingerprint,
								edited: own.edited,
							},
						]
					: [];
			})
		: pending;
	for (const letter of mine) {
		const next = await nextStatus(db, letter, campaign?.nearDuplicateLimit ?? 10);
		const { id, writerName, writerCountry, locale, subscribe, partner, source, subject, body, fingerprint, edited } =
			letter;
		statements.push(
			db
				.update(letters)
				.set({
					...(request
						? { writerName, writerCountry, locale, subscribe, partner, source, subject, body, fingerprint, edited }
						: {}),
					...next,
					confirmedAt: now,
					updatedAt: now,
				})
				.where(and(eq(letters.id, id), eq(letters.status, "pending"))),
		);
	}
	const welcome = request?.letters
		? await confirmRidingWrites(
				db,
				request,
				{ id: owner.personId, email: owner.email },
				link.subjectId,
				"confirmation-click:letter",
				now,
			)
		: await legacyUpdates(
				db,
				pending.map((l) => l.id),
				owner.email,
				now,
			);
	if (request) {
		statements.push(
			db
				.update(people)
				.set({ name: request.name, country: request.country, locale: request.locale, updatedAt: now })
				.where(eq(people.id, owner.personId)),
		);
	}
	try {
		await runBatch(db, [...statements, ...(welcome?.statements ?? [])]);
	} catch (err) {
		// Two clicks at once: the other one confirmed them.
		if (!isUniqueViolation(err)) throw err;
		return { link: { ...link, state: "done" }, deliveries: [] };
	}
	return { link: { ...link, state: "done" }, deliveries: welcome ? [welcome.delivery] : [] };
}

/** The updates subscription riding on a writer's letters, for links sent before links carried their request. */
async function legacyUpdates(db: Database, letterIds: string[], email: string, now: number) {
	const updates = await db
		.select({ id: subscriptions.id, locale: subscriptions.locale, listId: subscriptions.listId })
		.from(subscriptions)
		.where(and(inArray(subscriptions.signatureId, letterIds.concat("")), eq(subscriptions.status, "pending")))
		.get();
	const list = updates ? await findListById(db, updates.listId) : undefined;
	return updates && list
		? confirmSubscriptionWrites(
				db,
				{ id: updates.id, locale: updates.locale, listSlug: list.slug, email },
				"confirmation-click:letter",
				now,
			)
		: undefined;
}

/** A fresh confirmation link for a letter whose link expired, within the cap. */
export async function renewLetterLink(deps: LinkDeps, token: Token): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const link = await inspectLetterLink(db, token, now);
	if (link.state !== "expired") return [];
	const letter = await db
		.select({ id: letters.id, locale: letters.locale, emailsSent: letters.emailsSent, email: people.email })
		.from(letters)
		.innerJoin(people, eq(people.id, letters.personId))
		.where(eq(letters.id, link.subjectId))
		.get();
	if (!letter || letter.emailsSent >= MAX_EMAILS_PER_LETTER) return [];
	// The fresh link confirms what the expired one would have: the same request.
	const confirm = await confirmationWrites(deps, letter, token.request ?? undefined, letter.email);
	try {
		await runBatch(db, [
			db
				.update(letters)
				.set({ emailsSent: letter.emailsSent + 1, updatedAt: now })
				.where(and(eq(letters.id, letter.id), eq(letters.emailsSent, letter.emailsSent))),
			...confirm.statements,
		]);
	} catch (err) {
		if (isUniqueViolation(err)) return [];
		throw err;
	}
	return [confirm.delivery];
}
