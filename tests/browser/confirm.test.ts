// What a person sees when confirming a signature, in a real browser (Debian's Chromium through
// playwright-core) against a real `wrangler dev` of the engine (tests/browser/global-setup.ts).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
	chromiumForThisFile,
	desktop,
	engine,
	expectNoScriptNoCookie,
	linkInMailbox,
	newContext,
	phone,
	postJson,
	screenshot,
	uniqueEmail,
	waitForConfirmed,
} from "./support";

chromiumForThisFile();

async function sign(email: string, locale: string, country = "FR") {
	await postJson("/api/v1/petitions/call-to-action/signatures", { email, name: "Amani", country, locale });
}

const confirmLink = (email: string) => linkInMailbox(email, "confirm");

/** The public count, read over HTTP without any browser cache in between. */
async function publicCount(): Promise<number> {
	const res = await fetch(`${engine}/p/call-to-action?locale=fr`);
	const m = (await res.text()).match(/class="count" data-count="(\d+)"/);
	if (!m?.[1]) throw new Error("no count on the petition page");
	return Number(m[1]);
}

/** The answer to the form's POST to the confirmation link. */
function submission(page: Page, link: string) {
	return page.waitForResponse((r) => r.url() === link && r.request().method() === "POST");
}

/** The count as the page shown in the browser displays it. */
async function countOnPage(page: Page): Promise<number> {
	const count = page.locator("span.count");
	expect(await count.isVisible()).toBe(true);
	return Number(await count.getAttribute("data-count"));
}

