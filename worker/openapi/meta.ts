// What the OpenAPI generator (worker/openapi/document.ts) learns from a route's own middleware:
// the validators, the auth door and the scope are tagged with what they check, where they are
// made, so the document is read from the code that runs and never from a second copy of it.
// A leaf: no imports, so any layer may tag its middleware.

/** The property under which a middleware carries what it tells the document. */
export const ROUTE_META = Symbol.for("red-line.openapi");

/** A request part a validator reads (the targets of Hono's `validator`). */
export type ValidatedPart = "json" | "form" | "query" | "param" | "header" | "cookie";

/**
 * The auth schemes of the API, as named in the document's `components.securitySchemes`. Routes
 * under /api/osdi/ take the admin token as `osdiToken` (the OSDI-API-Token header) too.
 */
export type AuthScheme = "adminToken" | "operatorToken" | "osdiToken";

/** What a route's success answer is. */
export interface RouteSuccess {
	status: 200 | 201 | 202 | 204;
	/** The media type: `application/json` unless said (`text/csv`, `application/hal+json`, `application/x-ndjson`…). */
	type?: string;
	/** The JSON body's schema, when it is small and fixed. */
	schema?: Record<string, unknown>;
	description?: string;
}

export interface RouteWords {
	summary: string;
	description?: string;
	ok?: RouteSuccess | RouteSuccess[];
	/** Refusals the handler or the domain adds: status → codes. */
	errors?: Record<number, string[]>;
}

export type RouteMeta =
	| { kind: "validator"; target: ValidatedPart; schema: unknown }
	| { kind: "auth"; scheme: AuthScheme }
	| { kind: "scope"; scope: string }
	| ({ kind: "doc" } & RouteWords);

/** Tags a middleware with what it tells the document; returns the same function. */
export function tagged<F extends object>(fn: F, meta: RouteMeta): F {
	Object.defineProperty(fn, ROUTE_META, { value: meta, enumerable: false, configurable: true });
	return fn;
}

/** What a middleware or handler tells the document, if anything. */
export function metaOf(fn: unknown): RouteMeta | undefined {
	if (typeof fn !== "function") return undefined;
	return (fn as { [ROUTE_META]?: RouteMeta })[ROUTE_META];
}

/**
 * A middleware that does nothing but describe its route in the document, for a route that has no
 * entry in worker/openapi/summaries.ts: `.get("/x", routeDoc("What it does."), handler)`, or
 * `routeDoc({ summary, ok: { status: 200, type: "application/hal+json" }, errors: { 400: ["bad_filter"] } })`.
 */
export function routeDoc(words: string | RouteWords) {
	const noop = async (_c: unknown, next: () => Promise<void>) => {
		await next();
	};
	return tagged(noop, { kind: "doc", ...(typeof words === "string" ? { summary: words } : words) });
}
