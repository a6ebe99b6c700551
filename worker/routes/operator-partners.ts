import { Hono } from "hono";
import * as v from "valibot";
import type { Partner } from "../../schema";
import { getPartner, listPartners, partnerInput, savePartner } from "../domain/partners/partners";
import { jsonBody } from "../http/json-body";
import { operatorOnly } from "../http/operator-auth";
import { slugParam } from "../http/schemas";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

/** The body of a PUT: everything but the slug, which the URL names. */
const partnerBody = v.omit(partnerInput, ["slug"]);

function partnerJson(partner: Partner) {
	return {
		slug: partner.slug,
		name: partner.name,
		allowedOrigins: partner.allowedOrigins,
		consentTexts: partner.consentTexts,
		privacyUrl: partner.privacyUrl,
		createdAt: new Date(partner.createdAt).toISOString(),
		updatedAt: new Date(partner.updatedAt).toISOString(),
	};
}

/**
 * Partners, for operators: who may carry the campaign's widgets, from which origins, with which
 * opt-in line of their own. A PUT registers a partner or replaces what is known of it.
 */
export const operatorPartners = new Hono<AppEnv>()
	.use(operatorOnly)
	.get("/", async (c) => {
		const rows = await listPartners(c.var.db);
		return c.json({ partners: rows.map(partnerJson) });
	})
	.get("/:slug", validate("param", slugParam), async (c) => {
		const partner = await getPartner(c.var.db, c.req.valid("param").slug);
		if (!partner) throw new DomainError(404, "not_found", "No partner with this slug.");
		return c.json(partnerJson(partner));
	})
	.put("/:slug", ...jsonBody, validate("param", slugParam), validate("json", partnerBody), async (c) => {
		const { slug } = c.req.valid("param");
		const existed = (await getPartner(c.var.db, slug)) !== undefined;
		const partner = await savePartner(c.var.db, { slug, ...c.req.valid("json") }, Date.now(), "operator");
		return c.json(partnerJson(partner), existed ? 200 : 201);
	});
