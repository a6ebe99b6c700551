import { toJsonSchema } from "@valibot/to-json-schema";
import type { RouterRoute } from "hono/types";
import type { GenericSchema } from "valibot";
import { jsonBody } from "../http/json-body";
import { allowedOrigin, writeCors } from "../http/origin";
import { type AuthScheme, metaOf, type RouteMeta, type RouteSuccess, type RouteWords } from "./meta";
import { routeWords } from "./summaries";

// The OpenAPI 3.1 document, read from the app's routes (`app.routes`: one entry per middleware
// and handler, with its method and path). What each route takes comes from the valibot schemas
// its `validate()` middleware carries; its auth and scopes from `adminAuth`, `operatorOnly` and
// `requireScope`; its words from worker/openapi/summaries.ts (or a `routeDoc()` middleware).
//
// Which routes are API, and so in the document:
// - every path under /api/ and /webhooks/, for every method but OPTIONS (the CORS preflight that
//   `publicWriteMethods` adds to each public write; CORS is described in docs/api.md);
// - not the hosted pages (/p, /s, /l, /u, /confirm, /privacy, /reply, /states), the console's
//   HTML routes (/console/*), the widget's scripts (/widget.js, /widget/*), the dev mailbox
//   (/dev/*, absent in production), the favicons, the redirect at /, nor /openapi.json and
//   /docs/api themselves: those are pages and files, not API.

/** Whether a path is API (see the rule above). */
export function isApiPath(path: string): boolean {
	return /^\/(api|webhooks)\//.test(path);
}

type Json = Record<string, unknown>;

export interface OpenApiDocument {
	openapi: "3.1.0";
	info: { title: string; version: string; description: string };
	servers?: { url: string }[];
	tags: { name: string; description: string }[];
	paths: Record<string, Record<string, Json>>;
	components: Json;
}

/** One operation as found in the routes: its method, Hono path, and every function on its way. */
interface FoundRoute {
	method: string;
	path: string;
	chain: unknown[];
}

/** Hono's `route()` wraps a sub-app's handler when that sub-app has its own onError. */
const unwrap = (fn: unknown): unknown => (fn as { __COMPOSED_HANDLER?: unknown } | undefined)?.__COMPOSED_HANDLER ?? fn;

/** Whether a middleware registered at `pattern` (`*` wildcards) runs for `path`. */
function covers(pattern: string, path: string): boolean {
	if (pattern === "*" || pattern === "/*") return true;
	const source = pattern
		.split("*")
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
		.join(".*")
		.replace(/\/\.\*$/, "(/.*)?");
	return new RegExp(`^${source}$`).test(path);
}

/** Every API operation of the app, with the middleware that runs before its handler. */
export function apiRoutes(routes: readonly RouterRoute[]): FoundRoute[] {
	const middleware = routes.filter((r) => r.method === "ALL");
	const found = new Map<string, FoundRoute>();
	for (const r of routes) {
		if (r.method === "ALL" || r.method === "OPTIONS" || !isApiPath(r.path)) continue;
		const key = `${r.method} ${r.path}`;
		let route = found.get(key);
		if (!route) {
			route = {
				method: r.method,
				path: r.path,
				chain: middleware.filter((m) => covers(m.path, r.path)).map((m) => unwrap(m.handler)),
			};
			found.set(key, route);
		}
		route.chain.push(unwrap(r.handler));
	}
	return [...found.values()];
}

/** `/a/:id/:decision{release|reject}` → `/a/{id}/{decision}`, with each parameter's pattern. */
function templated(path: string): { path: string; params: { name: string; pattern?: string }[] } {
	const params: { name: string; pattern?: string }[] = [];
	const out = path.replace(/:([A-Za-z0-9_]+)(\{((?:[^{}]|\{[^{}]*\})+)\})?/g, (_all, name: string, _b, pattern) => {
		params.push({ name, ...(pattern ? { pattern: `^(?:${pattern})$` } : {}) });
		return `{${name}}`;
	});
	return { path: out, params };
}

/** Actions that change a string's letters but not its type: read past them to the checks after. */
const caseAndSpace = ["trim", "to_lower_case", "to_upper_case"];

/**
 * A valibot schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for what the client sends:
 * the input side of each pipe (a transform ends what can be said). Checks JSON Schema cannot
 * express (a custom `check`) are left out rather than failing the document; a record keyed by a
 * picklist (texts per language) names its keys.
 */
function jsonSchemaOf(schema: unknown): Json {
	const { $schema: _dialect, ...rest } = toJsonSchema(schema as GenericSchema, {
		target: "draft-2020-12",
		typeMode: "input",
		errorMode: "ignore",
		ignoreActions: caseAndSpace,
		overrideSchema: ({ valibotSchema, jsonSchema }) => {
			const record = valibotSchema as { type: string; key?: { type: string; options?: string[] } };
			if (record.type === "record" && record.key?.type === "picklist") {
				return { ...jsonSchema, type: "object", propertyNames: { enum: record.key.options ?? [] } };
			}
			return undefined;
		},
	}) as Json;
	return rest;
}

