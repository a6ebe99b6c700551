import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../worker/actions/action";
import { signPetitionAction } from "../../worker/actions/sign-petition";
import { app } from "../../worker/app";
import { createDb } from "../../worker/db";
import { linkDeps } from "../../worker/deps";
import { forgetPartnerDirectory } from "../../worker/domain/partners/partners";
import type { ErrorBody } from "../../worker/lib/errors";
import { ENGINE, request, requestWithEnv, sign, unique } from "../helpers";

const PARTNER_ORIGIN = "https://partner.example";

async function closedPetition(slug: string) {
	await env.DB.prepare(
		`INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES ('pet_${slug}', '${slug}', 10, 'closed', 'en', 0, 0)`,
	).run();
	await env.DB.prepare(
		`INSERT INTO petition_texts (petition_id, locale, title, summary, demands, sample, updated_at) VALUES ('pet_${slug}', 'en', 'Closed', 'Done', '[]', 0, 0)`,
	).run();
}

const pageForm = (email: string) =>
	new URLSearchParams({ email, name: "Amani", country: "CD", locale: "en" }).toString();

function postPage(slug: string, email: string, ip: string, overrides?: Partial<Env>) {
	const init = {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip },
		body: pageForm(email),
	};
	return overrides ? requestWithEnv(`/p/${slug}`, overrides, init) : request(`/p/${slug}`, init);
}

function postApi(slug: string, email: string, ip: string, overrides?: Partial<Env>) {
	const init = {
		method: "POST",
		headers: { "content-type": "application/json", "cf-connecting-ip": ip },
		body: JSON.stringify({ email, name: "Amani", country: "CD" }),
	};
	const path = `/api/v1/petitions/${slug}/signatures`;
	return overrides ? requestWithEnv(path, overrides, init) : request(path, init);
}

describe("one action behind the API and the hosted page", () => {
	beforeAll(() => closedPetition("closed-both"));

	it("refuses a closed petition from the page and the API with the same refusal", async () => {
		const api = await postApi("closed-both", unique().email, unique().ip);
		expect(api.status).toBe(409);
		const body = await api.json<ErrorBody>();
		expect(body.error).toEqual({
			code: "petition_closed",
			message: "This petition is closed and no longer takes signatures.",
		});
		const page = await postPage("closed-both", unique().email, unique().ip);
		expect(page.status).toBe(409);
		expect(await page.text()).toContain(`data-error="${body.error.code}"`);
	});

	it("checks the guard before the petition is found closed, on the page as in the API", async () => {
		// Turnstile required and no token: the guard's refusal comes first, for both.
		const withTurnstile = { TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA" };
		const api = await postApi("closed-both", unique().email, unique().ip, withTurnstile);
		expect(api.status).toBe(422);
		expect((await api.json<ErrorBody>()).error.issues?.map((i) => i.path)).toEqual(["turnstileToken"]);
		const page = await postPage("closed-both", unique().email, unique().ip, withTurnstile);
		expect(page.status).toBe(422);
		expect(await page.text()).not.toContain('data-error="petition_closed"');
	});

	it("gives the refusal as a result, with the API's message, whoever renders it", async () => {
		const db = createDb(env.DB);
		const ctx: ActionContext = {
			db,
			links: linkDeps(env, db),
			guard: async () => ({ ipHash: "test" }),
			intake: async () => {
				throw new Error("a refused action queues nothing");
			},
		};
		const input = {
			email: unique().email,
			name: "Amani",
			country: "CD",
			subscribe: false,
			showName: false,
			partnerOptIn: false,
		};
		const closed = await signPetitionAction(ctx, "closed-both", input);
		expect(closed.outcome === "refused" && [closed.error.status, closed.error.message]).toEqual([
			409,
			"This petition is closed and no longer takes signatures.",
		]);
		const unknown = await signPetitionAction(ctx, "no-such-petition", input);
		expect(unknown.outcome === "refused" && unknown.error.code).toBe("petition_not_found");
		let scheduled = 0;
		const open = await signPetitionAction(
			{
				...ctx,
				intake: async () => {
					scheduled++;
				},
			},
			"call-to-action",
			input,
		);
		expect([open.outcome, scheduled]).toEqual(["accepted", 1]);
	});

	it("answers a robot (honeypot filled) as accepted and does nothing", async () => {
		const res = await sign({ email: unique().email, website: "http://spam.example" }, unique().ip, "closed-both");
		expect(res.status).toBe(202);
	});
});

describe("CORS per route", () => {
	beforeAll(async () => {
		await env.DB.prepare(
			`INSERT INTO partners (id, slug, name, allowed_origins, created_at, updated_at) VALUES ('par_cors', 'cors-partner', 'CORS partner', '["${PARTNER_ORIGIN}"]', 0, 0)`,
		).run();
		forgetPartnerDirectory();
	});

	/** Every public POST route under /api/v1 (admin and operator are for token holders, not browsers). */
	const publicPosts = () =>
		[...new Set(app.routes.filter((r) => r.method === "POST").map((r) => r.path))].filter(
			(path) => path.startsWith("/api/v1/") && !/^\/api\/v1\/(admin|operator)(\/|$)/.test(path),
		);

	it("finds the public writes in the app's routes", () => {
		expect(publicPosts().sort()).toEqual([
			"/api/v1/letters/:slug",
			"/api/v1/lists/:slug/subscriptions",
			"/api/v1/petitions/:slug/signatures",
			"/api/v1/privacy/requests",
		]);
	});

	it("answers the write CORS preflight on every public POST route, for the engine and for partners", async () => {
		for (const route of publicPosts()) {
			const path = route.replace(/:[a-z]+/gi, "some-slug");
			for (const origin of [ENGINE, PARTNER_ORIGIN]) {
				const res = await request(path, {
					method: "OPTIONS",
					headers: {
						origin,
						"access-control-request-method": "POST",
						"access-control-request-headers": "content-type",
					},
				});
				expect(res.status, `${route} from ${origin}`).toBe(204);
				expect(res.headers.get("access-control-allow-origin"), route).toBe(origin);
				expect(res.headers.get("access-control-allow-methods"), route).toContain("POST");
				expect(res.headers.get("access-control-allow-headers"), route).toContain("content-type");
			}
			const stranger = await request(path, {
				method: "OPTIONS",
				headers: { origin: "https://stranger.example", "access-control-request-method": "POST" },
			});
			expect(stranger.headers.get("access-control-allow-origin"), route).toBeNull();
		}
	});

	it("keeps read-only CORS for the rest of /api/v1, and none for admin and operator", async () => {
		const read = await request("/api/v1/petitions/call-to-action", {
			method: "OPTIONS",
			headers: { origin: "https://stranger.example", "access-control-request-method": "GET" },
		});
		expect(read.headers.get("access-control-allow-origin")).toBe("*");
		expect(read.headers.get("access-control-allow-methods")).not.toContain("POST");
		const admin = await request("/api/v1/admin/petitions", {
			method: "OPTIONS",
			headers: { origin: ENGINE, "access-control-request-method": "POST" },
		});
		expect(admin.headers.get("access-control-allow-origin")).toBeNull();
	});
});
