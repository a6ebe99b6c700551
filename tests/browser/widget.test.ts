// The partners' widget in a real browser: a partner's page, served on one loopback origin with
// hostile CSS, carries the widget from the engine on another (tests/browser/global-setup.ts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import axe from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
	chromiumForThisFile,
	desktop,
	engine,
	linkInMailbox,
	newContext,
	phone,
	screenshot,
	uniqueEmail,
	waitForConfirmed,
} from "./support";

chromiumForThisFile();

const operatorToken = inject("operatorToken");
const PARTNER = "kivu-survivors";

/**
 * A partner's page as hostile as CSS gets: everything outside the widget hidden, the widget's
 * own placeholder hidden too, and loud styles on every common tag.
 */
const hostileCss = `
html{font-size:8px}
body *:not([data-red-line]){display:none !important}
[data-red-line]{display:none !important;visibility:hidden !important;opacity:0 !important;color:lime !important}
*{letter-spacing:.2em !important;background:magenta !important;border:6px dashed red !important;text-transform:uppercase !important}
div,section,form,label,input,select,button,p,h2,h3,ul,li,a,details,summary,progress{display:none !important;position:absolute !important;left:-9999px !important;font-size:3px !important}
`;

interface WidgetAttrs {
	action: string;
	lang: string;
	partner?: string;
	accent?: string;
}

