import { Hono } from "hono";
import type { AppEnv } from "../types";

/** The campaign's mark, a red line: tiny, ours, and asked for by every page. */
export const FAVICON_SVG =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#faf8f6"/><rect x="4" y="13" width="24" height="6" rx="2" fill="#b3001b"/></svg>';

function icon() {
	return new Response(FAVICON_SVG, {
		headers: {
			"Content-Type": "image/svg+xml",
			"Cache-Control": "public, max-age=86400",
			"X-Content-Type-Options": "nosniff",
		},
	});
}

/** /favicon.svg, and /favicon.ico for browsers and tools that ask for it by that name. */
export const favicon = new Hono<AppEnv>().get("/favicon.svg", icon).get("/favicon.ico", icon);
