import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
	type LetterCampaign,
	letterCampaigns,
	letterCampaignTexts,
	letters,
	people,
	subscriptions,
	type Target,
	type Token,
	tokens,
} from "../../schema";
import { type Database, isUniqueViolation, runBatch, type Statement } from "../db";
import { ApiError } from "../lib/errors";
import type { DeliveryMessage } from "../mail/outbox";
import { cleanBody, composeLetter, distance, fingerprint, hasLink, NEAR_IDENTICAL_BITS } from "./letter-text";
import { type LinkDeps, linkEmailWrites } from "./link-emails";
import { findListById } from "./lists";
import { addressOf, personIdOf, personInsert } from "./people";
import type { Confirmed, LinkState } from "./signatures";
import { confirmSubscriptionWrites, subscriptionWithSignatureWrites } from "./subscriptions";
import { commitmentsOf, deliveryAddress, findTarget, targetName } from "./targets";
import { CONFIRM_TOKEN_TTL_MS } from "./tokens";

/** No letter causes more confirmation emails than this, whoever asks. */
export const MAX_EMAILS_PER_LETTER = 5;

export async function findLetterCampaign(db: Database, slug: string): Promise<LetterCampaign | undefined> {
	return db.select().from(letterCampaigns).where(eq(letterCampaigns.slug, slug)).get();
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
		throw new ApiError(422, "invalid_fields", "Some fields are missing or not valid.", {
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
	if (!text) throw new ApiError(404, "letter_campaign_not_found", "This letter campaign has no text.");
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
		new ApiError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "body", message }],
		});
	if (clean.length < 20) throw issue("Write a few sentences to your State.");
	if (clean.length > campaign.maxBodyChars) throw issue(`Keep your letter under ${campaign.maxBodyChars} characters.`);
	if (!campaign.allowLinks && hasLink(clean))
		throw issue("Links are not allowed in these letters: please remove them.");
	return clean;
}

function confirmationWrites(deps: LinkDeps, letter: { id: string; locale: string; emailsSent: number }, to: string) {
	return linkEmailWrites(deps, {
		template: "confirm-letter",
		purpose: "confirm-letter",
		subjectId: letter.id,
		to,
		locale: letter.locale,
		props: { letterId: letter.id },
		dedupeKey: `confirm-letter:${letter.id}:${letter.emailsSent + 1}`,
		ttlMs: CONFIRM_TOKEN_TTL_MS,
	});
}

/**
 * Writes a letter for each of the campaign's States for this writer: pending until the writer
 * confirms their email (one email, whose click confirms them all). Writing again to a State
 * already written to changes a pending letter and sends a fresh link; a confirmed one stays.
 */
export async function writeLetters(
	deps: LinkDeps,
	campaign: LetterCampaign,
	input: LetterInput,
	ipHash: string | null,
): Promise<{ deliveries: DeliveryMessage[] }> {
	const { db, now } = deps;
	const { email, canonical } = addressOf(input.email);
	const body = input.body === undefined ? undefined : editedBody(campaign, input.body);
	const draft = await draftLetters(db, campaign, input);
	const existing = await db
		.select({ id: letters.id, targetId: letters.targetId, status: letters.status, emailsSent: letters.emailsSent })
		.from(letters)
		.innerJoin(people, eq(people.id, letters.personId))
		.where(and(eq(people.emailCanonical, canonical), eq(letters.campaignId, campaign.id)));
	const statements: Statement[] = [
		personInsert(db, { email, name: input.name, country: input.country, locale: input.locale }, now),
	];
	const ids: { id: string; emailsSent: number }[] = [];
	for (const d of draft.letters) {
		const target = await findTarget(db, d.target.iso2);
		if (!target) continue;
		const text = body ?? d.body;
		const values = {
			writerName: input.name,
			writerCountry: input.country,
			locale: input.locale,
			subject: d.subject,
			body: text,
			fingerprint: fingerprint(text, [input.name, d.target.name]),
			edited: body !== undefined && body !== cleanBody(d.body),
			subscribe: input.subscribe,
			partner: input.partner ?? null,
			source: input.source ?? null,
			ipHash,
			updatedAt: now,
		};
		const before = existing.find((l) => l.targetId === target.id);
		if (!before) {
			const id = crypto.randomUUID();
			ids.push({ id, emailsSent: 0 });
			statements.push(
				db.insert(letters).values({
					id,
					campaignId: campaign.id,
					personId: personIdOf(email),
					targetId: target.id,
					status: "pending",
					emailsSent: 1,
					createdAt: now,
					...values,
				}),
			);
		} else if (before.status === "pending" && before.emailsSent < MAX_EMAILS_PER_LETTER) {
			ids.push({ id: before.id, emailsSent: before.emailsSent });
			statements.push(
				db
					.update(letters)
					.set({ ...values, emailsSent: before.emailsSent + 1 })
					.where(and(eq(letters.id, before.id), eq(letters.emailsSent, before.emailsSent))),
			);
		}
	}
	const first = ids[0];
	if (!first) return { deliveries: [] };
	// Ticked "send me updates": a subscription that the letter's confirmation click confirms.
	const list = input.subscribe && campaign.listId ? await findListById(db, campaign.listId) : undefined;
	if (list?.status === "open") {
		statements.push(...(await subscriptionWithSignatureWrites(db, list, input, first.id, now)));
	}
	const link = await confirmationWrites(deps, { ...first, locale: input.locale }, email);
	try {
		await runBatch(db, [...statements, ...link.statements]);
	} catch (err) {
		if (isUniqueViolation(err)) return { deliveries: [] };
		throw err;
	}
	return { deliveries: [link.delivery] };
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
	const base = { kind: "letter" as const, subjectId: letter.id, slug: letter.slug, locale: letter.locale };
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
	for (const letter of pending) {
		const next = await nextStatus(db, letter, campaign?.nearDuplicateLimit ?? 10);
		statements.push(
			db
				.update(letters)
				.set({ ...next, confirmedAt: now, updatedAt: now })
				.where(and(eq(letters.id, letter.id), eq(letters.status, "pending"))),
		);
	}
	const updates = await db
		.select({ id: subscriptions.id, locale: subscriptions.locale, listId: subscriptions.listId })
		.from(subscriptions)
		.where(
			and(inArray(subscriptions.signatureId, pending.map((l) => l.id).concat("")), eq(subscriptions.status, "pending")),
		)
		.get();
	const list = updates ? await findListById(db, updates.listId) : undefined;
	const welcome =
		updates && list
			? confirmSubscriptionWrites(
					db,
					{ id: updates.id, locale: updates.locale, listSlug: list.slug, email: owner.email },
					"confirmation-click:letter",
					now,
				)
			: undefined;
	await runBatch(db, [...statements, ...(welcome?.statements ?? [])]);
	return { link: { ...link, state: "done" }, deliveries: welcome ? [welcome.delivery] : [] };
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
	const confirm = await confirmationWrites(deps, letter, letter.email);
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
