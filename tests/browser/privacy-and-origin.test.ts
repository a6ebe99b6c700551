// Issue 10 in a real browser: the erasure page says what is kept (Arabic, right to left, on a
// phone), and a form on another site cannot make Chromium sign for its visitor.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
	chromiumForThisFile,
	engine,
	linkInMailbox,
	newContext,
	phone,
	postJson,
	screenshot,
	uniqueEmail,
} from "./support";

chromiumForThisFile();

let foreign: Server;
let foreignUrl = "";

beforeAll(async () => {
	// Another site (localhost, while the engine is on 127.0.0.1): a page whose form posts to the engine.
	foreign = createServer((_req, res) => {
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
		res.end(`<!doctype html><html><body>
			<form method="post" action="${engine}/p/call-to-action?locale=ar">
				<input name="email" value="${uniqueEmail("forged")}">
				<input name="name" value="Forged">
				<input name="country" value="FR">
				<button type="submit">Win a prize</button>
			</form></body></html>`);
	});
	await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
	foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}/`;
});

afterAll(async () => {
	await new Promise((resolve) => foreign.close(resolve));
});

describe("privacy and other sites, in Chromium", () => {
	test("the erasure page lists what is kept, in Arabic, right to left, on a phone", async () => {
		const email = uniqueEmail("erase-ar");
		await postJson("/api/v1/petitions/call-to-action/signatures", { email, name: "Nadia", country: "IQ" });
		// Signatures are written from the intake queue: the person exists once the confirmation is sent.
		await linkInMailbox(email, "confirm");
		await postJson("/api/v1/privacy/requests", { email, kind: "erase", locale: "ar" });
		const context = await newContext(phone, "ar");
		const page = await context.newPage();
		await page.goto(await linkInMailbox(email, "privacy"));
		await expect(page.locator("html").getAttribute("dir")).resolves.toBe("rtl");
		const kept = page.getByRole("heading", { name: "ما نحتفظ به بعد المحو" });
		await kept.waitFor();
		await expect(page.locator("main li").count()).resolves.toBe(5);
		// Nothing wider than the phone.
		await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
		await screenshot(page, "privacy-erase-kept-ar-phone");
		await page.getByRole("button", { name: "محو بياناتي" }).click();
		await page.getByRole("heading", { name: "تم محو بياناتك" }).waitFor();
		await expect(page.locator("main li").count()).resolves.toBe(5);
	});

	test("a form on another site is refused with a page in the visitor's language", async () => {
		const context = await newContext(phone, "ar");
		const page = await context.newPage();
		await page.goto(foreignUrl);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().startsWith(`${engine}/p/call-to-action`)),
			page.getByRole("button", { name: "Win a prize" }).click(),
		]);
		expect(response.status()).toBe(403);
		await page.getByRole("heading", { name: "جاء هذا النموذج من موقع آخر" }).waitFor();
		await expect(page.locator("html").getAttribute("dir")).resolves.toBe("rtl");
		await screenshot(page, "cross-site-refused-ar-phone");
	});
});
