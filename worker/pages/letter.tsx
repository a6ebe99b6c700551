/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import type { LetterCampaign } from "../../schema";
import { writeLetterAction } from "../actions/write-letter";
import { cardUrl } from "../cards/card";
import { config } from "../config";
import { campaignText, type DraftLetter, draftLetters, findLetterCampaign } from "../domain/letters/letters";
import { findListById, listText } from "../domain/lists/lists";
import { stateChoices } from "../domain/states/states-directory";
import { actionContext } from "../http/public-write";
import { countryField, letterBody } from "../http/schemas";
import type { Locale } from "../i18n/locales";
import { isCountryCode } from "../lib/countries";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import {
	actionAnswer,
	Checkbox,
	CountrySelect,
	check,
	ErrorSummary,
	type FieldErrors,
	formFields,
	Honeypot,
	notFoundPage,
	pageLocale,
	SignerFields,
	sameSiteForm,
	TextArea,
	ticked,
} from "./forms";
import { langOf, Page } from "./layout";
import { pageStrings } from "./strings";

interface Shown {
	c: Context<AppEnv>;
	locale: Locale;
	campaign: LetterCampaign;
	title: string;
	/** The language the campaign's words are in (its default when it has none in the page's). */
	textLocale: string;
	updates?: { text: string; locale: string };
	/** The States this campaign can write to, named in the page's language. */
	countries: { code: string; name: string }[];
	/** The letter(s) for the chosen country; none yet when the country is to be chosen. */
	draft?: { country: string; letters: DraftLetter[] };
	values: Record<string, string>;
	errors: FieldErrors;
	notice?: string;
}

function LetterPage(props: Shown) {
	const { campaign, locale, draft, values, errors } = props;
	const t = pageStrings[locale];
	const path = `/l/${campaign.slug}`;
	const indexed = Object.keys(errors).length === 0 && !props.notice;
	return (
		<Page
			locale={locale}
			title={props.title}
			titleLocale={props.textLocale}
			robots={indexed ? "index" : "noindex"}
			share={{
				url: `${config(props.c.env).publicUrl}${path}`,
				description: t.letterIntro,
				image: cardUrl(config(props.c.env).publicUrl, "l", campaign.slug, props.locale),
			}}
			quickExit={campaign.quickExit}
		>
			<ErrorSummary t={t} errors={errors} />
			<h1 {...langOf(props.textLocale)}>{props.title}</h1>
			{campaign.status !== "open" ? (
				<p>
					<strong>{t.closedTitle}</strong>
				</p>
			) : draft ? (
				<>
					<p>{props.notice ?? t.letterIntro}</p>
					<form class="action" method="post" action={path} novalidate>
						<input type="hidden" name="locale" value={locale} />
						<input type="hidden" name="drafted" value={draft.country} />
						{draft.letters.map((letter) => (
							<p>
								<strong>{t.formLetterTo}:</strong> <span {...langOf(props.textLocale)}>{letter.target.name}</span>
								<br />
								<strong>{t.formLetterSubject}:</strong> <span {...langOf(props.textLocale)}>{letter.subject}</span>
							</p>
						))}
						<SignerFields
							t={t}
							locale={locale}
							values={values}
							errors={errors}
							country={values.country ?? draft.country}
							countries={props.countries}
						/>
						<TextArea
							name="body"
							label={t.formLetterBody}
							textLocale={props.textLocale}
							value={values.body ?? draft.letters[0]?.body ?? ""}
							error={errors.body}
						/>
						{props.updates ? (
							<Checkbox
								name="subscribe"
								label={props.updates.text}
								textLocale={props.updates.locale}
								checked={ticked(values.subscribe)}
							/>
						) : null}
						<Honeypot t={t} />
						<button type="submit">{t.formSendLetter}</button>
					</form>
				</>
			) : (
				<>
					<p>{t.letterChooseIntro}</p>
					<form class="action" method="get" action={path}>
						<input type="hidden" name="locale" value={locale} />
						<CountrySelect
							t={t}
							locale={locale}
							value={values.country}
							error={errors.country}
							options={props.countries}
						/>
						<button type="submit">{t.formShowLetter}</button>
					</form>
				</>
			)}
		</Page>
	);
}

