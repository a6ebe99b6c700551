import { createMiddleware } from "hono/factory";
import { type ApiScope, verifyApiToken } from "../domain/console/api-tokens";
import { DomainError } from "../lib/errors";
import { tagged } from "../openapi/meta";
import type { AppEnv } from "../types";

const unauthorized = () =>
	new DomainError(401, "unauthorized", "Send a live admin API token as a bearer token.", {
		headers: { "WWW-Authenticate": 'Bearer realm="admin"' },
	});

/**
 * The admin API's door: a bearer token that is live (not revoked, not expired). Sets
 * `c.var.actor` to `token:<id>` for the audit log and `c.var.scopes` for `requireScope`.
 * The secret is looked up by its SHA-256 (see verifyApiToken), never compared in clear.
 */
export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
	const header = c.req.header("authorization") ?? "";
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	if (!match?.[1]) throw unauthorized();
	const token = await verifyApiToken(c.var.db, match[1], Date.now());
	if (!token) throw unauthorized();
	c.set("actor", `token:${token.id}`);
	c.set("scopes", token.scopes);
	await next();
});
tagged(adminAuth, { kind: "auth", scheme: "adminToken" });

/** 403 unless the token in use carries `scope`. */
export function requireScope(scope: ApiScope) {
	const middleware = createMiddleware<AppEnv>(async (c, next) => {
		if (!c.var.scopes?.includes(scope)) {
			throw new DomainError(403, "forbidden", `This token lacks the "${scope}" scope.`);
		}
		await next();
	});
	return tagged(middleware, { kind: "scope", scope });
}
