import { Hono, type MiddlewareHandler } from "hono";
import { createFactory } from "hono/factory";
import * as v from "valibot";
import { letterStatuses, outboxStatuses } from "../../schema";
import type { Database } from "../db";
import { apiScopes, apiTokenInput, createApiToken, listApiTokens, revokeApiToken } from "../domain/console/api-tokens";
import { auditEntry, recentAudit } from "../domain/console/audit";
import {
	letterCampaignOr404,
	listOr404,
	notFound,
	orNotFound,
	partnerOr404,
	petitionOr404,
	stateOr404,
} from "../domain/console/find-or-404";
import { emailsByStatus, lettersByStatus, retryDeadEmail, reviewHeldLetter } from "../domain/console/review-queues";
import {
	letterCampaignInput,
	listLetterCampaignsForEditing,
	saveLetterCampaign,
} from "../domain/letters/letter-campaign-editing";
import { listInput, listListsForEditing, saveList } from "../domain/lists/list-editing";
import { getPartner, listPartners, partnerInput, savePartner } from "../domain/partners/partners";
import { countsByCountry, countsByPartner, countsByPetition } from "../domain/petitions/campaign-counts";
import { listPetitionsForEditing, petitionInput, savePetition } from "../domain/petitions/petition-editing";
import { signaturesCsv } from "../domain/petitions/signature-export";
import { listStatesForEditing, saveState, stateInput } from "../domain/states/state-editing";
import { adminAuth, requireScope } from "../http/admin-auth";
import { jsonBody } from "../http/json-body";
import { slugParam } from "../http/schemas";
import {
	apiTokenJson,
	auditJson,
	letterCampaignJson,
	letterCampaignSummaryJson,
	letterJson,
	listJson,
	listSummaryJson,
	outboxEmailJson,
	partnerJson,
	petitionJson,
	petitionSummaryJson,
	stateJson,
} from "../http/serialize";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import { adminBulletins } from "./admin-bulletins";
import { adminWebhooks } from "./admin-webhooks";

const iso2Param = v.object({
	iso2: v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "A State is named by its two-letter ISO code.")),
});
const idParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });
const limitField = v.optional(
	v.pipe(
		v.string(),
		v.regex(/^\d{1,4}$/, "The limit is a number from 1 to 1000."),
		v.transform(Number),
		v.minValue(1),
		v.maxValue(1000),
	),
	"200",
);
const limitQuery = v.object({ limit: limitField });

/** The body of a partner's PUT: everything but the slug, which the URL names. */
const partnerBody = v.omit(partnerInput, ["slug"]);

/** Who is acting: set by adminAuth (a token) or operatorAsAdmin for every request that gets this far. */
function actorOf(c: { var: AppEnv["Variables"] }): string {
	if (!c.var.actor) throw new Error("admin route reached without an actor");
	return c.var.actor;
}

const read = requireScope("content:read");
const write = requireScope("content:write");
const review = requireScope("letters:review");
const outboxScope = requireScope("outbox");

const factory = createFactory<AppEnv>();

/**
 * The operator's door to the admin handlers: behind `operatorOnly`, the operator acts as
 * "operator" and holds every scope (OPERATOR_TOKEN can mint any admin token anyway).
 */
export const operatorAsAdmin = factory.createMiddleware(async (c, next) => {
	c.set("actor", "operator");
	c.set("scopes", [...apiScopes]);
	await next();
});

/** The handlers of a queue read by status (`fixed`, or `?status=`), newest first, at most `?limit=`. */
function queueHandlers<S extends string, R>(
	scope: MiddlewareHandler<AppEnv>,
	statuses: readonly [S, ...S[]],
	byDefault: S,
	rows: (db: Database, status: S, limit: number) => Promise<R[]>,
	key: string,
	json: (row: R) => unknown,
) {
	const query = v.object({ status: v.optional(v.picklist(statuses), byDefault), limit: limitField });
	return (fixed?: S) =>
		factory.createHandlers(scope, validate("query", query), async (c) => {
			const { status, limit } = c.req.valid("query") as { status: S; limit: number };
			return c.json({ [key]: (await rows(c.var.db, fixed ?? status, limit)).map(json) });
		});
}

/**
 * The handlers the admin API and the operator API share (the operator's URLs are aliases of
 * these): the same checks, the same JSON.
 */
