// Issue 10, item 5: a page on another site cannot make its visitors' browsers sign, write or
// subscribe through the hosted forms.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { confirmClick, confirmToken, request, sign, unique, waitFor, waitForEmail } from "../helpers";

const FORMS = [
	["/p/call-to-action", { name: "Amani", country: "FR" }, "signatures"],
	["/s/red-line-updates", { consent: "yes" }, "subscriptions"],
	[
		"/l/write-to-your-state",
		{
			name: "Amani",
			country: "FR",
			drafted: "FR",
			body: "Dear Minister, please act now for survivors of conflict-related sexual violence.",
		},
		"letters",
	],
] as const;

function post(path: string, fields: Record<string, string>, headers: Record<string, string>) {
	return request(path, {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
		body: new URLSearchParams(fields).toString(),
		ip: unique().ip,
	});
}

async function countOf(table: string, email: string) {
	const row = await env.DB.prepare(
		`SELECT count(*) AS n FROM ${table} t JOIN people p ON p.id = t.person_id WHERE p.email_canonical = ?`,
	)
		.bind(email.toLowerCase())
		.first<{ n: number }>();
	return row?.n ?? 0;
}

const FOREIGN: Record<string, string>[] = [
	{ "sec-fetch-site": "cross-site", origin: "https://evil.example" },
	{ "sec-fetch-site": "same-site", origin: "https://sub.engine.test" },
	{ origin: "https://evil.example" },
	{ origin: "null" },
];

describe("hosted forms refuse other sites", () => {
	it("answers 403 with a readable page in the visitor's language, and writes nothing", async () => {
		for (const [path, fields, table] of FORMS) {
			for (const headers of FOREIGN) {
				const { email } = unique("cross-site");
				const res = await post(path, { email, ...fields }, { ...headers, "accept-language": "fr-FR,fr;q=0.9" });
				const what = `${path} ${JSON.stringify(headers)}`;
				expect(res.status, what).toBe(403);
				expect(res.headers.get("content-type")).toMatch(/text\/html/);
				const html = await res.text();
				expect(html).toContain('lang="fr"');
				expect(html).toContain("Ce formulaire venait d&#39;un autre site");
				expect(await countOf(table, email), what).toBe(0);
			}
		}
		const res = await post(
			"/p/call-to-action?locale=ar",
			{ email: unique().email, name: "Amani", country: "FR" },
			{ "sec-fetch-site": "cross-site" },
		);
		expect(res.status).toBe(403);
		const html = await res.text();
		expect(html).toContain('dir="rtl"');
		expect(html).toContain("جاء هذا النموذج من موقع آخر");
	});

	it("accepts the engine's own pages: same-origin, typed-in (none), its Origin, or an opaque Origin vouched for", async () => {
		const OWN: Record<string, string>[] = [
			{ "sec-fetch-site": "same-origin", origin: "https://engine.test" },
			{ "sec-fetch-site": "same-origin", origin: "null" },
			{ "sec-fetch-site": "none" },
			{ origin: "https://engine.test" },
			{},
		];
		for (const [path, fields, table] of FORMS) {
			for (const headers of OWN) {
				const { email } = unique("own-site");
				const res = await post(path, { locale: "en", email, ...fields }, headers);
				const what = `${path} ${JSON.stringify(headers)}`;
				expect(res.status, what).toBe(200);
				expect(await res.text()).toContain("Check your inbox");
				// The row is written after the answer (known and unknown addresses answer alike).
				await waitFor(async () => (await countOf(table, email)) === 1, 5_000, what);
			}
		}
	});

	it("the privacy link's button refuses another site too", async () => {
		const { email } = unique("privacy-cross");
		expect((await sign({ email })).status).toBe(202);
		await confirmClick(confirmToken(await waitForEmail(email)));
		await request("/api/v1/privacy/requests", {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ email, kind: "erase" }),
		});
		const mail = await waitForEmail(email, 2);
		const token = mail.text.match(/\/privacy\/([\w-]+)/)?.[1];
		const refused = await request(`/privacy/${token}`, {
			method: "POST",
			headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
		});
		expect(refused.status).toBe(403);
		const still = await env.DB.prepare("SELECT erased_at FROM people WHERE email_canonical = ?")
			.bind(email)
			.first<{ erased_at: number | null }>();
		expect(still?.erased_at).toBeNull();
	});
});
