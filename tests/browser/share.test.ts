// Share after signing, in a real browser: the confirmation page invites sharing with links that
// carry the sharer's code and load nothing from the networks; a second person signing through
// one of them is counted under its channel in the console. On a phone, in English and Arabic.
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import axe from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import {
	chromiumForThisFile,
	desktop,
	engine,
	linkInMailbox,
	newContext,
	phone,
	postJson,
	screenshot,
	uniqueEmail,
	waitForConfirmed,
} from "./support";

chromiumForThisFile();

const shot = (name: string) => ({ path: join(import.meta.dirname, "..", "screenshots", `${name}.png`) });

const operatorToken = inject("operatorToken");

/** Every request the page makes, to check none leaves the engine. */
function recordRequests(page: Page): string[] {
	const urls: string[] = [];
	page.on("request", (r) => {
		urls.push(r.url());
	});
	return urls;
}

async function axeViolations(page: Page) {
	// Run through the DevTools protocol, so the page's own rules on scripts do not apply to it.
	await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const run = (window as unknown as { axe: typeof axe }).axe.run;
		const result = await run(document, { resultTypes: ["violations"] });
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html) }));
	});
}

/** Signs through the API, opens the emailed link on a phone and confirms: the thank-you page. */
async function confirmOnPhone(email: string, locale: string, browserLocale: string) {
	await postJson("/api/v1/petitions/call-to-action/signatures", { email, name: "Amani", country: "KE", locale });
	const link = await linkInMailbox(email, "confirm");
	const context = await newContext(phone, browserLocale);
	const page = await context.newPage();
	const requests = recordRequests(page);
	await page.goto(link);
	await page.locator("main form button").click();
	await page.locator("section.share").waitFor();
	// The click is written by the intake queue's consumer: the code on the page is recorded by then.
	await waitForConfirmed(link);
	return { context, page, requests };
}

/** The referral code in a share link's address. */
function codeOf(href: string): string {
	const decoded = decodeURIComponent(href);
	const m = decoded.match(/[?&]r=([a-z2-7]{8})/);
	if (!m?.[1]) throw new Error(`no code in ${href}`);
	return m[1];
}