describe("confirming a signature in a browser", () => {
	test("French, on a phone: the page asks, a click confirms, the public count moves by one", async () => {
		const email = uniqueEmail("fr");
		const before = await publicCount();
		await sign(email, "fr");
		const link = await confirmLink(email);

		const context = await newContext(phone, "fr-FR");
		const page = await context.newPage();
		const response = await page.goto(link);
		expect(response?.status()).toBe(200);
		expect(await page.locator("html").getAttribute("lang")).toBe("fr");
		expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
		const heading = page.getByRole("heading", { level: 1 });
		expect(await heading.isVisible()).toBe(true);
		expect(await heading.textContent()).toBe("Confirmez votre signature");
		const button = page.getByRole("button");
		expect(await button.count()).toBe(1);
		expect(await button.isVisible()).toBe(true);
		expect(await button.textContent()).toBe("Confirmer ma signature");
		// The button fits the phone's width and is big enough to tap.
		const box = await button.boundingBox();
		expect(box).not.toBeNull();
		expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
		expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "confirm-fr-phone");

		// Opening the link (as a mail scanner would) confirms nothing.
		expect(await publicCount()).toBe(before);

		const [posted] = await Promise.all([submission(page, link), button.click()]);
		expect(posted.status()).toBe(200);
		await page.getByRole("heading", { level: 1, name: "Merci, votre signature compte" }).waitFor();
		expect(await page.getByRole("button").count()).toBe(0);
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "thanks-fr-phone");
		// The click is written by the intake queue's consumer, within a second or so of the page.
		await waitForConfirmed(link);

		// The thank-you page's link leads to the petition, whose count now includes this signature.
		const petitionLink = page.getByRole("link", { name: "L'Appel à l'action des survivant·es" });
		expect(await petitionLink.getAttribute("href")).toBe("/p/call-to-action?locale=fr");
		await Promise.all([page.waitForURL(`${engine}/p/call-to-action?locale=fr`), petitionLink.click()]);
		expect(await countOnPage(page)).toBe(before + 1);
		expect(await context.cookies()).toEqual([]);

		// The same pages on a desktop screen: the link now shows the thank-you page again.
		const wide = await newContext(desktop, "fr-FR");
		const widePage = await wide.newPage();
		await widePage.goto(link);
		expect(await widePage.getByRole("heading", { level: 1 }).textContent()).toBe("Merci, votre signature compte");
		await screenshot(widePage, "thanks-fr-desktop");
	});

	test("the confirm page on a desktop screen", async () => {
		const email = uniqueEmail("fr-desktop");
		await sign(email, "fr");
		const link = await confirmLink(email);
		const context = await newContext(desktop, "fr-FR");
		const page = await context.newPage();
		expect((await page.goto(link))?.status()).toBe(200);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Confirmez votre signature");
		expect(await page.getByRole("button").isVisible()).toBe(true);
		await screenshot(page, "confirm-fr-desktop");
	});

	test("Arabic: the confirm page is right to left", async () => {
		const email = uniqueEmail("ar");
		await sign(email, "ar", "EG");
		const link = await confirmLink(email);
		for (const [device, name] of [
			[phone, "phone"],
			[desktop, "desktop"],
		] as const) {
			const context = await newContext(device, "ar");
			const page = await context.newPage();
			expect((await page.goto(link))?.status()).toBe(200);
			expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
			expect(await page.locator("html").getAttribute("lang")).toBe("ar");
			expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("تأكيد التوقيع");
			const button = page.getByRole("button");
			expect(await button.textContent()).toBe("تأكيد توقيعي");
			expect(await button.isVisible()).toBe(true);
			// Laid out right to left: the button starts at the right edge of the text column.
			const direction = await button.evaluate((el) => getComputedStyle(el).direction);
			expect(direction).toBe("rtl");
			const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
			const buttonBox = await button.boundingBox();
			expect(
				Math.abs((heading?.x ?? 0) + (heading?.width ?? 0) - ((buttonBox?.x ?? 0) + (buttonBox?.width ?? 0))),
			).toBeLessThan(2);
			await expectNoScriptNoCookie(page, context);
			await screenshot(page, `confirm-ar-${name}`);
		}
	});

	test("a tampered link shows “This link does not work” with status 404", async () => {
		const email = uniqueEmail("tampered");
		await sign(email, "en");
		const link = await confirmLink(email);
		const token = link.slice(link.lastIndexOf("/") + 1);
		const i = Math.floor(token.length / 2);
		const tampered = `${engine}/confirm/${token.slice(0, i)}${token[i] === "A" ? "B" : "A"}${token.slice(i + 1)}`;

		const context = await newContext(phone, "en-US");
		const page = await context.newPage();
		const response = await page.goto(tampered);
		expect(response?.status()).toBe(404);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This link does not work");
		expect(await page.getByRole("button").count()).toBe(0);
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "invalid-en-phone");

		// The real link still works: nothing was confirmed or spent by the tampered one.
		expect((await page.goto(link))?.status()).toBe(200);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Confirm your signature");
	});

	test("keyboard only: the first Tab reaches the quick exit, the next the button; Enter confirms", async () => {
		const email = uniqueEmail("keyboard");
		const before = await publicCount();
		await sign(email, "fr");
		const link = await confirmLink(email);

		const context = await newContext(desktop, "fr-FR");
		const page = await context.newPage();
		await page.goto(link);
		// First stop: the way out, for anyone who must leave the page at once.
		await page.keyboard.press("Tab");
		const exit = await page.evaluate(() => ({
			tag: document.activeElement?.tagName,
			text: document.activeElement?.textContent,
		}));
		expect(exit).toEqual({ tag: "A", text: "Quitter rapidement cette page" });
		await page.keyboard.press("Tab");
		const focused = await page.evaluate(() => ({
			tag: document.activeElement?.tagName,
			text: document.activeElement?.textContent,
		}));
		expect(focused).toEqual({ tag: "BUTTON", text: "Confirmer ma signature" });
		// The focus is visible: an outline is drawn around the button.
		const outline = await page.evaluate(() => {
			const s = getComputedStyle(document.activeElement as Element);
			return { style: s.outlineStyle, width: s.outlineWidth };
		});
		expect(outline.style).not.toBe("none");
		expect(outline.width).not.toBe("0px");
		await screenshot(page, "confirm-fr-desktop-focus");

		const [posted] = await Promise.all([submission(page, link), page.keyboard.press("Enter")]);
		expect(posted.status()).toBe(200);
		await page.getByRole("heading", { level: 1, name: "Merci, votre signature compte" }).waitFor();
		await waitForConfirmed(link);
		expect(await publicCount()).toBe(before + 1);
	});
});
