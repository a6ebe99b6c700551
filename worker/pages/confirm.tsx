/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { findPetition, petitionTitle } from "../domain/petitions";
import { confirmSignature, inspectConfirmationLink, type LinkState, renewConfirmationLink } from "../domain/signatures";
import { appSecret } from "../jobs/config";
import { clientIp, hashIp } from "../lib/client";
import { ApiError } from "../lib/errors";
import { defaultLocale, type Locale, localeFromAcceptLanguage, matchLocale } from "../lib/locale";
import { enforceRateLimit } from "../lib/rate-limit";
import { enqueueDeliveries } from "../mail/outbox";
import type { AppEnv } from "../types";
import { Page } from "./layout";
import { pageStrings } from "./strings";

function wantsJson(c: Context): boolean {
	return (c.req.header("accept") ?? "").includes("application/json");
}

function localeOf(c: Context, link: LinkState): Locale {
	return (
		(link.state !== "invalid" ? matchLocale(link.locale) : undefined) ??
		localeFromAcceptLanguage(c.req.header("accept-language")) ??
		defaultLocale
	);
}

async function titleFor(c: Context<AppEnv>, link: LinkState, locale: Locale): Promise<string> {
	if (link.state === "invalid") return "";
	const petition = await findPetition(c.var.db, link.petitionSlug);
	return petition ? petitionTitle(c.var.db, petition.id, locale) : "";
}

/** The page (or JSON) for a link in a given state. */
async function answer(c: Context<AppEnv>, link: LinkState) {
	const token = c.req.param("token") ?? "";
	if (wantsJson(c)) {
		if (link.state === "invalid") throw new ApiError(404, "invalid_token", "This confirmation link is not valid.");
		if (link.state === "expired") {
			throw new ApiError(410, "token_expired", "This confirmation link has expired. Ask for a fresh one.");
		}
		return c.json({ status: link.state === "done" ? "confirmed" : "pending", petition: link.petitionSlug });
	}
	const locale = localeOf(c, link);
	const t = pageStrings[locale];
	const title = await titleFor(c, link, locale);
	c.header("Cache-Control", "no-store");
	switch (link.state) {
		case "invalid":
			return c.html(
				<Page locale={locale} title={t.invalidTitle}>
					<h1>{t.invalidTitle}</h1>
					<p>{t.invalidBody}</p>
				</Page>,
				404,
			);
		case "expired":
			return c.html(
				<Page locale={locale} title={t.expiredTitle}>
					<h1>{t.expiredTitle}</h1>
					<p>{t.expiredBody}</p>
					<form method="post" action={`/confirm/${token}/renew`}>
						<button type="submit">{t.expiredButton}</button>
					</form>
				</Page>,
				410,
			);
		case "ready":
			// A page, not an action: mail scanners that fetch links must not confirm anything.
			return c.html(
				<Page locale={locale} title={t.confirmTitle}>
					<h1>{t.confirmTitle}</h1>
					<p>
						{t.confirmIntro} <strong dir="auto">{title}</strong>.
					</p>
					<form method="post" action={`/confirm/${token}`}>
						<button type="submit">{t.confirmButton}</button>
					</form>
				</Page>,
			);
		case "done":
			return c.html(
				<Page locale={locale} title={t.thanksTitle}>
					<h1>{t.thanksTitle}</h1>
					<p>{t.thanksBody}</p>
					<p>
						<a href={`/p/${link.petitionSlug}?locale=${locale}`}>{title || t.petitionLink}</a>
					</p>
				</Page>,
			);
	}
}

export const confirmPages = new Hono<AppEnv>()
	.get("/:token", async (c) => answer(c, await inspectConfirmationLink(c.var.db, c.req.param("token"), Date.now())))
	.post("/:token", async (c) => answer(c, await confirmSignature(c.var.db, c.req.param("token"), Date.now())))
	.post("/:token/renew", async (c) => {
		const secret = appSecret(c.env);
		await enforceRateLimit(c.env.IP_LIMITER, await hashIp(secret, clientIp(c)), "from your network");
		const token = c.req.param("token");
		const deliveries = await renewConfirmationLink({ db: c.var.db, secret, now: Date.now() }, token);
		c.executionCtx.waitUntil(enqueueDeliveries(c.env.QUEUE, deliveries).catch((err) => console.error(String(err))));
		// The same answer whether or not a link went out: nothing to learn about the address.
		const link = await inspectConfirmationLink(c.var.db, token, Date.now());
		if (wantsJson(c)) return c.json({ status: "requested" }, 202);
		const locale = localeOf(c, link);
		const t = pageStrings[locale];
		c.header("Cache-Control", "no-store");
		return c.html(
			<Page locale={locale} title={t.renewedTitle}>
				<h1>{t.renewedTitle}</h1>
				<p>{t.renewedBody}</p>
			</Page>,
		);
	});
