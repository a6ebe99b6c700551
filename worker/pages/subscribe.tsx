/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { subscribeAction } from "../actions/subscribe";
import { config } from "../config";
import { findList, type ListRef, type ListText, listText } from "../domain/lists/lists";
import { quickExitFor } from "../domain/partners/widget-data";
import { actionContext } from "../http/public-write";
import { subscriptionBody } from "../http/schemas";
import type { Locale } from "../i18n/locales";
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
	sameSiteForm,
	TextField,
	ticked,
} from "./forms";
import { langOf, Page } from "./layout";
import { pageStrings } from "./strings";

function SubscribePage(props: {
	c: Context<AppEnv>;
	locale: Locale;
	list: ListRef;
	text: ListText;
	values: Record<string, string>;
	errors: FieldErrors;
	quickExit: boolean;
}) {
	const { list, text, locale, values, errors } = props;
	const t = pageStrings[locale];
	const indexed = Object.keys(errors).length === 0;
	return (
		<Page
			locale={locale}
			title={text.name}
			titleLocale={text.locale}
			robots={indexed ? "index" : "noindex"}
			share={{ url: `${config(props.c.env).publicUrl}/s/${list.slug}`, description: text.description }}
			quickExit={props.quickExit}
		>
			<ErrorSummary t={t} errors={errors} />
			<div {...langOf(text.locale)}>
				<h1>{text.name}</h1>
				<p>{text.description}</p>
			</div>
			{text.sample ? <p class="muted">{t.sampleNotice}</p> : null}
			{list.status === "open" ? (
				<form class="action" method="post" action={`/s/${list.slug}`} novalidate>
					<input type="hidden" name="locale" value={locale} />
					<TextField
						name="email"
						type="email"
						label={t.formEmail}
						value={values.email}
						error={errors.email}
						required
						autocomplete="email"
					/>
					<TextField
						name="name"
						label={t.formNameOptional}
						value={values.name}
						error={errors.name}
						autocomplete="name"
					/>
					<Checkbox
						name="consent"
						label={text.consentText}
						textLocale={text.locale}
						checked={ticked(values.consent)}
						error={errors.consent}
						required
					/>
					<Honeypot t={t} />
					<button type="submit">{t.formSubscribe}</button>
				</form>
			) : (
				<p>
					<strong>{t.closedTitle}</strong>
				</p>
			)}
			<p class="muted">{t.subscribedBody}</p>
			<p class="muted">{t.privacyNoteHidden}</p>
		</Page>
	);
}

async function listAndText(c: Context<AppEnv>, posted?: string) {
	const list = await findList(c.var.db, c.req.param("slug") ?? "");
	const locale = pageLocale(c, list?.defaultLocale ?? "", posted);
	const text = list ? await listText(c.var.db, list, locale) : undefined;
	const quickExit = list ? await quickExitFor(c.var.db, "subscribe", list.slug) : true;
	return { list, locale, text, quickExit };
}

/** A list's public page: what it sends, and a form to subscribe (double opt-in), without any script. */
export const subscribePages = new Hono<AppEnv>()
	.get("/:slug", async (c) => {
		const { list, locale, text, quickExit } = await listAndText(c);
		if (!list || !text) return notFoundPage(c, locale);
		c.header("Cache-Control", "public, max-age=0, s-maxage=60, stale-while-revalidate=600");
		c.header("Vary", "Accept-Language");
		return c.html(
			<SubscribePage c={c} locale={locale} list={list} text={text} values={{}} errors={{}} quickExit={quickExit} />,
		);
	})
	.post("/:slug", sameSiteForm, async (c) => {
		const form = await formFields(c);
		const { list, locale, text, quickExit } = await listAndText(c, form.locale);
		if (!list || !text) return notFoundPage(c, locale);
		const t = pageStrings[locale];
		c.header("Cache-Control", "no-store");
		const again = (errors: FieldErrors) =>
			c.html(
				<SubscribePage
					c={c}
					locale={locale}
					list={list}
					text={text}
					values={form}
					errors={errors}
					quickExit={quickExit}
				/>,
				422,
			);
		const name = form.name?.trim() ? form.name : undefined;
		const parsed = check(t, subscriptionBody, {
			email: form.email ?? "",
			name,
			locale,
			website: form.website,
			turnstileToken: form["cf-turnstile-response"] || undefined,
		});
		// The one rule of the form alone: the consent line, shown above, is ticked.
		const consentError: FieldErrors = ticked(form.consent) ? {} : { consent: t.errConsent };
		if (!parsed.ok || !ticked(form.consent)) {
			return again({ ...(parsed.ok ? {} : parsed.errors), ...consentError });
		}
		const result = await subscribeAction(actionContext(c), list.slug, parsed.output);
		return actionAnswer(c, locale, result, again, t.checkInboxSubscribe);
	});
