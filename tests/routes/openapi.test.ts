// /openapi.json and /docs/api: the document covers every API route of app.ts (a route added
// later, OSDI or webhooks, fails here until it is described), says how each is secured, and
// tells the truth about refusals: bad input to every documented operation is answered in the one
// error shape with a status and a code the document lists, never a 5xx.
import { Hono } from "hono";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { apiScopes } from "../../worker/domain/console/api-tokens";
import { adminAuth, requireScope } from "../../worker/http/admin-auth";
import { validate } from "../../worker/http/validate";
import { buildDocument } from "../../worker/openapi/document";
import { routeDoc } from "../../worker/openapi/meta";
import { postJson, request } from "../helpers";

interface Operation {
	operationId: string;
	summary?: string;
	tags: string[];
	parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
	requestBody?: { content: Record<string, unknown> };
	responses: Record<string, { description: string }>;
	security: Record<string, string[]>[];
}
interface Doc {
	openapi: string;
	paths: Record<string, Record<string, Operation>>;
	components: { securitySchemes: Record<string, unknown> };
}

const OPERATOR = "test-operator-token";
let doc: Doc;
let adminToken: string;

beforeAll(async () => {
	const res = await request("/openapi.json");
	expect(res.status).toBe(200);
	doc = await res.json();
	const made = await postJson(
		"/api/v1/operator/api-tokens",
		{ name: "openapi test", scopes: [...apiScopes] },
		{ headers: { authorization: `Bearer ${OPERATOR}` } },
	);
	expect(made.status).toBe(201);
	adminToken = ((await made.json()) as { token: string }).token;
});

/** `/a/:id/:decision{release|reject}` as the document writes it: `/a/{id}/{decision}`. */
const templated = (path: string) =>
	path.replace(/:([A-Za-z0-9_]+)(\{((?:[^{}]|\{[^{}]*\})+)\})?/g, (_all, name: string) => `{${name}}`);

/**
 * The routes of app.ts that are not API, by the rule in worker/openapi/document.ts: hosted pages,
 * the console's HTML, the widget's files, the dev mailbox, favicons, the redirect at /, and the
 * document and its reference themselves. Anything else is API and must be in the document.
 */
const notApi =
	/^\/(\*|console|p|s|l|u|confirm|privacy|reply|states|dev|widget)(\/|$)|^\/(widget\.js|favicon\.(svg|ico)|openapi\.json|docs\/api)?$/;

const operations = () =>
	Object.entries(doc.paths).flatMap(([path, ops]) =>
		Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
	);

