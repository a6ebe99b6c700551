import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import type { AppEnv } from "../types";

/** Operator endpoints exist only when OPERATOR_TOKEN is set, and need it as a bearer token. */
export const operatorOnly = createMiddleware<AppEnv>(async (c, next) => {
	const expected = c.env.OPERATOR_TOKEN;
	if (!expected) throw new ApiError(404, "not_found", "Nothing here.");
	const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
	if (!timingSafeEqual(given, expected)) {
		c.header("WWW-Authenticate", "Bearer");
		throw new ApiError(401, "unauthorized", "Send the operator token as a bearer token.");
	}
	await next();
});
