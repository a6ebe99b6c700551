import { Hono } from "hono";
import * as v from "valibot";
import { linkDeps } from "../deps";
import { draftLetters, findLetterCampaign, prepareLetters, writeLetters } from "../domain/letters/letters";
import { scoreboard } from "../domain/states/scoreboard";
import { jsonBody } from "../http/json-body";
import { allowedOrigin } from "../http/origin";
import { guardPublicWrite, writeLater } from "../http/public-write";
import {
	countryField,
	emailField,
	honeypotField,
	localeField,
	nameField,
	partnerField,
	slugParam,
	sourceField,
	turnstileField,
} from "../http/schemas";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import { defaultLocale, matchLocale } from "../lib/locale";
import type { AppEnv } from "../types";

export const letterBody = v.object({
	email: emailField,
	name: nameField,
	country: countryField,
	locale: localeField,
	/** The writer's own text; limits are the campaign's (checked in the domain). */
	body: v.optional(v.pipe(v.string("Write the letter as text."), v.maxLength(20_000, "This letter is too long."))),
	subscribe: v.optional(v.boolean("subscribe is true or false."), false),
	partner: partnerField,
	source: sourceField,
	website: honeypotField,
	turnstileToken: turnstileField,
});

const draftQuery = v.object({
	country: v.optional(countryField),
	locale: v.optional(v.string()),
	name: v.optional(nameField),
});

async function campaignOr404(c: { var: AppEnv["Variables"] }, slug: string) {
	const campaign = await findLetterCampaign(c.var.db, slug);
	if (!campaign)
		throw new DomainError(404, "letter_campaign_not_found", "There is no letter campaign at this address.");
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
	.post("/:slug", ...jsonBody, validate("param", slugParam), validate("json", letterBody), allowedOrigin, async (c) => {
		const body = c.req.valid("json");
		const accepted = c.json({ status: "pending" }, 202);
		const guard = await guardPublicWrite(c, body);
		if (!guard) return accepted;
		const campaign = await campaignOr404(c, c.req.valid("param").slug);
		if (campaign.status !== "open")
			throw new DomainError(409, "letter_campaign_closed", "This letter campaign is closed.");
		const locale = matchLocale(body.locale) ?? matchLocale(campaign.defaultLocale) ?? defaultLocale;
		const input = { ...body, locale };
		// What can refuse the letter depends on the request alone, and is checked now; the rest
		// waits until after the answer, which must not tell whether this address wrote before.
		const prepared = await prepareLetters(c.var.db, campaign, input);
		const deps = linkDeps(c.env, c.var.db);
		writeLater(c, "letter", async () => (await writeLetters(deps, campaign, input, guard.ipHash, prepared)).deliveries);
		return accepted;
	})
	/** The public scoreboard of States for this campaign. */
	.get("/:slug/scoreboard", validate("param", slugParam), async (c) => {
		const campaign = await campaignOr404(c, c.req.valid("param").slug);
		const locale = matchLocale(c.req.query("locale")) ?? defaultLocale;
		c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
		return c.json({ campaign: campaign.slug, locale, states: await scoreboard(c.var.db, locale, campaign.id) });
	});
