// The map of States (/states) and each State's page, as a person sees them in Chromium: on a
// phone and a desktop, in English and Arabic (right to left), with JavaScript off for the
// search form, and checked by axe-core.
import { join } from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
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

const screenshotDir = join(import.meta.dirname, "..", "screenshots");

/** axe-core, evaluated through the debugging protocol: the page's CSP forbids any script tag. */
async function axeViolations(page: Page) {
	await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const run = (window as unknown as { axe: typeof axe }).axe.run;
		const result = await run(document, { resultTypes: ["violations"] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			nodes: v.nodes.map((n) => n.html.slice(0, 200)),
		}));
	});
}

/** The map's marks: every one a link, with a name, a target, and a visible box of some size. */
async function marks(page: Page) {
	return page.locator("svg.map a").evaluateAll((links) =>
		links.map((a) => {
			const box = a.getBoundingClientRect();
			return {
				state: a.getAttribute("data-state"),
				href: a.getAttribute("href"),
				name: a.getAttribute("aria-label"),
				width: box.width,
				height: box.height,
			};
		}),
	);
}

async function expectNoHorizontalScroll(page: Page) {
	const { scroll, client } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth,
	}));
	expect(scroll).toBeLessThanOrEqual(client);
}

describe("the map of States", () => {
	for (const [device, options, width] of [
		["desktop", desktop, 1280],
		["phone", phone, 390],
	] as const) {
		for (const lang of ["en", "ar"] as const) {
			test(`${device}, ${lang}: every State is a link on the map, which fits the screen`, async () => {
				const context = await newContext(options, lang === "ar" ? "ar" : "en-GB");
				const page = await context.newPage();
				const res = await page.goto(`${engine}/states${lang === "en" ? "" : `?locale=${lang}`}`);
				expect(res?.status()).toBe(200);
				expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
				const all = await marks(page);
				expect(new Set(all.map((m) => m.state)).size).toBe(195);
				for (const m of all) {
					expect(m.href, String(m.state)).toBe(
						`/states/${m.state?.toLowerCase()}${lang === "en" ? "" : `?locale=${lang}`}`,
					);
					expect(m.name?.length, String(m.state)).toBeGreaterThan(3);
					// Even the smallest State has a mark one can see and press.
					expect(Math.max(m.width, m.height), String(m.state)).toBeGreaterThanOrEqual(width < 500 ? 3.5 : 9);
				}
				const map = await page.locator("svg.map").boundingBox();
				expect(map?.width).toBeLessThanOrEqual(width);
				await expectNoHorizontalScroll(page);
				await expectNoScriptNoCookie(page, context);
				if (device === "phone") {
					// The table turns into cards: no header row, each State a block.
					expect(await page.locator("table.stack thead").isVisible()).toBe(false);
					const row = await page.locator("table.stack tbody tr").first().boundingBox();
					expect(row?.width).toBeGreaterThan(300);
				}
				await screenshot(page, `states-${device}-${lang}`);
				// What one sees on arrival (for the README): the screen, not the whole page.
				await page.screenshot({ path: join(screenshotDir, `states-${device}-${lang}-screen.png`) });
				expect(await axeViolations(page)).toEqual([]);
				await context.close();
			});
		}
	}

	test("a State's mark leads to its page, reached by keyboard too", async () => {
		const context = await newContext(desktop, "en-GB");
		const page = await context.newPage();
		await page.goto(`${engine}/states`);
		await page.locator('svg.map a[data-state="DE"]').click();
		await page.waitForURL(`${engine}/states/de`);
		expect(await page.locator("h1").textContent()).toBe("Germany");
		await page.goBack();
		// Tab past the quick exit and the skip link: the map's links come next, in the page's order.
		await page.locator("a.skip").focus();
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.closest("svg.map") !== null)).toBe(true);
		await page.keyboard.press("Enter");
		await page.waitForURL(/\/states\/[a-z]{2}$/);
		await context.close();
	});

	test("search, region and status filters, and paging, all without JavaScript", async () => {
		const context = await newContext({ ...phone, javaScriptEnabled: false }, "en-GB");
		const page = await context.newPage();
		await page.goto(`${engine}/states`);
		await page.getByLabel("Name", { exact: true }).fill("guinea");
		await page.getByRole("button", { name: "Show" }).click();
		await page.waitForURL(/q=guinea/);
		const found = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state")));
		expect(found.sort()).toEqual(["GN", "GQ", "GW", "PG"]);

		await page.goto(`${engine}/states`);
		await page.getByLabel("Region", { exact: true }).selectOption("europe");
		await page.getByLabel("Status", { exact: true }).selectOption("endorsed");
		await page.getByRole("button", { name: "Show" }).click();
		await page.waitForURL(/region=europe/);
		expect(page.url()).toContain("status=endorsed");
		const count = await page.locator("tbody tr").count();
		expect(count).toBeGreaterThan(5);
		for (const status of await page.locator("td[data-status]").evaluateAll((c) => c.map((x) => x.dataset.status))) {
			expect(status).toBe("endorsed");
		}
		await screenshot(page, "states-phone-en-filtered");

		await page.goto(`${engine}/states?region=africa`);
		const first = await page.locator("tbody tr").first().getAttribute("data-state");
		await page.getByRole("link", { name: "Next" }).click();
		await page.waitForURL(/region=africa&page=2/);
		expect(await page.locator("[aria-current=page]").textContent()).toBe("2");
		expect(await page.locator("tbody tr").first().getAttribute("data-state")).not.toBe(first);
		// The filters are kept in the form too.
		expect(await page.getByLabel("Region", { exact: true }).inputValue()).toBe("africa");
		await context.close();
	});
});

