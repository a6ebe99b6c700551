// What a person sees of their rights: confirming a subscription, the unsubscribe page and
// preference centre, and the pages that export or erase their data, in a real browser.
import { readFile } from "node:fs/promises";
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

describe("a subscriber's rights in a browser", () => {
	test("Spanish, on a phone: confirm by a click, then leave from the link in the welcome email", async () => {
		const email = uniqueEmail("es-sub");
		await postJson("/api/v1/lists/red-line-updates/subscriptions", { email, locale: "es" });
		const context = await newContext(phone, "es-ES");
		const page = await context.newPage();

		await page.goto(await linkInMailbox(email, "confirm"));
		await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Confirme su suscripción");
		await page.getByRole("button", { name: "Sí, envíenme novedades" }).click();
		await page.getByRole("heading", { name: "Se ha suscrito" }).waitFor();

		const leave = await linkInMailbox(email, "u");
		await page.goto(leave);
		await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Sus preferencias de correo");
		// Every control of the preference centre is labelled.
		await expect(page.getByRole("checkbox", { name: "Novedades de la Iniciativa Red Line" }).isChecked()).resolves.toBe(
			true,
		);
		await expect(page.getByLabel("Idioma de nuestros correos").inputValue()).resolves.toBe("es");
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "preferences-es-phone");

		await page.getByRole("button", { name: "Darme de baja", exact: true }).click();
		await page.getByRole("heading", { name: "Se ha dado de baja" }).waitFor();
		await screenshot(page, "unsubscribed-es-phone");
		expect(await context.cookies()).toEqual([]);
	});

	test("export: the link shows a button, the button downloads the data", async () => {
		const email = uniqueEmail("export");
		await postJson("/api/v1/petitions/call-to-action/signatures", { email, name: "Nadia", country: "IQ" });
		// Signatures are written from the intake queue: the person exists once the confirmation is sent.
		await linkInMailbox(email, "confirm");
		await postJson("/api/v1/privacy/requests", { email, kind: "export", locale: "en" });
		const context = await newContext(desktop, "en-GB");
		const page = await context.newPage();
		await page.goto(await linkInMailbox(email, "privacy"));
		await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Download your data");
		await expectNoScriptNoCookie(page, context);
		await screenshot(page, "privacy-export-desktop");

		const [download] = await Promise.all([
			page.waitForEvent("download"),
			page.getByRole("button", { name: "Download my data" }).click(),
		]);
		expect(download.suggestedFilename()).toBe("red-line-my-data.json");
		const data = JSON.parse(await readFile(await download.path(), "utf8"));
		expect(data.person.email).toBe(email);
		expect(data.signatures[0]).toMatchObject({ petition: "call-to-action", name: "Nadia", country: "IQ" });
	});

	test("erase, in French on a phone: the link explains, the button erases", async () => {
		const email = uniqueEmail("erase");
		await postJson("/api/v1/lists/red-line-updates/subscriptions", { email, locale: "fr" });
		await linkInMailbox(email, "confirm");
		await postJson("/api/v1/privacy/requests", { email, kind: "erase", locale: "fr" });
		const context = await newContext(phone, "fr-FR");
		const page = await context.newPage();
		await page.goto(await linkInMailbox(email, "privacy"));
		await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Effacer vos données");
		await expect(page.locator("main p").first().textContent()).resolves.toContain("irréversible");
		await screenshot(page, "privacy-erase-fr-phone");
		await page.getByRole("button", { name: "Effacer mes données" }).click();
		await page.getByRole("heading", { name: "Vos données sont effacées" }).waitFor();
		// Nothing is left to find under that address.
		const mailbox = await fetch(`${engine}/dev/mailbox.json?to=${encodeURIComponent(email)}`);
		expect(await mailbox.json()).toEqual([]);
	});
});
