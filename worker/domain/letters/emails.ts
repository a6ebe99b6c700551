import { type ContentLoaders, days, linkUrl, sentOnBehalf } from "../email/content";
import { CONFIRM_TOKEN_TTL_MS, tokenOfOutbox } from "../links/tokens";
import { letterDetails } from "./letter-details";
import { findTarget, targetName } from "./targets";

/**
 * The letters' emails: to the writer (the confirmation link, "already written", "did they
 * answer?") and to the State (one letter, or the day's digest).
 */
export const letterEmails: ContentLoaders<
	"confirm-letter" | "already-written" | "letter-to-state" | "letter-reply-question" | "letter-digest"
> = {
	async "confirm-letter"(db, links, email) {
		const letter = await letterDetails(db, email.props.letterId);
		if (!letter) return null;
		// What this link confirms: its own request's name and words.
		const request = (await tokenOfOutbox(db, links.secret, email.id))?.request;
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
	},
	async "already-written"(db, links, email) {
		const letter = await letterDetails(db, email.props.letterId);
		if (!letter) return null;
		return {
			props: {
				locale: email.locale,
				name: letter.writerName,
				stateName: targetName(letter.target, email.locale),
				statesUrl: `${links.publicUrl}/states?locale=${email.locale}`,
			},
		};
	},
	async "letter-reply-question"(db, links, email) {
		const letter = await letterDetails(db, email.props.letterId);
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
	},
	async "letter-to-state"(db, links, email) {
		const letter = await letterDetails(db, email.props.letterId);
		if (!letter) return null;
		const writerState = await findTarget(db, letter.writerCountry);
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
	},
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
