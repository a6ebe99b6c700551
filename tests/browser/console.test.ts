// The campaigners' console in a real browser: sign in through the dev mailbox's magic link,
// write a bulletin in three languages, preview it, test-send it, send it to a few subscribers
// and watch it finish; edit a petition, download its CSV, sign out. Screenshots at laptop and
// phone width.
import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import {
	chromiumForThisFile,
	desktop,
	engine,
	linkInMailbox,
	type MailboxEmail,
	newContext,
	phone,
	postJson,
	screenshot,
	uniqueEmail,
} from "./support";

chromiumForThisFile();

const operatorToken = inject("operatorToken");

async function addCampaigner(email: string, role: "admin" | "editor") {
	const res = await fetch(`${engine}/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
		body: JSON.stringify({ role, name: "Test campaigner" }),
	});
	expect(res.status, await res.clone().text()).toBe(201);
}

async function mailbox(email: string): Promise<MailboxEmail[]> {
	const res = await fetch(`${engine}/dev/mailbox.json?to=${encodeURIComponent(email)}`);
	return (await res.json()) as MailboxEmail[];
}

async function until<T>(check: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** A confirmed subscriber of the updates list, in a country nobody else in the tests uses. */
async function subscriber(locale: string): Promise<string> {
	const email = uniqueEmail(`bulletin-${locale}`);
	await postJson("/api/v1/lists/red-line-updates/subscriptions", { email, locale, country: "IS", name: "Sigrún" });
	const res = await fetch(await linkInMailbox(email, "confirm"), {
		method: "POST",
		headers: { accept: "application/json" },
	});
	expect(res.status).toBe(200);
	return email;
}

async function signIn(page: Page, email: string) {
	await page.goto(`${engine}/console`);
	await page.getByRole("heading", { name: "Sign in to the console" }).waitFor();
	await page.getByLabel("Your email address").fill(email);
	await page.getByRole("button", { name: "Email me a sign-in link" }).click();
	await page.getByText("If this address may sign in to the console, a link is on its way").waitFor();
	await page.goto(await linkInMailbox(email, "console/sign-in"));
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

async function sessionCookie(context: BrowserContext) {
	return (await context.cookies()).find((c) => c.name === "__Host-rl_session");
}

describe("the campaigners' console in a browser", () => {
	test("sign in, write a bulletin in three languages, preview, test, send, watch it finish, sign out", async () => {
		const campaigner = uniqueEmail("campaigner");
		await addCampaigner(campaigner, "admin");
		const readers = { en: await subscriber("en"), fr: await subscriber("fr"), es: await subscriber("es") };

		const context = await newContext(desktop, "en-GB");
		const page = await context.newPage();
		await signIn(page, campaigner);
		const cookie = await sessionCookie(context);
		expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
		expect(await page.locator("script").count()).toBe(0);
		await screenshot(page, "console-dashboard-desktop");

		// Compose in English, French and Spanish, for the list narrowed to one country.
		await page.getByRole("link", { name: "Bulletins", exact: true }).click();
		await page.getByRole("link", { name: "Write a bulletin" }).click();
		await page.getByLabel("List").selectOption("list_red-line-updates");
		await page.getByLabel("Countries (ISO codes, separated by commas)").fill("IS");
		await page.getByLabel("Subject (English)").fill("News from the Red Line campaign");
		await page.getByLabel("Preheader (English)").fill("Three States joined this month");
		await page
			.getByLabel("Body in Markdown (English)")
			.fill("Thank you.\n\n**Three States** endorsed the declaration.");
		await page.locator("summary", { hasText: "French" }).click();
		await page.getByLabel("Subject (French)").fill("Des nouvelles de la campagne Red Line");
		await page.getByLabel("Body in Markdown (French)").fill("Merci.\n\n**Trois États** ont soutenu la déclaration.");
		await page.locator("summary", { hasText: "Spanish" }).click();
		await page.getByLabel("Subject (Spanish)").fill("Noticias de la campaña Red Line");
		await page.getByLabel("Body in Markdown (Spanish)").fill("Gracias.\n\n**Tres Estados** apoyaron la declaración.");
		await screenshot(page, "console-compose-desktop");
		await page.getByRole("button", { name: "Save draft" }).click();
		await page.getByText("Draft saved.").waitFor();
		expect(await page.locator('[data-figure="audience"]').textContent()).toBe("3");
		const bulletinUrl = page.url().replace(/\?.*$/, "");

		// Preview (its own page, with the global no-script policy).
		const previewHref = await page.getByRole("link", { name: "Preview in French" }).getAttribute("href");
		const preview = await context.newPage();
		await preview.goto(`${engine}${previewHref}`);
		await preview.getByText("Trois États").waitFor();
		await screenshot(preview, "console-bulletin-preview-fr-desktop");
		await preview.close();

		// A test to oneself, in Spanish.
		await page.getByLabel(/Send a test to/).selectOption("es");
		await page.getByRole("button", { name: "Send me a test" }).click();
		await page.getByText("Test sent to your address.").waitFor();
		const test = await until(
			async () => (await mailbox(campaigner)).find((e) => e.subject.includes("Noticias de la campaña Red Line")),
			"the test email",
		);
		expect(test.subject).toContain("[TEST]");

		// Send now (from its confirmation step), and watch the page refresh itself until it is finished.
		await page.getByRole("button", { name: "Send now…" }).click();
		await page.getByRole("button", { name: "Send now to 3 subscribers" }).click();
		await page.getByRole("heading", { name: /Progress|Report/ }).waitFor();
		await page.locator('[data-status="sent"]').waitFor({ timeout: 60_000 });
		expect(await page.locator('[data-figure="sent"]').textContent()).toBe("3");
		expect(await page.locator('[data-figure="failed"]').textContent()).toBe("0");
		await screenshot(page, "console-bulletin-report-desktop");

		const subjects = {
			en: "News from the Red Line campaign",
			fr: "Des nouvelles de la campagne Red Line",
			es: "Noticias de la campaña Red Line",
		};
		for (const [locale, email] of Object.entries(readers) as [keyof typeof subjects, string][]) {
			const got = (await mailbox(email)).filter((e) => Object.values(subjects).includes(e.subject));
			expect(got.map((e) => e.subject)).toEqual([subjects[locale]]);
			expect(got[0]?.headers["List-Unsubscribe-Post"] ?? got[0]?.headers["list-unsubscribe-post"]).toBe(
				"List-Unsubscribe=One-Click",
			);
		}

		// The same report on a phone.
		const phoneContext = await newContext(phone, "en-GB");
		if (cookie) await phoneContext.addCookies([cookie]);
		const phonePage = await phoneContext.newPage();
		await phonePage.goto(bulletinUrl);
		await phonePage.locator('[data-status="sent"]').waitFor();
		const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
		expect(overflow).toBe(false);
		await screenshot(phonePage, "console-bulletin-report-phone");

		// Sign out: the session is gone.
		await page.getByRole("button", { name: "Sign out" }).click();
		await page.getByRole("heading", { name: "You are signed out" }).waitFor();
		expect(await sessionCookie(context)).toBeUndefined();
		await phonePage.goto(`${engine}/console`);
		await phonePage.getByRole("heading", { name: "Sign in to the console" }).waitFor();
	});

	test("an editor makes a petition, edits it, sees it in public and downloads its CSV", async () => {
		const editor = uniqueEmail("editor");
		await addCampaigner(editor, "editor");
		const context = await newContext(phone, "en-GB");
		const page = await context.newPage();
		await signIn(page, editor);
		await screenshot(page, "console-dashboard-phone");
		// No admin sections for an editor.
		expect(await page.getByRole("link", { name: "Campaigners" }).count()).toBe(0);

		const slug = `console-${Date.now().toString(36)}`;
		await page.goto(`${engine}/console/petitions/new`);
		await page.getByLabel("Slug (the address: /p/slug)").fill(slug);
		await page.getByLabel("Goal (signatures)").fill("500");
		await page.getByLabel("Title (English)").fill("Protect survivors' data");
		await page.getByLabel("Summary (English)").fill("A short summary.");
		await page.getByLabel("Demands (English)").fill("# core: What we ask\nDelete what is not needed.");
		await page.getByRole("button", { name: "Save petition" }).click();
		await page.getByText("Saved. The public page shows it now.").waitFor();

		await page.getByLabel("Title (English)").fill("Protect survivors' data, everywhere");
		await page.getByLabel("Goal (signatures)").fill("750");
		await screenshot(page, "console-petition-edit-phone");
		await page.getByRole("button", { name: "Save petition" }).click();
		await page.getByText("Saved. The public page shows it now.").waitFor();

		const publicView = (await (await fetch(`${engine}/api/v1/petitions/${slug}`)).json()) as {
			title: string;
			goal: number;
			demands: { heading: string; demands: { text: string }[] }[];
		};
		expect(publicView).toMatchObject({ title: "Protect survivors' data, everywhere", goal: 750 });
		expect(publicView.demands[0]?.demands[0]?.text).toBe("Delete what is not needed.");

		const [download] = await Promise.all([
			page.waitForEvent("download"),
			page.getByRole("link", { name: "export signatures (CSV)" }).click(),
		]);
		expect(download.suggestedFilename()).toMatch(new RegExp(`^${slug}-signatures-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
		const csv = await readFile(await download.path(), "utf8");
		expect(csv.split("\n")[0]).toContain("country");
		expect(csv).not.toContain("@");
	});
});
