import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, matchLocale } from "../../worker/i18n/locales";
import { canonicalEmail, normaliseEmail } from "../../worker/lib/email-address";

describe("email addresses", () => {
	it("normalises by trimming and lower-casing the domain only", () => {
		expect(normaliseEmail("  Ana.Maria@Example.ORG ")).toBe("Ana.Maria@example.org");
	});

	it("matches the variants a provider ignores", () => {
		expect(canonicalEmail("A.n.A+cta@GoogleMail.com")).toBe("ana@gmail.com");
		expect(canonicalEmail("ana+x@outlook.com")).toBe("ana@outlook.com");
		expect(canonicalEmail("a.na@outlook.com")).toBe("a.na@outlook.com");
		expect(canonicalEmail("Ana+x@example.org")).toBe("ana+x@example.org");
	});
});

describe("locales", () => {
	it("maps language tags to the supported ones", () => {
		expect(matchLocale("fr-CA")).toBe("fr");
		expect(matchLocale("ES")).toBe("es");
		expect(matchLocale("de")).toBeUndefined();
		expect(localeFromAcceptLanguage("de-DE,de;q=0.9,uk;q=0.8,en;q=0.5")).toBe("uk");
		expect(localeFromAcceptLanguage("ar;q=0, fr;q=0.3")).toBe("fr");
	});
});
