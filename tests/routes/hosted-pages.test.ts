import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { QUICK_EXIT_SCRIPT } from "../../worker/pages/quick-exit";
import { confirmClick, confirmToken, petition, request, unique, waitForEmail } from "../helpers";

const PAGES = ["/p/call-to-action", "/s/red-line-updates", "/l/write-to-your-state?country=FR"];
const QUICK_EXIT = /<a href="https:\/\/www\.bbc\.com\/weather" rel="noreferrer" data-quick-exit="">/;

function post(path: string, fields: Record<string, string>, ip = unique().ip, headers: Record<string, string> = {}) {
	return request(path, {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
		body: new URLSearchParams(fields).toString(),
		ip,
	});
}

/** Every field of the page's form has a label tied to it. */
function expectLabelled(html: string, ids: string[]) {
	for (const id of ids) {
		expect(html).toMatch(new RegExp(`<label for="${id}"[ >]`));
		expect(html).toMatch(new RegExp(`id="${id}"`));
	}
}

/** The one script a page carries is the quick exit's own (the CSP allows it by hash, nothing else). */
function expectPage(html: string) {
	const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
	expect(scripts).toEqual([`<script>${QUICK_EXIT_SCRIPT}</script>`]);
	expect(html).toMatch(QUICK_EXIT);
}

async function countOf(table: string, email: string) {
	const row = await env.DB.prepare(
		`SELECT count(*) AS n FROM ${table} t JOIN people p ON p.id = t.person_id WHERE p.email_canonical = ?`,
	)
		.bind(email.toLowerCase())
		.first<{ n: number }>();
	return row?.n ?? 0;
}

