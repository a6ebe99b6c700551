// The confirmation page shows what its link confirms (issue 10, item 1): the name, country and
// visibility of the request that sent it, on a phone, in Arabic (right to left) and English.
import { describe, expect, test } from "vitest";
import {
	chromiumForThisFile,
	expectNoScriptNoCookie,
	linkInMailbox,
	newContext,
	phone,
	postJson,
	screenshot,
	uniqueEmail,
} from "./support";

chromiumForThisFile();

describe("the confirmation page shows what the link confirms", () => {
	for (const [locale, name, country, countryName, visibility] of [
		["ar", "نادية مراد", "EG", "مصر", "سيُعرض اسمك علنًا."],
		["en", "Amani Kabila-Nyiramasuhuko Uwimana", "CD", "Congo - Kinshasa", "Your name will be shown publicly."],
	] as const) {
		test(`${locale}, on a phone: name, country and visibility, inside the screen`, async () => {
			const email = uniqueEmail(`details-${locale}`);
			await postJson("/api/v1/petitions/call-to-action/signatures", {
				email,
				name,
				country,
				locale,
				showName: true,
			});
			const link = await linkInMailbox(email, "confirm");
			const context = await newContext(phone, locale);
			const page = await context.newPage();
			expect((await page.goto(link))?.status()).toBe(200);
			expect(await page.locator("html").getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
			const details = page.locator("section.details");
			expect(await details.isVisible()).toBe(true);
			const values = await details.locator("dd").allTextContents();
			expect(values).toEqual([name, countryName]);
			expect(await details.textContent()).toContain(visibility);
			for (const box of await Promise.all((await details.locator("dt, dd").all()).map((el) => el.boundingBox()))) {
				expect(box).not.toBeNull();
				expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
				expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
			}
			if (locale === "ar") {
				const direction = await details.evaluate((el) => getComputedStyle(el).direction);
				expect(direction).toBe("rtl");
			}
			await expectNoScriptNoCookie(page, context);
			await screenshot(page, `confirm-details-${locale}-phone`);
			await context.close();
		});
	}
});
