import type { Context } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { config } from "../config";
import { isKnownPartner, normaliseOrigin, partnerForOrigin } from "../domain/partners/partners";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

/** How long browsers may keep a preflight answer. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Who may submit from a browser origin: the engine itself (null partner), a registered partner
 * (its slug), or nobody (undefined).
 */
async function originStanding(c: Context<AppEnv>, origin: string): Promise<{ partner: string | null } | undefined> {
	const normal = normaliseOrigin(origin);
	if (!normal) return undefined;
	if (normal === normaliseOrigin(config(c.env).publicUrl)) return { partner: null };
	const partner = await partnerForOrigin(c.var.db, normal);
	return partner ? { partner } : undefined;
}

/** Reads of public data: any origin, no credentials. */
const readCors = cors({ origin: "*", allowMethods: ["GET", "HEAD"], maxAge: PREFLIGHT_MAX_AGE });

/**
 * Writes: the Origin is echoed only for the engine's own origin and partners' origins. Attached
 * by each public write route itself (`publicWrite` in public-write.ts), never by path.
 */
export const writeCors = cors({
	origin: async (origin, c) => (origin && (await originStanding(c, origin)) ? origin : null),
	allowMethods: ["POST"],
	allowHeaders: ["content-type"],
	// A widget on a partner's page tells the supporter how long to wait after a 429.
	exposeHeaders: ["Retry-After"],
	maxAge: PREFLIGHT_MAX_AGE,
});

/** Operator and admin routes: for servers and scripts holding a token, not for other sites' pages. */
function isPrivatePath(path: string): boolean {
	return ["/api/v1/operator", "/api/v1/admin"].some((root) => path === root || path.startsWith(`${root}/`));
}

/** True when a route this request matched is a public write: it carries its own (write) CORS. */
function isPublicWrite(c: Context<AppEnv>): boolean {
	return matchedRoutes(c).some((route) => route.handler === writeCors);
}

/**
 * CORS for /api/v1/*: read-only for everything but the public writes, which carry `writeCors`
 * on their own routes (POST and the preflight's OPTIONS). Operator and admin routes get none:
 * they are not for browsers on other sites (a page holding a token must not read campaign data
 * across origins). Never with credentials: nothing here uses cookies.
 */
export const apiCors = createMiddleware<AppEnv>(async (c, next) => {
	if (isPrivatePath(c.req.path) || isPublicWrite(c)) return next();
	return readCors(c, next);
});

/**
 * The Origin check CORS cannot make (a simple form POST, or a client that is not a browser):
 * a write that names an Origin must come from the engine or a registered partner's site, and a
 * partner named in the body must be a registered one, and the one that site belongs to.
 * No Origin at all (curl, server to server) is accepted. Mounted after the body is validated,
 * before anything is counted or written.
 */
export const allowedOrigin = createMiddleware<
	AppEnv,
	string,
	{ in: { json: { partner?: string } }; out: { json: { partner?: string } } }
>(async (c, next) => {
	const origin = c.req.header("origin");
	const standing = origin === undefined ? { partner: null } : await originStanding(c, origin);
	if (!standing) {
		throw new DomainError(403, "origin_not_allowed", "This site is not registered to submit to this campaign.");
	}
	const named = c.req.valid("json").partner;
	if (named !== undefined) {
		if (!(await isKnownPartner(c.var.db, named))) {
			throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
				issues: [{ path: "partner", message: "There is no partner with this name." }],
			});
		}
		if (standing.partner !== null && standing.partner !== named) {
			throw new DomainError(403, "partner_mismatch", "This site submits for another partner than the one named.");
		}
	}
	await next();
});
