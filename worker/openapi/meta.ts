// What the OpenAPI generator (worker/openapi/document.ts) learns from a route's own middleware:
// the validators, the auth door and the scope are tagged with what they check, where they are
// made, so the document is read from the code that runs and never from a second copy of it.
// A leaf: no imports, so any layer may tag its middleware.

/** The property under which a middleware carries what it tells the document. */
export const ROUTE_META = Symbol.for("red-line.openapi");

/** A request part a validator reads (the targets of Hono's `validator`). */
export type ValidatedPart = "json" | "form" | "query" | "param" | "header" | "cookie";

/** The auth schemes of the API, as named in the document's `components.securitySchemes`. */
export type AuthScheme = "adminToken" | "operatorToken";

export type RouteMeta =
	| { kind: "validator"; target: ValidatedPart; schema: unknown }
	| { kind: "auth"; scheme: AuthScheme }
	| { kind: "scope"; scope: string }
	| { kind: "doc"; summary: string; description?: string };

/** Tags a middleware with what it tells the document; returns the same function. */
export function tagged<F extends object>(fn: F, meta: RouteMeta): F {
	Object.defineProperty(fn, ROUTE_META, { value: meta, enumerable: false });
	return fn;
}

/** What a middleware or handler tells the document, if anything. */
export function metaOf(fn: unknown): RouteMeta | undefined {
	if (typeof fn !== "function") return undefined;
	return (fn as { [ROUTE_META]?: RouteMeta })[ROUTE_META];
}

/**
 * A middleware that does nothing but name its route in the document:
 * `.get("/x", routeDoc("What it does."), handler)`. Routes without one take their words from
 * worker/openapi/summaries.ts.
 */
export function routeDoc(summary: string, description?: string) {
	const noop = async (_c: unknown, next: () => Promise<void>) => {
		await next();
	};
	return tagged(noop, { kind: "doc", summary, ...(description ? { description } : {}) });
}
