import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { QUICK_EXIT_SCRIPT } from "../../worker/pages/quick-exit";
import { confirmClick, petition, postJson, request, requestWithEnv, sign, unique, waitForEmail } from "../helpers";
import { TURNSTILE_DUMMY_TOKEN, TURNSTILE_FAIL_SECRET, TURNSTILE_PASS_SECRET } from "../stand-ins/server";

interface ErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

describe("GET /api/v1/petitions/:slug", () => {
	it("gives the petition in the asked language, with its demands grouped and its counts", async () => {
		const fr = await petition("call-to-action", "fr");
		expect(fr).toMatchObject({
			slug: "call-to-action",
			locale: "fr",
			status: "open",
			goal: 10000,
			count: 0,
			countries: {},
		});
		expect(fr.title).toBe("L'Appel à l'action des survivant·es");
		expect(fr.demands.map((g) => g.key)).toEqual(["prevent", "respond", "repair"]);
		expect(fr.demands.every((g) => g.demands.every((d) => d.sample === true))).toBe(true);
		expect((await petition("call-to-action", "es")).title).toContain("Llamado a la Acción");
	});

	it("falls back to the petition's own language for one it lacks", async () => {
		// The seed has every language: take Ukrainian away to see the fallback.
		await env.DB.prepare("DELETE FROM petition_texts WHERE petition_id = 'pet_call-to-action' AND locale = 'uk'").run();
		expect((await petition("call-to-action", "uk")).locale).toBe("en");
		expect((await petition("call-to-action", "de")).locale).toBe("en");
		expect((await petition("call-to-action", "fr-CA")).locale).toBe("fr");
	});

	it("lets caches keep it briefly and revalidate with an ETag", async () => {
		const res = await request("/api/v1/petitions/call-to-action");
		expect(res.headers.get("cache-control")).toMatch(/max-age=\d+.*stale-while-revalidate=\d+/);
		const etag = res.headers.get("etag");
		expect(etag).toBeTruthy();
		const again = await request("/api/v1/petitions/call-to-action", { headers: { "if-none-match": etag ?? "" } });
		expect(again.status).toBe(304);
	});

	it("answers 404 in the error shape for an unknown petition", async () => {
		for (const slug of ["nope", "UPPER", "..%2F..%2Fetc"]) {
			const res = await request(`/api/v1/petitions/${slug}`);
			expect([404, 422]).toContain(res.status);
			const body = await res.json<ErrorBody>();
			expect(body.error.code).toMatch(/petition_not_found|invalid_fields/);
		}
	});
});

describe("POST /api/v1/petitions/:slug/signatures: bad input", () => {
	const valid = { email: "someone@example.org", name: "Amani", country: "CD" };

	async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
		expect(res.status).toBe(status);
		expect(res.headers.get("content-type")).toContain("application/json");
		const body = await res.json<ErrorBody>();
		expect(body.error.code).toBe(code);
		expect(body.error.message).toBeTruthy();
		return body;
	}

	it("415 for a body that is not JSON", async () => {
		const res = await request("/api/v1/petitions/call-to-action/signatures", {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "email=a%40b.org",
			ip: unique().ip,
		});
		await expectError(res, 415, "unsupported_media_type");
		await expectError(
			await request("/api/v1/petitions/call-to-action/signatures", { method: "POST", body: "{}", ip: unique().ip }),
			415,
			"unsupported_media_type",
		);
	});

	it("400 for malformed JSON", async () => {
		for (const body of ["{", '{"email":', "nul", "\u0000"]) {
			await expectError(
				await postJson("/api/v1/petitions/call-to-action/signatures", body, { ip: unique().ip }),
				400,
				"malformed_json",
			);
		}
	});

	it("413 for a body over 16 KB", async () => {
		const body = JSON.stringify({ ...valid, name: "a".repeat(17 * 1024) });
		await expectError(
			await postJson("/api/v1/petitions/call-to-action/signatures", body, { ip: unique().ip }),
			413,
			"payload_too_large",
		);
	});

	it("422 naming each invalid field", async () => {
		const cases: [Record<string, unknown>, string[]][] = [
			[{}, ["email", "name", "country"]],
			[{ ...valid, email: "not-an-email" }, ["email"]],
			[{ ...valid, email: `${"a".repeat(250)}@example.org` }, ["email"]],
			[{ ...valid, email: "a@b.org\r\nBcc: x@y.org" }, ["email"]],
			[{ ...valid, name: "   " }, ["name"]],
			[{ ...valid, name: "n".repeat(10_000) }, ["name"]],
			[{ ...valid, country: "ZZ" }, ["country"]],
			[{ ...valid, country: "France" }, ["country"]],
			[{ ...valid, country: 33 }, ["country"]],
			[{ ...valid, locale: "<script>" }, ["locale"]],
			[{ ...valid, subscribe: "yes" }, ["subscribe"]],
			[{ ...valid, showName: 1 }, ["showName"]],
			[{ ...valid, partner: "Bad Partner!" }, ["partner"]],
			[{ ...valid, source: "s".repeat(500) }, ["source"]],
			[{ ...valid, email: ["a@b.org"] }, ["email"]],
		];
		for (const [body, paths] of cases) {
			const res = await postJson("/api/v1/petitions/call-to-action/signatures", body, { ip: unique().ip });
			const err = await expectError(res, 422, "invalid_fields");
			expect(err.error.issues?.map((i) => i.path).sort()).toEqual([...paths].sort());
			// Messages are ours: the input is never echoed back.
			expect(JSON.stringify(err)).not.toContain("<script>");
			expect(JSON.stringify(err)).not.toContain("nnnnnnnnnn");
		}
	});

	it("422 for a JSON body that is not an object", async () => {
		for (const body of ["[]", "42", '"text"', "null"]) {
			const res = await postJson("/api/v1/petitions/call-to-action/signatures", body, { ip: unique().ip });
			expect(res.status).toBe(422);
		}
	});

	it("409 for a closed petition", async () => {
		await env.DB.prepare(
			"INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES ('pet_closed', 'closed-one', 10, 'closed', 'en', 0, 0)",
		).run();
		await env.DB.prepare(
			"INSERT INTO petition_texts (petition_id, locale, title, summary, demands, sample, updated_at) VALUES ('pet_closed', 'en', 'Closed', 'Done', '[]', 0, 0)",
		).run();
		const res = await sign({ email: unique().email }, unique().ip, "closed-one");
		await expectError(res, 409, "petition_closed");
		expect((await petition("closed-one")).status).toBe("closed");
	});

	it("never answers a 5xx, whatever the input", async () => {
		const odd: unknown[] = [
			{ ...valid, email: "ünïcödé@exämple.org" },
			{ ...valid, name: "\u202Eevil\u202C" },
			{ ...valid, name: "\uD800" },
			{ ...valid, country: "fr ", locale: "ar-EG" },
			{ ...valid, extra: { deep: [1, 2, { x: null }] } },
			{ ...valid, website: 0 },
			{ ...valid, source: "\r\n\t" },
			{ __proto__: { email: "x@y.org" } },
			{ constructor: { prototype: { admin: true } }, ...valid },
		];
		for (const body of odd) {
			const res = await postJson(
				"/api/v1/petitions/call-to-action/signatures",
				{ ...(body as object), email: unique().email },
				{ ip: unique().ip },
			);
			expect(res.status).toBeLessThan(500);
		}
	});
});

