import { findLetterCampaign, prepareLetters } from "../domain/letters/letters";
import type { LetterBody } from "../http/schemas";
import { DomainError } from "../lib/errors";
import { type ActionContext, type ActionResult, accepted, actionLocale, ignored, refusing } from "./action";

export const letterCampaignNotFound = () =>
	new DomainError(404, "letter_campaign_not_found", "There is no letter campaign at this address.");

export const letterCampaignClosed = () =>
	new DomainError(409, "letter_campaign_closed", "This letter campaign is closed.");

/**
 * Writing a letter (or letters) to a State, for the API and the letter page alike: the guard,
 * the campaign (404), open (409), the refusals that depend on the request alone (limits of the
 * text: 422); then the request goes onto the intake queue, whose consumer writes the letters:
 * the answer must not tell whether this address wrote before.
 */
export function writeLetterAction(ctx: ActionContext, slug: string, input: LetterBody): Promise<ActionResult> {
	return refusing(async () => {
		const guard = await ctx.guard(input);
		if (!guard) return ignored;
		const campaign = await findLetterCampaign(ctx.db, slug);
		if (!campaign) throw letterCampaignNotFound();
		if (campaign.status !== "open") throw letterCampaignClosed();
		const letter = { ...input, locale: actionLocale(input.locale, campaign.defaultLocale) };
		// Refusals that depend on the request alone (422) come now; the consumer drafts again.
		await prepareLetters(ctx.db, campaign, letter);
		await ctx.intake({ kind: "letter", campaignSlug: campaign.slug, input: letter, ipHash: guard.ipHash });
		return accepted;
	});
}
