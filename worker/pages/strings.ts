// The engine's own words on its pages, from the `pages` section of the catalogs
// (worker/i18n/catalogs/<code>.json): translators edit the JSON, not this file.
import type { CommitmentStatus } from "../../schema";
import { type Catalog, perLocale, type Words, words } from "../i18n/catalog";
import type { Locale } from "../i18n/locales";

/** The engine's own words on its pages, in one language (`signatures` in plural forms). */
export type PageStrings = Words<Omit<Catalog["pages"], "commitmentStatus">>;

export const pageStrings: Record<Locale, PageStrings> = perLocale((catalog) => {
	const { commitmentStatus: _, ...page } = catalog.pages;
	return words(page);
});

/** A State's commitment status, as the public map shows it. */
export const commitmentStatusLabels: Record<Locale, Record<CommitmentStatus, string>> = perLocale(
	(catalog) => catalog.pages.commitmentStatus,
);