export const adminHandlers = {
	/** Emails in one status (`fixed`, or `?status=`, dead by default): no bodies, no props. */
	emails: queueHandlers(outboxScope, outboxStatuses, "dead", emailsByStatus, "emails", outboxEmailJson),
	/** Letters in one status (`fixed`, or `?status=`, held by default), with the State they go to. */
	letters: queueHandlers(review, letterStatuses, "held", lettersByStatus, "letters", letterJson),
	/** A decision on a held letter: send it after all, or not. */
	reviewLetter: factory.createHandlers(
		review,
		validate("param", v.object({ id: idParam.entries.id, decision: v.picklist(["release", "reject"]) })),
		async (c) => {
			const { id, decision } = c.req.valid("param");
			const row = orNotFound(await reviewHeldLetter(c.var.db, id, decision, actorOf(c), Date.now()), "heldLetter");
			return c.json(row);
		},
	),
	/** Gives a dead email a fresh set of attempts (after someone fixed the cause). */
	retryEmail: factory.createHandlers(outboxScope, validate("param", idParam), async (c) => {
		const { id } = c.req.valid("param");
		if (!(await retryDeadEmail(c.var.db, c.env.QUEUE, id, actorOf(c), Date.now()))) throw notFound("deadEmail");
		return c.json({ status: "queued" }, 202);
	}),
	/**
	 * A new API token. The secret is in this answer and nowhere else: only its SHA-256 is stored.
	 * A token hands on only what it holds: no minting a wider token than oneself.
	 */
	createToken: factory.createHandlers(
		requireScope("tokens"),
		...jsonBody,
		validate("json", apiTokenInput),
		async (c) => {
			const input = c.req.valid("json");
			const held = c.var.scopes ?? [];
			const beyond = input.scopes.filter((scope) => !held.includes(scope));
			if (beyond.length > 0) {
				throw new DomainError(
					403,
					"forbidden",
					`This token cannot grant scopes it does not hold: ${beyond.join(", ")}.`,
				);
			}
			const { token, row } = await createApiToken(c.var.db, input, actorOf(c), Date.now());
			return c.json({ token, ...apiTokenJson(row) }, 201);
		},
	),
	/** What each partner brought: signatures per petition, subscriptions per list, letters per campaign. */
	partnerCounts: factory.createHandlers(read, async (c) => c.json({ partners: await countsByPartner(c.var.db) })),
};

/** What the admin API needs of a resource edited whole (petitions, letter campaigns, lists). */
interface Editable<S, F, I> {
	/** The list's key in the JSON of GET /. */
	key: string;
	list: (db: Database) => Promise<S[]>;
	summaryJson: (summary: S) => unknown;
	schema: v.GenericSchema<unknown, I>;
	/** The resource, or the 404. */
	find: (db: Database, slug: string) => Promise<F>;
	save: (db: Database, slug: string | null, input: I, actor: string, now: number) => Promise<F>;
	json: (found: F) => unknown;
}

/** GET / (summaries), POST / (create, 201), GET /:slug, PUT /:slug (edit) of a resource edited whole. */
function editableApi<S, F, I>(spec: Editable<S, F, I>) {
	const body = validate("json", spec.schema);
	const input = (c: { req: { valid: (target: never) => unknown } }) => c.req.valid("json" as never) as I;
	return new Hono<AppEnv>()
		.get("/", read, async (c) => c.json({ [spec.key]: (await spec.list(c.var.db)).map(spec.summaryJson) }))
		.post("/", write, ...jsonBody, body, async (c) =>
			c.json(spec.json(await spec.save(c.var.db, null, input(c), actorOf(c), Date.now())), 201),
		)
		.get("/:slug", read, validate("param", slugParam), async (c) =>
			c.json(spec.json(await spec.find(c.var.db, c.req.valid("param").slug))),
		)
		.put("/:slug", write, ...jsonBody, validate("param", slugParam), body, async (c) =>
			c.json(spec.json(await spec.save(c.var.db, c.req.valid("param").slug, input(c), actorOf(c), Date.now()))),
		);
}

