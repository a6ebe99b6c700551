import { eq, sql } from "drizzle-orm";
import { letterCampaigns, letterCampaignTexts, letters, people, targets } from "../../../schema";
import type { Database } from "../../db";
import {
	type BatchContentLoaders,
	type ContentLoaders,
	days,
	eachEmail,
	type LinkSettings,
	linkUrl,
	oneByOne,
	type StoredEmail,
	sentOnBehalf,
} from "../email/content";
import { CONFIRM_TOKEN_TTL_MS, tokensOfOutboxesRead } from "../links/tokens";
import { letterDetails } from "./letter-details";
import { findTarget, targetName } from "./targets";

type OneLetterTemplate = "confirm-letter" | "already-written" | "letter-to-state" | "letter-reply-question";

/**
 * What the letters' emails of many rows need, a statement per kind of read (not per email), the
 * reads at once: each letter as `letterDetails` gives it (its State, its writer's address, its
 * campaign's title in the letter's language), and when asked the links' tokens and the States
 * the writers write from. Not one D1 batch: drizzle reads a batch's rows by column name, and
 * these joins have columns of one name (id, created_at).
 */
async function readLetters(
	db: Database,
	links: LinkSettings,
	emails: StoredEmail<OneLetterTemplate>[],
	also: { tokens?: boolean; writerStates?: boolean } = {},
) {
	const ids = JSON.stringify([...new Set(emails.map((e) => e.props.letterId))]);
	const tokenRead = also.tokens
		? await tokensOfOutboxesRead(
				db,
				links.secret,
				emails.map((e) => e.id),
			)
		: undefined;
	const [rows, texts, tokenRows, writerStates] = await Promise.all([
		db
			.select({ letter: letters, target: targets, email: people.email, campaignDefault: letterCampaigns.defaultLocale })
			.from(letters)
			.innerJoin(targets, eq(targets.id, letters.targetId))
			.innerJoin(people, eq(people.id, letters.personId))
			.innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
			.where(sql`${letters.id} IN (SELECT value FROM json_each(${ids}))`),
		db
			.select({
				campaignId: letterCampaignTexts.campaignId,
				locale: letterCampaignTexts.locale,
				title: letterCampaignTexts.title,
			})
			.from(letterCampaignTexts)
			.where(
				sql`${letterCampaignTexts.campaignId} IN (SELECT campaign_id FROM letters WHERE id IN (SELECT value FROM json_each(${ids})))`,
			),
		tokenRead ? tokenRead.query : [],
		also.writerStates
			? db
					.select()
					.from(targets)
					.where(
						sql`${targets.iso2} IN (SELECT upper(writer_country) FROM letters WHERE id IN (SELECT value FROM json_each(${ids})))`,
					)
			: [],
	]);
	const byId = new Map(
		rows.map((row) => {
			const own = texts.filter((t) => t.campaignId === row.letter.campaignId);
			const title =
				own.find((t) => t.locale === row.letter.locale)?.title ??
				own.find((t) => t.locale === row.campaignDefault)?.title ??
				own[0]?.title ??
				"";
			return [row.letter.id, { ...row.letter, target: row.target, email: row.email, campaignTitle: title }];
		}),
	);
	const requests = tokenRead?.byOutbox(tokenRows);
	const states = new Map(writerStates.map((t) => [t.iso2, t]));
	return {
		letter: (email: StoredEmail<OneLetterTemplate>) => byId.get(email.props.letterId),
		request: (email: StoredEmail<OneLetterTemplate>) => requests?.get(email.id)?.request ?? null,
		/** The State a writer writes from (as `findTarget`). */
		writerState: (iso2: string) => states.get(iso2.toUpperCase()),
	};
}

