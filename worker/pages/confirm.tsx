/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { config } from "../config";
import { letterDetails } from "../domain/letters/letter-details";
import { targetNameIn } from "../domain/letters/targets";
import {
	confirmLink,
	inspectConfirmLink,
	type LinkState,
	type ReadLink,
	renewConfirmLink,
	type SignaturePage,
} from "../domain/links/confirm-links";
import { findList, listText } from "../domain/lists/lists";
import { quickExitFor } from "../domain/partners/widget-data";
import { shareCodeOf } from "../domain/petitions/referrals";
import { deliverLater, queueIntake } from "../http/public-write";
import { defaultLocale, type Locale, localeFromAcceptLanguage, matchLocale } from "../i18n/locales";
import { clientIp, hashIp } from "../lib/client";
import { DomainError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import type { AppEnv } from "../types";
import { langOf, Page } from "./layout";
import { ShareBlock } from "./share";
import { type PageStrings, pageStrings } from "./strings";

/** True when the client asked for JSON rather than a page. */
export function wantsJson(c: Context): boolean {
	return (c.req.header("accept") ?? "").includes("application/json");
}

function localeOf(c: Context, link: LinkState): Locale {
	return (
		(link.state !== "invalid" ? matchLocale(link.locale) : undefined) ??
		localeFromAcceptLanguage(c.req.header("accept-language")) ??
		defaultLocale
	);
}

/** A petition's title in the page's language, else in its default one (as petitionTitleIn picks it). */
function titleIn(page: SignaturePage, locale: Locale): { text: string; locale: string } {
	const pick = [locale, page.defaultLocale, ...Object.keys(page.titles)].find((l) => page.titles[l] !== undefined);
	return pick ? { text: page.titles[pick] ?? "", locale: pick } : { text: "", locale };
}

/** The petition's title, the list's name or the State written to, in the page's language. */
async function titleFor(
	c: Context<AppEnv>,
	{ link, page }: ReadLink,
	locale: Locale,
): Promise<{ text: string; locale: string }> {
	const none = { text: "", locale };
	if (link.state === "invalid") return none;
	// A signature's link was read with its petition's titles (one statement for the click).
	if (page) return titleIn(page, locale);
	if (link.kind === "letter") {
		const letter = await letterDetails(c.var.db, link.subjectId);
		return letter ? targetNameIn(letter.target, locale) : none;
	}
	if (link.kind === "signature") return none;
	const list = await findList(c.var.db, link.slug);
	const text = list ? await listText(c.var.db, list, locale) : undefined;
	return text ? { text: text.name, locale: text.locale } : none;
}

/** The action behind each kind of link, for its quick-exit switch. */
const actionOf = { signature: "petition", subscription: "subscribe", letter: "letter" } as const;

/**
 * What the link confirms, as its own request gave it: the owner of the address sees whose name,
 * country and choice they are about to confirm (another request with their address has a link
 * of its own).
 */
function RequestDetailsList(props: { t: PageStrings; locale: Locale; link: LinkState }) {
	const { t, link } = props;
	if (link.state === "invalid" || !link.request) return null;
	const { name, country, showName } = link.request;
	const countryName =
		new Intl.DisplayNames([props.locale], { type: "region", fallback: "code" }).of(country) ?? country;
	return (
		<section class="details">
			<p>{t.confirmDetails}</p>
			<dl>
				<dt>{t.formName}</dt>
				<dd dir="auto">{name}</dd>
				<dt>{t.formCountry}</dt>
				<dd>{countryName}</dd>
			</dl>
			{link.kind === "signature" ? <p>{showName ? t.confirmNameShown : t.confirmNameHidden}</p> : null}
		</section>
	);
}

/** The page (or JSON) for a link in a given state. */
async function answer(c: Context<AppEnv>, read: ReadLink) {
	const { link, page } = read;
	const token = c.req.param("token") ?? "";
	if (wantsJson(c)) {
		if (link.state === "invalid") throw new DomainError(404, "invalid_token", "This confirmation link is not valid.");
		if (link.state === "expired") {
			throw new DomainError(410, "token_expired", "This confirmation link has expired. Ask for a fresh one.");
		}
		const status = link.state === "done" ? "confirmed" : "pending";
		const key = { signature: "petition", subscription: "list", letter: "campaign" }[link.kind];
		return c.json({ status, [key]: link.slug });
	}
	const locale = localeOf(c, link);
	const t = pageStrings[locale];
	const [title, quickExit] = await Promise.all([
		titleFor(c, read, locale),
		link.state === "invalid" ? true : (page?.quickExit ?? quickExitFor(c.var.db, actionOf[link.kind], link.slug)),
	]);
	c.header("Cache-Control", "no-store");
	if (link.state === "invalid") {
		return c.html(
			<Page locale={locale} title={t.invalidTitle}>
				<h1>{t.invalidTitle}</h1>
				<p>{t.invalidBody}</p>
			</Page>,
			404,
		);
	}
	const signature = link.kind === "signature";
	const words = {
		signature: {
			heading: t.confirmTitle,
			intro: t.confirmIntro,
			button: t.confirmButton,
			done: t.thanksTitle,
			doneBody: t.thanksBody,
		},
		subscription: {
			heading: t.subscribeConfirmTitle,
			intro: t.subscribeConfirmIntro,
			button: t.subscribeConfirmButton,
			done: t.subscribedTitle,
			doneBody: t.subscribedBody,
		},
		letter: {
			heading: t.letterConfirmTitle,
			intro: t.letterConfirmIntro,
			button: t.letterConfirmButton,
			done: t.letterSentTitle,
			doneBody: t.letterSentBody,
		},
	}[link.kind];
	switch (link.state) {
		case "expired":
			return c.html(
				<Page locale={locale} title={t.expiredTitle} quickExit={quickExit}>
					<h1>{t.expiredTitle}</h1>
					<p>{t.expiredBody}</p>
					<form method="post" action={`/confirm/${token}/renew`}>
						<button type="submit">{t.expiredButton}</button>
					</form>
				</Page>,
				410,
			);
		case "ready": {
			// A page, not an action: mail scanners that fetch links must not confirm anything.
			return c.html(
				<Page locale={locale} title={words.heading} quickExit={quickExit}>
					<h1>{words.heading}</h1>
					<p>
						{words.intro} <strong {...langOf(title.locale)}>{title.text}</strong>.
					</p>
					<RequestDetailsList t={t} locale={locale} link={link} />
					<form method="post" action={`/confirm/${token}`}>
						<button type="submit">{words.button}</button>
					</form>
				</Page>,
			);
		}
		case "done": {
			// The sharer's code: only a confirmed signature has one (one held back gets plain links). A
			// click just queued shows the code the intake consumer records (derived from the signature).
			const shareCode = page?.needsShareCode ? await shareCodeOf(c.var.db, link.subjectId) : (page?.shareCode ?? null);
			return c.html(
				<Page locale={locale} title={words.done} quickExit={quickExit}>
					<h1>{words.done}</h1>
					<p>{words.doneBody}</p>
					{signature ? (
						<p>
							<a href={`/p/${link.slug}?locale=${locale}`} {...(title.text ? langOf(title.locale) : {})}>
								{title.text || t.petitionLink}
							</a>
						</p>
					) : null}
					{signature ? (
						<ShareBlock
							locale={locale}
							petitionUrl={`${config(c.env).publicUrl}/p/${link.slug}`}
							shareCode={shareCode}
							title={title.text || t.petitionLink}
						/>
					) : null}
					{link.kind === "letter" ? (
						<p>
							<a href={`/states?locale=${locale}`}>{t.statesTitle}</a>
						</p>
					) : null}
				</Page>,
			);
		}
	}
}

export const confirmPages = new Hono<AppEnv>()
	.get("/:token", async (c) => answer(c, await inspectConfirmLink(c.var.db, c.req.param("token"), Date.now())))
	.post("/:token", async (c) => {
		const deps = {
			db: c.var.db,
			secret: config(c.env).appSecret,
			now: Date.now(),
			intake: (request: Parameters<typeof queueIntake>[1]) => queueIntake(c, request),
		};
		const read = await confirmLink(deps, c.req.param("token"));
		deliverLater(c, read.deliveries);
		return answer(c, read);
	})
	.post("/:token/renew", async (c) => {
		const secret = config(c.env).appSecret;
		await enforceRateLimit(c.env.IP_LIMITER, await hashIp(secret, clientIp(c)), "from your network");
		const token = c.req.param("token");
		const deliveries = await renewConfirmLink({ db: c.var.db, secret, now: Date.now() }, token);
		deliverLater(c, deliveries);
		// The same answer whether or not a link went out: nothing to learn about the address.
		if (wantsJson(c)) return c.json({ status: "requested" }, 202);
		const locale = localeOf(c, (await inspectConfirmLink(c.var.db, token, Date.now())).link);
		const t = pageStrings[locale];
		c.header("Cache-Control", "no-store");
		return c.html(
			<Page locale={locale} title={t.renewedTitle}>
				<h1>{t.renewedTitle}</h1>
				<p>{t.renewedBody}</p>
			</Page>,
		);
	});
