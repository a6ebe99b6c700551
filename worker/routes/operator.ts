import { Hono } from "hono";
import * as v from "valibot";
import { letterStatuses, outboxStatuses } from "../../schema";
import { apiTokenInput, createApiToken } from "../domain/console/api-tokens";
import { emailsByStatus, lettersByStatus, retryDeadEmail, reviewHeldLetter } from "../domain/console/review-queues";
import { ledgerOf } from "../domain/lists/consent";
import { findPerson } from "../domain/people/people";
import { countsByPartner } from "../domain/petitions/campaign-counts";
import { jsonBody } from "../http/json-body";
import { operatorOnly } from "../http/operator-auth";
import { emailField } from "../http/schemas";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

export const operator = new Hono<AppEnv>()
	.use(operatorOnly)
	/** Emails by status; `dead` ones are those that ran out of attempts. No bodies, no props. */
	.get(
		"/outbox",
		validate("query", v.object({ status: v.optional(v.picklist(outboxStatuses), "dead") })),
		async (c) => {
			const rows = await emailsByStatus(c.var.db, c.req.valid("query").status);
			return c.json({ emails: rows });
		},
	)
	/**
	 * When and how an address consented: every entry of the ledger for the person behind it,
	 * with the exact wording agreed to. For showing proof of consent on request.
	 */
	.get("/consent", validate("query", v.object({ email: emailField })), async (c) => {
		const person = await findPerson(c.var.db, c.req.valid("query").email);
		if (!person) throw new DomainError(404, "not_found", "No one with this address.");
		const events = await ledgerOf(c.var.db, person.id);
		return c.json({
			email: person.email,
			events: events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
		});
	})
	/** Letters by status; `held` ones wait for a campaigner (near-identical) or for an address. */
	.get(
		"/letters",
		validate("query", v.object({ status: v.optional(v.picklist(letterStatuses), "held") })),
		async (c) => {
			const rows = await lettersByStatus(c.var.db, c.req.valid("query").status);
			return c.json({ letters: rows });
		},
	)
	/** A campaigner's decision on a held letter: send it after all, or not. */
	.post("/letters/:id/:decision{release|reject}", async (c) => {
		const decision = c.req.param("decision") === "release" ? "release" : "reject";
		const row = await reviewHeldLetter(c.var.db, c.req.param("id"), decision, "operator", Date.now());
		if (!row) throw new DomainError(404, "not_found", "No held letter with this id.");
		return c.json(row);
	})
	/**
	 * What each partner brought: confirmed signatures per petition, active subscriptions per list,
	 * letters sent per campaign. "(none)" is what came without a partner. Plain aggregates: this
	 * is for campaigners, not the hot path.
	 */
	.get("/partners/counts", async (c) => {
		return c.json({ partners: await countsByPartner(c.var.db) });
	})
	/** Gives a dead email a fresh set of attempts (after the operator fixed the cause). */
	.post("/outbox/:id/retry", async (c) => {
		const retried = await retryDeadEmail(c.var.db, c.env.QUEUE, c.req.param("id"), "operator", Date.now());
		if (!retried) throw new DomainError(404, "not_found", "No dead email with this id.");
		return c.json({ status: "queued" }, 202);
	})
	/**
	 * Creates an admin API token: how the first one is made (the operator holds OPERATOR_TOKEN;
	 * later tokens can be made through the admin API with the "tokens" scope). The token is in
	 * this answer and nowhere else: only its SHA-256 is stored.
	 */
	.post("/api-tokens", ...jsonBody, validate("json", apiTokenInput), async (c) => {
		const { token, row } = await createApiToken(c.var.db, c.req.valid("json"), "operator", Date.now());
		return c.json({ token, ...row }, 201);
	});
