import { Hono } from "hono";
import * as v from "valibot";
import { linkDeps } from "../deps";
import { findList, listText } from "../domain/lists/lists";
import { subscribe } from "../domain/lists/subscriptions";
import { jsonBody } from "../http/json-body";
import { allowedOrigin } from "../http/origin";
import { deliverLater, guardPublicWrite } from "../http/public-write";
import {
	countryField,
	emailField,
	honeypotField,
	localeField,
	nameField,
	partnerField,
	slugParam,
	sourceField,
	turnstileField,
} from "../http/schemas";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import { defaultLocale, matchLocale } from "../lib/locale";
import type { AppEnv } from "../types";

export const subscriptionBody = v.object({
	email: emailField,
	name: v.optional(nameField),
	country: v.optional(countryField),
	locale: localeField,
	partner: partnerField,
	source: sourceField,
	partnerOptIn: v.optional(v.boolean("partnerOptIn is true or false."), false),
	website: honeypotField,
	turnstileToken: turnstileField,
});

function notFound(): never {
	throw new DomainError(404, "list_not_found", "There is no list at this address.");
}

export const listsApi = new Hono<AppEnv>()
	/** A list's words, with the exact consent line a form must show. */
	.get("/:slug", validate("param", slugParam), async (c) => {
		const list = await findList(c.var.db, c.req.valid("param").slug);
		if (!list) notFound();
		const text = await listText(c.var.db, list, matchLocale(c.req.query("locale")) ?? list.defaultLocale);
		if (!text) notFound();
		c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
		return c.json({
			slug: list.slug,
			status: list.status,
			locale: text.locale,
			name: text.name,
			description: text.description,
			consent: { text: text.consentText, version: text.consentVersion },
		});
	})
	/** Double opt-in: always 202 and the same body, whether or not the address is known. */
	.post(
		"/:slug/subscriptions",
		...jsonBody,
		validate("param", slugParam),
		validate("json", subscriptionBody),
		allowedOrigin,
		async (c) => {
			const body = c.req.valid("json");
			const accepted = c.json({ status: "pending" }, 202);
			if (!(await guardPublicWrite(c, body))) return accepted;
			const list = await findList(c.var.db, c.req.valid("param").slug);
			if (!list) notFound();
			if (list.status !== "open") throw new DomainError(409, "list_closed", "This list no longer takes subscriptions.");
			const locale = matchLocale(body.locale) ?? matchLocale(list.defaultLocale) ?? defaultLocale;
			const result = await subscribe(linkDeps(c.env, c.var.db), list, {
				...body,
				locale,
			});
			deliverLater(c, result.deliveries);
			return accepted;
		},
	);
