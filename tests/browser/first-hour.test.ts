// Issue 11, "The first hour" (supporters), as a person sees it in Chromium: every public page in
// Arabic on a phone keeps its 390 px layout with the quick exit on screen (the widget too, on a
// right-to-left partner page), pages render in standards mode, and the quick exit stays in view
// and leaves no way Back to the campaign.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
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
} from "./support";

chromiumForThisFile();

const operatorToken = inject("operatorToken");
const PARTNER = "rtl-partner";
const NEUTRAL = "https://www.bbc.com/weather";

/** A right-to-left partner page carrying a widget, as an Arabic-speaking partner would have it. */
function rtlPartner(): Promise<{ origin: string; server: Server }> {
	const server = createServer((req, res) => {
		const action = new URL(req.url ?? "/", "http://127.0.0.1").searchParams.get("action") ?? "petition:call-to-action";
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
		res.end(`<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>شريك</title></head>
<body style="margin:0;padding:8px"><h1>منظمة شريكة</h1><p>محتوى الشريك.</p>
<div data-red-line><a href="${engine}/p/call-to-action">وقّع</a></div>
<script async src="${engine}/widget.js" data-action="${action}" data-partner="${PARTNER}" data-lang="ar"></script>
</body></html>`);
	});
	return new Promise((resolve) =>
		server.listen(0, "127.0.0.1", () =>
			resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
		),
	);
}

let partner: { origin: string; server: Server };

beforeAll(async () => {
	partner = await rtlPartner();
	const res = await fetch(`${engine}/api/v1/operator/partners/${PARTNER}`, {
		method: "PUT",
		headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
		body: JSON.stringify({ name: "Kivu Survivors", allowedOrigins: [partner.origin] }),
	});
	expect([200, 201]).toContain(res.status);
});

afterAll(async () => {
	await new Promise((r) => partner?.server.close(r));
});

/** The quick exit never reaches the internet: a stand-in page answers for the neutral site. */
async function neutralSite(context: BrowserContext) {
	await context.route(`${NEUTRAL}**`, (route) =>
		route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Weather</title><p>Weather" }),
	);
}

interface Layout {
	mode: string;
	scrollWidth: number;
	innerWidth: number;
	scale: number;
	viewportWidth: number;
}

async function layoutOf(page: Page): Promise<Layout> {
	return page.evaluate(() => ({
		mode: document.compatMode,
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
		scale: window.visualViewport?.scale ?? 0,
		viewportWidth: window.visualViewport?.width ?? 0,
	}));
}

/** The page keeps the phone's 390 px layout viewport, unzoomed, in standards mode. */
async function expectPhoneLayout(page: Page, what: string) {
	const layout = await layoutOf(page);
	expect(layout.mode, what).toBe("CSS1Compat");
	expect(layout.scrollWidth, what).toBeLessThanOrEqual(390);
	expect(layout.innerWidth, what).toBe(390);
	expect(layout.scale, what).toBe(1);
	expect(layout.viewportWidth, what).toBe(390);
}

/** The quick exit is inside the visible viewport. */
async function expectQuickExitOnScreen(page: Page, what: string, selector = "a[data-quick-exit]") {
	const link = page.locator(selector).first();
	await link.waitFor({ state: "visible" });
	const box = await link.boundingBox();
	expect(box, what).not.toBeNull();
	if (!box) return;
	const viewport = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
	expect(box.x, what).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width, what).toBeLessThanOrEqual(viewport.w);
	expect(box.y, what).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height, what).toBeLessThanOrEqual(viewport.h);
}

/** Every kind of public page, in Arabic; the ones behind a link get a real one from the mailbox. */
async function arabicPages(page: Page): Promise<[string, () => Promise<unknown>][]> {
	const signer = uniqueEmail("ar-first-hour");
	await postJson("/api/v1/petitions/call-to-action/signatures", {
		email: signer,
		name: "أمل",
		country: "JO",
		locale: "ar",
	});
	const subscriber = uniqueEmail("ar-sub-first-hour");
	await postJson("/api/v1/lists/red-line-updates/subscriptions", { email: subscriber, locale: "ar" });
	const asker = uniqueEmail("ar-privacy-first-hour");
	await postJson("/api/v1/petitions/call-to-action/signatures", {
		email: asker,
		name: "سلمى",
		country: "EG",
		locale: "ar",
	});
	await linkInMailbox(asker, "confirm");
	await postJson("/api/v1/privacy/requests", { email: asker, kind: "export", locale: "ar" });
	const [confirm, subConfirm, privacy] = await Promise.all([
		linkInMailbox(signer, "confirm"),
		linkInMailbox(subscriber, "confirm"),
		linkInMailbox(asker, "privacy"),
	]);
	const go = (path: string) => () => page.goto(path.startsWith("http") ? path : `${engine}${path}`);
	return [
		["petition", go("/p/call-to-action?locale=ar")],
		["subscribe", go("/s/red-line-updates?locale=ar")],
		["letter, choosing the country", go("/l/write-to-your-state?locale=ar")],
		["letter", go("/l/write-to-your-state?locale=ar&country=FR")],
		["states", go("/states?locale=ar")],
		["confirm", go(confirm)],
		[
			"confirmed",
			async () => {
				await page.goto(confirm);
				await page.locator("form button[type=submit]").click();
				await page.waitForLoadState();
			},
		],
		[
			"preferences",
			async () => {
				await page.goto(subConfirm);
				await page.locator("form button[type=submit]").click();
				await page.waitForLoadState();
				await page.goto(await linkInMailbox(subscriber, "u"));
			},
		],
		["privacy", go(privacy)],
		["reply (a link that no longer works)", go("/reply/not-a-token")],
		["unsubscribe (a link that does not work)", go("/u/not-a-token")],
		[
			"check your inbox",
			async () => {
				await page.goto(`${engine}/p/call-to-action?locale=ar`);
				await page.locator("#name").fill("نور");
				await page.locator("#email").fill(uniqueEmail("ar-form"));
				await page.locator("select#country").selectOption("LB");
				await page.locator("form.action button[type=submit]").click();
				await page.waitForLoadState();
			},
		],
		[
			"form with errors",
			async () => {
				await page.goto(`${engine}/p/call-to-action?locale=ar`);
				await page.locator("form.action button[type=submit]").click();
				await page.waitForLoadState();
			},
		],
		["not found", go("/p/no-such-petition?locale=ar")],
	];
}