describe("a State's page", () => {
	for (const [device, options] of [
		["desktop", desktop],
		["phone", phone],
	] as const) {
		test(`${device}: commitments, letters, replies and a link to write, in English and Arabic`, async () => {
			const context = await newContext(options, "en-GB");
			const page = await context.newPage();
			const res = await page.goto(`${engine}/states/gb`);
			expect(res?.status()).toBe(200);
			expect(await page.locator("h1").textContent()).toBe("United Kingdom");
			await expect(page.getByText("Endorsed the 2025 declaration").first().isVisible()).resolves.toBe(true);
			const write = page.getByRole("link", { name: /Write to this State/ });
			expect(await write.getAttribute("href")).toBe("/l/write-to-your-state?country=GB");
			await expectNoHorizontalScroll(page);
			await screenshot(page, `state-${device}-en`);
			expect(await axeViolations(page)).toEqual([]);

			await page.goto(`${engine}/states/gb?locale=ar`);
			expect(await page.getAttribute("html", "dir")).toBe("rtl");
			await expectNoHorizontalScroll(page);
			await screenshot(page, `state-${device}-ar`);
			expect(await axeViolations(page)).toEqual([]);

			await write.count();
			await page.goto(`${engine}/states/gb`);
			await page.getByRole("link", { name: /Write to this State/ }).click();
			await page.waitForURL(/\/l\/write-to-your-state\?country=GB/);
			expect(await page.locator("form").count()).toBeGreaterThan(0);
			await context.close();
		});
	}

	test("an unknown code is a 404 page", async () => {
		const context = await newContext(desktop, "en-GB");
		const page = await context.newPage();
		const res = await page.goto(`${engine}/states/zz`);
		expect(res?.status()).toBe(404);
		await expect(page.getByText("There is no State with this code").isVisible()).resolves.toBe(true);
		await context.close();
	});
});

describe("signatures by country in the console", () => {
	test("the same map, shaded by confirmed signatures, with the numbers beside it, on a desktop and a phone", async () => {
		// One confirmed signature from Iceland.
		const signer = uniqueEmail("map-signer");
		await postJson("/api/v1/petitions/call-to-action/signatures", { email: signer, name: "Sigrún", country: "IS" });
		const signerLink = await linkInMailbox(signer, "confirm");
		const confirmed = await fetch(signerLink, { method: "POST", headers: { accept: "application/json" } });
		expect(confirmed.status).toBe(200);
		await waitForConfirmed(signerLink);

		for (const [device, options] of [
			["desktop", desktop],
			["phone", phone],
		] as const) {
			// A campaigner per device: each signs in with its own emailed link.
			const email = uniqueEmail("map-campaigner");
			const put = await fetch(`${engine}/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
				method: "PUT",
				headers: { authorization: `Bearer ${inject("operatorToken")}`, "content-type": "application/json" },
				body: JSON.stringify({ role: "editor", name: "Map campaigner" }),
			});
			expect(put.status).toBe(201);
			const context = await newContext(options, "en-GB");
			const page = await context.newPage();
			await page.goto(`${engine}/console/sign-in`);
			await page.getByLabel("Your email address").fill(email);
			await page.getByRole("button", { name: "Email me a sign-in link" }).click();
			await page.getByText("If this address may sign in to the console, a link is on its way").waitFor();
			await page.goto(await linkInMailbox(email, "console/sign-in"));
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByRole("heading", { name: "Dashboard" }).waitFor();
			await page.getByRole("link", { name: "Countries" }).click();
			await page.getByRole("heading", { name: "Signatures by country" }).waitFor();
			expect(await page.locator("svg.map a").count()).toBe(195);
			const iceland = page.locator('svg.map a[data-state="IS"]');
			expect(await iceland.getAttribute("aria-label")).toMatch(/^Iceland: \d+ signatures? \(1–9\)$/);
			expect(await iceland.getAttribute("class")).toBe("t1");
			expect(await page.locator("#c-IS td").first().textContent()).toMatch(/^\d+$/);
			await expectNoHorizontalScroll(page);
			await screenshot(page, `console-countries-${device}`);
			expect(await axeViolations(page)).toEqual([]);
			await context.close();
		}
	});
});
