/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import countries from "i18n-iso-countries";
import * as v from "valibot";
import type { ActionResult } from "../actions/action";
import { isCrossSite } from "../http/same-origin";
import { defaultLocale, type Locale, localeFromAcceptLanguage, matchLocale } from "../i18n/locales";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import { langOf, Page } from "./layout";
import { type PageStrings, pageStrings } from "./strings";

/** Field name → what is wrong with it, in the page's language. */
export type FieldErrors = Record<string, string>;

/** The page's language: ?locale=, then Accept-Language, then the action's own default. */
export function pageLocale(c: Context<AppEnv>, actionDefault: string, posted?: string): Locale {
	return (
		matchLocale(posted) ??
		matchLocale(c.req.query("locale")) ??
		localeFromAcceptLanguage(c.req.header("accept-language")) ??
		matchLocale(actionDefault) ??
		defaultLocale
	);
}

/** The text fields of a posted form; anything odd (files, a body that does not parse) is dropped. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
	let body: Record<string, unknown> = {};
	try {
		body = await c.req.parseBody();
	} catch {
		body = {};
	}
	const fields: Record<string, string> = {};
	for (const [key, value] of Object.entries(body)) if (typeof value === "string") fields[key] = value;
	return fields;
}

/** A ticked checkbox sends a value; an unticked one sends nothing. */
export const ticked = (value: string | undefined) => value !== undefined && value !== "";

function messageFor(t: PageStrings, field: string): string {
	const messages: Record<string, string> = {
		email: t.errEmail,
		name: t.errName,
		country: t.errCountry,
		body: t.errBody,
		consent: t.errConsent,
	};
	return messages[field] ?? t.errGeneric;
}

/** The fields with issues, each with its message in the page's language. */
export function errorsOf(t: PageStrings, fields: (string | null | undefined)[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const field of fields) {
		const key = field?.split(".")[0] || "form";
		errors[key] = messageFor(t, key);
	}
	return errors;
}

/** Validates with the API's own schema; the fields that failed, or the output. */
export function check<TSchema extends v.GenericSchema>(
	t: PageStrings,
	schema: TSchema,
	input: unknown,
): { ok: true; output: v.InferOutput<TSchema> } | { ok: false; errors: FieldErrors } {
	const result = v.safeParse(schema, input);
	if (result.success) return { ok: true, output: result.output };
	return {
		ok: false,
		errors: errorsOf(
			t,
			result.issues.map((issue) => v.getDotPath(issue)),
		),
	};
}

/** A page with a heading and a line: the answer to a submission. */
export function MessagePage(props: { locale: Locale; title: string; body: string; code?: string }) {
	return (
		<Page locale={props.locale} title={props.title}>
			{/* The refusal's code, as the API names it (for scripts and tests; people read the words). */}
			<h1 data-error={props.code}>{props.title}</h1>
			<p>{props.body}</p>
		</Page>
	);
}

/**
 * What a failed write shows: the form again with its errors (422), or a page for a rate limit,
 * a closed action, an unknown one. Anything that is not the API's own error is a real fault.
 */
export function failure(
	c: Context<AppEnv>,
	locale: Locale,
	err: unknown,
	again: (errors: FieldErrors) => Response | Promise<Response>,
) {
	if (!(err instanceof DomainError)) throw err;
	const t = pageStrings[locale];
	c.header("Cache-Control", "no-store");
	if (err.status === 422)
		return again(
			errorsOf(
				t,
				(err.issues ?? []).map((i) => i.path),
			),
		);
	for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
	if (err.status === 429) {
		return c.html(
			<MessagePage locale={locale} title={t.rateLimitedTitle} body={t.rateLimitedBody} code={err.code} />,
			429,
		);
	}
	if (err.status === 409)
		return c.html(<MessagePage locale={locale} title={t.closedTitle} body={t.closedBody} code={err.code} />, 409);
	if (err.status === 404) {
		return c.html(<MessagePage locale={locale} title={t.notFoundTitle} body={t.failedBody} code={err.code} />, 404);
	}
	const status = err.status >= 500 ? 400 : err.status;
	return c.html(<MessagePage locale={locale} title={t.failedTitle} body={t.failedBody} code={err.code} />, status);
}

/**
 * The hosted forms take posts only from their own pages: a page on another site cannot make its
 * visitors' browsers sign, write or subscribe. Refused with a page in the visitor's language.
 */
export const sameSiteForm = createMiddleware<AppEnv>(async (c, next) => {
	if (!isCrossSite(c)) return next();
	const locale = pageLocale(c, "");
	const t = pageStrings[locale];
	c.header("Cache-Control", "no-store");
	return c.html(<MessagePage locale={locale} title={t.crossSiteTitle} body={t.crossSiteBody} />, 403);
});

export function notFoundPage(c: Context<AppEnv>, locale: Locale) {
	const t = pageStrings[locale];
	return c.html(<MessagePage locale={locale} title={t.notFoundTitle} body={t.failedBody} />, 404);
}

/**
 * A hosted form's answer to its action: "check your inbox" when accepted (or ignored: a robot
 * sees what a person sees), else the refusal as a page.
 */
export function actionAnswer(
	c: Context<AppEnv>,
	locale: Locale,
	result: ActionResult,
	again: (errors: FieldErrors) => Response | Promise<Response>,
	inbox: string,
) {
	if (result.outcome === "refused") return failure(c, locale, result.error, again);
	return checkInbox(c, locale, inbox);
}

