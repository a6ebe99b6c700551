// The words of the map of States (/states, /states/:iso2), from the `map` section of the catalogs.
import { type Catalog, catalogs, fill, pluralForms, type Words, words } from "../i18n/catalog";
import { type Locale, locales } from "../i18n/locales";
import { pluralForm } from "../i18n/plural";

type MapCatalog = Catalog["map"];

/** The words of the map of States, in one language; the phrases with numbers or names are functions. */
export type MapStrings = Omit<
	Words<MapCatalog>,
	"markLabel" | "results" | "pageOf" | "lettersSent" | "writeIn" | "regions"
> & {
	/** Region names by the directory's region key ("africa"…). */
	regions: Record<string, string>;
	/** The accessible name of a State's mark: "{name}: {status}". */
	markLabel: (name: string, status: string) => string;
	results: (n: number) => string;
	pageOf: (page: number, pages: number) => string;
	lettersSent: (n: number) => string;
	writeIn: (campaign: string) => string;
};

// The map has always written its numbers plainly (no grouping), Arabic in Arabic digits.
const mapNumber = (locale: Locale, n: number) => (locale === "ar" ? n.toLocaleString("ar") : String(n));

function mapStringsFor(locale: Locale): MapStrings {
	const text = catalogs[locale].map;
	const all = words(text);
	const counted = (base: "results" | "lettersSent") => {
		const forms = pluralForms(text, base) ?? { other: base };
		return (n: number) => fill(pluralForm(locale, n, forms), { count: mapNumber(locale, n) });
	};
	return {
		...all,
		markLabel: (name, status) => fill(text.markLabel, { name, status }),
		results: counted("results"),
		pageOf: (page, pages) => fill(text.pageOf, { page: mapNumber(locale, page), pages: mapNumber(locale, pages) }),
		lettersSent: counted("lettersSent"),
		writeIn: (campaign) => fill(text.writeIn, { campaign }),
	};
}

export const mapStrings = Object.fromEntries(locales.map((locale) => [locale, mapStringsFor(locale)])) as Record<
	Locale,
	MapStrings
>;
