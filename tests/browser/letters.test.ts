// What a writer sees: confirming a letter to their State, and the public map of States.
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
} from "./support";

chromiumForThisFile();

describe("writing to a State in a browser", () => {
	test("French, on a phone: confirm the letter, then see the map of States", async () => {
		const email = uniqueEmail("letter");
		await postJson("/api/v1/letters/write-to-your-state", { email, name: "Amani", country: "FR", locale: "fr" });
		const context = await newContext(phone, "fr-FR");
		const page = await context.newPage();
		await page.goto(await linkInMailbox(email, "confirm"));
		await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Confirmez votre lettre");
		await expect(page.locator("main strong").textContent()).resolves.toBe("France");
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "letter-confirm-fr-phone");
		await page.getByRole("button", { name: "Envoyer ma lettre" }).click();
		await page.getByRole("heading", { level: 1 }).waitFor();
		const heading = await page.getByRole("heading", { level: 1 }).textContent();
		expect(heading).not.toBe("Confirmez votre lettre");

		await page.getByRole("link").last().click();
		await page.waitForURL(/\/states\?locale=fr/);
		// France on the map, and found by name in the table below it.
		expect(await page.locator('svg.map a[data-state="FR"]').getAttribute("aria-label")).toBe(
			"France : A approuvé la déclaration de 2025",
		);
		await page.getByLabel("Nom", { exact: true }).fill("france");
		await page.getByRole("button", { name: "Afficher" }).click();
		await page.waitForURL(/q=france/);
		const france = page.locator('tr[data-state="FR"]');
		await expect(france.locator("th").textContent()).resolves.toBe("France");
		await expect(france.textContent()).resolves.toContain("A approuvé la déclaration de 2025");
		await screenshot(page, "states-fr-phone");
	});

	test("the map of States on a desktop, in Spanish", async () => {
		const context = await newContext(desktop, "es-ES");
		const page = await context.newPage();
		const res = await page.goto(`${engine}/states`);
		expect(res?.status()).toBe(200);
		await expect(page.locator("html").getAttribute("lang")).resolves.toBe("es");
		// Every State on the map; the table 25 at a time.
		expect(await page.locator("svg.map a").count()).toBe(195);
		expect(await page.locator("tbody tr").count()).toBe(25);
		await expect(page.locator("#states-results").textContent()).resolves.toContain("195 Estados");
		// The twelve endorsing States, by the status filter.
		await page.getByLabel("Situación", { exact: true }).selectOption("endorsed");
		await page.getByRole("button", { name: "Mostrar" }).click();
		await page.waitForURL(/status=endorsed/);
		const endorsing = await page
			.locator("tbody tr")
			.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state")));
		expect(endorsing.sort()).toEqual(["AU", "CD", "CH", "CO", "ES", "FR", "GB", "JP", "KR", "LU", "UA", "US"]);
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "states-es-desktop");
	});
});
