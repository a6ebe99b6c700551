import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { CampaignerRole, ConsoleSession } from "../../schema";
import { csrfToken, csrfTokenMatches, findSession, SESSION_MAX_MS } from "../domain/console/console-sessions";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import { isCrossSite } from "./same-origin";

/** The console's variables on top of the app's: the session, and the CSRF token its forms carry. */
export type ConsoleEnv = {
	Bindings: AppEnv["Bindings"];
	Variables: AppEnv["Variables"] & { session?: ConsoleSession; csrf?: string };
};

/**
 * `__Host-` binds the cookie to this exact origin (Secure, Path=/, no Domain). Browsers accept
 * Secure cookies on http://localhost and 127.0.0.1 too, so local development keeps the name.
 */
const COOKIE = "rl_session";
const cookieOptions = { prefix: "host", path: "/", secure: true, httpOnly: true, sameSite: "Strict" } as const;

/** Name of the hidden field that carries the CSRF token in every console form. */
export const CSRF_FIELD = "_csrf";

export function sessionCookie(c: Context): string | undefined {
	return getCookie(c, COOKIE, "host");
}

export function setSessionCookie(c: Context, id: string): void {
	setCookie(c, COOKIE, id, { ...cookieOptions, maxAge: Math.floor(SESSION_MAX_MS / 1000) });
}

export function clearSessionCookie(c: Context): void {
	deleteCookie(c, COOKIE, cookieOptions);
}

/** Console pages are never cached, by the browser or anything in between. */
export const noStore = createMiddleware<ConsoleEnv>(async (c, next) => {
	await next();
	c.header("Cache-Control", "no-store");
});

/** Reads the session cookie: sets the campaigner, the actor and the CSRF token when signed in. */
export const loadSession = createMiddleware<ConsoleEnv>(async (c, next) => {
	const signedIn = await findSession(c.var.db, sessionCookie(c), Date.now());
	if (signedIn) {
		c.set("session", signedIn.session);
		c.set("campaigner", signedIn.campaigner);
		c.set("actor", `campaigner:${signedIn.campaigner.id}`);
		c.set("csrf", await csrfToken(signedIn.session));
	}
	await next();
});

const unsafe = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);

/** Refuses a write sent from another site (see isCrossSite); curl and tests pass on to the token check. */
export const sameOrigin = createMiddleware<ConsoleEnv>(async (c, next) => {
	if (isCrossSite(c)) {
		throw new DomainError(403, "cross_site", "This form was sent from another site, so it was refused.");
	}
	await next();
});

/** Signed-in campaigners only; anyone else is sent to the sign-in page. */
export const requireSignedIn = createMiddleware<ConsoleEnv>(async (c, next) => {
	if (!c.var.campaigner) {
		if (unsafe(c.req.method)) {
			throw new DomainError(403, "signed_out", "Your session has ended. Sign in again, then repeat what you did.");
		}
		clearSessionCookie(c);
		return c.redirect("/console/sign-in", 303);
	}
	await next();
});

/** Every write carries the session's CSRF token in the `_csrf` field of its form. */
export const csrfProtect = createMiddleware<ConsoleEnv>(async (c, next) => {
	if (unsafe(c.req.method)) {
		const session = c.var.session;
		let given: unknown;
		try {
			const form = await c.req.parseBody();
			given = form[CSRF_FIELD];
		} catch {
			given = undefined;
		}
		if (!session || !(await csrfTokenMatches(session, given))) {
			throw new DomainError(
				403,
				"csrf_failed",
				"This form has expired or did not come from the console. Go back, reload the page and try again.",
			);
		}
	}
	await next();
});

/** Only campaigners with this role (admins can do everything). */
export function requireRole(role: CampaignerRole) {
	return createMiddleware<ConsoleEnv>(async (c, next) => {
		const who = c.var.campaigner;
		if (!who || (who.role !== role && who.role !== "admin")) {
			throw new DomainError(403, "forbidden", "Your role does not allow this. Ask an admin of the console.");
		}
		await next();
	});
}