describe("abuse", () => {
	it("limits signings per network with 429 and Retry-After, keyed by a hash of the IP", async () => {
		const { ip } = unique();
		const statuses: number[] = [];
		for (let i = 0; i < 32; i++) statuses.push((await sign({ email: unique().email }, ip)).status);
		expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
		expect(statuses.slice(30)).toEqual([429, 429]);
		const res = await sign({ email: unique().email }, ip);
		expect(res.headers.get("retry-after")).toBe("60");
		expect(await res.json()).toMatchObject({ error: { code: "rate_limited" } });
		// Another network is not affected.
		expect((await sign({ email: unique().email }, unique().ip)).status).toBe(202);
	});

	it("limits signings per email address", async () => {
		const { email } = unique("limited");
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await sign({ email }, unique().ip)).status);
		expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
	});

	it("checks Turnstile when a secret is configured", async () => {
		const body = (token?: string) =>
			JSON.stringify({ email: unique().email, name: "A", country: "FR", ...(token ? { turnstileToken: token } : {}) });
		const init = (token?: string): RequestInit => ({
			method: "POST",
			headers: { "content-type": "application/json", "cf-connecting-ip": unique().ip },
			body: body(token),
		});
		const path = "/api/v1/petitions/call-to-action/signatures";
		const passing = { TURNSTILE_SECRET_KEY: TURNSTILE_PASS_SECRET };
		const missing = await requestWithEnv(path, passing, init());
		expect(missing.status).toBe(422);
		expect(await missing.json()).toMatchObject({ error: { issues: [{ path: "turnstileToken" }] } });
		expect((await requestWithEnv(path, passing, init(TURNSTILE_DUMMY_TOKEN))).status).toBe(202);
		const failing = await requestWithEnv(
			path,
			{ TURNSTILE_SECRET_KEY: TURNSTILE_FAIL_SECRET },
			init(TURNSTILE_DUMMY_TOKEN),
		);
		expect(failing.status).toBe(403);
		expect(await failing.json()).toMatchObject({ error: { code: "turnstile_failed" } });
		// Unreachable verifier: refused, not a 5xx. The network failure is the one workerd's fetch
		// throws (a real refused port would do the same, and workerd would print a native trace
		// for it on every passing run).
		const lost = vi.spyOn(globalThis, "fetch").mockRejectedValueOnce(new TypeError("Network connection lost."));
		try {
			const down = await requestWithEnv(path, passing, init(TURNSTILE_DUMMY_TOKEN));
			expect(down.status).toBe(403);
			expect(lost).toHaveBeenCalledOnce();
		} finally {
			lost.mockRestore();
		}
	});
});

describe("pages and errors", () => {
	it("answers unknown paths with JSON 404", async () => {
		const res = await request("/no/such/thing");
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
	});

	it("sets security headers and no cookies on public pages", async () => {
		const res = await request("/p/call-to-action");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
		expect(res.headers.get("x-content-type-options")).toBe("nosniff");
		expect(res.headers.get("set-cookie")).toBeNull();
		const html = await res.text();
		// One script only, the quick exit's, which the CSP allows by its hash.
		expect(html.match(/<script/g)).toHaveLength(1);
		expect(html).toContain(`<script>${QUICK_EXIT_SCRIPT}</script>`);
		expect(res.headers.get("content-security-policy")).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
		expect(html).toContain("The Survivors&#39; Call to Action");
	});

	it("shows the count on the petition page once a signature is confirmed", async () => {
		const { email } = unique("page");
		await sign({ email, country: "CO" });
		const mail = await waitForEmail(email);
		const token = mail.text.match(/\/confirm\/([\w-]+)/)?.[1];
		await confirmClick(token ?? "");
		const page = await (await request("/p/call-to-action?locale=es")).text();
		expect(page).toMatch(/data-count="[1-9]\d*"/);
		expect(page).toContain('lang="es"');
	});
});
