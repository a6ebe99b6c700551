import { Hono } from "hono";
import { etag } from "hono/etag";
import * as v from "valibot";
import { linkDeps } from "../deps";
import { findPetition, getPetitionView } from "../domain/petitions/petitions";
import { signPetition } from "../domain/petitions/signatures";
import { jsonBody } from "../http/json-body";
import { allowedOrigin } from "../http/origin";
import { guardPublicWrite, writeLater } from "../http/public-write";
import {
	countryField,
	emailField,
	honeypotField,
	localeField,
	nameField,
	partnerField,
	referralField,
	slugParam,
	sourceField,
	turnstileField,
} from "../http/schemas";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import { defaultLocale, matchLocale } from "../lib/locale";
import type { AppEnv } from "../types";

export const signatureBody = v.object({
	email: emailField,
	name: nameField,
	country: countryField,
	locale: localeField,
	subscribe: v.optional(v.boolean("subscribe is true or false."), false),
	showName: v.optional(v.boolean("showName is true or false."), false),
	partner: partnerField,
	source: sourceField,
	partnerOptIn: v.optional(v.boolean("partnerOptIn is true or false."), false),
	referral: referralField,
	website: honeypotField,
	turnstileToken: turnstileField,
});

const petitionQuery = v.object({ locale: v.optional(v.string()) });

function notFound(): never {
	throw new DomainError(404, "petition_not_found", "There is no petition at this address.");
}

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
			if (!view) notFound();
			c.header("Cache-Control", "public, max-age=10, stale-while-revalidate=60");
			c.header("Vary", "Accept-Encoding");
			return c.json(view);
		},
	)
	.post(
		"/:slug/signatures",
		...jsonBody,
		validate("param", slugParam),
		validate("json", signatureBody),
		allowedOrigin,
		async (c) => {
			const { slug } = c.req.valid("param");
			const body = c.req.valid("json");
			const accepted = c.json({ status: "pending" }, 202);
			const guard = await guardPublicWrite(c, body);
			// A robot filled the hidden field: it gets what a person gets, and nothing happens.
			if (!guard) return accepted;
			const petition = await findPetition(c.var.db, slug);
			if (!petition) notFound();
			if (petition.status !== "open") {
				throw new DomainError(409, "petition_closed", "This petition is closed and no longer takes signatures.");
			}
			const locale = matchLocale(body.locale) ?? matchLocale(petition.defaultLocale) ?? defaultLocale;
			const deps = linkDeps(c.env, c.var.db);
			// After the answer: it must not tell whether this address has signed before.
			writeLater(
				c,
				"signature",
				async () => (await signPetition(deps, petition, { ...body, locale }, guard.ipHash)).deliveries,
			);
			return accepted;
		},
	);