describe("Arabic on a phone", () => {
	test("every public page keeps the 390 px layout, and the quick exit is on screen", async () => {
		const context = await newContext(phone, "ar");
		const page = await context.newPage();
		const pages = await arabicPages(page);
		const failures: string[] = [];
		for (const [name, open] of pages) {
			await open();
			await expectPhoneLayout(page, name);
			await expectQuickExitOnScreen(page, name);
			// What the phone shows first: the page's top, with the quick exit.
			await screenshot(page, `first-hour-ar-phone-${name.replace(/[^a-z]+/g, "-")}`, { fullPage: false });
			if ((await page.locator("html").getAttribute("dir")) !== "rtl") failures.push(name);
		}
		expect(failures).toEqual([]);
	});

	test("the widget on a right-to-left partner page keeps the 390 px layout, its quick exit on screen", async () => {
		const context = await newContext(phone, "ar");
		const page = await context.newPage();
		for (const action of ["petition:call-to-action", "subscribe:red-line-updates", "letter:write-to-your-state"]) {
			await page.goto(`${partner.origin}/?action=${action}`);
			await page.locator("[data-red-line] section form").waitFor({ state: "visible" });
			await expectPhoneLayout(page, action);
			await expectQuickExitOnScreen(page, action, "[data-red-line] .qx a");
			// The honeypot is still there for robots, out of sight and out of reach.
			const honeypot = page.locator("[data-red-line] input[name=website]");
			expect(await honeypot.count()).toBe(1);
			expect(await honeypot.getAttribute("tabindex")).toBe("-1");
			await screenshot(page, `first-hour-ar-phone-widget-${action.split(":")[0]}`);
		}
	});
});

describe("standards mode", () => {
	test("public pages, the console and the dev mailbox render in CSS1Compat", async () => {
		const context = await newContext(desktop, "en");
		const page = await context.newPage();
		for (const path of ["/p/call-to-action", "/states", "/console/sign-in", "/dev/mailbox", "/confirm/not-a-token"]) {
			await page.goto(`${engine}${path}`);
			expect(await page.evaluate(() => document.compatMode), path).toBe("CSS1Compat");
		}
	});
});

describe("the quick exit", () => {
	test("stays in view while the page scrolls, on a phone and on a desktop", async () => {
		for (const [device, name] of [
			[phone, "phone"],
			[desktop, "desktop"],
		] as const) {
			const context = await newContext(device, "ar");
			const page = await context.newPage();
			await page.goto(`${engine}/p/call-to-action?locale=ar`);
			await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
			expect(await page.evaluate(() => window.scrollY), name).toBeGreaterThan(300);
			await expectQuickExitOnScreen(page, `after scrolling, ${name}`);
			await page.locator("a[data-quick-exit]").click({ trial: true });
			if (name === "phone") await screenshot(page, "first-hour-ar-phone-scrolled", { fullPage: false });
		}
	});

	test("replaces the page in the history: Back does not return to the campaign", async () => {
		const context = await newContext(phone, "ar");
		await neutralSite(context);
		const page = await context.newPage();
		await page.goto(`${engine}/favicon.svg`);
		await page.goto(`${engine}/p/call-to-action?locale=ar`);
		await page.locator("a[data-quick-exit]").click();
		await page.waitForURL(`${NEUTRAL}**`);
		await page.goBack();
		expect(page.url()).toBe(`${engine}/favicon.svg`);
	});

	test("without JavaScript it is still a link that leaves", async () => {
		const context = await newContext({ ...phone, javaScriptEnabled: false }, "ar");
		await neutralSite(context);
		const page = await context.newPage();
		await page.goto(`${engine}/s/red-line-updates?locale=ar`);
		await page.locator("a[data-quick-exit]").click();
		await page.waitForURL(`${NEUTRAL}**`);
	});
});
