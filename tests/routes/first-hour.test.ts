// Issue 11, "The first hour" (supporters): what a new supporter ran into, checked on the bodies
// the engine sends. What a person sees in a browser is in tests/browser/first-hour.test.ts.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { renderEmail } from "../../emails";
import { plural, pluralForm } from "../../worker/i18n/plural";
import { QUICK_EXIT_SCRIPT } from "../../worker/pages/quick-exit";
import { pageStrings } from "../../worker/pages/strings";
import { widgetStrings } from "../../worker/widget/strings";
import { confirmClick, confirmToken, postJson, request, unique, waitForEmail } from "../helpers";

const noRedirect = (path: string, init: RequestInit & { ip?: string } = {}) =>
	request(path, { redirect: "manual", ...init });

/** Sets the call to action's confirmed count, as the counters hold it. */
async function setCount(n: number) {
	await env.DB.prepare(
		"INSERT INTO signature_counts (petition_id, country, count) SELECT id, '', ? FROM petitions WHERE slug = 'call-to-action' ON CONFLICT (petition_id, country) DO UPDATE SET count = excluded.count",
	)
		.bind(n)
		.run();
}

/** Signs a campaigner in through the emailed link; returns the session cookie. */
async function consoleCookie(): Promise<string> {
	const { email } = unique("first-hour-admin");
	const put = await noRedirect(`/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: { authorization: "Bearer test-operator-token", "content-type": "application/json" },
		body: JSON.stringify({ role: "admin", name: "An admin" }),
	});
	expect(put.status).toBe(201);
	await noRedirect("/console/sign-in", {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ email }).toString(),
	});
	const mail = await waitForEmail(email);
	const link = mail.text.match(/https:\/\/engine\.test(\/console\/sign-in\/[A-Za-z0-9_-]+)/)?.[1] ?? "";
	const res = await noRedirect(link, { method: "POST" });
	expect(res.status).toBe(303);
	return (res.headers.get("set-cookie") ?? "").match(/(__Host-rl_session=[^;]+)/)?.[1] ?? "";
}

const PUBLIC_PAGES = [
	"/p/call-to-action?locale=ar",
	"/s/red-line-updates?locale=ar",
	"/l/write-to-your-state?locale=ar",
	"/l/write-to-your-state?locale=ar&country=FR",
	"/states?locale=ar",
	"/confirm/not-a-token",
	"/u/not-a-token",
	"/reply/not-a-token",
	"/privacy/not-a-token",
	"/p/no-such-petition",
	"/console/sign-in",
	"/dev/mailbox",
];

describe("every HTML response is in standards mode", () => {
	it("starts with <!DOCTYPE html>: public pages, errors, the console and the dev mailbox", async () => {
		const cookie = await consoleCookie();
		for (const path of PUBLIC_PAGES) {
			const res = await request(path);
			expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
			expect((await res.text()).startsWith("<!DOCTYPE html><html"), path).toBe(true);
		}
		for (const path of ["/console", "/console/review", "/console/petitions"]) {
			const res = await request(path, { headers: { cookie } });
			expect(res.status, path).toBe(200);
			expect((await res.text()).startsWith("<!DOCTYPE html><html"), path).toBe(true);
		}
	});
});

describe("the quick exit", () => {
	it("carries one script, allowed by its hash in the CSP and by nothing else", async () => {
		const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(QUICK_EXIT_SCRIPT));
		const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
		for (const path of ["/p/call-to-action?locale=ar", "/states", "/confirm/not-a-token"]) {
			const res = await request(path);
			const csp = res.headers.get("content-security-policy") ?? "";
			expect(csp, path).toContain(`script-src 'sha256-${hash}'`);
			expect(csp).not.toContain("unsafe-inline'; script");
			const html = await res.text();
			expect(html.match(/<script>[^<]*<\/script>/g), path).toEqual([`<script>${QUICK_EXIT_SCRIPT}</script>`]);
			// Without JavaScript it is still a link that leaves.
			expect(html).toMatch(/<a href="https:\/\/www\.bbc\.com\/weather" rel="noreferrer" data-quick-exit="">/);
		}
		expect(QUICK_EXIT_SCRIPT).toContain("location.replace");
	});

	it("hides the honeypot without moving it sideways (no left: -10000px), on pages and in the widget", async () => {
		const html = await (await request("/p/call-to-action?locale=ar")).text();
		const rule = html.match(/\.hp\{[^}]*\}/)?.[0] ?? "";
		expect(rule).toContain("clip");
		expect(rule).not.toMatch(/left|right|-\d{3,}px/);
		const widget = await (await request("/widget.js")).text();
		expect(widget).not.toMatch(/left:-10000px/);
		expect(html).toMatch(
			/<div class="hp" aria-hidden="true"><label for="website">[^<]*<\/label><input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off"\/?><\/div>/,
		);
	});
});

describe("favicon", () => {
	it("serves a small SVG at /favicon.svg and /favicon.ico, cached, and every page links it", async () => {
		for (const path of ["/favicon.svg", "/favicon.ico"]) {
			const res = await request(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get("content-type")).toBe("image/svg+xml");
			expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d{4,}/);
			const body = await res.text();
			expect(body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
			expect(body.length).toBeLessThan(1024);
		}
		for (const path of ["/p/call-to-action", "/states", "/console/sign-in"]) {
			expect(await (await request(path)).text(), path).toContain(
				'<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>',
			);
		}
	});
});

describe("text in another language than the page's carries its own lang and dir", () => {
	// The seed has every language: take the Arabic texts away, so that Arabic pages fall back to English.
	beforeAll(async () => {
		await env.DB.batch(
			["petition_texts", "list_texts", "letter_campaign_texts"].map((table) =>
				env.DB.prepare(`DELETE FROM ${table} WHERE locale = 'ar'`),
			),
		);
	});

	it("marks the petition's English fallback on an Arabic page, the title too", async () => {
		const html = await (await request("/p/call-to-action?locale=ar")).text();
		expect(html).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl">/);
		expect(html).toMatch(/<title lang="en" dir="ltr">[^<]+<\/title>/);
		expect(html).toMatch(/<div lang="en" dir="ltr"><h1>/);
		// The updates line is the list's English text too.
		expect(html).toMatch(/<label for="subscribe" lang="en" dir="ltr">/);
		// In a language the petition has, nothing is marked.
		const fr = await (await request("/p/call-to-action?locale=fr")).text();
		expect(fr).toMatch(/<title>[^<]+<\/title>/);
	});

	it("marks the list, the letter and State names in their real language", async () => {
		const sub = await (await request("/s/red-line-updates?locale=ar")).text();
		expect(sub).toMatch(/<title lang="en" dir="ltr">/);
		expect(sub).toMatch(/<div lang="en" dir="ltr"><h1>/);
		expect(sub).toMatch(/<label for="consent" lang="en" dir="ltr">/);
		const letter = await (await request("/l/write-to-your-state?locale=ar&country=FR")).text();
		expect(letter).toMatch(/<title lang="en" dir="ltr">/);
		expect(letter).toMatch(/<h1 lang="en" dir="ltr">/);
		expect(letter).toMatch(/<textarea id="body" name="body" required="" lang="en" dir="ltr">/);
		// On the map's table, a State is named in the page's language (the runtime's names where the
		// directory has none): no English left unmarked inside an Arabic page.
		const states = await (await request(`/states?locale=ar&q=${encodeURIComponent("فرنسا")}`)).text();
		expect(states).toMatch(
			/<tr data-state="FR"><th scope="row" dir="auto"><a href="\/states\/fr\?locale=ar">فرنسا<\/a><\/th>/,
		);
		const statesFr = await (await request("/states?locale=fr&q=France")).text();
		expect(statesFr).toMatch(
			/<tr data-state="FR"><th scope="row" dir="auto"><a href="\/states\/fr\?locale=fr">France<\/a><\/th>/,
		);
	});

	it("marks the widget's fallback text with its real direction, not auto", async () => {
		const script = await (await request("/widget.js")).text();
		expect(script).not.toContain('dir:"auto"');
	});
});

describe("plurals and numbers", () => {
	it("has one helper with each language's categories", () => {
		const ar = { zero: "z", one: "o", two: "t", few: "f", many: "m", other: "x" };
		expect([0, 1, 2, 3, 11, 100].map((n) => pluralForm("ar", n, ar))).toEqual(["z", "o", "t", "f", "m", "x"]);
		const uk = { one: "o", few: "f", many: "m", other: "x" };
		expect([1, 2, 5, 21, 1.5].map((n) => pluralForm("uk", n, uk))).toEqual(["o", "f", "m", "o", "x"]);
		expect(plural("en", 10000, { one: "{count} signature", other: "{count} signatures" })).toBe("10,000 signatures");
		expect(plural("en", 1, { one: "{count} signature", other: "{count} signatures" })).toBe("1 signature");
		expect(plural("fr", 10000, { one: "{count} signature", other: "{count} signatures" })).toBe(
			"10\u202f000 signatures",
		);
	});

	it("says 1 signature, 2 توقيعان, 5 підписів on the petition page", async () => {
		await setCount(1);
		expect(await (await request("/p/call-to-action?locale=en")).text()).toMatch(/data-count="1">1<\/span> signature ·/);
		await setCount(2);
		expect(await (await request("/p/call-to-action?locale=ar")).text()).toContain(
			`</span> ${pageStrings.ar.signatures.two} ·`,
		);
		await setCount(5);
		expect(await (await request("/p/call-to-action?locale=uk")).text()).toMatch(/<\/span> підписів ·/);
		await setCount(21);
		expect(await (await request("/p/call-to-action?locale=uk")).text()).toMatch(/<\/span> підпис ·/);
		await setCount(12345);
		expect(await (await request("/p/call-to-action?locale=en")).text()).toMatch(/data-count="12345">12,345<\/span>/);
		await setCount(0);
	});

	it("gives the widget every plural form of the word, and the console says 1 confirmed signature and 10,000", async () => {
		const res = await request("/api/v1/widget/petition/call-to-action?lang=ar");
		const data = await res.json<{ strings: { plurals: { signatures: Record<string, string> } } }>();
		expect(Object.keys(data.strings.plurals.signatures).sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);

		const cookie = await consoleCookie();
		await setCount(1);
		const one = await (await request("/console/petitions/call-to-action", { headers: { cookie } })).text();
		expect(one).toMatch(/<strong>1<\/strong> confirmed signature of a goal of /);
		await setCount(10000);
		const dashboard = await (await request("/console", { headers: { cookie } })).text();
		expect(dashboard).toContain('<td data-label="Signatures">10,000</td>');
		expect(dashboard).not.toContain(">10000<");
		const many = await (await request("/console/petitions/call-to-action", { headers: { cookie } })).text();
		expect(many).toMatch(/<strong>10,000<\/strong> confirmed signatures of a goal of /);
		const letters = await (
			await request("/console/letter-campaigns/write-to-your-state", { headers: { cookie } })
		).text();
		expect(letters).toMatch(/<strong>0<\/strong> letters sent/);
		await setCount(0);
	});

	it("counts in emails with the locale's digits grouping", async () => {
		const letters = Array.from({ length: 1200 }, () => ({
			writerName: "A",
			writerCountry: "France",
			subject: "S",
			body: "Dear Minister, please act.",
		}));
		const mail = await renderEmail("letter-digest", {
			locale: "en",
			stateName: "France",
			campaignName: "Write to your State",
			date: "2026-12-01",
			letters,
		});
		expect(mail.subject).toContain("1,200");
	});
});

describe("the letter page", () => {
	it("offers only States in the directory, named in the page's language", async () => {
		const html = await (await request("/l/write-to-your-state?locale=en")).text();
		const options = [...html.matchAll(/<option value="([A-Z]{2})"/g)].map((m) => m[1]);
		const directory = await env.DB.prepare("SELECT iso2 FROM targets").all<{ iso2: string }>();
		expect(new Set(options)).toEqual(new Set(directory.results.map((r) => r.iso2)));
		for (const code of ["BV", "AX", "AW", "PR", "GL"]) expect(options, code).not.toContain(code);
		expect(options).toContain("FR");
		expect(options).toContain("PS");
		// In Arabic, Arabic names (the runtime's, where the directory has none).
		const ar = await (await request("/l/write-to-your-state?locale=ar")).text();
		expect(ar).toMatch(/<option value="FR">فرنسا<\/option>/);
		const widget = await request("/api/v1/widget/letter/write-to-your-state?lang=ar");
		const data = await widget.json<{ countries: string[] }>();
		expect(new Set(data.countries)).toEqual(new Set(directory.results.map((r) => r.iso2)));
	});

	it("signs the letter to a State once: the name and country appear once at its end", async () => {
		const draft = await request("/api/v1/letters/write-to-your-state/draft?country=FR&locale=en&name=Amani%20Diallo");
		const body = (await draft.json<{ letters: { body: string }[] }>()).letters[0]?.body ?? "";
		expect(body).toMatch(/Amani Diallo \(France\)$/);
		const mail = await renderEmail("letter-to-state", {
			locale: "en",
			writerName: "Amani Diallo",
			writerCountry: "France",
			stateName: "France",
			subject: "Please keep your commitments",
			body,
			campaignName: "Write to your State",
		});
		const signature = mail.text.split("Amani Diallo (France)").length - 1;
		expect(signature).toBe(1);
		// A letter the writer left unsigned is signed by the email.
		const unsigned = await renderEmail("letter-to-state", {
			locale: "en",
			writerName: "Amani Diallo",
			writerCountry: "France",
			stateName: "France",
			subject: "S",
			body: "Dear Minister,\n\nPlease act.\n\nYours sincerely,",
			campaignName: "Write to your State",
		});
		expect(unsigned.text.split("Amani Diallo (France)").length - 1).toBe(1);
	});
});

describe("small things", () => {
	it("the welcome email says how often once (the list's description says it)", async () => {
		const list = await env.DB.prepare(
			"SELECT name, description FROM list_texts WHERE locale = 'en' AND list_id = (SELECT id FROM lists WHERE slug = 'red-line-updates')",
		).first<{ name: string; description: string }>();
		for (const locale of ["en", "fr", "es", "ar", "uk"]) {
			const mail = await renderEmail("subscription-welcome", {
				locale,
				listName: list?.name ?? "",
				listDescription: list?.description ?? "",
				unsubscribeUrl: "https://engine.test/u/x",
				preferencesUrl: "https://engine.test/u/x",
			});
			expect(mail.text.match(/a few emails a month/gi), locale).toHaveLength(1);
			expect(mail.text, locale).not.toMatch(/quelques e-mails par mois|correos al mes|في الشهر|на місяць/);
		}
	});

	it("says plainly who sees a name, in every language, without 'chose so'", () => {
		for (const locale of ["en", "fr", "es", "ar", "uk"] as const) {
			const w = widgetStrings(locale);
			expect(w.privacyNote).not.toMatch(/chose so/);
			expect(w.privacyNoteHidden.length).toBeGreaterThan(10);
			expect(w.privacyNoteHidden).not.toBe(w.privacyNote);
			// No possessive built on the partner's name ("Kivu Survivors's"), in any language.
			expect(w.partnerPrivacy).not.toMatch(/\{name\}['’]s|\sde \{name\}|лідер|{name}'/);
			expect(w.partnerPrivacy.replace("{name}", "Kivu Survivors")).not.toMatch(/Survivors['’]s/);
		}
	});

	it("shows a held letter's reason in words in the console, never the code", async () => {
		const { email, ip } = unique("held-words");
		const res = await postJson(
			"/api/v1/letters/write-to-your-state",
			{ email, name: "Amani", country: "JP", locale: "en" },
			{ ip },
		);
		expect(res.status).toBe(202);
		await confirmClick(confirmToken(await waitForEmail(email)));
		const cookie = await consoleCookie();
		const html = await (await request("/console/review", { headers: { cookie } })).text();
		expect(html).toContain("(waiting for the State&#39;s address)");
		expect(html).not.toContain("(no-contact)");
	});
});
