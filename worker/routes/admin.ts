import { Hono } from "hono";
import * as v from "valibot";
import type { Partner } from "../../schema";
import { apiTokenInput, createApiToken, listApiTokens, revokeApiToken } from "../domain/console/api-tokens";
import { auditEntry, recentAudit } from "../domain/console/audit";
import { deadEmails, heldLetters, retryDeadEmail, reviewHeldLetter } from "../domain/console/review-queues";
import {
	getLetterCampaignForEditing,
	letterCampaignInput,
	listLetterCampaignsForEditing,
	saveLetterCampaign,
} from "../domain/letters/letter-campaign-editing";
import { getListForEditing, listInput, listListsForEditing, saveList } from "../domain/lists/list-editing";
import { getPartner, listPartners, partnerInput, savePartner } from "../domain/partners/partners";
import { countsByCountry, countsByPartner, countsByPetition } from "../domain/petitions/campaign-counts";
import {
	getPetitionForEditing,
	listPetitionsForEditing,
	petitionInput,
	savePetition,
} from "../domain/petitions/petition-editing";
import { signaturesCsv } from "../domain/petitions/signature-export";
import { getStateForEditing, listStatesForEditing, saveState, stateInput } from "../domain/states/state-editing";
import { adminAuth, requireScope } from "../http/admin-auth";
import { jsonBody } from "../http/json-body";
import { slugParam } from "../http/schemas";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import { adminBulletins } from "./admin-bulletins";
import { adminWebhooks } from "./admin-webhooks";

const iso2Param = v.object({
	iso2: v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "A State is named by its two-letter ISO code.")),
});
const idParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });
const limitQuery = v.object({
	limit: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,4}$/, "The limit is a number from 1 to 1000."),
			v.transform(Number),
			v.minValue(1),
			v.maxValue(1000),
		),
		"200",
	),
});

/** The body of a partner's PUT: everything but the slug, which the URL names. */
const partnerBody = v.omit(partnerInput, ["slug"]);

function partnerJson(partner: Partner) {
	const { id: _id, ...rest } = partner;
	return rest;
}

/** Who is acting: set by adminAuth for every request that gets this far. */
function actorOf(c: { var: AppEnv["Variables"] }): string {
	if (!c.var.actor) throw new Error("admin route reached without an actor");
	return c.var.actor;
}

const read = requireScope("content:read");
const write = requireScope("content:write");

/**
 * The admin API: the console's operations for automation, behind bearer tokens with scopes.
 * Every change is audited under `token:<id>`. Answers are never cached.
 */
