import { Hono } from "hono";
import { etag } from "hono/etag";
import * as v from "valibot";
import { petitionNotFound, signPetitionAction } from "../actions/sign-petition";
import { getPetitionView } from "../domain/petitions/petitions";
import { allowedOrigin } from "../http/origin";
import { actionContext, publicWrite, publicWriteMethods } from "../http/public-write";
import { signatureBody, slugParam } from "../http/schemas";
import { validate } from "../http/validate";
import { defaultLocale, matchLocale } from "../i18n/locales";
import type { AppEnv } from "../types";

const petitionQuery = v.object({ locale: v.optional(v.string()) });

export const petitionsApi = new Hono<AppEnv>()
	.get(
		"/:slug",
		// Public and read often: browsers and caches may keep it briefly, and revalidate cheaply.
		etag(),
		validate("param", slugParam),
		validate("query", petitionQuery),
		async (c) => {
			const { slug } = c.req.valid("param");
			const locale = matchLocale(c.req.valid("query").locale) ?? defaultLocale;
			const view = await getPetitionView(c.var.db, slug, locale);
			if (!view) throw petitionNotFound();
			c.header("Cache-Control", "public, max-age=10, stale-while-revalidate=60");
			c.header("Vary", "Accept-Encoding");
			return c.json(view);
		},
	)
	.on(
		publicWriteMethods,
		"/:slug/signatures",
		...publicWrite,
		validate("param", slugParam),
		validate("json", signatureBody),
		allowedOrigin,
		async (c) => {
			const result = await signPetitionAction(actionContext(c), c.req.valid("param").slug, c.req.valid("json"));
			if (result.outcome === "refused") throw result.error;
			return c.json({ status: "pending" }, 202);
		},
	);