const errorRef = { $ref: "#/components/schemas/Error" };

const statusWords: Record<number, string> = {
	400: "Malformed request",
	401: "No valid credentials",
	403: "Not allowed",
	404: "Not found",
	409: "Conflict with the current state",
	413: "Body too large",
	415: "Unsupported media type",
	422: "Invalid input",
	429: "Too many requests",
};

type Refusals = Map<number, Set<string>>;

function refuse(refusals: Refusals, status: number, ...codes: string[]) {
	const set = refusals.get(status) ?? new Set<string>();
	for (const code of codes) set.add(code);
	refusals.set(status, set);
}

function successResponses(ok: RouteWords["ok"]): Json {
	const list: RouteSuccess[] = ok ? [ok].flat() : [{ status: 200 }];
	const out: Json = {};
	for (const s of list) {
		if (s.status === 204) {
			out["204"] = { description: s.description ?? "Done; no body." };
			continue;
		}
		// JSON (and HAL+JSON) bodies are objects; anything else (CSV, JSON Lines) is a stream of text.
		const type = s.type ?? "application/json";
		const content = /[/+]json$/.test(type)
			? { [type]: { schema: s.schema ?? { type: "object" } } }
			: { [type]: { schema: s.schema ?? { type: "string" } } };
		// One status in several media types (CSV or JSON Lines): one response with both.
		const before = out[String(s.status)] as { description: string; content: Json } | undefined;
		out[String(s.status)] = before
			? {
					description: `${before.description} ${s.description ?? ""}`.trim(),
					content: { ...before.content, ...content },
				}
			: { description: s.description ?? "OK", content };
	}
	return out;
}

