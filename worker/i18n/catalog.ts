// The engine's words, one i18next JSON v4 catalog per language (catalogs/<code>.json), which
// Weblate and Crowdin read and write. Placeholders are `{{name}}`; a counted phrase is one key
// per CLDR plural category (`key_one`, `key_few`, `key_other`…), chosen by Intl.PluralRules.
// Types come from the English catalog: a key missing in English does not compile, and the test
// in tests/unit/catalogs.test.ts checks every other language against English.
import ar from "./catalogs/ar.json";
import en from "./catalogs/en.json";
import es from "./catalogs/es.json";
import fr from "./catalogs/fr.json";
import uk from "./catalogs/uk.json";
import { type Locale, locales } from "./locales";
import { formatNumber, type PluralForms, pluralForm } from "./plural";

/** The shape of a catalog: the English one's. */
export type Catalog = typeof en;

/** Every catalog, by locale. A language in `locales.ts` without its import here fails to compile. */
export const catalogs: Record<Locale, Catalog> = { en, fr, es, ar, uk };

const categories = ["zero", "one", "two", "few", "many", "other"] as const;
type Category = (typeof categories)[number];
const pluralKey = /^(.+)_(zero|one|two|few|many|other)$/;

/** The dotted path of every phrase in a catalog section: plain keys, and counted keys by their
 * base (`pages.signatures` for `signatures_one`/`signatures_other`). */
export type Key<T = Catalog, Prefix extends string = ""> = {
	[K in keyof T & string]: T[K] extends string
		? K extends `${infer Base}_${Category}`
			? `${Prefix}${Base}`
			: `${Prefix}${K}`
		: T[K] extends readonly unknown[]
			? never
			: Key<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Fills `{{name}}` placeholders with plain text; unknown ones are left as written. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
	return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
		Object.hasOwn(values, key) ? String(values[key]) : whole,
	);
}

function lookup(locale: Locale, path: string): unknown {
	let node: unknown = catalogs[locale];
	for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
	return node;
}

/** One phrase in `locale`, its `{{placeholders}}` filled from `values`. A counted phrase takes
 * `values.count`: the form Intl.PluralRules picks, with the count formatted for the locale.
 * A phrase missing in a language falls back to English. */
export function t(locale: Locale, key: Key, values: Record<string, string | number> = {}): string {
	const count = values.count;
	if (typeof count === "number") {
		const forms = pluralFormsAt(locale, key) ?? pluralFormsAt("en", key);
		if (forms) return fill(pluralForm(locale, count, forms), { ...values, count: formatNumber(locale, count) });
	}
	const text = lookup(locale, key) ?? lookup("en", key);
	return typeof text === "string" ? fill(text, values) : key;
}

function pluralFormsAt(locale: Locale, key: string): PluralForms | undefined {
	const dot = key.lastIndexOf(".");
	const section = lookup(locale, key.slice(0, dot));
	return section && typeof section === "object" ? pluralForms(section, key.slice(dot + 1)) : undefined;
}

/** The forms of the counted phrase `base` in a catalog section (`base_one`, `base_other`…), as
 * written (`{{count}}`), or undefined if it has no `base_other`. */
export function pluralForms(section: object, base: string): PluralForms | undefined {
	const texts = section as Record<string, unknown>;
	const other = texts[`${base}_other`];
	if (typeof other !== "string") return undefined;
	const forms: PluralForms = { other };
	for (const category of categories) {
		const text = texts[`${base}_${category}`];
		if (typeof text === "string") forms[category] = text;
	}
	return forms;
}

/** A catalog section in the shape the templates were written for: `{{name}}` becomes `{name}`
 * (what `format`, `formatNodes`, `plural` and the widget's client fill) and each group of
 * `key_<category>` becomes one `key: PluralForms`. */
export type Words<T> = {
	[K in keyof T as K extends `${string}_${Category}` ? never : K]: T[K] extends string
		? string
		: T[K] extends readonly string[]
			? string[]
			: Words<T[K]>;
} & { [K in keyof T as K extends `${infer Base}_${Category}` ? Base : never]: PluralForms };

const single = (text: string) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, "{$1}");

/** A catalog section as `Words`: see there. */
export function words<T extends object>(section: T): Words<T> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(section)) {
		const plural = pluralKey.exec(key);
		if (plural && typeof value === "string") {
			const base = plural[1] as string;
			const forms = (out[base] ?? {}) as Record<string, string>;
			forms[plural[2] as Category] = single(value);
			out[base] = forms;
		} else if (typeof value === "string") out[key] = single(value);
		else if (Array.isArray(value))
			out[key] = value.map((item) => (typeof item === "string" ? single(item) : words(item)));
		else out[key] = words(value as object);
	}
	return out as Words<T>;
}

/** One value per locale, built from each catalog once. */
export function perLocale<T>(build: (catalog: Catalog, locale: Locale) => T): Record<Locale, T> {
	return Object.fromEntries(locales.map((locale) => [locale, build(catalogs[locale], locale)])) as Record<Locale, T>;
}
