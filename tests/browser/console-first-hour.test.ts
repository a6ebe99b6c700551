// A campaigner's first send in a real browser, on a laptop and on a phone: "Send now…" leads to a
// confirmation page (who gets which version, with which subject) and only its button sends; a
// schedule is typed in a chosen time zone, a time the clocks skip is refused next to its field,
// and the time is shown in that zone and in UTC on the confirmation and on the bulletin page.
import type { BrowserContextOptions, Page } from "playwright-core";
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

async function addCampaigner(email: string) {
	const res = await fetch(`${engine}/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
		body: JSON.stringify({ role: "editor", name: "Nadia" }),
	});
	expect(res.status, await res.clone().text()).toBe(201);
}

/** A confirmed subscriber of the updates list in a country only this test uses. */
async function subscriber(locale: string, country: string): Promise<string> {
	const email = uniqueEmail(`first-hour-${locale}`);
	await postJson("/api/v1/lists/red-line-updates/subscriptions", { email, locale, country, name: "Sigrún" });
	const res = await fetch(await linkInMailbox(email, "confirm"), {
		method: "POST",
		headers: { accept: "application/json" },
	});
	expect(res.status).toBe(200);
	return email;
}

async function mailbox(email: string): Promise<MailboxEmail[]> {
	const res = await fetch(`${engine}/dev/mailbox.json?to=${encodeURIComponent(email)}`);
	return (await res.json()) as MailboxEmail[];
}

async function signIn(page: Page, email: string) {
	await page.goto(`${engine}/console`);
	await page.getByLabel("Your email address").fill(email);
	await page.getByRole("button", { name: "Email me a sign-in link" }).click();
	await page.getByText("If this address may sign in to the console, a link is on its way").waitFor();
	await page.goto(await linkInMailbox(email, "console/sign-in"));
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

async function noSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

const devices: [string, BrowserContextOptions, string][] = [
	["desktop", desktop, "LI"],
	["phone", phone, "MC"],
];

describe("the first send, confirmed, and a schedule in a time zone", () => {
	test.each(devices)("on a %s", async (name, device, country) => {
		const readers = { en: await subscriber("en", country), ar: await subscriber("ar", country) };
		const campaigner = uniqueEmail(`first-hour-${name}`);
		await addCampaigner(campaigner);
		const context = await newContext(device, "en-GB");
		const page = await context.newPage();
		await signIn(page, campaigner);

		await page.goto(`${engine}/console/bulletins/new`);
		await page.getByLabel("List").selectOption("list_red-line-updates");
		await page.getByLabel("Countries (ISO codes, separated by commas)").fill(country);
		await page.getByLabel("Subject (English)").fill(`First hour news for {{name}} (${name})`);
		await page.getByLabel("Body in Markdown (English)").fill("Dear {{name|friend}}, thank you.");
		await page.getByRole("button", { name: "Save draft" }).click();
		await page.getByText("Draft saved.").waitFor();
		const bulletinUrl = page.url().replace(/\?.*$/, "");

		// "Send now…" only opens the confirmation step.
		await page.getByRole("button", { name: "Send now…" }).click();
		await page.getByRole("heading", { name: "Send it now?" }).waitFor();
		expect(await page.locator('[data-figure="confirm-total"]').textContent()).toBe("2");
		const en = page.locator('tr[data-locale="en"]');
		const ar = page.locator('tr[data-locale="ar"]');
		expect(await en.locator('[data-label="Recipients"]').textContent()).toBe("1");
		expect(await ar.locator('[data-label="Recipients"]').textContent()).toBe("1");
		expect(await ar.locator('[data-label="Version"]').textContent()).toBe("English (fallback: no Arabic version)");
		expect(await ar.locator('[data-label="Subject"]').textContent()).toContain("First hour news for {{name}}");
		expect(await page.locator("script").count()).toBe(0);
		await noSidewaysScroll(page);
		await screenshot(page, `console-send-confirm-${name}`);
		await page.getByRole("link", { name: "Cancel: back to the bulletin" }).click();
		await page.locator('[data-status="draft"]').waitFor();
		expect((await mailbox(readers.en)).filter((e) => e.subject.startsWith("First hour news"))).toEqual([]);

		// A schedule in Paris time: a time the clocks skip is refused next to its field.
		await page.getByLabel("Or at a set time").fill("2027-03-28T02:30");
		await page.getByLabel("Time zone of that time").selectOption("Europe/Paris");
		await page.getByRole("button", { name: "Schedule…" }).click();
		await page.locator("#sendAt-error").waitFor();
		expect(await page.locator("#sendAt-error").textContent()).toContain(
			"2027-03-28 02:30 does not exist in Europe/Paris: the clocks skip it",
		);
		expect(await page.getByLabel("Or at a set time").getAttribute("aria-invalid")).toBe("true");
		expect(await page.getByLabel("Time zone of that time").inputValue()).toBe("Europe/Paris");
		await noSidewaysScroll(page);
		await screenshot(page, `console-schedule-gap-${name}`);

		await page.getByLabel("Or at a set time").fill("2027-07-01T10:00");
		await page.getByRole("button", { name: "Schedule…" }).click();
		await page.getByRole("heading", { name: "Schedule it?" }).waitFor();
		expect(await page.locator('[data-confirm-time] [data-time="local"]').textContent()).toBe(
			"2027-07-01 10:00 Europe/Paris (UTC+02:00)",
		);
		expect(await page.locator('[data-confirm-time] [data-time="utc"]').textContent()).toBe("2027-07-01 08:00 UTC");
		await noSidewaysScroll(page);
		await screenshot(page, `console-schedule-confirm-${name}`);
		await page.getByRole("button", { name: "Schedule for 2 subscribers" }).click();
		await page.locator('[data-status="scheduled"]').waitFor();
		expect(await page.locator('[data-scheduled] [data-time="local"]').textContent()).toBe(
			"2027-07-01 10:00 Europe/Paris (UTC+02:00)",
		);
		expect(await page.locator('[data-scheduled] [data-time="utc"]').textContent()).toBe("2027-07-01 08:00 UTC");
		// The form shows the schedule as chosen, in its zone.
		expect(await page.getByLabel("Or at a set time").inputValue()).toBe("2027-07-01T10:00");
		expect(await page.getByLabel("Time zone of that time").inputValue()).toBe("Europe/Paris");

		// Back to a draft, then sent for real from the confirmation step.
		await page.getByRole("button", { name: "Unschedule (back to a draft)" }).click();
		await page.locator('[data-status="draft"]').waitFor();
		await page.getByRole("button", { name: "Send now…" }).click();
		await page.getByRole("button", { name: "Send now to 2 subscribers" }).click();
		await page.locator('[data-status="sent"]').waitFor({ timeout: 60_000 });
		expect(page.url()).toContain(bulletinUrl);
		for (const email of Object.values(readers)) {
			const got = (await mailbox(email)).filter((e) => e.subject.startsWith("First hour news"));
			expect(got.map((e) => e.subject)).toEqual([`First hour news for Sigrún (${name})`]);
			expect(got[0]?.html).toContain("Dear Sigrún, thank you.");
		}
	});
});