/** "Check your inbox": the same whatever happened, so that nothing is learnt about the address. */
export function checkInbox(c: Context<AppEnv>, locale: Locale, body: string) {
	const t = pageStrings[locale];
	c.header("Cache-Control", "no-store");
	return c.html(<MessagePage locale={locale} title={t.renewedTitle} body={body} />, 200);
}

const countryCache = new Map<string, { code: string; name: string }[]>();

/** Every country of the ISO dataset, named in the locale (by the runtime's own data), sorted. */
export function countryOptions(locale: string): { code: string; name: string }[] {
	const hit = countryCache.get(locale);
	if (hit) return hit;
	const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
	const collator = new Intl.Collator(locale);
	const list = Object.keys(countries.getAlpha2Codes())
		.map((code) => ({ code, name: names.of(code) ?? code }))
		.sort((a, b) => collator.compare(a.name, b.name));
	countryCache.set(locale, list);
	return list;
}

/** The summary at the top of a form that failed: announced, with a link to each field. */
export function ErrorSummary(props: { t: PageStrings; errors: FieldErrors }) {
	const entries = Object.entries(props.errors);
	if (entries.length === 0) return null;
	return (
		<div class="summary" role="alert" tabindex={-1}>
			<p>
				<strong>{props.t.errorSummary}</strong>
			</p>
			<ul>
				{entries.map(([field, message]) => (
					<li>{field === "form" ? message : <a href={`#${field}`}>{message}</a>}</li>
				))}
			</ul>
		</div>
	);
}

function FieldError(props: { name: string; error?: string }) {
	return props.error ? (
		<p class="error" id={`${props.name}-error`}>
			{props.error}
		</p>
	) : null;
}

/** Attributes that tie a field to its error. */
function invalid(name: string, error?: string) {
	return error ? { "aria-invalid": "true", "aria-describedby": `${name}-error` } : {};
}

export function TextField(props: {
	name: string;
	label: string;
	type?: "text" | "email";
	value?: string;
	error?: string;
	required?: boolean;
	autocomplete?: string;
}) {
	return (
		<div>
			<label for={props.name}>{props.label}</label>
			<FieldError name={props.name} error={props.error} />
			<input
				type={props.type ?? "text"}
				id={props.name}
				name={props.name}
				value={props.value ?? ""}
				required={props.required}
				autocomplete={props.autocomplete}
				{...invalid(props.name, props.error)}
			/>
		</div>
	);
}

/** Who signs or writes: name and email, both required, then the country. */
export function SignerFields(props: {
	t: PageStrings;
	locale: string;
	values: Record<string, string | undefined>;
	errors: FieldErrors;
	country?: string;
	/** The countries to offer; every country when absent. */
	countries?: { code: string; name: string }[];
}) {
	const { t, values, errors } = props;
	return (
		<>
			<TextField name="name" label={t.formName} value={values.name} error={errors.name} required autocomplete="name" />
			<TextField
				name="email"
				type="email"
				label={t.formEmail}
				value={values.email}
				error={errors.email}
				required
				autocomplete="email"
			/>
			<CountrySelect
				t={t}
				locale={props.locale}
				value={props.country ?? values.country}
				error={errors.country}
				options={props.countries}
			/>
		</>
	);
}

export function CountrySelect(props: {
	t: PageStrings;
	locale: string;
	value?: string;
	error?: string;
	/** The countries to offer; every country when absent. */
	options?: { code: string; name: string }[];
}) {
	return (
		<div>
			<label for="country">{props.t.formCountry}</label>
			<FieldError name="country" error={props.error} />
			<select id="country" name="country" required autocomplete="country" {...invalid("country", props.error)}>
				<option value="">{props.t.formChooseCountry}</option>
				{(props.options ?? countryOptions(props.locale)).map((c) => (
					<option value={c.code} selected={c.code === props.value}>
						{c.name}
					</option>
				))}
			</select>
		</div>
	);
}

export function Checkbox(props: {
	name: string;
	label: string;
	/** The label's own language, when it is campaign text (which may fall back to another). */
	textLocale?: string;
	checked?: boolean;
	error?: string;
	required?: boolean;
}) {
	return (
		<div>
			<FieldError name={props.name} error={props.error} />
			<div class="check">
				<input
					type="checkbox"
					id={props.name}
					name={props.name}
					value="yes"
					checked={props.checked}
					required={props.required}
					{...invalid(props.name, props.error)}
				/>
				<label for={props.name} {...(props.textLocale ? langOf(props.textLocale) : {})}>
					{props.label}
				</label>
			</div>
		</div>
	);
}

export function TextArea(props: {
	name: string;
	label: string;
	value: string;
	error?: string;
	/** The text's own language, when it is campaign text. */
	textLocale?: string;
}) {
	return (
		<div>
			<label for={props.name}>{props.label}</label>
			<FieldError name={props.name} error={props.error} />
			<textarea
				id={props.name}
				name={props.name}
				required
				{...(props.textLocale ? langOf(props.textLocale) : {})}
				{...invalid(props.name, props.error)}
			>
				{props.value}
			</textarea>
		</div>
	);
}

/** The field people never see nor reach; robots fill it. */
export function Honeypot(props: { t: PageStrings }) {
	return (
		<div class="hp" aria-hidden="true">
			<label for="website">{props.t.formHoneypot}</label>
			<input type="text" id="website" name="website" value="" tabindex={-1} autocomplete="off" />
		</div>
	);
}
