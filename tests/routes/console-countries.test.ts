// The console's "signatures by country": the map of /states shaded by confirmed signatures, with
// its numbers in a table, for all petitions or one; signed-in campaigners only.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { request as engineRequest, unique, waitForEmail } from "../helpers";

const request = (path: string, init: RequestInit & { ip?: string } = {}) =>
	engineRequest(path, { redirect: "manual", ...init });

async function signedIn(): Promise<string> {
	const { email } = unique("countries");
	const put = await request(`/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: { authorization: "Bearer test-operator-token", "content-type": "application/json" },
		body: JSON.stringify({ role: "editor", name: "An editor" }),
	});
	expect(put.status).toBe(201);
	const ask = await request("/console/sign-in", {
		method: "POST",
		ip: unique().ip,
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ email }).toString(),
	});
	expect(ask.status).toBe(200);
	const mail = await waitForEmail(email, 1);
	const link = mail.text.match(/https:\/\/engine\.test(\/console\/sign-in\/[A-Za-z0-9_-]+)/)?.[1] ?? "";
	const res = await request(link, { method: "POST" });
	const cookie = (res.headers.get("set-cookie") ?? "").match(/(__Host-rl_session=[^;]+)/)?.[1];
	if (!cookie) throw new Error("no session cookie");
	return cookie;
}

let cookie = "";
let slugs: string[] = [];

beforeAll(async () => {
	await env.DB.prepare(
		"INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES ('pet_map_second', 'zz-map-second', 100, 'open', 'en', 0, 0)",
	).run();
	const { results } = await env.DB.prepare("SELECT id, slug FROM petitions ORDER BY slug").all<{
		id: string;
		slug: string;
	}>();
	slugs = results.map((r) => r.slug);
	const [first, second] = results;
	if (!first || !second) throw new Error("fewer than two petitions");
	const rows: [string, string, number][] = [
		[first.id, "FR", 1200],
		[first.id, "UA", 40],
		[first.id, "TV", 3],
		[first.id, "XK", 7],
		[second.id, "FR", 5],
		[second.id, "BR", 250],
	];
	await env.DB.batch(
		rows.map(([petition, country, n]) =>
			env.DB.prepare(
				"INSERT INTO signature_counts (petition_id, country, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = excluded.count",
			).bind(petition, country, n),
		),
	);
	cookie = await signedIn();
});

const linkOf = (html: string, iso2: string) =>
	html.match(new RegExp(`<a href="[^"]*#c-${iso2}" aria-label="([^"]+)" class="(t\\d)" data-state="${iso2}"`));

describe("signatures by country in the console", () => {
	it("is for signed-in campaigners only", async () => {
		const res = await request("/console/countries");
		expect(res.status).toBe(303);
	});

	it("shades every State by its confirmed signatures, says each number, and lists them in a table", async () => {
		const res = await request("/console/countries", { headers: { cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('aria-current="page">Countries</a>');
		expect([...html.matchAll(/data-state="[A-Z]{2}"/g)]).toHaveLength(195);
		expect(linkOf(html, "FR")?.slice(1)).toEqual(["France: 1,205 signatures (1,000 or more)", "t4"]);
		expect(linkOf(html, "BR")?.slice(1)).toEqual(["Brazil: 250 signatures (100–999)", "t3"]);
		expect(linkOf(html, "TV")?.slice(1)).toEqual(["Tuvalu: 3 signatures (1–9)", "t1"]);
		expect(linkOf(html, "DE")?.slice(1)).toEqual(["Germany: 0 signatures (none)", "t0"]);
		const table = [
			...html.matchAll(
				/<tr id="c-([A-Z]{2})" data-country="\1"><th scope="row">[^<]+<span class="muted">\1<\/span><\/th><td class="n" data-label="Signatures">([\d,]+)<\/td>/g,
			),
		].map((m) => [m[1], m[2]]);
		expect(table).toEqual([
			["FR", "1,205"],
			["BR", "250"],
			["UA", "40"],
			["XK", "7"],
			["TV", "3"],
		]);
		// Kosovo is counted in the table, and said to be off the map.
		expect(html).toMatch(/Not on the map[^<]*Kosovo 7/);
		expect(html).not.toMatch(/<script/i);
	});

	it("shows one petition when asked, and all of them for an unknown one", async () => {
		const one = await (await request(`/console/countries?petition=${slugs[1]}`, { headers: { cookie } })).text();
		expect(linkOf(one, "FR")?.slice(1)).toEqual(["France: 5 signatures (1–9)", "t1"]);
		expect(linkOf(one, "UA")?.[2]).toBe("t0");
		expect(one).toContain(`href="/console/countries?petition=${slugs[1]}#c-BR"`);
		const unknown = await request("/console/countries?petition=%00nope", { headers: { cookie } });
		expect(unknown.status).toBe(200);
		expect(linkOf(await unknown.text(), "FR")?.[2]).toBe("t4");
	});
});
