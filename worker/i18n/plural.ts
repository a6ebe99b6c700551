// Counts in words, in any language: the one helper pages, console, emails, widget and scripts use.
// Pure (no Workers or Node APIs), so the widget's bundle can carry it too.

/** A phrase per Intl.PluralRules category (Arabic has zero/one/two/few/many/other, Ukrainian
 * one/few/many/other); `other` is required, a missing category falls back to it. `{count}` is
 * replaced by the number, formatted for the locale. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** A number as the locale writes it (10,000 · 10 000 · 10.000). */
export function formatNumber(locale: string, n: number): string {
	let format = numberFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale);
		numberFormats.set(locale, format);
	}
	return format.format(n);
}

/** The form of `forms` that `count` takes in `locale`, without filling it in. */
export function pluralForm(locale: string, count: number, forms: PluralForms): string {
	let rules = pluralRules.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(locale);
		pluralRules.set(locale, rules);
	}
	return forms[rules.select(count)] ?? forms.other;
}

/** "1 signature", "2 توقيعان", "5 підписів": the right form with `{count}` (and any other
 * `{key}` of `values`) filled in, the count formatted for the locale. */
export function plural(locale: string, count: number, forms: PluralForms, values: Record<string, string> = {}): string {
	const all: Record<string, string> = { ...values, count: formatNumber(locale, count) };
	return pluralForm(locale, count, forms).replace(/\{(\w+)\}/g, (whole, key: string) => all[key] ?? whole);
}
