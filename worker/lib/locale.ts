/** Languages the engine's own words (pages, emails) exist in. Arabic is written right to left. */
export const locales = ["en", "fr", "es", "ar", "uk"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export function isLocale(value: string): value is Locale {
	return (locales as readonly string[]).includes(value);
}

/** Maps a language tag ("fr-CA", "ES") to a supported locale, or undefined. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
	if (!tag) return undefined;
	const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
	return isLocale(base) ? base : undefined;
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

export function isRtl(locale: string): boolean {
	return locale === "ar";
}