describe("GET /openapi.json", () => {
	it("is an OpenAPI 3.1 document, cached with an ETag", async () => {
		const res = await request("/openapi.json");
		expect(res.headers.get("content-type")).toMatch(/^application\/json/);
		expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
		const etag = res.headers.get("etag");
		expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
		expect(((await res.json()) as Doc).openapi).toBe("3.1.0");
		const again = await request("/openapi.json", { headers: { "if-none-match": etag ?? "" } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe("");
	});

	it("has every API route of app.ts, with a summary, and nothing that is not a route", () => {
		const routes = app.routes.filter((r) => r.method !== "ALL" && r.method !== "OPTIONS");
		const api = routes.filter((r) => !notApi.test(r.path));
		expect(api.length).toBeGreaterThan(60);
		for (const r of api) {
			const op = doc.paths[templated(r.path)]?.[r.method.toLowerCase()];
			expect(op, `${r.method} ${r.path} is not in /openapi.json`).toBeDefined();
			expect(op?.summary, `${r.method} ${r.path} has no summary (worker/openapi/summaries.ts)`).toBeTruthy();
		}
		const known = new Set(api.map((r) => `${r.method} ${templated(r.path)}`));
		for (const { method, path } of operations()) expect(known.has(`${method} ${path}`), `${method} ${path}`).toBe(true);
	});

	it("says how each part of the API is secured, with the admin routes' scopes", () => {
		for (const { method, path, op } of operations()) {
			const where = `${method} ${path}`;
			const schemes = op.security.flatMap((s) => Object.keys(s));
			if (path.startsWith("/api/v1/admin/")) {
				expect(schemes, where).toEqual(["adminToken"]);
				const scopes = op.security[0]?.adminToken ?? [];
				expect(scopes.length, `${where} lists its scope`).toBeGreaterThan(0);
				for (const scope of scopes) expect(apiScopes as readonly string[], where).toContain(scope);
			} else if (path.startsWith("/api/v1/operator/")) {
				expect(schemes, where).toEqual(["operatorToken"]);
				// The operator holds every scope: no "forbidden" for a scope.
				expect(op.responses["403"]?.description ?? "", where).not.toContain("`forbidden`");
			} else if (path.startsWith("/api/osdi/")) {
				expect(schemes, where).toEqual(expect.arrayContaining(["adminToken", "osdiToken"]));
			} else {
				expect(schemes, where).toEqual([]);
			}
			for (const scheme of schemes) expect(doc.components.securitySchemes, where).toHaveProperty(scheme);
		}
		const scopesOf = (path: string, method: string) => doc.paths[path]?.[method]?.security[0]?.adminToken;
		expect(scopesOf("/api/v1/admin/petitions", "get")).toEqual(["content:read"]);
		expect(scopesOf("/api/v1/admin/petitions/{slug}/signatures.csv", "get")).toEqual(["signatures:export"]);
		expect(scopesOf("/api/v1/admin/bulletins/{id}/send", "post")).toEqual(["bulletins"]);
		// OSDI: the same tokens, as a bearer token or in the OSDI-API-Token header; HAL+JSON answers.
		const people = doc.paths["/api/osdi/v1/people"]?.get;
		expect(people?.security).toEqual([{ adminToken: ["people:read"] }, { osdiToken: ["people:read"] }]);
		expect(people?.responses["200"]).toHaveProperty(["content", "application/hal+json"]);
		expect(doc.components.securitySchemes).toHaveProperty("osdiToken.name", "OSDI-API-Token");
		// Exports: one 200 in two media types.
		const exportTypes = Object.keys(
			(doc.paths["/api/v1/admin/exports/signatures"]?.get?.responses["200"] as { content?: object })?.content ?? {},
		);
		expect(exportTypes).toEqual(["text/csv", "application/x-ndjson"]);
	});

	it("reads parameters and bodies from the routes' valibot schemas", () => {
		const sign = doc.paths["/api/v1/petitions/{slug}/signatures"]?.post;
		const body = sign?.requestBody?.content["application/json"] as {
			schema: { properties: Record<string, { format?: string }>; required: string[] };
		};
		expect(body.schema.properties.email?.format).toBe("email");
		expect(body.schema.required).toContain("email");
		expect(sign?.parameters?.[0]).toMatchObject({ name: "slug", in: "path", required: true });
		expect(Object.keys(sign?.responses ?? {})).toEqual(
			expect.arrayContaining(["202", "400", "403", "404", "409", "413", "415", "422", "429"]),
		);
		const outbox = doc.paths["/api/v1/operator/outbox"]?.get?.parameters?.[0];
		expect(outbox).toMatchObject({ name: "status", in: "query", required: false });
		expect((outbox?.schema.enum as string[]) ?? []).toContain("dead");
	});
});

describe("GET /docs/api", () => {
	it("is a page of the engine with every operation, no script and nothing from elsewhere", async () => {
		const res = await request("/docs/api");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toMatch(/^text\/html/);
		expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
		const html = await res.text();
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
		for (const { method, path } of operations()) expect(html, `${method} ${path}`).toContain(`${method} ${path}`);
		const etag = res.headers.get("etag") ?? "";
		expect((await request("/docs/api", { headers: { "if-none-match": etag } })).status).toBe(304);
	});
});

describe("bad input to every documented operation", () => {
	const auth = (op: Operation): Record<string, string> => {
		const scheme = Object.keys(op.security[0] ?? {})[0];
		if (scheme === "operatorToken") return { authorization: `Bearer ${OPERATOR}` };
		if (scheme === "adminToken") return { authorization: `Bearer ${adminToken}` };
		if (scheme === "osdiToken") return { "osdi-api-token": adminToken };
		return {};
	};
	/** Every path parameter filled with something no schema accepts and no row is named by. */
	const badPath = (path: string) => path.replace(/\{[^}]+\}/g, "~bad~");
	/** Every path parameter filled with a value its schema takes (so that the body is what is judged). */
	const goodPath = (path: string, op: Operation) =>
		path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
			const schema = op.parameters?.find((p) => p.in === "path" && p.name === name)?.schema ?? {};
			if (Array.isArray(schema.enum)) return String(schema.enum[0]);
			if (schema.format === "email") return "nobody@example.org";
			const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : /./;
			return ["some-slug", "ZZ", "1"].find((value) => pattern.test(value)) ?? "some-slug";
		});
	const bodyType = (op: Operation) => Object.keys(op.requestBody?.content ?? {})[0];

	/** The answer is a refusal the document lists for this operation, in the one error shape. */
	async function expectDocumentedRefusal(res: Response, op: Operation, where: string) {
		expect(res.status, where).toBeLessThan(500);
		expect(res.status, `${where}: ${res.status} is a refusal`).toBeGreaterThanOrEqual(400);
		const documented = op.responses[String(res.status)];
		expect(documented, `${where}: ${res.status} is not in the document`).toBeDefined();
		const body = (await res.json()) as { error: { code: string; message: string; issues?: unknown[] } };
		expect(typeof body.error?.code, where).toBe("string");
		expect(typeof body.error?.message, where).toBe("string");
		for (const issue of body.error.issues ?? []) expect(issue, where).toMatchObject({ path: expect.any(String) });
		expect(documented?.description, `${where}: code ${body.error.code} is not listed`).toContain(
			`\`${body.error.code}\``,
		);
	}

	it("answers malformed JSON, a wrong media type and a wrong shape with documented refusals", async () => {
		const withBody = operations().filter(({ op }) => bodyType(op) === "application/json");
		expect(withBody.length).toBeGreaterThanOrEqual(20);
		for (const { method, path, op } of withBody) {
			const url = goodPath(path, op);
			const send = (type: string, body: string) =>
				request(url, { method, headers: { ...auth(op), "content-type": type }, body });
			// The project's rules for a JSON body: 400 unless JSON, 415 unless sent as JSON, 422 unless its shape.
			for (const [type, body, status] of [
				["application/json", '{"oops":', 400],
				["text/plain", "hello", 415],
				// Not an array: valibot's object() takes one whose fields are all optional (reported).
				["application/json", "42", 422],
			] as const) {
				const res = await send(type, body);
				expect(res.status, `${method} ${path} ${type} ${body}`).toBe(status);
				await expectDocumentedRefusal(res, op, `${method} ${path} ${type} ${body}`);
			}
		}
	});

	it("answers bad path and query parameters, and missing credentials, with documented refusals", async () => {
		for (const { method, path, op } of operations()) {
			const query = (op.parameters ?? [])
				.filter((p) => p.in === "query")
				.map((p) => `${p.name}=~bad~`)
				.join("&");
			const hasInput = path.includes("{") || query !== "";
			const type = bodyType(op);
			const init = {
				method,
				headers: { ...auth(op), ...(type ? { "content-type": type } : {}) },
				...(type === "application/json" ? { body: "[]" } : type ? { body: "~bad~" } : {}),
			};
			const url = `${badPath(path)}${query ? `?${query}` : ""}`;
			if (method !== "GET") {
				await expectDocumentedRefusal(await request(url, init), op, `${method} ${url}`);
			} else if (hasInput) {
				// A read may well answer 200 when a free-text parameter is odd; never with a 5xx.
				const res = await request(url, init);
				expect(op.responses[String(res.status)], `${method} ${url}: ${res.status}`).toBeDefined();
				if (res.status >= 400) await expectDocumentedRefusal(res, op, `${method} ${url}`);
			}
			if (op.security.length > 0) {
				const res = await request(badPath(path), { method });
				await expectDocumentedRefusal(res, op, `${method} ${path} without credentials`);
				expect(res.status, `${method} ${path} without credentials`).toBe(401);
			}
		}
	});

	it("fails when the document leaves out a refusal a route answers (the check can fail)", async () => {
		const op = structuredClone(doc.paths["/api/v1/petitions/{slug}/signatures"]?.post) as Operation;
		delete op.responses["422"];
		const res = await postJson("/api/v1/petitions/call-to-action/signatures", []);
		await expect(expectDocumentedRefusal(res, op, "without 422")).rejects.toThrow(/422 is not in the document/);
	});
});

