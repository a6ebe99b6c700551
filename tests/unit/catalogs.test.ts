// The translation catalogs (worker/i18n/catalogs/<code>.json) against English: every key, the same
// placeholders, and each plural form the language's CLDR rules need. A translator's slip (a key
// left out, a `{{title}}` renamed, a Ukrainian `_few` forgotten) fails here, naming the key.
import { describe, expect, it } from "vitest";
import { catalogs, t } from "../../worker/i18n/catalog";
import { direction, languageNames, locales } from "../../worker/i18n/locales";

const pluralKey = /^(.+)_(zero|one|two|few|many|other)$/;

/** Every phrase of a catalog by dotted path; counted phrases grouped under their base. */
function phrases(node: unknown, prefix = "", out = new Map<string, Map<string, string>>()) {
	if (typeof node === "string") {
		const plural = pluralKey.exec(prefix);
		const [path, form] = plural ? [plural[1] as string, plural[2] as string] : [prefix, ""];
		const forms = out.get(path) ?? new Map<string, string>();
		forms.set(form, node);
		out.set(path, forms);
	} else if (node && typeof node === "object") {
		for (const [key, value] of Object.entries(node)) phrases(value, prefix ? `${prefix}.${key}` : key, out);
	}
	return out;
}

const placeholders = (text: string) =>
	[...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string))].sort();
const english = phrases(catalogs.en);

/** Placeholders a translation leaves out on purpose, reviewed: the sentence reads better without. */
const leftOut: Partial<Record<string, string[]>> = {
	// "Avez-vous reçu une réponse ?": French and Ukrainian name the State in the intro only, as a
	// recipient ("destinataire : {{state}}"), which spares a State's name the grammar of a subject.
	fr: ["emails.letterReplyQuestion.subject: {{}} ≠ {{state}}", "emails.letterReplyQuestion.heading: {{}} ≠ {{state}}"],
	uk: ["emails.letterReplyQuestion.subject: {{}} ≠ {{state}}", "emails.letterReplyQuestion.heading: {{}} ≠ {{state}}"],
};

describe("translation catalogs", () => {
	it("has one catalog per locale of the locale list, each with a name and a direction", () => {
		expect(Object.keys(catalogs).sort()).toEqual([...locales].sort());
		for (const locale of locales) expect(languageNames[locale]).toBeTruthy();
		expect(locales.filter((l) => direction(l) === "rtl")).toEqual(["ar"]);
	});

	it("gives English's plural keys the forms English needs", () => {
		for (const [path, forms] of english) {
			if (forms.has("")) continue;
			expect([...forms.keys()].sort(), path).toEqual(
				[...new Intl.PluralRules("en").resolvedOptions().pluralCategories].sort(),
			);
		}
	});

	for (const locale of locales.filter((l) => l !== "en")) {
		describe(locale, () => {
			const own = phrases(catalogs[locale]);
			const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

			it("has every key of English, and none English lacks", () => {
				expect(
					[...own.keys()].filter((path) => !english.has(path)),
					"keys English does not have",
				).toEqual([]);
				expect(
					[...english.keys()].filter((path) => !own.has(path)),
					"keys missing",
				).toEqual([]);
			});

			it("has every plural form the language needs, and plain keys where English has them", () => {
				for (const [path, forms] of english) {
					const mine = [...(own.get(path)?.keys() ?? [])].sort();
					if (forms.has("")) expect(mine, path).toEqual([""]);
					else expect(mine, `${path}: ${locale} plural forms`).toEqual([...categories].sort());
				}
			});

			it("uses the same placeholders as English", () => {
				const differences: string[] = [];
				const differ = (key: string, mine: string[], theirs: string[]) => {
					if (mine.join() !== theirs.join())
						differences.push(`${key}: {{${mine.join("}} {{")}}} ≠ {{${theirs.join("}} {{")}}}`);
				};
				for (const [path, forms] of english) {
					const mine = own.get(path);
					if (!mine) continue;
					if (forms.has("")) {
						differ(path, placeholders(mine.get("") ?? ""), placeholders(forms.get("") ?? ""));
						continue;
					}
					// A form may spell its number out ("يوم واحد", one day), but `other` carries them all,
					// and no form brings a placeholder English does not have.
					const allowed = new Set([...forms.values()].flatMap(placeholders));
					differ(`${path}_other`, placeholders(mine.get("other") ?? ""), placeholders(forms.get("other") ?? ""));
					for (const [form, text] of mine) {
						const extra = placeholders(text).filter((name) => !allowed.has(name));
						if (extra.length) differences.push(`${path}_${form}: {{${extra.join("}} {{")}}} not in English`);
					}
				}
				expect(differences).toEqual(leftOut[locale] ?? []);
			});
		});
	}

	it("writes placeholders only as {{name}}", () => {
		for (const locale of locales) {
			for (const [path, forms] of phrases(catalogs[locale])) {
				for (const text of forms.values()) {
					expect(text.replace(/\{\{\s*\w+\s*\}\}/g, ""), `${locale} ${path}`).not.toMatch(/[{}]/);
				}
			}
		}
	});

	it("looks a phrase up by its path, counted ones by Intl.PluralRules", () => {
		expect(t("fr", "common.share.message", { title: "Ligne rouge" })).toBe(
			"J’ai signé « Ligne rouge ». Signerez-vous aussi ?",
		);
		expect(t("en", "emails.confirmSignature.expiry", { count: 1 })).toBe("This link works for 1 day.");
		expect(t("en", "emails.confirmSignature.expiry", { count: 7 })).toBe("This link works for 7 days.");
		expect(t("uk", "map.results", { count: 3 })).toBe("3 держави");
		expect(t("uk", "map.results", { count: 5 })).toBe("5 держав");
		expect(t("ar", "emails.confirmSignature.expiry", { count: 2 })).toBe("هذا الرابط صالح لمدة يومين.");
	});
});
