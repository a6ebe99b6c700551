import { Hono } from "hono";
import * as v from "valibot";
import { letterCampaignNotFound, writeLetterAction } from "../actions/write-letter";
import { draftLetters, findLetterCampaign } from "../domain/letters/letters";
import { scoreboard } from "../domain/states/scoreboard";
import { allowedOrigin } from "../http/origin";
import { actionContext, publicWrite, publicWriteMethods } from "../http/public-write";
import { countryField, letterBody, nameField, slugParam } from "../http/schemas";
import { validate } from "../http/validate";
import { defaultLocale, matchLocale } from "../i18n/locales";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

const draftQuery = v.object({
	country: v.optional(countryField),
	locale: v.optional(v.string()),
	name: v.optional(nameField),
});

async function campaignOr404(c: { var: AppEnv["Variables"] }, slug: string) {
	const campaign = await findLetterCampaign(c.var.db, slug);
	if (!campaign) throw letterCampaignNotFound();
	return campaign;
}

export const lettersApi = new Hono<AppEnv>()
	/**
	 * The letter(s) as the writer will send them. The State is the writer's own by default: the
	 * country asked, or the one Cloudflare sees the request from.
	 */
	.get("/:slug/draft", validate("param", slugParam), validate("query", draftQuery), async (c) => {
		const campaign = await campaignOr404(c, c.req.valid("param").slug);
		const query = c.req.valid("query");
		const seen = (c.req.raw as Request & { cf?: { country?: string } }).cf?.country;
		const country = query.country ?? (seen && /^[A-Z]{2}$/.test(seen) ? seen : undefined);
		if (!country) {
			throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
				issues: [{ path: "country", message: "Choose your country." }],
			});
		}
		const locale = matchLocale(query.locale) ?? matchLocale(campaign.defaultLocale) ?? defaultLocale;
		const draft = await draftLetters(c.var.db, campaign, { country, locale, name: query.name });
		c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
		return c.json({ campaign: campaign.slug, country, ...draft });
	})
	/** Writes the letter(s): 202, sent only after the writer confirms their email. */
	.on(
		publicWriteMethods,
		"/:slug",
		...publicWrite,
		validate("param", slugParam),
		validate("json", letterBody),
		allowedOrigin,
		async (c) => {
			const result = await writeLetterAction(actionContext(c), c.req.valid("param").slug, c.req.valid("json"));
			if (result.outcome === "refused") throw result.error;
			return c.json({ status: "pending" }, 202);
		},
	)
	/** The public scoreboard of States for this campaign. */
	.get("/:slug/scoreboard", validate("param", slugParam), async (c) => {
		const campaign = await campaignOr404(c, c.req.valid("param").slug);
		const locale = matchLocale(c.req.query("locale")) ?? defaultLocale;
		c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
		return c.json({ campaign: campaign.slug, locale, states: await scoreboard(c.var.db, locale, campaign.id) });
	});
