// The API reference at /docs/api in a real browser: on a phone (390 px) it fits the screen, it
// loads nothing but the engine's own favicon, breaks no rule of the page's Content-Security-Policy,
// and axe finds no accessibility violation. English only: it is for developers, like docs/api.md.
import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chromiumForThisFile, desktop, engine, newContext, phone, screenshot } from "./support";

chromiumForThisFile();

async function axeViolations(page: Page) {
	// Through the DevTools protocol, so the page's own rules on scripts do not apply to it.
	await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const run = (window as unknown as { axe: typeof axe }).axe.run;
		const result = await run(document, { resultTypes: ["violations"] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			nodes: v.nodes.slice(0, 3).map((n) => n.html),
		}));
	});
}

describe("/docs/api", () => {
	for (const [name, device] of [
		["phone", phone],
		["desktop", desktop],
	] as const) {
		test(`reads on a ${name}, from the engine alone`, async () => {
			const context = await newContext(device, "en-GB");
			const page = await context.newPage();
			const requests: string[] = [];
			const problems: string[] = [];
			page.on("request", (r) => {
				requests.push(r.url());
			});
			page.on("console", (m) => {
				if (m.type() === "error") problems.push(m.text());
			});
			const res = await page.goto(`${engine}/docs/api`);
			expect(res?.status()).toBe(200);
			expect(await page.locator("h1").textContent()).toBe("Red Line API");
			expect(await page.locator("section.op").count()).toBeGreaterThan(60);
			// An operation's parameters and body are there to read, and its anchor from the index works.
			await page.click('a[href="#POST-api-v1-petitions-slug-signatures"]');
			const sign = page.locator("#POST-api-v1-petitions-slug-signatures");
			await expect(sign.textContent()).resolves.toContain("turnstileToken");
			await expect(sign.textContent()).resolves.toContain("rate_limited");
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				device.viewport?.width ?? 0,
			);
			for (const url of requests) expect(new URL(url).origin, url).toBe(new URL(engine).origin);
			expect(problems).toEqual([]);
			expect(await axeViolations(page)).toEqual([]);
			await screenshot(page, `api-reference-${name}`, { fullPage: false });
		});
	}
});
