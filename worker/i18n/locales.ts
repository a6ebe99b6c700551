// The one list of languages the engine speaks. A leaf module: it imports nothing, so pages,
// emails, the widget's server side, the domain and scripts may all take it.

/** Every supported language, one line each: adding a language is a line here and a catalog in
 * `catalogs/<code>.json`. `name` is the language in itself (the public preference centre),
 * `english` its English name (the console, which is in English), `dir` its writing direction. */
export const languages = {
	en: { name: "English", english: "English", dir: "ltr" },
	fr: { name: "Français", english: "French", dir: "ltr" },
	es: { name: "Español", english: "Spanish", dir: "ltr" },
	ar: { name: "العربية", english: "Arabic", dir: "rtl" },
	uk: { name: "Українська", english: "Ukrainian", dir: "ltr" },
} as const satisfies Record<string, { name: string; english: string; dir: "ltr" | "rtl" }>;

export type Locale = keyof typeof languages;
/** The supported locales, in the order the console and the preference centre list them. */
export const locales = Object.keys(languages) as [Locale, ...Locale[]];
export const defaultLocale: Locale = "en";

/** Each language's name in itself: "Français", "العربية". */
export const languageNames = Object.fromEntries(locales.map((l) => [l, languages[l].name])) as Record<Locale, string>;
/** Each language's English name, for the console: "French", "Arabic". */
export const englishLanguageNames: Readonly<Record<string, string>> = Object.fromEntries(
	locales.map((l) => [l, languages[l].english]),
);

export function isLocale(value: string): value is Locale {
	return Object.hasOwn(languages, value);
}

/** Maps a language tag ("fr-CA", "ES") to a supported locale, or undefined. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
	if (!tag) return undefined;
	const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
	return isLocale(base) ? base : undefined;
}

/** A supported locale for any tag ("fr-CA", "pt_BR", undefined): unknown ones fall back to English. */
export function pickLocale(tag: string | undefined | null): Locale {
	return typeof tag === "string" ? (matchLocale(tag) ?? defaultLocale) : defaultLocale;
}

/** The best supported locale for an Accept-Language header, by its q-values. */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | undefined {
	if (!header) return undefined;
	const ranked = header
		.split(",")
		.map((part) => {
			const [tag, ...params] = part.trim().split(";");
			const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
			return { tag: tag ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
		})
		.sort((a, b) => b.q - a.q);
	for (const { tag, q } of ranked) {
		const match = q > 0 ? matchLocale(tag) : undefined;
		if (match) return match;
	}
	return undefined;
}

/** The writing direction of a language tag: "rtl" for Arabic, "ltr" otherwise (and for unknown tags). */
export function direction(tag: string | undefined | null): "ltr" | "rtl" {
	const locale = matchLocale(tag);
	return locale ? languages[locale].dir : "ltr";
}

/** Whether a language tag is written right to left. */
export function isRtl(tag: string | undefined | null): boolean {
	return direction(tag) === "rtl";
}
