import { type Context, Hono } from "hono";
import * as v from "valibot";
import { signPetitionAction } from "../../actions/sign-petition";
import { listNotFound, subscribeAction } from "../../actions/subscribe";
import { config } from "../../config";
import type { Page, PageWindow } from "../../domain/keyset";
import { osdiCampaign, osdiCampaigns, osdiOutreaches } from "../../domain/letters/osdi";
import { osdiList, osdiListItems, osdiLists, osdiTag, osdiTags } from "../../domain/lists/osdi";
import { osdiPeople, osdiPerson } from "../../domain/people/osdi";
import { osdiPetition, osdiPetitions, osdiSignatures } from "../../domain/petitions/osdi";
import { requireScope } from "../../http/admin-auth";
import { jsonBody } from "../../http/json-body";
import { slugParam } from "../../http/schemas";
import { validate } from "../../http/validate";
import { DomainError } from "../../lib/errors";
import type { AppEnv } from "../../types";
import { osdiAuth } from "./auth";
import {
	checkPartner,
	helperContext,
	osdiSignatureInput,
	osdiSignupInput,
	signatureFromOsdi,
	subscriptionFromOsdi,
} from "./helpers";
import { type CollectionQuery, collectionQuery, pageLinks, windowOf } from "./paging";
import {
	type Bases,
	campaignResource,
	curies,
	itemResource,
	listResource,
	outreachResource,
	personResource,
	petitionResource,
	signatureResource,
	tagResource,
} from "./resources";

export const OSDI_BASE = "/api/osdi/v1";
const HAL = "application/hal+json; charset=utf-8";

const idParam = v.object({
	id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,100}$/, "Not a valid id.")),
});
const slugIdParam = v.object({ ...slugParam.entries, ...idParam.entries });

const content = requireScope("content:read");
const peopleRead = requireScope("people:read");
const peopleWrite = requireScope("people:write");

function bases(c: Context<AppEnv>): Bases {
	return { api: `${new URL(c.req.url).origin}${OSDI_BASE}`, site: config(c.env).publicUrl.replace(/\/$/, "") };
}

function hal(c: Context<AppEnv>, body: unknown, status: 200 | 202 = 200) {
	return c.body(JSON.stringify(body), status, { "Content-Type": HAL });
}

/** May this token read personal data (names, addresses)? */
const personal = (c: Context<AppEnv>) => c.var.scopes?.includes("people:read") ?? false;

const notFound = (what: string) => new DomainError(404, "not_found", `No ${what} with this identifier.`);

/** A collection page as OSDI writes it: paging fields, links (self, next, prev, one per item), items embedded. */
function collection<R extends { updatedAt: number; id: string }>(
	c: Context<AppEnv>,
	rel: string,
	q: CollectionQuery,
	page: Page<R>,
	toResource: (row: R) => { _links: { self: { href: string } } },
) {
	const items = page.rows.map(toResource);
	return hal(c, {
		page: q.page,
		per_page: q.per_page,
		_links: {
			curies,
			...pageLinks(c.req.url, q, page.rows.at(-1), page.more),
			[rel]: items.map((i) => i._links.self),
		},
		_embedded: { [rel]: items },
	});
}

const one: PageWindow = {
	perPage: 1,
	offset: 0,
	after: null,
	since: null,
	sinceInclusive: false,
	until: null,
	untilInclusive: false,
};

/**
 * OSDI 1.1 (HAL+JSON) for CRMs: people, petitions and signatures, letter campaigns and letters,
 * lists and tags, in pages of up to 1,000 in a stable order with `next` links and incremental
 * sync; and the two helpers, which run the public actions (a confirmation email, nothing
 * counted until it is clicked). Scoped API tokens in `OSDI-API-Token` or `Authorization: Bearer`.
 */
