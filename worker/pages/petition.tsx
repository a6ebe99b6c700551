/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { signPetitionAction } from "../actions/sign-petition";
import { cardUrl } from "../cards/card";
import { config } from "../config";
import { findListById, listText } from "../domain/lists/lists";
import { quickExitFor } from "../domain/partners/widget-data";
import { findPetition, getPetitionView, type PetitionRef, type PetitionView } from "../domain/petitions/petitions";
import { parseReferral } from "../domain/petitions/referrals";
import { actionContext } from "../http/public-write";
import { signatureBody } from "../http/schemas";
import type { Locale } from "../i18n/locales";
import { formatNumber, pluralForm } from "../i18n/plural";
import type { AppEnv } from "../types";
import {
	actionAnswer,
	Checkbox,
	check,
	ErrorSummary,
	type FieldErrors,
	formFields,
	Honeypot,
	notFoundPage,
	pageLocale,
	SignerFields,
	sameSiteForm,
	ticked,
} from "./forms";
import { langOf, Page } from "./layout";
import { pageStrings } from "./strings";

/** The consent line of the petition's updates list, in the page's language, when it has an open one. */
async function updatesLine(
	c: Context<AppEnv>,
	petition: PetitionRef,
	locale: Locale,
): Promise<{ text: string; locale: string } | undefined> {
	if (!petition.listId) return undefined;
	const list = await findListById(c.var.db, petition.listId);
	if (list?.status !== "open") return undefined;
	const text = await listText(c.var.db, list, locale);
	return text ? { text: text.consentText, locale: text.locale } : undefined;
}

function PetitionPage(props: {
	c: Context<AppEnv>;
	locale: Locale;
	view: PetitionView;
	updates?: { text: string; locale: string };
	values: Record<string, string>;
	errors: FieldErrors;
	quickExit: boolean;
}) {
	const { view, locale, values, errors } = props;
	const t = pageStrings[locale];
	const sample = view.demands.some((g) => g.demands.some((d) => d.sample));
	const url = `${config(props.c.env).publicUrl}/p/${view.slug}`;
	const indexed = Object.keys(errors).length === 0;
	return (
		<Page
			locale={locale}
			title={view.title}
			titleLocale={view.locale}
			robots={indexed ? "index" : "noindex"}
			share={{ url, description: view.summary, image: cardUrl(config(props.c.env).publicUrl, "p", view.slug, locale) }}
			quickExit={props.quickExit}
		>
			<ErrorSummary t={t} errors={errors} />
			<div {...langOf(view.locale)}>
				<h1>{view.title}</h1>
				<p>{view.summary}</p>
			</div>
			<p>
				<span class="count" data-count={view.count}>
					{formatNumber(locale, view.count)}
				</span>{" "}
				{pluralForm(locale, view.count, t.signatures)} · {t.goal} {formatNumber(locale, view.goal)}
			</p>
			<progress max={view.goal} value={Math.min(view.count, view.goal)} />
			{view.status === "open" ? (
				<form class="action" method="post" action={`/p/${view.slug}`} novalidate>
					<input type="hidden" name="locale" value={locale} />
					{parseReferral(values.r) ? <input type="hidden" name="r" value={values.r} /> : null}
					<SignerFields t={t} locale={locale} values={values} errors={errors} />
					<Checkbox name="showName" label={t.formShowName} checked={ticked(values.showName)} />
					{props.updates ? (
						<Checkbox
							name="subscribe"
							label={props.updates.text}
							textLocale={props.updates.locale}
							checked={ticked(values.subscribe)}
						/>
					) : null}
					<Honeypot t={t} />
					<button type="submit">{t.formSign}</button>
				</form>
			) : (
				<p>
					<strong>{t.closedTitle}</strong>
				</p>
			)}
			<div {...langOf(view.locale)}>
				{view.demands.map((group) => (
					<section>
						<h2>{group.heading}</h2>
						<ul>
							{group.demands.map((d) => (
								<li>{d.text}</li>
							))}
						</ul>
					</section>
				))}
			</div>
			{sample ? <p class="muted">{t.sampleNotice}</p> : null}
			<p class="muted">{t.privacyNote}</p>
		</Page>
	);
}

/** The form's starting values: the share link's code, when the address carries a valid one. */
const referralValues = (r: string | undefined): Record<string, string> => (r && parseReferral(r) ? { r } : {});

/** The public page of a petition: its text, its demands, its count and a form to sign, without any script. */
export const petitionPages = new Hono<AppEnv>()
	.get("/:slug", async (c) => {
		const petition = await findPetition(c.var.db, c.req.param("slug"));
		const locale = pageLocale(c, petition?.defaultLocale ?? "");
		const view = petition ? await getPetitionView(c.var.db, petition.slug, locale) : null;
		if (!petition || !view) return notFoundPage(c, locale);
		const [updates, quickExit] = await Promise.all([
			updatesLine(c, petition, locale),
			quickExitFor(c.var.db, "petition", petition.slug),
		]);
		// Shared caches may keep it briefly; browsers ask again, so that someone who has just
		// confirmed sees their signature counted when they come back to the page.
		c.header("Cache-Control", "public, max-age=0, s-maxage=10, stale-while-revalidate=60");
		c.header("Vary", "Accept-Language");
		return c.html(
			<PetitionPage
				c={c}
				locale={locale}
				view={view}
				updates={updates}
				values={referralValues(c.req.query("r"))}
				errors={{}}
				quickExit={quickExit}
			/>,
		);
	})
	/** The form's own submission: the API's schema, checks and domain, answered as pages. */
	.post("/:slug", sameSiteForm, async (c) => {
		const form = await formFields(c);
		const petition = await findPetition(c.var.db, c.req.param("slug"));
		const locale = pageLocale(c, petition?.defaultLocale ?? "", form.locale);
		const view = petition ? await getPetitionView(c.var.db, petition.slug, locale) : null;
		if (!petition || !view) return notFoundPage(c, locale);
		const t = pageStrings[locale];
		const [updates, quickExit] = await Promise.all([
			updatesLine(c, petition, locale),
			quickExitFor(c.var.db, "petition", petition.slug),
		]);
		c.header("Cache-Control", "no-store");
		const again = (errors: FieldErrors) =>
			c.html(
				<PetitionPage
					c={c}
					locale={locale}
					view={view}
					updates={updates}
					values={form}
					errors={errors}
					quickExit={quickExit}
				/>,
				422,
			);
		const parsed = check(t, signatureBody, {
			email: form.email ?? "",
			name: form.name ?? "",
			country: form.country ?? "",
			locale,
			subscribe: Boolean(updates) && ticked(form.subscribe),
			showName: ticked(form.showName),
			website: form.website,
			turnstileToken: form["cf-turnstile-response"] || undefined,
			// A share link's code rides along; one that is not a code is dropped, not an error.
			referral: parseReferral(form.r) ? form.r : undefined,
		});
		if (!parsed.ok) return again(parsed.errors);
		const result = await signPetitionAction(actionContext(c), petition.slug, parsed.output);
		return actionAnswer(c, locale, result, again, t.checkInboxSign);
	});
