import { createMiddleware } from "hono/factory";
import { verifyApiToken } from "../../domain/console/api-tokens";
import { DomainError } from "../../lib/errors";
import type { AppEnv } from "../../types";

const unauthorized = () =>
	new DomainError(401, "unauthorized", "Send a live API token in the OSDI-API-Token header or as a bearer token.", {
		headers: { "WWW-Authenticate": 'Bearer realm="osdi"' },
	});

/**
 * The OSDI API's door: the admin API's scoped tokens, in OSDI's own `OSDI-API-Token` header (as
 * Action Network's clients send them) or as `Authorization: Bearer`. Sets `c.var.actor` and
 * `c.var.scopes` as adminAuth does, so `requireScope` works the same.
 */
export const osdiAuth = createMiddleware<AppEnv>(async (c, next) => {
	const osdi = c.req.header("osdi-api-token")?.trim();
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
	const secret = osdi || bearer;
	if (!secret) throw unauthorized();
	const token = await verifyApiToken(c.var.db, secret, Date.now());
	if (!token) throw unauthorized();
	c.set("actor", `token:${token.id}`);
	c.set("scopes", token.scopes);
	await next();
});