async function context(c: Context<AppEnv>, posted?: string) {
	const campaign = await findLetterCampaign(c.var.db, c.req.param("slug") ?? "");
	const locale = pageLocale(c, campaign?.defaultLocale ?? "", posted);
	if (!campaign) return { locale };
	const text = await campaignText(c.var.db, campaign, locale);
	const list = campaign.listId ? await findListById(c.var.db, campaign.listId) : undefined;
	const listWords = list?.status === "open" ? await listText(c.var.db, list, locale) : undefined;
	const updates = listWords ? { text: listWords.consentText, locale: listWords.locale } : undefined;
	const countries = await stateChoices(c.var.db, locale);
	return { locale, campaign, title: text?.title ?? "", textLocale: text?.locale ?? locale, updates, countries };
}

/** The draft for a country, or undefined when the campaign has no State to write to for it. */
async function draftFor(c: Context<AppEnv>, campaign: LetterCampaign, country: string, locale: Locale) {
	try {
		const draft = await draftLetters(c.var.db, campaign, { country, locale });
		return { country, letters: draft.letters };
	} catch (err) {
		if (err instanceof DomainError && err.status === 422) return undefined;
		throw err;
	}
}

const validCountry = (value: string | undefined) => {
	const parsed = v.safeParse(countryField, value ?? "");
	return parsed.success ? parsed.output : undefined;
};

/** A letter campaign's page: the letter to the visitor's State, to read, edit and send, without any script. */
export const letterPages = new Hono<AppEnv>()
	.get("/:slug", async (c) => {
		const { locale, campaign, title, textLocale, updates, countries } = await context(c);
		if (!campaign) return notFoundPage(c, locale);
		const t = pageStrings[locale];
		const asked = c.req.query("country");
		const seen = (c.req.raw as Request & { cf?: { country?: string } }).cf?.country;
		const country = validCountry(asked) ?? (seen && /^[A-Z]{2}$/.test(seen) && isCountryCode(seen) ? seen : undefined);
		const draft = country ? await draftFor(c, campaign, country, locale) : undefined;
		// Without ?country=, the page depends on where the request comes from: not for shared caches.
		c.header("Cache-Control", asked ? "public, max-age=0, s-maxage=60" : "private, max-age=0");
		c.header("Vary", "Accept-Language");
		const wrong = asked !== undefined && !draft;
		const shown = {
			c,
			locale,
			campaign,
			title,
			textLocale,
			updates,
			countries,
			draft,
			values: { country: country ?? "" },
		};
		return c.html(<LetterPage {...shown} errors={wrong ? { country: t.errCountry } : {}} />, wrong ? 422 : 200);
	})
	.post("/:slug", sameSiteForm, async (c) => {
		const form = await formFields(c);
		const { locale, campaign, title, textLocale, updates, countries } = await context(c, form.locale);
		if (!campaign) return notFoundPage(c, locale);
		const t = pageStrings[locale];
		c.header("Cache-Control", "no-store");
		const country = validCountry(form.country);
		const drafted = validCountry(form.drafted);
		const draftCountry = country ?? drafted;
		const draft = draftCountry ? await draftFor(c, campaign, draftCountry, locale) : undefined;
		const shown = { c, locale, campaign, title, textLocale, updates, countries, draft, values: form };
		const again = (errors: FieldErrors) =>
			c.html(<LetterPage {...shown} draft={draft ?? { country: "", letters: [] }} errors={errors} />, 422);
		const parsed = check(t, letterBody, {
			email: form.email ?? "",
			name: form.name ?? "",
			country: form.country ?? "",
			locale,
			body: form.body ?? "",
			subscribe: Boolean(updates) && ticked(form.subscribe),
			website: form.website,
			turnstileToken: form["cf-turnstile-response"] || undefined,
		});
		if (!parsed.ok) return again(parsed.errors);
		if (!draft) return again({ country: t.errCountry });
		// The country changed since the letter was drafted: the writer reads the new one first.
		if (drafted && country && drafted !== country) {
			const fresh = { ...form, body: draft.letters[0]?.body ?? "" };
			return c.html(<LetterPage {...shown} values={fresh} errors={{}} notice={t.letterRedrafted} />, 200);
		}
		const result = await writeLetterAction(actionContext(c), campaign.slug, parsed.output);
		return actionAnswer(c, locale, result, again, t.checkInboxLetter);
	});
