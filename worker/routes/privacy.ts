import { Hono } from "hono";
import { requestPrivacyAction } from "../actions/request-privacy";
import { allowedOrigin } from "../http/origin";
import { actionContext, publicWrite, publicWriteMethods } from "../http/public-write";
import { privacyRequestBody } from "../http/schemas";
import { validate } from "../http/validate";
import type { AppEnv } from "../types";

export const privacyApi = new Hono<AppEnv>()
	/**
	 * People's rights over their data: the owner of the address gets a link to confirm. Always
	 * 202, so nobody learns whether an address is known.
	 */
	.on(
		publicWriteMethods,
		"/requests",
		...publicWrite,
		validate("json", privacyRequestBody),
		allowedOrigin,
		async (c) => {
			const result = await requestPrivacyAction(actionContext(c), c.req.valid("json"));
			if (result.outcome === "refused") throw result.error;
			return c.json({ status: "requested" }, 202);
		},
	);