/** Everything one operation says about itself, gathered from the middleware on its way. */
function operationOf(route: FoundRoute): { path: string; operation: Json } {
	const metas = route.chain.map(metaOf).filter((m): m is RouteMeta => m !== undefined);
	const { path, params: pathParams } = templated(route.path);
	const words: RouteWords | undefined = (() => {
		const doc = metas.find((m) => m.kind === "doc");
		const table = routeWords[`${route.method} ${route.path}`];
		if (doc?.kind !== "doc") return table;
		const { kind: _kind, ...inline } = doc;
		return { ...table, ...inline };
	})();
	const refusals: Refusals = new Map();
	const parameters: Json[] = [];
	let requestBody: Json | undefined;

	const validators = metas.filter((m) => m.kind === "validator");
	if (validators.length > 0) refuse(refusals, 422, "invalid_fields");
	const paramSchemas: Record<string, Json> = {};
	for (const v of validators) {
		const schema = jsonSchemaOf(v.schema);
		if (v.target === "json" || v.target === "form") {
			const type = v.target === "json" ? "application/json" : "application/x-www-form-urlencoded";
			requestBody = { required: true, content: { [type]: { schema } } };
			if (v.target === "json") refuse(refusals, 400, "malformed_json");
			continue;
		}
		const properties = (schema.properties ?? {}) as Record<string, Json>;
		const required = new Set((schema.required ?? []) as string[]);
		for (const [name, property] of Object.entries(properties)) {
			if (v.target === "param") paramSchemas[name] = property;
			else parameters.push({ name, in: v.target, required: required.has(name), schema: property });
		}
	}
	// Path parameters in the path's order, typed by the param validator where there is one.
	const inPath = pathParams.map((p) => ({
		name: p.name,
		in: "path",
		required: true,
		schema: paramSchemas[p.name] ?? { type: "string", ...(p.pattern ? { pattern: p.pattern } : {}) },
	}));

	// A JSON body is taken only as JSON, under a size cap (jsonBody, publicWrite, the bulletins' own).
	if (requestBody || route.chain.some((fn) => (jsonBody as readonly unknown[]).includes(fn))) {
		refuse(refusals, 413, "payload_too_large");
		refuse(refusals, 415, "unsupported_media_type");
	}
	// A public write: origin checks, rate limits per network and per address, the robot check.
	const publicWrite = route.chain.includes(writeCors);
	if (publicWrite) {
		refuse(refusals, 403, "turnstile_failed");
		refuse(refusals, 429, "rate_limited");
	}
	if (route.chain.includes(allowedOrigin)) refuse(refusals, 403, "origin_not_allowed", "partner_mismatch");

	const schemes = new Set<AuthScheme>();
	for (const m of metas) if (m.kind === "auth") schemes.add(m.scheme);
	// The operator acts with every scope (operator routes alias the admin handlers, scopes and all).
	const asOperator = schemes.has("operatorToken") && !schemes.has("adminToken");
	const scopes = asOperator ? [] : [...new Set(metas.flatMap((m) => (m.kind === "scope" ? [m.scope] : [])))];
	// The OSDI API takes the same scoped tokens, in its own header as well as as a bearer token.
	if (route.path.startsWith("/api/osdi/")) {
		schemes.add("adminToken");
		schemes.add("osdiToken");
	}
	if (schemes.has("adminToken") || schemes.has("osdiToken")) refuse(refusals, 401, "unauthorized");
	if (schemes.has("operatorToken")) {
		refuse(refusals, 401, "unauthorized");
		refuse(refusals, 404, "not_found");
	}
	if (scopes.length > 0) refuse(refusals, 403, "forbidden");
	for (const [status, codes] of Object.entries(words?.errors ?? {})) refuse(refusals, Number(status), ...codes);
	// A path names something that may not exist (unless the route says how it answers that).
	if (pathParams.length > 0 && !refusals.has(404)) refuse(refusals, 404, "not_found");

	const responses = successResponses(words?.ok);
	for (const [status, codes] of [...refusals].sort(([a], [b]) => a - b)) {
		const list = [...codes].sort();
		responses[String(status)] = {
			description: `${statusWords[status] ?? "Refused"}: ${list.map((c) => `\`${c}\``).join(", ")}.`,
			...(status === 429
				? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } }
				: {}),
			content: { "application/json": { schema: errorRef } },
		};
	}

	const security = [...schemes].map((scheme) => ({ [scheme]: scheme === "operatorToken" ? [] : scopes }));
	const operation: Json = {
		operationId:
			`${route.method.toLowerCase()}${route.path.replace(/\{[^}]*\}/g, "").replace(/[^A-Za-z0-9]+/g, "_")}`.replace(
				/_$/,
				"",
			),
		tags: [tagOf(route.path)],
		...(words?.summary ? { summary: words.summary } : {}),
		...(words?.description || scopes.length > 0
			? {
					description: [
						words?.description,
						scopes.length > 0 ? `Scopes: ${scopes.map((s) => `\`${s}\``).join(", ")}.` : "",
					]
						.filter(Boolean)
						.join("\n\n"),
				}
			: {}),
		...(inPath.length + parameters.length > 0 ? { parameters: [...inPath, ...parameters] } : {}),
		...(requestBody ? { requestBody } : {}),
		responses,
		security,
		...(scopes.length > 0 ? { "x-scopes": scopes } : {}),
	};
	return { path, operation };
}

const tags = [
	{ name: "Public", description: "What supporters' browsers and partners' widgets call: no credentials." },
	{ name: "Admin", description: "The console's operations for automation: an API token with scopes." },
	{ name: "Operator", description: "For whoever runs the engine: the operator token." },
	{ name: "OSDI", description: "OSDI 1.1-compatible API (HAL+JSON) for CRMs: the same scoped tokens." },
	{ name: "Webhooks", description: "Events other services send to the engine." },
];

function tagOf(path: string): string {
	if (path.startsWith("/api/v1/admin")) return "Admin";
	if (path.startsWith("/api/v1/operator")) return "Operator";
	if (path.startsWith("/api/osdi/")) return "OSDI";
	if (path.startsWith("/webhooks/")) return "Webhooks";
	return "Public";
}

/** The OpenAPI 3.1 document of every API route among `routes`. */
export function buildDocument(routes: readonly RouterRoute[], version = "1"): OpenApiDocument {
	const paths: OpenApiDocument["paths"] = {};
	for (const route of apiRoutes(routes)) {
		const { path, operation } = operationOf(route);
		paths[path] ??= {};
		paths[path][route.method.toLowerCase()] = operation;
	}
	const used = new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags as string[])));
	const usesOsdiToken = Object.values(paths).some((ops) =>
		Object.values(ops).some((op) => (op.security as Record<string, unknown>[]).some((s) => "osdiToken" in s)),
	);
	return {
		openapi: "3.1.0",
		info: {
			title: "Red Line API",
			version,
			description:
				'The campaign engine\'s API: public actions (sign, subscribe, write to a State, privacy requests), the admin API for automation, the operator\'s endpoints and incoming webhooks. Every refusal has one shape: `{"error":{"code","message","issues":[{"path","message"}]}}`.',
		},
		tags: tags.filter((t) => used.has(t.name)),
		paths,
		components: {
			schemas: {
				Error: {
					type: "object",
					description: "The one error shape: a stable code, a message for people, and one issue per invalid field.",
					required: ["error"],
					properties: {
						error: {
							type: "object",
							required: ["code", "message"],
							properties: {
								code: { type: "string", examples: ["invalid_fields"] },
								message: { type: "string" },
								issues: {
									type: "array",
									items: {
										type: "object",
										required: ["path", "message"],
										properties: {
											path: { type: "string", description: "A dotted path into the input, e.g. `country`." },
											message: { type: "string" },
										},
									},
								},
							},
						},
					},
				},
			},
			securitySchemes: {
				adminToken: {
					type: "http",
					scheme: "bearer",
					description:
						"An admin API token (`rl_…`), made by the operator or by a token with the `tokens` scope. Each route needs the scopes it lists.",
				},
				operatorToken: {
					type: "http",
					scheme: "bearer",
					description: "The OPERATOR_TOKEN secret. Operator routes answer 404 while it is not set.",
				},
				...(usesOsdiToken
					? {
							osdiToken: {
								type: "apiKey",
								in: "header",
								name: "OSDI-API-Token",
								description: "The same admin API token, in the header OSDI clients send.",
							},
						}
					: {}),
			},
		},
	};
}
