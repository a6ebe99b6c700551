import { Hono } from "hono";
import { listNotFound, subscribeAction } from "../actions/subscribe";
import { findList, listText } from "../domain/lists/lists";
import { allowedOrigin } from "../http/origin";
import { actionContext, publicWrite, publicWriteMethods } from "../http/public-write";
import { slugParam, subscriptionBody } from "../http/schemas";
import { validate } from "../http/validate";
import { matchLocale } from "../i18n/locales";
import type { AppEnv } from "../types";

export const listsApi = new Hono<AppEnv>()
	/** A list's words, with the exact consent line a form must show. */
	.get("/:slug", validate("param", slugParam), async (c) => {
		const list = await findList(c.var.db, c.req.valid("param").slug);
		if (!list) throw listNotFound();
		const text = await listText(c.var.db, list, matchLocale(c.req.query("locale")) ?? list.defaultLocale);
		if (!text) throw listNotFound();
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
	.on(
		publicWriteMethods,
		"/:slug/subscriptions",
		...publicWrite,
		validate("param", slugParam),
		validate("json", subscriptionBody),
		allowedOrigin,
		async (c) => {
			const result = await subscribeAction(actionContext(c), c.req.valid("param").slug, c.req.valid("json"));
			if (result.outcome === "refused") throw result.error;
			return c.json({ status: "pending" }, 202);
		},
	);
