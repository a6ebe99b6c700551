/**
 * The email templates' words and the helpers that fill them. The words themselves are the
 * `emails` section of the catalogs (worker/i18n/catalogs/<code>.json; docs/translations.md),
 * where placeholders are written `{{name}}`; here they arrive as `{name}`, `{title}`, `{list}`
 * and `{count}`, filled either as plain text (`format`, used for subjects and preview lines) or
 * as React nodes (`formatNodes`, used in the body so that user-supplied values stay React text
 * and are escaped).
 */
import { createElement, Fragment, type ReactNode } from "react";
import { type Catalog, perLocale, type Words, words } from "../worker/i18n/catalog";
import { type Locale, locales, pickLocale } from "../worker/i18n/locales";

// The one locale list (worker/i18n/locales.ts), under the names the templates have always used.
export const emailLocales = locales;
export type EmailLocale = Locale;
export { isRtl, pickLocale } from "../worker/i18n/locales";

// Counts: the engine's one helper (the right form per Intl.PluralRules category, `{count}`
// filled with the number formatted for the locale).
export { formatNumber, type PluralForms, plural } from "../worker/i18n/plural";

/** Fills `{key}` placeholders with plain text. Unknown keys are left as is. */
export function format(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
		Object.hasOwn(values, key) ? String(values[key]) : whole,
	);
}

/**
 * Fills `{key}` placeholders with React nodes. Strings stay React text, so
 * they are escaped when rendered.
 */
export function formatNodes(template: string, values: Record<string, ReactNode>): ReactNode {
	const parts: ReactNode[] = [];
	const re = /\{(\w+)\}/g;
	let last = 0;
	for (let m = re.exec(template); m !== null; m = re.exec(template)) {
		const key = m[1] as string;
		if (!Object.hasOwn(values, key)) continue;
		if (m.index > last) parts.push(template.slice(last, m.index));
		parts.push(values[key]);
		last = m.index + m[0].length;
	}
	if (last < template.length) parts.push(template.slice(last));
	return createElement(Fragment, null, ...parts);
}

/**
 * Makes a single-line, plain-text string: no CR/LF or other line breaks,
 * no control characters, collapsed spaces. Used for subjects.
 */
export function singleLine(text: string): string {
	return (
		text
			// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
			.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
			.replace(/\s+/g, " ")
			.trim()
	);
}

/**
 * Cleans a user-supplied name for display: single line, and cut to a
 * reasonable length so that a "name" cannot carry a long message.
 */
export function displayName(name: string | undefined, max = 60): string {
	const clean = singleLine(name ?? "");
	const chars = Array.from(clean);
	return chars.length > max ? `${chars.slice(0, max).join("").trim()}…` : clean;
}

/**
 * Shows a day to people: an ISO date (YYYY-MM-DD) becomes a long date in the locale's words
 * ("3 March 2025", "1er mars 2025"), with Latin digits like the rest of the emails. Anything
 * else is shown as given, on one line.
 */
export function formatDay(locale: EmailLocale, day: string | undefined): string {
	const clean = singleLine(day ?? "");
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(clean);
	if (!m) return clean;
	const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const when = new Date(Date.UTC(year, month - 1, date));
	if (when.getUTCMonth() !== month - 1 || when.getUTCDate() !== date) return clean;
	try {
		// British English writes "3 March 2025": no comma to follow the year mid-sentence.
		const text = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
			dateStyle: "long",
			timeZone: "UTC",
			numberingSystem: "latn",
		}).format(when);
		// French writes the first of the month as an ordinal: "1er mars".
		return locale === "fr" ? text.replace(/^1 /, "1er ") : text;
	} catch {
		return clean;
	}
}

// ---------------------------------------------------------------------------
// Strings: the `emails` section of the catalogs (worker/i18n/catalogs/<code>.json)
// ---------------------------------------------------------------------------

/** Every email's words in one language, one section per template (`{name}` placeholders). */
export type EmailStrings = Words<Catalog["emails"]>;
export type LayoutStrings = EmailStrings["layout"];
export type ConfirmSignatureStrings = EmailStrings["confirmSignature"];
export type AlreadySignedStrings = EmailStrings["alreadySigned"];
export type AlreadyWrittenStrings = EmailStrings["alreadyWritten"];
export type ConfirmSubscriptionStrings = EmailStrings["confirmSubscription"];
export type SubscriptionWelcomeStrings = EmailStrings["subscriptionWelcome"];
export type PrivacyRequestStrings = EmailStrings["privacyRequest"];
export type ConfirmLetterStrings = EmailStrings["confirmLetter"];
export type LetterToStateStrings = EmailStrings["letterToState"];
export type LetterDigestStrings = EmailStrings["letterDigest"];
export type LetterReplyQuestionStrings = EmailStrings["letterReplyQuestion"];
export type ConsoleSignInStrings = EmailStrings["consoleSignIn"];

export const strings: Record<EmailLocale, EmailStrings> = perLocale((catalog) => words(catalog.emails));

export function stringsFor(locale: EmailLocale | string | undefined): EmailStrings {
	return strings[pickLocale(locale)];
}