function partnerHtml(attrs: WidgetAttrs, hostile: boolean): string {
	const data = Object.entries(attrs)
		.map(([key, value]) => ` data-${key}="${value}"`)
		.join("");
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Kivu Survivors</title>
${hostile ? `<style>${hostileCss}</style>` : ""}</head>
<body><main><h1>Kivu Survivors</h1><p>Partner content.</p></main>
<div data-red-line><a href="${engine}/p/call-to-action">Sign the Call to Action</a></div>
<script async src="${engine}/widget.js"${data}></script>
</body></html>`;
}

/** A partner site: any page asked for carries a widget as its query says. */
function partnerSite(): Promise<{ origin: string; server: Server }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? "/", "http://127.0.0.1");
		const q = url.searchParams;
		const attrs: WidgetAttrs = {
			action: q.get("action") ?? "petition:call-to-action",
			lang: q.get("lang") ?? "en",
			...(q.get("partner") ? { partner: q.get("partner") ?? "" } : {}),
			...(q.get("accent") ? { accent: q.get("accent") ?? "" } : {}),
		};
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
		res.end(partnerHtml(attrs, q.get("hostile") !== "0"));
	});
	return new Promise((resolve) =>
		server.listen(0, "127.0.0.1", () =>
			resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
		),
	);
}

let registered: { origin: string; server: Server };
let unregistered: { origin: string; server: Server };

beforeAll(async () => {
	registered = await partnerSite();
	unregistered = await partnerSite();
	const res = await fetch(`${engine}/api/v1/operator/partners/${PARTNER}`, {
		method: "PUT",
		headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
		body: JSON.stringify({
			name: "Kivu Survivors",
			allowedOrigins: [registered.origin],
			consentTexts: { fr: "Recevoir aussi les nouvelles de Kivu Survivors.", en: "Also hear from Kivu Survivors." },
			privacyUrl: `${registered.origin}/privacy`,
		}),
	});
	expect([200, 201]).toContain(res.status);
});

afterAll(async () => {
	await new Promise((r) => registered?.server.close(r));
	await new Promise((r) => unregistered?.server.close(r));
});

interface Strings {
	[key: string]: string;
}

/** The widget's words in a language, as the engine sends them. */
async function strings(lang: string, kind = "petition", slug = "call-to-action"): Promise<Strings> {
	const res = await fetch(`${engine}/api/v1/widget/${kind}/${slug}?lang=${lang}`);
	return ((await res.json()) as { strings: Strings }).strings;
}

/** Every request the page makes, by URL. */
function recordRequests(page: Page): string[] {
	const urls: string[] = [];
	page.on("request", (r) => urls.push(r.url()));
	return urls;
}

async function openWidget(context: BrowserContext, site: string, query: Record<string, string>) {
	const page = await context.newPage();
	const requests = recordRequests(page);
	await page.goto(`${site}/?${new URLSearchParams({ partner: PARTNER, ...query })}`);
	// Playwright's locators reach into open shadow roots.
	const widget = page.locator("[data-red-line] section");
	await widget.waitFor({ state: "visible" });
	return { page, widget, requests };
}

const countIn = async (page: Page) =>
	Number(await page.locator("[data-red-line] [data-count]").getAttribute("data-count"));

/** Runs axe-core on the widget's shadow host (axe reaches into open shadow roots). */
async function axeViolations(page: Page) {
	await page.addScriptTag({ content: axe.source });
	return page.evaluate(async () => {
		const run = (window as unknown as { axe: typeof axe }).axe.run;
		const host = document.querySelector("[data-red-line]") as Element;
		const result = await run(host, { resultTypes: ["violations"] });
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html) }));
	});
}

/** No horizontal scroll: nothing is wider than the screen. */
async function expectNoHorizontalScroll(page: Page) {
	const { scroll, client, widget } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth,
		widget: (document.querySelector("[data-red-line]") as Element).getBoundingClientRect().right,
	}));
	expect(scroll).toBeLessThanOrEqual(client);
	expect(widget).toBeLessThanOrEqual(client);
}

async function operatorJson<T>(path: string): Promise<{ status: number; body: T }> {
	const res = await fetch(`${engine}/api/v1/operator${path}`, {
		headers: { authorization: `Bearer ${operatorToken}` },
	});
	return { status: res.status, body: (await res.json()) as T };
}

describe("a partner's page carries the widget", () => {
	test("French, on a desktop: sign, confirm from the email, and the count in the widget moves", async () => {
		const t = await strings("fr");
		const email = uniqueEmail("widget.fr");
		const context = await newContext(desktop, "fr-FR");
		const { page, widget, requests } = await openWidget(context, registered.origin, { lang: "fr" });

		// The widget survives the page's CSS, and its own styles reach nothing outside it.
		expect(await widget.getAttribute("lang")).toBe("fr");
		expect(await page.getByRole("heading", { name: "L'Appel à l'action des survivant·es" }).isVisible()).toBe(true);
		const button = page.getByRole("button", { name: "Signer" });
		expect(await button.isVisible()).toBe(true);
		expect(await button.evaluate((b) => getComputedStyle(b).textTransform)).toBe("none");
		expect(await page.locator("main").isVisible()).toBe(false);
		expect(await page.getByRole("link", { name: t.quickExit }).isVisible()).toBe(true);
		const before = await countIn(page);

		await page.getByLabel(t.formName, { exact: true }).fill("Amani");
		await page.getByLabel(t.formEmail, { exact: true }).fill(email);
		await page.getByLabel(t.formCountry, { exact: true }).selectOption("CD");
		await page.getByLabel("Recevoir aussi les nouvelles de Kivu Survivors.").check();
		await screenshot(page, "widget-desktop-fr");
		await button.click();
		const done = page.getByRole("heading", { name: t.renewedTitle });
		await done.waitFor({ state: "visible" });
		expect(await page.locator("[data-red-line] .done p").textContent()).toBe(t.checkInboxSign);
		expect(await page.getByRole("status").textContent()).toContain(t.checkInboxSign);

		// The email's link, opened and confirmed on the engine's page.
		const link = await linkInMailbox(email, "confirm");
		const confirm = await context.newPage();
		await confirm.goto(link);
		const [posted] = await Promise.all([
			confirm.waitForResponse((r) => r.url() === link && r.request().method() === "POST"),
			confirm.getByRole("button", { name: "Confirmer ma signature" }).click(),
		]);
		expect(posted.status()).toBe(200);
		await confirm.getByRole("heading", { level: 1, name: "Merci, votre signature compte" }).waitFor();
		await confirm.close();
		// The click is written by the intake queue's consumer, within a second or so of the page.
		await waitForConfirmed(link);

		await page.reload();
		await page.locator("[data-red-line] [data-count]").waitFor();
		expect(await countIn(page)).toBeGreaterThan(before);

		// Counted under the partner, with the source it came from.
		const counts = await operatorJson<{ partners: Record<string, { signatures: Record<string, number> }> }>(
			"/partners/counts",
		);
		expect(counts.body.partners[PARTNER]?.signatures["call-to-action"]).toBe(1);

		// Only the page's own origin and the engine's: nothing from anyone else, no cookie.
		const origins = new Set(requests.map((u) => new URL(u).origin));
		expect([...origins].sort()).toEqual([engine, registered.origin].sort());
		expect(await context.cookies()).toEqual([]);
	});

	test("the widget makes one request for its data, and the script loads once", async () => {
		const context = await newContext(desktop, "en-GB");
		const { page, requests } = await openWidget(context, registered.origin, { lang: "en" });
		await page.waitForLoadState("networkidle");
		const toEngine = requests.filter((u) => u.startsWith(engine));
		expect(toEngine.filter((u) => u.includes("/api/")).length).toBe(1);
		expect(toEngine.filter((u) => u.includes("/widget.js")).length).toBe(1);
		expect(toEngine.length).toBe(2);
	});

	test("a site the campaign has not registered is refused: the widget says so, nothing is recorded", async () => {
		const t = await strings("en");
		const email = uniqueEmail("widget.refused");
		const context = await newContext(desktop, "en-GB");
		const { page } = await openWidget(context, unregistered.origin, { lang: "en", partner: "" });
		await page.getByText(t.notRegistered).waitFor({ state: "visible" });
		expect(await page.getByRole("alert").first().textContent()).toContain(t.notRegistered);
		expect(await page.getByRole("button", { name: t.formSign }).count()).toBe(0);
		expect(await page.getByRole("link", { name: t.hostedLink }).first().getAttribute("href")).toBe(
			`${engine}/p/call-to-action?locale=en`,
		);

		// A script on that page posting anyway: the browser refuses it (CORS)…
		const sent = await page.evaluate(
			async ({ url, email }) => {
				try {
					const res = await fetch(url, {
						method: "POST",
						headers: { "content-type": "application/json" },
						body: JSON.stringify({ email, name: "Refused", country: "FR" }),
					});
					return `status ${res.status}`;
				} catch {
					return "refused";
				}
			},
			{ url: `${engine}/api/v1/petitions/call-to-action/signatures`, email },
		);
		expect(sent).toBe("refused");
		// …and the engine refuses what names that origin however it is sent.
		const direct = await fetch(`${engine}/api/v1/petitions/call-to-action/signatures`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: unregistered.origin },
			body: JSON.stringify({ email, name: "Refused", country: "FR" }),
		});
		expect(direct.status).toBe(403);
		const consent = await operatorJson(`/consent?email=${encodeURIComponent(email)}`);
		expect(consent.status).toBe(404);
	});

	test("Arabic reads right to left", async () => {
		const t = await strings("ar");
		const context = await newContext(desktop, "ar");
		const { page, widget } = await openWidget(context, registered.origin, { lang: "ar" });
		expect(await widget.getAttribute("dir")).toBe("rtl");
		expect(await widget.getAttribute("lang")).toBe("ar");
		expect(await widget.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
		expect(await page.getByRole("button", { name: t.formSign }).isVisible()).toBe(true);
		expect(await page.getByLabel(t.formEmail, { exact: true }).isVisible()).toBe(true);
		await screenshot(page, "widget-desktop-ar");
	});

	test("signed with the keyboard alone", async () => {
		const t = await strings("en");
		const email = uniqueEmail("widget.keys");
		const context = await newContext(desktop, "en-GB");
		const { page } = await openWidget(context, registered.origin, { lang: "en" });
		const focused = () =>
			page.evaluate(() => {
				const root = document.querySelector("[data-red-line]")?.shadowRoot;
				const el = root?.activeElement;
				return el ? `${el.tagName.toLowerCase()}#${el.id}:${el.textContent?.slice(0, 30) ?? ""}` : "";
			});
		// The way out comes first.
		await page.keyboard.press("Tab");
		expect(await focused()).toContain(t.quickExit);
		const tabTo = async (id: string) => {
			for (let i = 0; i < 12 && !(await focused()).includes(`#${id}:`); i++) await page.keyboard.press("Tab");
			expect(await focused()).toContain(`#${id}:`);
		};
		await tabTo("rl-name");
		await page.keyboard.type("Keyboard Only");
		await page.keyboard.press("Tab");
		expect(await focused()).toContain("#rl-email:");
		await page.keyboard.type(email);
		await page.keyboard.press("Tab");
		expect(await focused()).toContain("#rl-country:");
		await page.keyboard.type("Colombia");
		expect(await page.getByLabel(t.formCountry, { exact: true }).inputValue()).toBe("CO");
		await tabTo("rl-showName");
		await page.keyboard.press("Space");
		expect(await page.getByLabel(t.formShowName).isChecked()).toBe(true);
		for (let i = 0; i < 6 && !(await focused()).startsWith("button"); i++) await page.keyboard.press("Tab");
		expect(await focused()).toContain(t.formSign);
		await page.keyboard.press("Enter");
		await page.getByRole("heading", { name: t.renewedTitle }).waitFor({ state: "visible" });
		expect(await focused()).toContain(t.renewedTitle);
		expect(await linkInMailbox(email, "confirm")).toMatch(/\/confirm\//);
	});

	test("the API's field errors appear next to their fields, and are announced", async () => {
		const t = await strings("fr");
		const context = await newContext(desktop, "fr-FR");
		const { page } = await openWidget(context, registered.origin, { lang: "fr" });
		await page.getByLabel(t.formEmail, { exact: true }).fill("not-an-address");
		await page.getByRole("button", { name: "Signer" }).click();
		const email = page.getByLabel(t.formEmail, { exact: true });
		await page.getByText(t.errEmail).first().waitFor({ state: "visible" });
		expect(await email.getAttribute("aria-invalid")).toBe("true");
		const described = await email.getAttribute("aria-describedby");
		expect(described).toBe("rl-email-e");
		expect(await page.locator(`[data-red-line] #${described}`).textContent()).toBe(t.errEmail);
		expect(await page.locator("[data-red-line] #rl-name-e").textContent()).toBe(t.errName);
		expect(await page.locator("[data-red-line] #rl-country-e").textContent()).toBe(t.errCountry);
		// The summary is an alert, which screen readers announce; the first wrong field has focus.
		const alert = page.locator("[data-red-line] .s[role=alert]");
		expect(await alert.textContent()).toContain(t.errEmail);
		const focused = await page.evaluate(
			() => document.querySelector("[data-red-line]")?.shadowRoot?.activeElement?.id ?? "",
		);
		expect(focused).toBe("rl-name");
		expect(await axeViolations(page)).toEqual([]);
	});

	test("on a phone: nothing wider than the screen, and axe-core finds no violation", async () => {
		const context = await newContext(phone, "en-GB");
		const { page } = await openWidget(context, registered.origin, { lang: "en" });
		await expectNoHorizontalScroll(page);
		await screenshot(page, "widget-phone-en");
		expect(await axeViolations(page)).toEqual([]);

		const desk = await newContext(desktop, "en-GB");
		const { page: wide } = await openWidget(desk, registered.origin, { lang: "en", hostile: "0" });
		await screenshot(wide, "widget-desktop-en");
		expect(await axeViolations(wide)).toEqual([]);
	});

	test("a letter widget shows the draft for the writer's State, as the engine will send it", async () => {
		const t = await strings("fr", "letter", "write-to-your-state");
		const context = await newContext(phone, "fr-FR");
		const { page } = await openWidget(context, registered.origin, {
			lang: "fr",
			action: "letter:write-to-your-state",
		});
		const country = page.getByLabel(t.formCountry, { exact: true });
		const letter = page.getByLabel(t.formLetterBody, { exact: true });
		/** The engine's own draft for a country, as the hosted page and the API compose it. */
		const engineDraft = async (code: string) => {
			const res = await fetch(`${engine}/api/v1/letters/write-to-your-state/draft?country=${code}&locale=fr`);
			return ((await res.json()) as { letters: { body: string; target: { name: string } }[] }).letters[0];
		};
		for (const code of ["FR", "BR"]) {
			await country.selectOption(code);
			const expected = await engineDraft(code);
			expect(await letter.inputValue()).toBe(expected?.body);
			expect(await page.locator("[data-red-line] section").textContent()).toContain(expected?.target.name);
		}
		// What the writer edits stays when the State changes.
		await letter.fill("Madame la Ministre, je vous écris pour vous demander d'agir maintenant.");
		await country.selectOption("CO");
		expect(await letter.inputValue()).toBe("Madame la Ministre, je vous écris pour vous demander d'agir maintenant.");
		await expectNoHorizontalScroll(page);
		await screenshot(page, "widget-phone-letter-fr");
		expect(await axeViolations(page)).toEqual([]);
	});

	test("a subscription widget in Spanish asks for the consent tick before sending anything", async () => {
		const t = await strings("es", "subscribe", "red-line-updates");
		const email = uniqueEmail("widget.es");
		const context = await newContext(phone, "es-ES");
		const { page, requests } = await openWidget(context, registered.origin, {
			lang: "es",
			action: "subscribe:red-line-updates",
		});
		await page.getByLabel(t.formEmail, { exact: true }).fill(email);
		const before = requests.length;
		await page.getByRole("button", { name: t.formSubscribe }).click();
		const consentError = page.locator("[data-red-line] #rl-consent-e");
		await consentError.waitFor({ state: "visible" });
		expect(await consentError.textContent()).toBe(t.errConsent);
		expect(requests.length).toBe(before);
		const consent = page.locator("[data-red-line] #rl-consent");
		expect(await consent.getAttribute("aria-invalid")).toBe("true");
		await consent.check();
		await page.getByRole("button", { name: t.formSubscribe }).click();
		await page.getByRole("heading", { name: t.renewedTitle }).waitFor({ state: "visible" });
		expect(await page.locator("[data-red-line] .done p").textContent()).toBe(t.checkInboxSubscribe);
		expect(await linkInMailbox(email, "confirm")).toMatch(/\/confirm\//);
		expect(await axeViolations(page)).toEqual([]);
	});

	test("the quick-exit control leaves the partner's page for a neutral one", async () => {
		const context = await newContext(phone, "en-GB");
		const { page } = await openWidget(context, registered.origin, { lang: "en" });
		// Served here: the test never reaches the internet.
		await page.route("https://www.bbc.com/**", (route) =>
			route.fulfill({ status: 200, contentType: "text/html", body: "<title>Weather</title>" }),
		);
		await page.getByRole("link", { name: (await strings("en")).quickExit }).click();
		await page.waitForURL("https://www.bbc.com/weather");
		expect(await page.title()).toBe("Weather");
	});
});