/** Partners (a PUT registers one or replaces what is known of it): mounted by both APIs. */
export const partnersApi = new Hono<AppEnv>()
	.get("/", read, async (c) => c.json({ partners: (await listPartners(c.var.db)).map(partnerJson) }))
	.get("/:slug", read, validate("param", slugParam), async (c) =>
		c.json(partnerJson(await partnerOr404(c.var.db, c.req.valid("param").slug))),
	)
	.put("/:slug", write, ...jsonBody, validate("param", slugParam), validate("json", partnerBody), async (c) => {
		const { slug } = c.req.valid("param");
		const existed = (await getPartner(c.var.db, slug)) !== undefined;
		const partner = await savePartner(c.var.db, { slug, ...c.req.valid("json") }, Date.now(), actorOf(c));
		return c.json(partnerJson(partner), existed ? 200 : 201);
	});

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

	.route(
		"/petitions",
		editableApi({
			key: "petitions",
			list: listPetitionsForEditing,
			summaryJson: petitionSummaryJson,
			schema: petitionInput,
			find: petitionOr404,
			save: savePetition,
			json: petitionJson,
		}),
	)
	.get("/petitions/:slug/counts", read, validate("param", slugParam), async (c) => {
		const { petition } = await petitionOr404(c.var.db, c.req.valid("param").slug);
		return c.json({
			slug: petition.slug,
			count: petition.count,
			countries: await countsByCountry(c.var.db, petition.id),
		});
	})
	/** Confirmed signatures for delivery to a State: only what signers agreed to share. */
	.get(
		"/petitions/:slug/signatures.csv",
		requireScope("signatures:export"),
		validate("param", slugParam),
		async (c) => {
			const { slug } = c.req.valid("param");
			const found = await petitionOr404(c.var.db, slug);
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
	.route(
		"/letter-campaigns",
		editableApi({
			key: "letterCampaigns",
			list: listLetterCampaignsForEditing,
			summaryJson: letterCampaignSummaryJson,
			schema: letterCampaignInput,
			find: letterCampaignOr404,
			save: saveLetterCampaign,
			json: letterCampaignJson,
		}),
	)
	.route(
		"/lists",
		editableApi({
			key: "lists",
			list: listListsForEditing,
			summaryJson: listSummaryJson,
			schema: listInput,
			find: listOr404,
			save: saveList,
			json: listJson,
		}),
	)

	// Partners
	.route("/partners", partnersApi)

	// States
	.get("/states", read, async (c) => c.json({ states: await listStatesForEditing(c.var.db) }))
	.get("/states/:iso2", read, validate("param", iso2Param), async (c) =>
		c.json(stateJson(await stateOr404(c.var.db, c.req.valid("param").iso2))),
	)
	.put("/states/:iso2", write, ...jsonBody, validate("param", iso2Param), validate("json", stateInput), async (c) => {
		const saved = await saveState(c.var.db, c.req.valid("param").iso2, c.req.valid("json"), actorOf(c), Date.now());
		return c.json(stateJson(saved));
	})

	// Counts
	.get("/counts", read, async (c) => {
		const [petitions, partners] = await Promise.all([countsByPetition(c.var.db), countsByPartner(c.var.db)]);
		return c.json({ petitions, partners });
	})

	// Letters held for review, dead emails
	.get("/letters/held", ...adminHandlers.letters("held"))
	.post("/letters/:id/:decision{release|reject}", ...adminHandlers.reviewLetter)
	.get("/outbox/dead", ...adminHandlers.emails("dead"))
	.post("/outbox/:id/retry", ...adminHandlers.retryEmail)

	// API tokens and the audit log
	.get("/api-tokens", requireScope("tokens"), async (c) =>
		c.json({ tokens: (await listApiTokens(c.var.db)).map(apiTokenJson) }),
	)
	.post("/api-tokens", ...adminHandlers.createToken)
	.delete("/api-tokens/:id", requireScope("tokens"), validate("param", idParam), async (c) => {
		const row = await revokeApiToken(c.var.db, c.req.valid("param").id, actorOf(c), Date.now());
		return c.json(apiTokenJson(row));
	})
	.get("/audit", requireScope("tokens"), validate("query", limitQuery), async (c) =>
		c.json({ entries: (await recentAudit(c.var.db, c.req.valid("query").limit)).map(auditJson) }),
	)
	// Bulletins: their own sub-app (worker/routes/admin-bulletins.ts), behind the "bulletins" scope
	.use("/bulletins/*", requireScope("bulletins"))
	.use("/bulletins", requireScope("bulletins"))
	.route("/bulletins", adminBulletins)
	.route("/webhooks", adminWebhooks);
