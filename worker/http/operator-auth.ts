import { createMiddleware } from "hono/factory";
import { sha256Hex, timingSafeEqual } from "../lib/crypto";
import { DomainError } from "../lib/errors";
import { tagged } from "../openapi/meta";
import type { AppEnv } from "../types";

/**
 * Operator endpoints exist only when OPERATOR_TOKEN is set, and need it as a bearer token
 * (`Authorization: Bearer …`, nothing else). The SHA-256 digests are compared, always of the
 * same length, so the time taken tells nothing about the token's length or its characters.
 */
export const operatorOnly = createMiddleware<AppEnv>(async (c, next) => {
	const expected = c.env.OPERATOR_TOKEN;
	if (!expected) throw new DomainError(404, "not_found", "Nothing here.");
	const given = /^Bearer +(\S+) *$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
	const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)]);
	if (!given || !timingSafeEqual(a, b)) {
		c.header("WWW-Authenticate", "Bearer");
		throw new DomainError(401, "unauthorized", "Send the operator token as a bearer token.");
	}
	await next();
});
tagged(operatorOnly, { kind: "auth", scheme: "operatorToken" });