describe("hosted pages: GET", () => {
	it("renders the petition page in French and Spanish with its form, labels and share tags", async () => {
		for (const [locale, title, sign] of [
			["fr", "L'Appel à l'action des survivant·es", "Signer"],
			["es", "Llamado a la Acción", "Firmar"],
		] as const) {
			const res = await request(`/p/call-to-action?locale=${locale}`);
			expect(res.status).toBe(200);
			const html = await res.text();
			expectPage(html);
			expect(html).toContain(`<html lang="${locale}"`);
			expect(html).toContain(title.replaceAll("'", "&#39;"));
			expect(html).toContain('<form class="action" method="post" action="/p/call-to-action"');
			expect(html).toContain(`>${sign}</button>`);
			expectLabelled(html, ["name", "email", "country", "showName", "subscribe"]);
			expect(html).toContain('<meta property="og:title"');
			expect(html).toContain('<meta property="og:type" content="website"');
			expect(html).toContain('<meta property="og:url" content="https://engine.test/p/call-to-action"');
			// The share card: a large image in the page's language, named by both tag families.
			expect(html).toContain('<meta name="twitter:card" content="summary_large_image"');
			expect(html).toContain(
				`<meta property="og:image" content="https://engine.test/p/call-to-action/card/${locale}.png`,
			);
			expect(html).toContain('<meta property="og:image:width" content="1200"');
			expect(html).toContain('<meta name="robots" content="index"');
			expect(html).toContain('<link rel="canonical" href="https://engine.test/p/call-to-action"');
			// Countries by ISO code, named in the page's language; nothing ticked by default.
			expect(html).toContain(`<option value="DE">${locale === "fr" ? "Allemagne" : "Alemania"}</option>`);
			expect(html).not.toMatch(/checked/);
			expect(html).toMatch(/<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off"/);
			// The demands are still there.
			expect(html).toMatch(/<progress/);
			expect((html.match(/<li>/g) ?? []).length).toBeGreaterThan(3);
		}
	});

	it("takes the language from Accept-Language, and ?locale= over it", async () => {
		const es = await request("/p/call-to-action", { headers: { "accept-language": "es-CO,es;q=0.9" } });
		expect(await es.text()).toContain('<html lang="es"');
		const fr = await request("/p/call-to-action?locale=fr", { headers: { "accept-language": "es" } });
		expect(await fr.text()).toContain('<html lang="fr"');
	});

	it("shows the list's exact consent line from the database as the updates label", async () => {
		const line = await env.DB.prepare(
			"SELECT consent_text FROM list_texts WHERE locale = 'fr' AND list_id = (SELECT id FROM lists WHERE slug = 'red-line-updates')",
		).first<string>("consent_text");
		const html = await (await request("/p/call-to-action?locale=fr")).text();
		expect(html).toContain(`<label for="subscribe" lang="fr" dir="ltr">${(line ?? "").replace(/'/g, "&#39;")}</label>`);
		const sub = await (await request("/s/red-line-updates?locale=fr")).text();
		expect(sub).toContain(`<label for="consent" lang="fr" dir="ltr">${(line ?? "").replace(/'/g, "&#39;")}</label>`);
	});

	it("renders the subscribe and letter pages in French and Spanish", async () => {
		for (const locale of ["fr", "es"]) {
			const sub = await request(`/s/red-line-updates?locale=${locale}`);
			expect(sub.status).toBe(200);
			const s = await sub.text();
			expectPage(s);
			expect(s).toContain(`<html lang="${locale}"`);
			expect(s).toContain('method="post" action="/s/red-line-updates"');
			expectLabelled(s, ["email", "name", "consent"]);
			expect(s).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes" required=""/);
			expect(s).toContain('<meta property="og:url" content="https://engine.test/s/red-line-updates"');
			expect(s).toContain('<meta name="twitter:card" content="summary"');

			const letter = await request(`/l/write-to-your-state?locale=${locale}&country=FR`);
			expect(letter.status).toBe(200);
			const l = await letter.text();
			expectPage(l);
			expect(l).toContain(`<html lang="${locale}"`);
			expect(l).toContain('method="post" action="/l/write-to-your-state"');
			expectLabelled(l, ["name", "email", "country", "body", "subscribe"]);
			expect(l).toMatch(/<textarea id="body" name="body" required="" lang="[a-z]+" dir="ltr">[^<]{100,}<\/textarea>/);
			expect(l).toContain(`<option value="FR" selected="">${locale === "fr" ? "France" : "Francia"}</option>`);
			expect(l).toContain('<meta property="og:url" content="https://engine.test/l/write-to-your-state"');
			expect(l).toContain('<meta property="og:type" content="website"');
		}
	});

	it("says so where a list's words are sample wording (the seeded Arabic and Ukrainian), and not elsewhere", async () => {
		const ar = await (await request("/s/red-line-updates?locale=ar")).text();
		expect(ar).toContain("جزء من هذا النص مثال ستستبدله الحملة.");
		const en = await (await request("/s/red-line-updates?locale=en")).text();
		expect(en).not.toContain("sample wording");
		const widget = (await (await request("/api/v1/widget/subscribe/red-line-updates?lang=uk")).json()) as {
			sample: boolean;
		};
		expect(widget.sample).toBe(true);
	});

	it("asks for the country first when the letter page cannot tell it", async () => {
		const res = await request("/l/write-to-your-state?locale=fr");
		expect(res.status).toBe(200);
		const html = await res.text();
		expectPage(html);
		expect(html).toContain('<form class="action" method="get" action="/l/write-to-your-state"');
		expect(html).not.toContain("<textarea");
		expect((await request("/l/write-to-your-state?country=ZZ")).status).toBe(422);
	});

	it("answers 404 pages for unknown actions", async () => {
		for (const path of ["/p/nope", "/s/nope", "/l/nope"]) {
			const res = await request(path);
			expect(res.status).toBe(404);
			expectPage(await res.text());
		}
	});
});

describe("hosted pages: POST", () => {
	it("signs from the form: the email arrives, and confirming counts", async () => {
		const { email, ip } = unique("form-signer");
		const before = (await petition()).count;
		const res = await post(
			"/p/call-to-action",
			{ locale: "fr", name: "Amani", email, country: "CD", showName: "yes", website: "" },
			ip,
		);
		expect(res.status).toBe(200);
		const html = await res.text();
		expectPage(html);
		expect(html).toContain("Consultez votre boîte de réception");
		const mail = await waitForEmail(email);
		const confirmed = await confirmClick(confirmToken(mail));
		expect(confirmed.status).toBe(200);
		expectPage(await confirmed.text());
		expect((await petition()).count).toBe(before + 1);
		const row = await env.DB.prepare(
			"SELECT show_name, locale FROM signatures WHERE name = 'Amani' AND locale = 'fr'",
		).all<{ show_name: number }>();
		expect(row.results.length).toBeGreaterThan(0);
	});

	it("subscribes from the form", async () => {
		const { email, ip } = unique("form-subscriber");
		const res = await post("/s/red-line-updates", { locale: "es", email, name: "", consent: "yes" }, ip);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain("Le hemos enviado un correo");
		await waitForEmail(email);
		expect(await countOf("subscriptions", email)).toBe(1);
	});

	it("writes a letter from the form", async () => {
		const { email, ip } = unique("form-writer");
		const page = await (await request("/l/write-to-your-state?country=FR&locale=en")).text();
		const body =
			page.match(/<textarea id="body" name="body" required="" lang="en" dir="ltr">([^<]*)<\/textarea>/)?.[1] ?? "";
		const text = body
			.replace(/&#39;/g, "'")
			.replace(/&quot;/g, '"')
			.replace(/&amp;/g, "&");
		const res = await post(
			"/l/write-to-your-state",
			{ locale: "en", drafted: "FR", name: "Amani", email, country: "FR", body: text },
			ip,
		);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain("Check your inbox");
		await waitForEmail(email);
		expect(await countOf("letters", email)).toBe(1);
	});

	it("gives the form again, 422, with each error at its field and the values kept escaped", async () => {
		// (< > @ in a name are refused: tests/flows/integrity-names.test.ts; quotes and & are escaped.)
		const name = '"Amani" & Co';
		const res = await post("/p/call-to-action", { locale: "fr", name, email: "not-an-email", country: "XX" });
		expect(res.status).toBe(422);
		const html = await res.text();
		expectPage(html);
		expect(html).toContain('value="&quot;Amani&quot; &amp; Co"');
		expect(html).toContain('role="alert"');
		expect(html).toContain("Saisissez une adresse e-mail valide");
		expect(html).toContain("Choisissez votre pays dans la liste.");
		expect(html).toContain('<p class="error" id="email-error">');
		expect(html).toMatch(/id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/);
		expect(html).toMatch(/id="country"[^>]*aria-invalid="true" aria-describedby="country-error"/);
		expect(html).not.toMatch(/id="name"[^>]*aria-invalid/);

		const sub = await post("/s/red-line-updates", { locale: "es", email: "x@example.org", name });
		expect(sub.status).toBe(422);
		const s = await sub.text();
		expectPage(s);
		expect(s).toContain("Marque esta casilla");
		expect(s).toContain('value="&quot;Amani&quot; &amp; Co"');

		const letter = await post("/l/write-to-your-state", {
			locale: "en",
			drafted: "FR",
			country: "FR",
			name,
			email: "a@example.org",
			body: "Too short",
		});
		expect(letter.status).toBe(422);
		const l = await letter.text();
		expectPage(l);
		expect(l).toContain("Write a few sentences");
		expect(l).toMatch(/id="body"[^>]*aria-invalid="true"/);
		expect(l).toContain('value="&quot;Amani&quot; &amp; Co"');
	});

	it("never answers a 5xx to odd input", async () => {
		for (const path of ["/p/call-to-action", "/s/red-line-updates", "/l/write-to-your-state"]) {
			for (const body of ["", "%%%", "email=%FF&name=%00", "email[]=a&email=b"]) {
				const res = await request(path, {
					method: "POST",
					headers: { "content-type": "application/x-www-form-urlencoded" },
					body,
					ip: unique().ip,
				});
				expect(res.status).toBeLessThan(500);
			}
			const json = await request(path, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
			expect(json.status).toBeLessThan(500);
		}
	});

	it("answers a robot that fills the honeypot as a person, and stores nothing", async () => {
		for (const [path, fields, table] of [
			["/p/call-to-action", { name: "Bot", country: "FR" }, "signatures"],
			["/s/red-line-updates", { consent: "yes" }, "subscriptions"],
			["/l/write-to-your-state", { name: "Bot", country: "FR", drafted: "FR", body: "A".repeat(100) }, "letters"],
		] as const) {
			const { email, ip } = unique("robot");
			const res = await post(path, { locale: "en", email, website: "https://spam.example", ...fields }, ip);
			expect(res.status).toBe(200);
			expect(await res.text()).toContain("Check your inbox");
			expect(await countOf(table, email)).toBe(0);
		}
	});

	it("shows the quick exit on every public page", async () => {
		for (const path of [...PAGES, "/confirm/not-a-token", "/states"]) {
			const res = await request(path);
			expectPage(await res.text());
		}
	});
});