export const osdiApi = new Hono<AppEnv>()
	.use(osdiAuth)
	.use(async (c, next) => {
		await next();
		c.header("Cache-Control", "no-store");
	})

	/** The entry point (AEP): what this server offers, as links. */
	.get("/", (c) => {
		const b = bases(c);
		return hal(c, {
			motd: "Red Line's OSDI 1.1 API. Pages of up to 1,000 (per_page); follow next links; modified_since for incremental sync.",
			vendor_name: "Red Line",
			product_name: "Red Line",
			osdi_version: "1.1",
			max_pagesize: 1000,
			namespace: "red_line",
			_links: {
				curies,
				self: { href: b.api },
				"osdi:people": { href: `${b.api}/people` },
				"osdi:petitions": { href: `${b.api}/petitions` },
				"osdi:advocacy_campaigns": { href: `${b.api}/advocacy_campaigns` },
				"osdi:lists": { href: `${b.api}/lists` },
				"osdi:tags": { href: `${b.api}/tags` },
				"osdi:person_signup_helper": { href: `${b.api}/people` },
			},
		});
	})

	// People: personal data, behind people:read.
	.get("/people", peopleRead, validate("query", collectionQuery), async (c) => {
		const q = c.req.valid("query");
		const b = bases(c);
		return collection(c, "osdi:people", q, await osdiPeople(c.var.db, windowOf(q)), (p) => personResource(b, p));
	})
	.get("/people/:id", peopleRead, validate("param", idParam), async (c) => {
		const person = await osdiPerson(c.var.db, c.req.valid("param").id);
		if (!person) throw notFound("person");
		return hal(c, personResource(bases(c), person));
	})
	/** person_signup_helper: a subscription by double opt-in, as the public API makes it. */
	.post("/people", peopleWrite, ...jsonBody, validate("json", osdiSignupInput), async (c) => {
		const input = c.req.valid("json");
		const body = subscriptionFromOsdi(input);
		await checkPartner(c.var.db, body.partner);
		const result = await subscribeAction(helperContext(c), input.list, body);
		if (result.outcome === "refused") throw result.error;
		const b = bases(c);
		return hal(
			c,
			{
				status: "pending",
				message: "A confirmation email is on its way. The subscription counts once the person clicks its link.",
				_links: { curies, "osdi:list": { href: `${b.api}/lists/${input.list}` } },
			},
			202,
		);
	})

	// Petitions and their signatures.
	.get("/petitions", content, validate("query", collectionQuery), async (c) => {
		const q = c.req.valid("query");
		const b = bases(c);
		return collection(c, "osdi:petitions", q, await osdiPetitions(c.var.db, windowOf(q)), (p) =>
			petitionResource(b, p),
		);
	})
	.get("/petitions/:slug", content, validate("param", slugParam), async (c) => {
		const petition = await osdiPetition(c.var.db, c.req.valid("param").slug);
		if (!petition) throw notFound("petition");
		return hal(c, petitionResource(bases(c), petition));
	})
	.get(
		"/petitions/:slug/signatures",
		content,
		validate("param", slugParam),
		validate("query", collectionQuery),
		async (c) => {
			const { slug } = c.req.valid("param");
			const petition = await osdiPetition(c.var.db, slug);
			if (!petition) throw notFound("petition");
			const q = c.req.valid("query");
			const b = bases(c);
			const showAll = personal(c);
			return collection(c, "osdi:signatures", q, await osdiSignatures(c.var.db, petition.id, windowOf(q)), (s) =>
				signatureResource(b, slug, s, showAll),
			);
		},
	)
	.get("/petitions/:slug/signatures/:id", content, validate("param", slugIdParam), async (c) => {
		const { slug, id } = c.req.valid("param");
		const petition = await osdiPetition(c.var.db, slug);
		if (!petition) throw notFound("petition");
		const [signature] = (await osdiSignatures(c.var.db, petition.id, one, id)).rows;
		if (!signature) throw notFound("signature");
		return hal(c, signatureResource(bases(c), slug, signature, personal(c)));
	})
	/** record_signature_helper: a pending signature and its confirmation email, as the public API makes them. */
	.post(
		"/petitions/:slug/signatures",
		peopleWrite,
		...jsonBody,
		validate("param", slugParam),
		validate("json", osdiSignatureInput),
		async (c) => {
			const { slug } = c.req.valid("param");
			const body = signatureFromOsdi(c.req.valid("json"));
			await checkPartner(c.var.db, body.partner);
			const result = await signPetitionAction(helperContext(c), slug, body);
			if (result.outcome === "refused") throw result.error;
			const b = bases(c);
			return hal(
				c,
				{
					status: "pending",
					message: "A confirmation email is on its way. The signature counts once the person clicks its link.",
					_links: { curies, "osdi:petition": { href: `${b.api}/petitions/${slug}` } },
				},
				202,
			);
		},
	)

	// Letter campaigns (advocacy campaigns) and their letters (outreaches).
	.get("/advocacy_campaigns", content, validate("query", collectionQuery), async (c) => {
		const q = c.req.valid("query");
		const b = bases(c);
		return collection(c, "osdi:advocacy_campaigns", q, await osdiCampaigns(c.var.db, windowOf(q)), (x) =>
			campaignResource(b, x),
		);
	})
	.get("/advocacy_campaigns/:slug", content, validate("param", slugParam), async (c) => {
		const campaign = await osdiCampaign(c.var.db, c.req.valid("param").slug);
		if (!campaign) throw notFound("advocacy campaign");
		return hal(c, campaignResource(bases(c), campaign));
	})
	.get(
		"/advocacy_campaigns/:slug/outreaches",
		content,
		validate("param", slugParam),
		validate("query", collectionQuery),
		async (c) => {
			const { slug } = c.req.valid("param");
			const campaign = await osdiCampaign(c.var.db, slug);
			if (!campaign) throw notFound("advocacy campaign");
			const q = c.req.valid("query");
			const b = bases(c);
			const showAll = personal(c);
			return collection(c, "osdi:outreaches", q, await osdiOutreaches(c.var.db, campaign.id, windowOf(q)), (o) =>
				outreachResource(b, slug, o, showAll),
			);
		},
	)
	.get("/advocacy_campaigns/:slug/outreaches/:id", content, validate("param", slugIdParam), async (c) => {
		const { slug, id } = c.req.valid("param");
		const campaign = await osdiCampaign(c.var.db, slug);
		if (!campaign) throw notFound("advocacy campaign");
		const [outreach] = (await osdiOutreaches(c.var.db, campaign.id, one, id)).rows;
		if (!outreach) throw notFound("outreach");
		return hal(c, outreachResource(bases(c), slug, outreach, personal(c)));
	})

	// Lists and tags.
	.get("/lists", content, validate("query", collectionQuery), async (c) => {
		const q = c.req.valid("query");
		const b = bases(c);
		return collection(c, "osdi:lists", q, await osdiLists(c.var.db, windowOf(q)), (l) => listResource(b, l));
	})
	.get("/lists/:slug", content, validate("param", slugParam), async (c) => {
		const list = await osdiList(c.var.db, c.req.valid("param").slug);
		if (!list) throw listNotFound();
		return hal(c, listResource(bases(c), list));
	})
	/** Who is on a list (personal data): confirmed subscriptions, active or ended, by modified date. */
	.get(
		"/lists/:slug/items",
		peopleRead,
		validate("param", slugParam),
		validate("query", collectionQuery),
		async (c) => {
			const { slug } = c.req.valid("param");
			const list = await osdiList(c.var.db, slug);
			if (!list) throw listNotFound();
			const q = c.req.valid("query");
			const b = bases(c);
			return collection(c, "osdi:items", q, await osdiListItems(c.var.db, list.id, windowOf(q)), (i) =>
				itemResource(b, slug, i),
			);
		},
	)
	.get("/lists/:slug/items/:id", peopleRead, validate("param", slugIdParam), async (c) => {
		const { slug, id } = c.req.valid("param");
		const list = await osdiList(c.var.db, slug);
		if (!list) throw listNotFound();
		const [item] = (await osdiListItems(c.var.db, list.id, one, id)).rows;
		if (!item) throw notFound("item");
		return hal(c, itemResource(bases(c), slug, item));
	})
	.get("/tags", content, validate("query", collectionQuery), async (c) => {
		const q = c.req.valid("query");
		const b = bases(c);
		return collection(c, "osdi:tags", q, await osdiTags(c.var.db, windowOf(q)), (t) => tagResource(b, t));
	})
	.get("/tags/:slug", content, validate("param", slugParam), async (c) => {
		const tag = await osdiTag(c.var.db, c.req.valid("param").slug);
		if (!tag) throw notFound("tag");
		return hal(c, tagResource(bases(c), tag));
	});
