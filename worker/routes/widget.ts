import { Hono } from "hono";
import { etag } from "hono/etag";
import * as v from "valibot";
import { config } from "../config";
import { getPartner, normaliseOrigin, partnerForOrigin } from "../domain/partners/partners";
import { actionKinds, partnerView, QUICK_EXIT_URL, quickExitFor, widgetData } from "../domain/partners/widget-data";
import { partnerField } from "../http/schemas";
import { validate } from "../http/validate";
import { defaultLocale, matchLocale } from "../i18n/locales";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import type { WidgetResponse } from "../widget/client/types";
import { hash, script } from "../widget/dist/widget.js";

/** The versioned URL of this build of the widget: cached for good, by browsers and caches. */
export const widgetPath = `/widget/${hash}.js`;

const JS = "text/javascript; charset=utf-8";

const dataParams = v.object({
	kind: v.picklist(actionKinds, "The kind of action is petition, letter or subscribe."),
	slug: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Not a valid slug.")),
});

const dataQuery = v.object({
	lang: v.optional(v.pipe(v.string(), v.maxLength(35))),
	partner: partnerField,
});

const hostedPrefix = { petition: "p", letter: "l", subscribe: "s" } as const;
const submitPath = {
	petition: (slug: string) => `/api/v1/petitions/${slug}/signatures`,
	letter: (slug: string) => `/api/v1/letters/${slug}`,
	subscribe: (slug: string) => `/api/v1/lists/${slug}/subscriptions`,
} as const;

/** Turnstile's public site key, when the engine requires Turnstile on public forms. */
function turnstileSiteKey(env: Env): string | undefined {
	if (!env.TURNSTILE_SECRET_KEY) return undefined;
	return env.TURNSTILE_SITE_KEY || undefined;
}

/**
 * The partners' widget: the script they paste, under a stable URL (briefly cached, so a new
 * build reaches every site within minutes) and a versioned one (cached for good); and its data,
 * everything a widget shows in one response.
 */
export const widget = new Hono<AppEnv>()
	.get("/widget.js", etag(), (c) => {
		c.header("Content-Type", JS);
		c.header("Cache-Control", "public, max-age=300, stale-while-revalidate=86400");
		c.header("Access-Control-Allow-Origin", "*");
		return c.body(script);
	})
	.get("/widget/:file{[0-9a-f]{16}\\.js}", (c) => {
		if (c.req.param("file") !== `${hash}.js`) {
			throw new DomainError(404, "not_found", "This version of the widget no longer exists: load /widget.js.");
		}
		c.header("Content-Type", JS);
		c.header("Cache-Control", "public, max-age=31536000, immutable");
		c.header("Access-Control-Allow-Origin", "*");
		return c.body(script);
	})
	/**
	 * A petition, a list or a letter campaign as a widget shows it, in the reader's language,
	 * with the partner's opt-in line and whether the asking site may submit at all.
	 */
	.get("/api/v1/widget/:kind/:slug", etag(), validate("param", dataParams), validate("query", dataQuery), async (c) => {
		const { kind, slug } = c.req.valid("param");
		const query = c.req.valid("query");
		const locale = matchLocale(query.lang) ?? defaultLocale;
		const seen = (c.req.raw as Request & { cf?: { country?: string } }).cf?.country;
		const data = await widgetData(c.var.db, kind, slug, locale, seen?.toUpperCase());
		if (!data) throw new DomainError(404, "not_found", `There is no ${kind} at this address.`);

		// Who asks: a browser sends its page's origin. The engine's own pages and registered
		// partners' sites may submit; the partner is the one named, else the site's own.
		const base = config(c.env).publicUrl;
		const origin = normaliseOrigin(c.req.header("origin"));
		const ownSite = origin !== null && origin === normaliseOrigin(base);
		const sitePartner = origin && !ownSite ? await partnerForOrigin(c.var.db, origin) : null;
		const partnerSlug = query.partner ?? sitePartner ?? undefined;
		const partner = partnerSlug ? await getPartner(c.var.db, partnerSlug) : undefined;
		const accepts =
			origin === null || ownSite || (sitePartner !== null && (!query.partner || query.partner === sitePartner));
		const quickExit = await quickExitFor(c.var.db, kind, slug);

		const body: WidgetResponse = {
			...data,
			partner: partner ? partnerView(partner, locale) : undefined,
			accepts,
			quickExit: quickExit ? QUICK_EXIT_URL : undefined,
			turnstileSiteKey: turnstileSiteKey(c.env),
			hostedUrl: `${base}/${hostedPrefix[kind]}/${slug}?locale=${locale}`,
			submitUrl: `${base}${submitPath[kind](slug)}`,
		};
		// Browsers revalidate every time (cheap with the ETag), so a count that moved shows at once:
		// no stale-while-revalidate, which Chromium applies to fetches and would show the old count.
		c.header("Cache-Control", "public, max-age=0, s-maxage=10");
		c.header("Vary", "Origin, Accept-Encoding");
		return c.json(body);
	});