describe("a route added later", () => {
	it("is described from its own middleware: validators, auth, scope and routeDoc", () => {
		const later = new Hono()
			.use("/api/osdi/*", requireScope("content:read"))
			.get(
				"/api/osdi/v1/people",
				routeDoc({
					summary: "People",
					ok: { status: 200, type: "application/hal+json" },
					errors: { 400: ["bad_filter"] },
				}),
				validate("query", v.object({ page: v.optional(v.pipe(v.string(), v.regex(/^\d+$/))) })),
				(c) => c.json({}),
			)
			.post("/api/v1/admin/things", adminAuth, validate("json", v.object({ name: v.string() })), (c) => c.json({}));
		const built = buildDocument(later.routes);
		const people = built.paths["/api/osdi/v1/people"]?.get as unknown as Operation;
		expect(people.summary).toBe("People");
		expect(people.security).toEqual([{ adminToken: ["content:read"] }, { osdiToken: ["content:read"] }]);
		expect(people.parameters).toEqual([
			{ name: "page", in: "query", required: false, schema: { type: "string", pattern: "^\\d+$" } },
		]);
		expect(Object.keys(people.responses)).toEqual(["200", "400", "401", "403", "422"]);
		expect(people.responses["400"]?.description).toContain("`bad_filter`");
		expect(built.components).toHaveProperty("securitySchemes.osdiToken.name", "OSDI-API-Token");
		const things = built.paths["/api/v1/admin/things"]?.post as unknown as Operation;
		expect(things.summary).toBeUndefined();
		expect(things.security).toEqual([{ adminToken: [] }]);
		expect(Object.keys(things.responses)).toEqual(["200", "400", "401", "413", "415", "422"]);
	});
});