/** The letters' emails about one letter, for a queue batch's rows: a few statements for the whole batch. */
export const letterBatchEmails: BatchContentLoaders<OneLetterTemplate> = {
	async "confirm-letter"(db, links, emails) {
		const read = await readLetters(db, links, emails, { tokens: true });
		return eachEmail(emails, async (email) => {
			const letter = read.letter(email);
			if (!letter) return null;
			// What this link confirms: its own request's name and words.
			const request = read.request(email);
			const own = request?.letters?.find((l) => l.id === letter.id);
			return {
				props: {
					locale: email.locale,
					name: request?.name ?? letter.writerName,
					stateName: targetName(letter.target, email.locale),
					subject: own?.subject ?? letter.subject,
					confirmUrl: await linkUrl(links, email.id, "confirm"),
					expiresInDays: days(CONFIRM_TOKEN_TTL_MS),
				},
			};
		});
	},
	async "already-written"(db, links, emails) {
		const read = await readLetters(db, links, emails);
		return eachEmail(emails, async (email) => {
			const letter = read.letter(email);
			if (!letter) return null;
			return {
				props: {
					locale: email.locale,
					name: letter.writerName,
					stateName: targetName(letter.target, email.locale),
					statesUrl: `${links.publicUrl}/states?locale=${email.locale}`,
				},
			};
		});
	},
	async "letter-reply-question"(db, links, emails) {
		const read = await readLetters(db, links, emails);
		return eachEmail(emails, async (email) => {
			const letter = read.letter(email);
			if (!letter) return null;
			return {
				props: {
					locale: email.locale,
					name: letter.writerName,
					stateName: targetName(letter.target, email.locale),
					sentOn: new Date(letter.sentAt ?? Date.now()).toISOString().slice(0, 10),
					answerUrl: await linkUrl(links, email.id, "reply"),
				},
			};
		});
	},
	async "letter-to-state"(db, links, emails) {
		const read = await readLetters(db, links, emails, { writerStates: true });
		return eachEmail(emails, async (email) => {
			const letter = read.letter(email);
			if (!letter) return null;
			const writerState = read.writerState(letter.writerCountry);
			return {
				props: {
					locale: email.locale,
					writerName: letter.writerName,
					writerCountry: writerState ? targetName(writerState, email.locale) : letter.writerCountry,
					stateName: targetName(letter.target, email.locale),
					subject: letter.subject,
					body: letter.body,
					campaignName: letter.campaignTitle,
				},
				from: sentOnBehalf(links.mailFrom, letter.writerName),
				// The State's answer reaches the writer, not the campaign.
				replyTo: letter.email,
			};
		});
	},
};

/**
 * The letters' emails one by one: to the writer (the confirmation link, "already written", "did they
 * answer?") and to the State (one letter, or the day's digest).
 */
export const letterEmails: ContentLoaders<
	"confirm-letter" | "already-written" | "letter-to-state" | "letter-reply-question" | "letter-digest"
> = {
	"confirm-letter": oneByOne(letterBatchEmails["confirm-letter"]),
	"already-written": oneByOne(letterBatchEmails["already-written"]),
	"letter-reply-question": oneByOne(letterBatchEmails["letter-reply-question"]),
	"letter-to-state": oneByOne(letterBatchEmails["letter-to-state"]),
	// One email about many letters (the day's digest): its own reads, one row at a time.
	async "letter-digest"(db, _links, email) {
		const rows = await Promise.all(email.props.letterIds.map((id) => letterDetails(db, id)));
		const present = rows.filter((r): r is NonNullable<typeof r> => Boolean(r));
		const first = present[0];
		if (!first) return null;
		return {
			props: {
				locale: email.locale,
				stateName: targetName(first.target, email.locale),
				campaignName: first.campaignTitle,
				date: email.props.day,
				letters: await Promise.all(
					present.map(async (l) => {
						const from = await findTarget(db, l.writerCountry);
						return {
							writerName: l.writerName,
							writerCountry: from ? targetName(from, email.locale) : l.writerCountry,
							subject: l.subject,
							body: l.body,
						};
					}),
				),
			},
		};
	},
};