async function signInToConsole(context: BrowserContext): Promise<Page> {
	const email = uniqueEmail("share-campaigner");
	const res = await fetch(`${engine}/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
		body: JSON.stringify({ role: "editor", name: "Share campaigner" }),
	});
	expect(res.status).toBe(201);
	const page = await context.newPage();
	await page.goto(`${engine}/console`);
	await page.getByLabel("Your email address").fill(email);
	await page.getByRole("button", { name: "Email me a sign-in link" }).click();
	await page.getByText("If this address may sign in to the console, a link is on its way").waitFor();
	await page.goto(await linkInMailbox(email, "console/sign-in"));
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.getByRole("heading", { name: "Dashboard" }).waitFor();
	return page;
}

/** The "confirmed" figure of one channel in the dashboard's shares table. */
async function confirmedThrough(page: Page, channel: string): Promise<number> {
	await page.goto(`${engine}/console`);
	const row = page
		.locator("#ch-channels-t")
		.locator("xpath=ancestor::figure")
		.locator("tbody tr", {
			has: page.locator(`th:text-is("${channel}")`),
		});
	return Number(await row.locator("td").first().textContent());
}

describe("sharing after signing, in a browser", () => {
	test("English, on a phone: links with a code, nothing from the networks, quick exit first, a friend counted under the channel", async () => {
		const { context, page, requests } = await confirmOnPhone(uniqueEmail("sharer"), "en", "en-GB");
		expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
		expect(await page.getByRole("heading", { level: 2, name: "Ask others to sign" }).isVisible()).toBe(true);

		const hrefs = await page
			.locator("section.share a")
			.evaluateAll((as) =>
				as.map((a) => [a.getAttribute("data-channel"), a.getAttribute("href"), a.getAttribute("rel")]),
			);
		const byChannel = Object.fromEntries(hrefs.map(([c, h]) => [c, h ?? ""]));
		expect(Object.keys(byChannel).sort()).toEqual(["email", "facebook", "telegram", "whatsapp", "x"]);
		expect(byChannel.whatsapp).toMatch(/^https:\/\/wa\.me\/\?text=/);
		expect(byChannel.telegram).toMatch(/^https:\/\/t\.me\/share\/url\?url=/);
		expect(byChannel.x).toMatch(/^https:\/\/x\.com\/intent\/post\?text=/);
		expect(byChannel.facebook).toMatch(/^https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?u=/);
		expect(byChannel.email).toMatch(/^mailto:\?subject=/);
		for (const [, , rel] of hrefs) expect(rel).toBe("noopener noreferrer");
		// One sharer, one code; each channel its own last letter.
		const codes = Object.values(byChannel).map(codeOf);
		expect(new Set(codes.map((c) => c.slice(0, 7))).size).toBe(1);
		expect(new Set(codes.map((c) => c.slice(7))).size).toBe(5);
		// Signal and copying: the link in a read-only field, to select and copy.
		for (const id of ["share-signal", "share-copy"]) {
			const field = page.locator(`#${id}`);
			expect(await field.getAttribute("readonly")).not.toBeNull();
			expect(codeOf((await field.inputValue()) ?? "").slice(0, 7)).toBe(codes[0]?.slice(0, 7));
		}

		// Nothing was fetched from anywhere but the engine while viewing the page.
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.filter((u) => !u.startsWith(engine))).toEqual([]);

		// The quick exit is the first thing the keyboard reaches, above the share block.
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.closest("nav")?.className)).toBe("quick-exit");
		const exitBox = await page.locator(".quick-exit a").boundingBox();
		const shareBox = await page.locator("section.share").boundingBox();
		expect((exitBox?.y ?? 1e9) < (shareBox?.y ?? 0)).toBe(true);

		// Nothing wider than the phone.
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
		).toBe(true);
		expect(await axeViolations(page)).toEqual([]);
		await page.locator("section.share").screenshot(shot("share-en-phone"));
		await screenshot(page, "share-confirmed-en-phone");

		// A friend signs through the WhatsApp link (the petition's own address with the code).
		const console_ = await signInToConsole(await newContext(desktop, "en-GB"));
		const before = await confirmedThrough(console_, "WhatsApp");
		const petitionUrl = decodeURIComponent(byChannel.whatsapp ?? "").match(/https?:\/\/\S+\?r=[a-z2-7]{8}/)?.[0] ?? "";
		expect(petitionUrl.startsWith(engine)).toBe(true);
		const friendContext = await newContext(phone, "en-GB");
		const friendPage = await friendContext.newPage();
		await friendPage.goto(petitionUrl);
		const friend = uniqueEmail("friend");
		await friendPage.getByLabel("Your name", { exact: true }).fill("Wanjiru");
		await friendPage.getByLabel("Your email address").fill(friend);
		await friendPage.getByLabel("Your country").selectOption("KE");
		await friendPage.getByRole("button", { name: "Sign", exact: true }).click();
		await friendPage.locator("h1").waitFor();
		const friendLink = await linkInMailbox(friend, "confirm");
		await friendPage.goto(friendLink);
		await friendPage.locator("main form button").click();
		await friendPage.locator("section.share").waitFor();
		await waitForConfirmed(friendLink);

		expect(await confirmedThrough(console_, "WhatsApp")).toBe(before + 1);
		// A few not confirmed yet, through the Telegram link, so the charts show both patterns.
		const telegram = decodeURIComponent(byChannel.telegram ?? "").match(/[?&]r=([a-z2-7]{8})/)?.[1];
		for (const n of [1, 2, 3]) {
			await postJson("/api/v1/petitions/call-to-action/signatures", {
				email: uniqueEmail(`pending-${n}`),
				name: "Amani",
				country: "KE",
				locale: "en",
				referral: telegram,
			});
		}
		await console_.goto(`${engine}/console`);
		const charts = console_.locator("section[aria-labelledby=charts]");
		await charts.screenshot(shot("dashboard-charts"));
		await context.close();
	});

	test("Arabic, on a phone: right to left, the same links, axe finds nothing", async () => {
		const { page, requests } = await confirmOnPhone(uniqueEmail("sharer-ar"), "ar", "ar");
		expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
		expect(await page.locator("html").getAttribute("lang")).toBe("ar");
		expect(await page.getByRole("heading", { level: 2, name: "ادعُ آخرين إلى التوقيع" }).isVisible()).toBe(true);
		expect(await page.getByRole("link", { name: "واتساب" }).getAttribute("href")).toMatch(/^https:\/\/wa\.me\/\?text=/);
		// The link to copy stays left to right inside the right-to-left page.
		expect(await page.locator("#share-copy").getAttribute("dir")).toBe("ltr");
		expect(requests.filter((u) => !u.startsWith(engine))).toEqual([]);
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
		).toBe(true);
		expect(await axeViolations(page)).toEqual([]);
		await page.locator("section.share").screenshot(shot("share-ar-phone"));
		await screenshot(page, "share-confirmed-ar-phone");
	});

	test("a partner's widget carries the code on its page's address into the signature", async () => {
		// A sharer's code, from their thank-you page.
		const { page: thanks } = await confirmOnPhone(uniqueEmail("sharer-widget"), "en", "en-GB");
		const code = codeOf((await thanks.locator("#share-copy").inputValue()) ?? "");
		expect(code.endsWith("c")).toBe(true);

		const server = createServer((_req, res) => {
			res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
			res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<div data-red-line><a href="${engine}/p/call-to-action">Sign</a></div>
<script async src="${engine}/widget.js" data-action="petition:call-to-action" data-lang="en" data-partner="share-partner"></script></body></html>`);
		});
		await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
		const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const put = await fetch(`${engine}/api/v1/operator/partners/share-partner`, {
				method: "PUT",
				headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
				body: JSON.stringify({ name: "Share Partner", allowedOrigins: [origin] }),
			});
			expect([200, 201]).toContain(put.status);
			const context = await newContext(phone, "en-GB");
			const page = await context.newPage();
			await page.goto(`${origin}/?r=${code}`);
			await page.locator("[data-red-line] section").waitFor({ state: "visible" });
			const friend = uniqueEmail("widget-friend");
			await page.getByLabel("Your name", { exact: true }).fill("Achieng");
			await page.getByLabel("Your email address", { exact: true }).fill(friend);
			await page.getByLabel("Your country", { exact: true }).selectOption("KE");
			const [sent] = await Promise.all([
				page.waitForRequest((r) => r.url().endsWith("/signatures") && r.method() === "POST"),
				page.getByRole("button", { name: "Sign", exact: true }).click(),
			]);
			expect(JSON.parse(sent.postData() ?? "{}").referral).toBe(code);
			expect((await sent.response())?.status()).toBe(202);
			const confirmed = await fetch(await linkInMailbox(friend, "confirm"), {
				method: "POST",
				headers: { accept: "application/json" },
			});
			expect(confirmed.status).toBe(200);
		} finally {
			await new Promise((r) => server.close(r));
		}
	});
});

/** A page's Open Graph image: its address, and the card as Chromium decodes it (size, a corner's colour). */
async function shareCard(page: Page, pagePath: string) {
	await page.goto(`${engine}${pagePath}`);
	const image = await page.locator('meta[property="og:image"]').getAttribute("content");
	const twitter = await page.locator('meta[name="twitter:card"]').getAttribute("content");
	const alt = await page.locator('meta[property="og:image:alt"]').getAttribute("content");
	// PUBLIC_URL may name another host than the test engine's: load the card from the engine.
	const path = new URL(image ?? "").pathname;
	const response = await page.goto(`${engine}${path}`);
	const decoded = await page.evaluate(async () => {
		const img = document.querySelector("img");
		if (!img) return null;
		await img.decode();
		const canvas = document.createElement("canvas");
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const g = canvas.getContext("2d");
		g?.drawImage(img, 0, 0);
		const corner = g ? [...g.getImageData(2, 2, 1, 1).data.slice(0, 3)] : [];
		return { width: img.naturalWidth, height: img.naturalHeight, corner };
	});
	return { path, twitter, alt, type: response?.headers()["content-type"], decoded, png: await response?.body() };
}

describe("share cards, in a browser", () => {
	test("the petition's card in Arabic on a phone, and the letter campaign's in English on a desktop: real PNGs Chromium decodes", async () => {
		const phonePage = await (await newContext(phone, "ar")).newPage();
		const requests = recordRequests(phonePage);
		const ar = await shareCard(phonePage, "/p/call-to-action?locale=ar");
		expect(ar.path).toBe("/p/call-to-action/card/ar.png");
		expect(ar.twitter).toBe("summary_large_image");
		expect(ar.alt).toBeTruthy();
		expect(ar.type).toBe("image/png");
		// 1200 × 630, on the campaign's colour (#b3001b).
		expect(ar.decoded).toEqual({ width: 1200, height: 630, corner: [179, 0, 27] });
		expect(requests.filter((u) => !u.startsWith(engine))).toEqual([]);
		// The card itself, as the networks show it (for the README).
		if (ar.png) writeFileSync(shot("share-card-ar").path, ar.png);

		const desktopPage = await (await newContext(desktop, "en-GB")).newPage();
		const en = await shareCard(desktopPage, "/l/write-to-your-state?locale=en");
		expect(en.path).toBe("/l/write-to-your-state/card/en.png");
		expect(en.decoded).toEqual({ width: 1200, height: 630, corner: [179, 0, 27] });
		const petitionCard = await desktopPage.goto(`${engine}/p/call-to-action/card/en.png`);
		expect(petitionCard?.status()).toBe(200);
		if (en.png) writeFileSync(shot("share-card-letters-en").path, en.png);
	});
});
