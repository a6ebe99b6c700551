import { Hono } from "hono";
import * as v from "valibot";
import { orNotFound } from "../domain/console/find-or-404";
import { ledgerOf } from "../domain/lists/consent";
import { findPerson } from "../domain/people/people";
import { operatorOnly } from "../http/operator-auth";
import { emailField } from "../http/schemas";
import { iso } from "../http/serialize";
import { validate } from "../http/validate";
import type { AppEnv } from "../types";
import { adminHandlers, operatorAsAdmin } from "./admin";

/**
 * The operator API: behind OPERATOR_TOKEN, aliases of the admin API's handlers (the same checks
 * and JSON, acting as "operator" with every scope), plus the consent ledger, which only the
 * operator reads.
 */
export const operator = new Hono<AppEnv>()
	.use(operatorOnly, operatorAsAdmin)
	/** Emails by status (`?status=`, dead by default); `dead` ones ran out of attempts. No bodies, no props. */
	.get("/outbox", ...adminHandlers.emails())
	/**
	 * When and how an address consented: every entry of the ledger for the person behind it,
	 * with the exact wording agreed to. For showing proof of consent on request.
	 */
	.get("/consent", validate("query", v.object({ email: emailField })), async (c) => {
		const person = orNotFound(await findPerson(c.var.db, c.req.valid("query").email), "person");
		const events = await ledgerOf(c.var.db, person.id);
		return c.json({ email: person.email, events: events.map((e) => ({ ...e, at: iso(e.at) })) });
	})
	/** Letters by status (`?status=`, held by default); `held` ones wait for a campaigner or for an address. */
	.get("/letters", ...adminHandlers.letters())
	.post("/letters/:id/:decision{release|reject}", ...adminHandlers.reviewLetter)
	/** "(none)" is what came without a partner. */
	.get("/partners/counts", ...adminHandlers.partnerCounts)
	.post("/outbox/:id/retry", ...adminHandlers.retryEmail)
	/**
	 * How the first admin API token is made (later ones can be made through the admin API with
	 * the "tokens" scope).
	 */
	.post("/api-tokens", ...adminHandlers.createToken);
