import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { QUICK_EXIT_SCRIPT } from "../../worker/pages/quick-exit";
import { request } from "../helpers";

const links = (html: string) => [...html.matchAll(/<a href="\/states\/([a-z]{2})[^"]*"[^>]*aria-label="([^"]+)"/g)];
const rowsOf = (html: string) => [...html.matchAll(/<tr data-state="([A-Z]{2})"/g)].map((m) => m[1]);

/** Five writers to the United Kingdom answered: four replies, so the map hatches it and its page counts them. */
beforeAll(async () => {
	const now = Date.now();
	const statements = [];
	for (let i = 0; i < 5; i++) {
		statements.push(
			env.DB.prepare(
				"INSERT INTO people (id, email, email_canonical, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
			).bind(`per_map_${i}`, `map${i}@example.org`, `map${i}@example.org`, now, now),
			env.DB.prepare(
				`INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at, sent_at, reply)
				 VALUES (?, 'lc_write-to-your-state', ?, 'tgt_GB', 'sent', 'W', 'GB', 'en', 's', 'b', ?, ?, ?, ?, ?)`,
			).bind(`let_map_${i}`, `per_map_${i}`, `fp${i}`, now, now, now, i < 3 ? "yes" : i < 4 ? "unsatisfactory" : "no"),
		);
	}
	await env.DB.batch(statements);
});

describe("the map of States", () => {
	it("draws all 195 States as links with an accessible name, in a group with a title and a description", async () => {
		const res = await request("/states");
		expect(res.status).toBe(200);
		const html = await res.text();
		const marks = links(html);
		expect(new Set(marks.map((m) => m[1])).size).toBe(195);
		expect(html).toMatch(
			/<svg class="map" viewBox="0 0 1000 \d+" width="100%" role="group" aria-labelledby="states-title states-desc"/,
		);
		expect(html).toContain('<title id="states-title">Map of States by commitment</title>');
		// The colour says endorsed or not; the name says it too.
		expect(html).toMatch(/aria-label="France: Endorsed the 2025 declaration" class="endorsed"/);
		expect(html).toMatch(/aria-label="Brazil: Not yet endorsed" class="not-yet"/);
		// Replies reported: a hatch over the colour, and the name says so.
		expect(html).toMatch(/aria-label="United Kingdom: [^"]*Replied to letters"[^>]*>(?:(?!<\/a>).)*class="hatch"/s);
		// Tiny States still have a mark: a dot.
		expect(html).toMatch(/data-state="TV"><title>[^<]+<\/title><circle /);
		expect(html).toMatch(/data-state="QA"><title>[^<]+<\/title><path d="[^"]+"><\/path><circle /);
		// No script at all, and nothing from elsewhere.
		// No script but the quick exit's own (allowed by its hash).
		expect(html.replace(`<script>${QUICK_EXIT_SCRIPT}</script>`, "")).not.toMatch(/<script/i);
		expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
	});

	it("pages the table 25 at a time, and keeps the filters in the page links", async () => {
		const first = await (await request("/states")).text();
		expect(rowsOf(first)).toHaveLength(25);
		expect(first).toContain("195 States");
		expect(first).toMatch(/href="\/states\?page=8#states-table"/);
		const last = await (await request("/states?page=8")).text();
		expect(rowsOf(last)).toHaveLength(195 - 7 * 25);
		const filtered = await (await request("/states?region=europe&status=not-yet")).text();
		expect(filtered).toMatch(/href="\/states\?region=europe&amp;status=not-yet&amp;page=2#states-table"/);
		expect(filtered).toContain('<option value="europe" selected="">');
	});

	it("finds States by name (accents and case aside), region and status", async () => {
		const ivory = rowsOf(await (await request("/states?q=COTE")).text());
		expect(ivory).toEqual(["CI"]);
		const french = rowsOf(await (await request("/states?q=allemagne&locale=fr")).text());
		expect(french).toEqual(["DE"]);
		const oceania = rowsOf(await (await request("/states?region=oceania&page=1")).text());
		expect(oceania).toContain("FJ");
		expect(oceania).not.toContain("FR");
		const endorsed = rowsOf(await (await request("/states?status=endorsed&q=united")).text());
		expect(endorsed).toContain("GB");
		expect(endorsed).not.toContain("AE");
		expect(rowsOf(await (await request("/states?status=replied")).text())).toEqual(["GB"]);
		const none = await (await request("/states?q=atlantis")).text();
		expect(none).toContain("0 States");
		expect(none).toContain("No State matches");
	});

	it("answers odd query strings with a page, never an error", async () => {
		for (const q of [
			"page=0",
			"page=-3",
			"page=abc",
			"page=99999999",
			"page=1e3",
			"region=mars",
			"status=%00",
			`q=${"x".repeat(5000)}`,
			"q=%E0%A4%A",
			"q=a&q=b&region=asia&region=africa",
			"locale=xx",
		]) {
			const res = await request(`/states?${q}`);
			expect(res.status, q).toBe(200);
			expect(await res.text(), q).toContain("</html>");
		}
		// Past the last page: the last page.
		expect(rowsOf(await (await request("/states?page=999")).text())).toHaveLength(20);
	});

	it("speaks every language, Arabic right to left, with names in the page's language", async () => {
		const ar = await (await request("/states?locale=ar&q=فرنسا")).text();
		expect(ar).toContain('dir="rtl"');
		expect(rowsOf(ar)).toEqual(["FR"]);
		expect(ar).toContain("خريطة الدول بحسب التزاماتها");
		const uk = await (await request("/states?locale=uk&q=Україна")).text();
		expect(rowsOf(uk)).toEqual(["UA"]);
		for (const locale of ["fr", "es"]) {
			const html = await (await request(`/states?locale=${locale}`)).text();
			expect(html).toContain(`lang="${locale}"`);
			expect(links(html)).toHaveLength(195);
		}
	});
});

describe("a State's own page", () => {
	it("shows its commitments with sources, letters, replies and where to write", async () => {
		const res = await request("/states/gb");
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('<h1 dir="auto">United Kingdom</h1>');
		expect(html).toContain("Endorsed the 2025 declaration");
		expect(html).toMatch(/Source: Declaration from the International Conference of the International Alliance/);
		expect(html).toContain("5 letters sent by the public.");
		expect(html).toContain("replied: 3");
		expect(html).toContain("replied, unsatisfactorily: 1");
		expect(html).toContain("no reply: 1");
		expect(html).toMatch(/href="\/l\/write-to-your-state\?country=GB"/);
	});

	it("accepts upper case, keeps the language in its links, and says when too few answered", async () => {
		const res = await request("/states/BR?locale=uk");
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('lang="uk"');
		expect(html).toContain("Бразилія");
		expect(html).toContain("Відповіли надто мало авторів");
		expect(html).toMatch(/href="\/l\/write-to-your-state\?country=BR&amp;locale=uk"/);
	});

	it("is a 404 page for a code that is no State of the directory", async () => {
		for (const code of ["zz", "xk", "tw", "abc", "1", "%00"]) {
			const res = await request(`/states/${code}`);
			expect(res.status, code).toBe(404);
			expect(await res.text()).toContain("There is no State with this code");
		}
	});
});