export const adminApi = new Hono<AppEnv>()
	.use(adminAuth)
	.use(async (c, next) => {
		await next();
		c.header("Cache-Control", "no-store");
	})

	// Petitions
	.get("/petitions", read, async (c) => c.json({ petitions: await listPetitionsForEditing(c.var.db) }))
	.post("/petitions", write, ...jsonBody, validate("json", petitionInput), async (c) => {
		const saved = await savePetition(c.var.db, null, c.req.valid("json"), actorOf(c), Date.now());
		return c.json(saved, 201);
	})
	.get("/petitions/:slug", read, validate("param", slugParam), async (c) => {
		const found = await getPetitionForEditing(c.var.db, c.req.valid("param").slug);
		if (!found) throw new DomainError(404, "not_found", "No petition with this slug.");
		return c.json(found);
	})
	.put(
		"/petitions/:slug",
		write,
		...jsonBody,
		validate("param", slugParam),
		validate("json", petitionInput),
		async (c) => {
			const saved = await savePetition(
				c.var.db,
				c.req.valid("param").slug,
				c.req.valid("json"),
				actorOf(c),
				Date.now(),
			);
			return c.json(saved);
		},
	)
	.get("/petitions/:slug/counts", read, validate("param", slugParam), async (c) => {
		const found = await getPetitionForEditing(c.var.db, c.req.valid("param").slug);
		if (!found) throw new DomainError(404, "not_found", "No petition with this slug.");
		return c.json({
			slug: found.petition.slug,
			count: found.petition.count,
			countries: await countsByCountry(c.var.db, found.petition.id),
		});
	})
	/** Confirmed signatures for delivery to a State: only what signers agreed to share. */
	.get(
		"/petitions/:slug/signatures.csv",
		requireScope("signatures:export"),
		validate("param", slugParam),
		async (c) => {
			const { slug } = c.req.valid("param");
			const found = await getPetitionForEditing(c.var.db, slug);
			if (!found) throw new DomainError(404, "not_found", "No petition with this slug.");
			const now = Date.now();
			// Who took the file, and when: exports of people's names are accountable.
			await auditEntry(c.var.db, { actor: actorOf(c), action: "signatures.export", subject: slug }, now).statement;
			const day = new Date(now).toISOString().slice(0, 10);
			return new Response(signaturesCsv(c.var.db, found.petition.id), {
				headers: {
					"Content-Type": "text/csv; charset=utf-8",
					"Content-Disposition": `attachment; filename="${slug}-signatures-${day}.csv"`,
					"Cache-Control": "no-store",
				},
			});
		},
	)

	// Letter campaigns
	.get("/letter-campaigns", read, async (c) =>
		c.json({ letterCampaigns: await listLetterCampaignsForEditing(c.var.db) }),
	)
	.post("/letter-campaigns", write, ...jsonBody, validate("json", letterCampaignInput), async (c) => {
		const saved = await saveLetterCampaign(c.var.db, null, c.req.valid("json"), actorOf(c), Date.now());
		return c.json(saved, 201);
	})
	.get("/letter-campaigns/:slug", read, validate("param", slugParam), async (c) => {
		const found = await getLetterCampaignForEditing(c.var.db, c.req.valid("param").slug);
		if (!found) throw new DomainError(404, "not_found", "No letter campaign with this slug.");
		return c.json(found);
	})
	.put(
		"/letter-campaigns/:slug",
		write,
		...jsonBody,
		validate("param", slugParam),
		validate("json", letterCampaignInput),
		async (c) => {
			const { slug } = c.req.valid("param");
			const saved = await saveLetterCampaign(c.var.db, slug, c.req.valid("json"), actorOf(c), Date.now());
			return c.json(saved);
		},
	)

	// Lists
	.get("/lists", read, async (c) => c.json({ lists: await listListsForEditing(c.var.db) }))
	.post("/lists", write, ...jsonBody, validate("json", listInput), async (c) => {
		const saved = await saveList(c.var.db, null, c.req.valid("json"), actorOf(c), Date.now());
		return c.json(saved, 201);
	})
	.get("/lists/:slug", read, validate("param", slugParam), async (c) => {
		const found = await getListForEditing(c.var.db, c.req.valid("param").slug);
		if (!found) throw new DomainError(404, "not_found", "No list with this slug.");
		return c.json(found);
	})
	.put("/lists/:slug", write, ...jsonBody, validate("param", slugParam), validate("json", listInput), async (c) => {
		const saved = await saveList(c.var.db, c.req.valid("param").slug, c.req.valid("json"), actorOf(c), Date.now());
		return c.json(saved);
	})

	// Partners (a PUT registers one or replaces what is known of it)
	.get("/partners", read, async (c) => c.json({ partners: (await listPartners(c.var.db)).map(partnerJson) }))
	.get("/partners/:slug", read, validate("param", slugParam), async (c) => {
		const partner = await getPartner(c.var.db, c.req.valid("param").slug);
		if (!partner) throw new DomainError(404, "not_found", "No partner with this slug.");
		return c.json(partnerJson(partner));
	})
	.put(
		"/partners/:slug",
		write,
		...jsonBody,
		validate("param", slugParam),
		validate("json", partnerBody),
		async (c) => {
			const { slug } = c.req.valid("param");
			const existed = (await getPartner(c.var.db, slug)) !== undefined;
			const now = Date.now();
			const partner = await savePartner(c.var.db, { slug, ...c.req.valid("json") }, now, actorOf(c));
			return c.json(partnerJson(partner), existed ? 200 : 201);
		},
	)

	// States
	.get("/states", read, async (c) => c.json({ states: await listStatesForEditing(c.var.db) }))
	.get("/states/:iso2", read, validate("param", iso2Param), async (c) => {
		const found = await getStateForEditing(c.var.db, c.req.valid("param").iso2);
		if (!found) throw new DomainError(404, "not_found", "No State with this code in the directory.");
		return c.json(found);
	})
	.put("/states/:iso2", write, ...jsonBody, validate("param", iso2Param), validate("json", stateInput), async (c) => {
		const saved = await saveState(c.var.db, c.req.valid("param").iso2, c.req.valid("json"), actorOf(c), Date.now());
		return c.json(saved);
	})

	// Counts
	.get("/counts", read, async (c) => {
		const [petitions, partners] = await Promise.all([countsByPetition(c.var.db), countsByPartner(c.var.db)]);
		return c.json({ petitions, partners });
	})

	// Letters held for review
	.get("/letters/held", requireScope("letters:review"), validate("query", limitQuery), async (c) =>
		c.json({ letters: await heldLetters(c.var.db, c.req.valid("query").limit) }),
	)
	.post(
		"/letters/:id/:decision{release|reject}",
		requireScope("letters:review"),
		validate("param", v.object({ id: idParam.entries.id, decision: v.picklist(["release", "reject"]) })),
		async (c) => {
			const { id, decision } = c.req.valid("param");
			const row = await reviewHeldLetter(c.var.db, id, decision, actorOf(c), Date.now());
			if (!row) throw new DomainError(404, "not_found", "No held letter with this id.");
			return c.json(row);
		},
	)

	// Dead emails
	.get("/outbox/dead", requireScope("outbox"), validate("query", limitQuery), async (c) =>
		c.json({ emails: await deadEmails(c.var.db, c.req.valid("query").limit) }),
	)
	.post("/outbox/:id/retry", requireScope("outbox"), validate("param", idParam), async (c) => {
		const { id } = c.req.valid("param");
		const retried = await retryDeadEmail(c.var.db, c.env.QUEUE, id, actorOf(c), Date.now());
		if (!retried) throw new DomainError(404, "not_found", "No dead email with this id.");
		return c.json({ status: "queued" }, 202);
	})

	// API tokens and the audit log
	.get("/api-tokens", requireScope("tokens"), async (c) => c.json({ tokens: await listApiTokens(c.var.db) }))
	.post("/api-tokens", requireScope("tokens"), ...jsonBody, validate("json", apiTokenInput), async (c) => {
		const input = c.req.valid("json");
		// A token hands on only what it holds: no minting a wider token than oneself.
		const held = c.var.scopes ?? [];
		const beyond = input.scopes.filter((scope) => !held.includes(scope));
		if (beyond.length > 0) {
			throw new DomainError(403, "forbidden", `This token cannot grant scopes it does not hold: ${beyond.join(", ")}.`);
		}
		const { token, row } = await createApiToken(c.var.db, input, actorOf(c), Date.now());
		return c.json({ token, ...row }, 201);
	})
	.delete("/api-tokens/:id", requireScope("tokens"), validate("param", idParam), async (c) => {
		const row = await revokeApiToken(c.var.db, c.req.valid("param").id, actorOf(c), Date.now());
		return c.json(row);
	})
	.get("/audit", requireScope("tokens"), validate("query", limitQuery), async (c) =>
		c.json({ entries: await recentAudit(c.var.db, c.req.valid("query").limit) }),
	)
	// Bulletins: their own sub-app (worker/routes/admin-bulletins.ts), behind the "bulletins" scope
	.use("/bulletins/*", requireScope("bulletins"))
	.use("/bulletins", requireScope("bulletins"))
	.route("/bulletins", adminBulletins)
	.route("/webhooks", adminWebhooks);
