// Share cards: the Open Graph image of each petition and letter campaign, in each language
// (/p/:slug/card/:locale.png, /l/:slug/card/:locale.png), that a share to WhatsApp, Telegram, X
// or Facebook shows. Drawn by the engine (worker/cards) and kept in the data centre's cache under
// what it shows: a new count or title is a new card, the same one is drawn once.
import { type Context, Hono } from "hono";
import { type CardText, renderCard } from "../cards/card";
import { config } from "../config";
import { campaignText, findLetterCampaign, lettersSentIn } from "../domain/letters/letters";
import { getPetitionView } from "../domain/petitions/petitions";
import { isRtl, type Locale, matchLocale } from "../i18n/locales";
import { formatNumber, pluralForm } from "../i18n/plural";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import { mapStrings } from "./map-strings";
import { pageStrings } from "./strings";

/** Bumped when the drawing changes, so that no cache keeps an old one. */
const CARD_VERSION = 1;

function localeOf(file: string): Locale {
	const match = /^([a-z]{2})\.png$/.exec(file);
	const locale = match ? matchLocale(match[1]) : undefined;
	if (!locale || match?.[1] !== locale) throw new DomainError(404, "not_found", "No such card.");
	return locale;
}

function notFound(): never {
	throw new DomainError(404, "not_found", "No such card.");
}

async function hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The card for these words: from the cache when it was drawn before, else drawn and kept. */
async function card(c: Context<AppEnv>, text: CardText): Promise<Response> {
	const publicUrl = config(c.env).publicUrl;
	const key = new Request(`${publicUrl}/__cards/${await hex(JSON.stringify([CARD_VERSION, text]))}.png`);
	const cache = typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
	const kept = await cache?.match(key);
	// A copy: the cache's own headers cannot be changed, and the app's middleware adds some.
	if (kept) return new Response(kept.body, kept);
	const png = await renderCard(c.env.ASSETS, text);
	const response = new Response(png, {
		headers: {
			"Content-Type": "image/png",
			// Crawlers of the networks take it once per share; a count a few minutes old is fine.
			"Cache-Control": "public, max-age=300, stale-while-revalidate=3600",
			"X-Content-Type-Options": "nosniff",
		},
	});
	if (cache) c.executionCtx.waitUntil(cache.put(key, response.clone()));
	return response;
}

const site = (publicUrl: string) => new URL(publicUrl).host;

export const cards = new Hono<AppEnv>()
	.get("/p/:slug/card/:file", async (c) => {
		const locale = localeOf(c.req.param("file"));
		const view = await getPetitionView(c.var.db, c.req.param("slug"), locale);
		if (!view) notFound();
		const t = pageStrings[locale];
		return card(c, {
			title: { text: view.title, rtl: isRtl(view.locale) },
			count: `${formatNumber(locale, view.count)} ${pluralForm(locale, view.count, t.signatures)}`,
			goal: `${t.goal} ${formatNumber(locale, view.goal)}`,
			progress: view.goal > 0 ? view.count / view.goal : 0,
			rtl: isRtl(locale),
			site: site(config(c.env).publicUrl),
			campaign: "Red Line",
		});
	})
	.get("/l/:slug/card/:file", async (c) => {
		const locale = localeOf(c.req.param("file"));
		const campaign = await findLetterCampaign(c.var.db, c.req.param("slug"));
		if (!campaign) notFound();
		const [text, sent] = await Promise.all([
			campaignText(c.var.db, campaign, locale),
			lettersSentIn(c.var.db, campaign.id),
		]);
		if (!text) notFound();
		return card(c, {
			title: { text: text.title, rtl: isRtl(text.locale) },
			count: mapStrings[locale].lettersSent(sent),
			rtl: isRtl(locale),
			site: site(config(c.env).publicUrl),
			campaign: "Red Line",
		});
	});
