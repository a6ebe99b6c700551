import { Hono } from "hono";
import * as v from "valibot";
import { linkDeps } from "../deps";
import { requestPrivacy } from "../domain/people/privacy";
import { jsonBody } from "../http/json-body";
import { allowedOrigin } from "../http/origin";
import { afterAnswer, guardPublicWrite } from "../http/public-write";
import { emailField, honeypotField, localeField, turnstileField } from "../http/schemas";
import { validate } from "../http/validate";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../lib/locale";
import { enqueueDeliveries } from "../mail/outbox";
import type { AppEnv } from "../types";

const requestBody = v.object({
	email: emailField,
	kind: v.picklist(["export", "erase"], 'Choose "export" or "erase".'),
	locale: localeField,
	website: honeypotField,
	turnstileToken: turnstileField,
});

export const privacyApi = new Hono<AppEnv>()
	/**
	 * People's rights over their data: the owner of the address gets a link to confirm. Always
	 * 202, so nobody learns whether an address is known.
	 */
	.post("/requests", ...jsonBody, validate("json", requestBody), allowedOrigin, async (c) => {
		const body = c.req.valid("json");
		const accepted = c.json({ status: "requested" }, 202);
		if (!(await guardPublicWrite(c, body))) return accepted;
		const locale =
			matchLocale(body.locale) ?? localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
		// Whether the address is known, capped or new, the answer leaves before any of it is
		// looked up: the lookup, the writes and the email happen after (no timing tells).
		const deps = linkDeps(c.env, c.var.db);
		afterAnswer(c, "privacy.request_failed", async () =>
			enqueueDeliveries(c.env.QUEUE, await requestPrivacy(deps, { email: body.email, kind: body.kind, locale })),
		);
		return accepted;
	});
