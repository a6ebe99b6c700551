// Shared by the browser tests: Debian's Chromium through playwright-core, fresh contexts,
// screenshots, and the dev mailbox of the engine that tests/browser/global-setup.ts started.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { QUICK_EXIT_SCRIPT } from "../../worker/pages/quick-exit.ts";

export const engine = inject("engineUrl");
const screenshots = join(import.meta.dirname, "..", "screenshots");

export const phone: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 1,
	isMobile: true,
	hasTouch: true,
};
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

let browser: Browser;
const contexts: BrowserContext[] = [];

/** Launches Chromium before the file's tests and closes it (and every context) after them. */
export function chromiumForThisFile(): void {
	beforeAll(async () => {
		mkdirSync(screenshots, { recursive: true });
		browser = await chromium.launch({
			executablePath: "/usr/bin/chromium",
			headless: true,
			args: [
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
			],
		});
	});
	afterAll(async () => {
		for (const c of contexts) await c.close().catch(() => {});
		await browser?.close();
	});
}

/** A fresh browser profile state (no cookies, no cache) with the given device and language. */
export async function newContext(device: BrowserContextOptions, locale: string) {
	const context = await browser.newContext({ ...device, locale });
	contexts.push(context);
	return context;
}

/** A screenshot of the whole page, or (`fullPage: false`) of what the screen shows. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
	await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: options.fullPage ?? true });
}

let counter = 0;
export function uniqueEmail(prefix: string) {
	counter++;
	return `${prefix}.${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

export interface MailboxEmail {
	to: string;
	subject: string;
	html: string;
	text: string;
	headers: Record<string, string>;
}

/**
 * Polls the dev mailbox until an email to `email` holds a link to `/{path}/…` (it comes through
 * the real queue), and returns that link.
 */
export async function linkInMailbox(email: string, path = "confirm"): Promise<string> {
	const until = Date.now() + 30_000;
	const escaped = engine.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
	const pattern = new RegExp(`${escaped}/${path}/[A-Za-z0-9_.-]+`);
	for (;;) {
		const res = await fetch(`${engine}/dev/mailbox.json?to=${encodeURIComponent(email)}`);
		expect(res.status).toBe(200);
		const emails = (await res.json()) as MailboxEmail[];
		for (const e of emails) {
			const m = e.text.match(pattern);
			if (m) return m[0];
		}
		if (Date.now() > until) throw new Error(`no email with a /${path}/ link to ${email} after 30 s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * Waits until a click on a confirmation link has been written: a signature's click is confirmed by
 * the intake queue's consumer after the thank-you page (worker/domain/petitions/confirm-batch.ts).
 * The link's JSON says "confirmed" from then on.
 */
export async function waitForConfirmed(link: string): Promise<void> {
	const until = Date.now() + 30_000;
	for (;;) {
		const res = await fetch(link, { headers: { accept: "application/json" } });
		if (res.status === 200 && ((await res.json()) as { status: string }).status === "confirmed") return;
		if (Date.now() > until) throw new Error(`${link} not confirmed after 30 s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

export async function postJson(path: string, body: unknown) {
	const res = await fetch(`${engine}${path}`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	});
	expect(res.status, await res.clone().text()).toBe(202);
}

/**
 * No script in the DOM but the quick exit's own (inline, allowed by its hash), no inline handler,
 * no cookie: the page runs nothing else and tracks nothing.
 */
export async function expectNoScriptNoCookie(page: Page, context: BrowserContext) {
	const scripts = await page
		.locator("script")
		.evaluateAll((els) => els.map((el) => ({ src: el.getAttribute("src"), text: el.textContent })));
	expect(scripts.filter((s) => s.src !== null || s.text !== QUICK_EXIT_SCRIPT)).toEqual([]);
	const handlers = await page.evaluate(() =>
		[...document.querySelectorAll("*")].flatMap((el) =>
			[...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName}[${a.name}]`),
		),
	);
	expect(handlers).toEqual([]);
	expect(await context.cookies()).toEqual([]);
}
