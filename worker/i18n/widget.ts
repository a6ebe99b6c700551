// Every word the widget shows, in one language: its own `widget` section of the catalogs and the
// hosted pages' words it shares. The server sends them with the action's data, so the widget's
// script carries no catalog.
import { type Catalog, perLocale, type Words, words } from "./catalog";
import type { Locale } from "./locales";
import type { PluralForms } from "./plural";

type PageWords = Words<Omit<Catalog["pages"], "commitmentStatus">>;

/** The hosted pages' words the widget uses too. */
const shared = [
	"quickExit",
	"goal",
	"formName",
	"formNameOptional",
	"formEmail",
	"formCountry",
	"formChooseCountry",
	"formShowName",
	"formSign",
	"formSubscribe",
	"formSendLetter",
	"formLetterTo",
	"formLetterSubject",
	"formLetterBody",
	"formHoneypot",
	"letterIntro",
	"errorSummary",
	"errEmail",
	"errName",
	"errCountry",
	"errBody",
	"errConsent",
	"errGeneric",
	"renewedTitle",
	"checkInboxSign",
	"checkInboxSubscribe",
	"checkInboxLetter",
	"rateLimitedTitle",
	"rateLimitedBody",
	"closedTitle",
	"closedBody",
	"notFoundTitle",
	"failedTitle",
	"failedBody",
	"sampleNotice",
	"privacyNote",
	"privacyNoteHidden",
] as const satisfies readonly (keyof PageWords)[];

export type WidgetStrings = Words<Catalog["widget"]> &
	Pick<PageWords, (typeof shared)[number]> & {
		/** Counted words, each in the language's plural forms. */
		plurals: { signatures: PluralForms };
	};

const all = perLocale((catalog): WidgetStrings => {
	const page = words(catalog.pages);
	const picked = Object.fromEntries(shared.map((key) => [key, page[key]])) as Pick<PageWords, (typeof shared)[number]>;
	return { ...picked, ...words(catalog.widget), plurals: { signatures: page.signatures } };
});

/** Every word the widget shows, in one language: sent with the action's data. */
export function widgetStrings(locale: Locale): WidgetStrings {
	return all[locale];
}
