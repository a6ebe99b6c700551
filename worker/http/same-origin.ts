import type { HonoRequest } from "hono";
import { config } from "../config";

const unsafe = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);

/**
 * True when a write was sent by a page on another site: the browser's Sec-Fetch-Site and
 * Origin headers, when present, must name this origin. Under Referrer-Policy: no-referrer,
 * browsers send `Origin: null` even for the engine's own forms; Sec-Fetch-Site then vouches for
 * them (an opaque Origin without it is refused). Requests with neither header (curl, servers)
 * are not a browser acting for someone, and pass on to the other checks.
 * The one check for the console and the hosted forms alike.
 */
export function isCrossSite(c: { req: HonoRequest; env: Env }): boolean {
	if (!unsafe(c.req.method)) return false;
	const site = c.req.header("sec-fetch-site");
	if (site && site !== "same-origin" && site !== "none") return true;
	const origin = c.req.header("origin");
	if (origin === "null") return !site;
	return origin !== undefined && origin !== new URL(c.req.url).origin && origin !== config(c.env).publicUrl;
}
