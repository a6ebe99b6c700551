import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { forgetPartnerDirectory } from "../../worker/domain/partners/partners";
import { confirmClick, confirmToken, ENGINE, postJson, request, unique, waitFor, waitForEmail } from "../helpers";

const PARTNER = "survivors-network";
const PARTNER_ORIGIN = "https://survivors.example";
const OTHER_ORIGIN = "https://elsewhere.example";
const SIGN_PATH = "/api/v1/petitions/call-to-action/signatures";
const OPERATOR = { authorization: "Bearer test-operator-token" };

function signFrom(origin: string | undefined, body: Record<string, unknown>) {
	const { ip } = unique();
	return postJson(SIGN_PATH, { name: "Amani", country: "CD", ...body }, { ip, headers: origin ? { origin } : {} });
}

async function signatureOf(email: string) {
	return env.DB.prepare(
		"SELECT s.status, s.partner FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
	)
		.bind(email.toLowerCase())
		.first<{ status: string; partner: string | null }>();
}

/** The signature once written: signing writes after it answers. */
function writtenSignatureOf(email: string) {
	return waitFor(() => signatureOf(email), 15_000, `signature of ${email}`);
}

interface PartnerCounts {
	partners: Record<
		string,
		{ signatures: Record<string, number>; subscriptions: Record<string, number>; letters: Record<string, number> }
	>;
}

async function counts(): Promise<PartnerCounts> {
	const res = await request("/api/v1/operator/partners/counts", { headers: OPERATOR });
	expect(res.status).toBe(200);
	return res.json();
}

beforeAll(async () => {
	await env.DB.batch([
		env.DB.prepare(
			"INSERT OR REPLACE INTO partners (id, slug, name, allowed_origins, consent_texts, privacy_url, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', NULL, 0, 0)",
		).bind("ptn_survivors", PARTNER, "Survivors Network", JSON.stringify([`${PARTNER_ORIGIN}/`])),
		env.DB.prepare(
			"INSERT OR REPLACE INTO partners (id, slug, name, allowed_origins, consent_texts, privacy_url, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', NULL, 0, 0)",
		).bind("ptn_other", "other-partner", "Other Partner", JSON.stringify(["https://other-partner.example"])),
	]);
	forgetPartnerDirectory();
});

describe("CORS for the API", () => {
	it("lets any origin read public data, without credentials", async () => {
		const res = await request("/api/v1/petitions/call-to-action", { headers: { origin: OTHER_ORIGIN } });
		expect(res.status).toBe(200);
		expect(res.headers.get("access-control-allow-origin")).toBe("*");
		expect(res.headers.get("access-control-allow-credentials")).toBeNull();

		const preflight = await request("/api/v1/petitions/call-to-action", {
			method: "OPTIONS",
			headers: { origin: OTHER_ORIGIN, "access-control-request-method": "GET" },
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
	});

	it("answers a preflight for a write from a partner's origin, and not from another", async () => {
		const preflight = (origin: string) =>
			request(SIGN_PATH, {
				method: "OPTIONS",
				headers: {
					origin,
					"access-control-request-method": "POST",
					"access-control-request-headers": "content-type",
				},
			});
		const ok = await preflight(PARTNER_ORIGIN);
		expect(ok.status).toBe(204);
		expect(ok.headers.get("access-control-allow-origin")).toBe(PARTNER_ORIGIN);
		expect(ok.headers.get("access-control-allow-methods")).toBe("POST");
		expect(ok.headers.get("access-control-allow-headers")).toBe("content-type");
		expect(ok.headers.get("access-control-max-age")).toBeTruthy();
		expect(ok.headers.get("vary")).toContain("Origin");
		expect(ok.headers.get("access-control-allow-credentials")).toBeNull();

		const own = await preflight(ENGINE);
		expect(own.headers.get("access-control-allow-origin")).toBe(ENGINE);

		const other = await preflight(OTHER_ORIGIN);
		expect(other.headers.get("access-control-allow-origin")).toBeNull();
		expect(other.headers.get("vary")).toContain("Origin");
	});

	it("gives operator routes no CORS", async () => {
		const res = await request("/api/v1/operator/partners/counts", { headers: { ...OPERATOR, origin: OTHER_ORIGIN } });
		expect(res.headers.get("access-control-allow-origin")).toBeNull();
	});

	it("gives admin API routes no CORS, even for a partner's origin", async () => {
		for (const method of ["GET", "OPTIONS"]) {
			const res = await request("/api/v1/admin/petitions", {
				method,
				headers: { origin: PARTNER_ORIGIN, "access-control-request-method": "GET" },
			});
			expect(res.headers.get("access-control-allow-origin")).toBeNull();
		}
	});
});

describe("the Origin check on public writes", () => {
	it("takes a signature from the partner's site, recording the partner", async () => {
		const { email } = unique("partner");
		const res = await signFrom(PARTNER_ORIGIN, { email, partner: PARTNER });
		expect(res.status).toBe(202);
		expect(res.headers.get("access-control-allow-origin")).toBe(PARTNER_ORIGIN);
		// The widget can read how long to wait after a 429.
		expect(res.headers.get("access-control-expose-headers")).toBe("Retry-After");
		expect(await writtenSignatureOf(email)).toEqual({ status: "pending", partner: PARTNER });
	});

	it("refuses an unregistered origin, and writes nothing", async () => {
		const { email } = unique("stranger");
		const res = await signFrom(OTHER_ORIGIN, { email, partner: PARTNER });
		expect(res.status).toBe(403);
		expect(res.headers.get("access-control-allow-origin")).toBeNull();
		expect(await res.json()).toEqual({ error: { code: "origin_not_allowed", message: expect.any(String) } });
		expect(await signatureOf(email)).toBeNull();

		const opaque = await signFrom("null", { email });
		expect(opaque.status).toBe(403);
		expect(await signatureOf(email)).toBeNull();
	});

	it("refuses a partner's site naming another partner", async () => {
		const { email } = unique("mismatch");
		const res = await signFrom(PARTNER_ORIGIN, { email, partner: "other-partner" });
		expect(res.status).toBe(403);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("partner_mismatch");
		expect(await signatureOf(email)).toBeNull();
	});

	it("refuses an unknown partner on the partner field", async () => {
		const { email } = unique("unknown");
		const res = await signFrom(undefined, { email, partner: "nobody-we-know" });
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
		expect(body.error.code).toBe("invalid_fields");
		expect(body.error.issues.map((i) => i.path)).toEqual(["partner"]);
		expect(await signatureOf(email)).toBeNull();
	});

	it("accepts requests without an Origin, and from the engine's own origin", async () => {
		const bare = unique("bare");
		expect((await signFrom(undefined, { email: bare.email })).status).toBe(202);
		expect(await writtenSignatureOf(bare.email)).toMatchObject({ partner: null });

		const own = unique("own");
		const res = await signFrom(ENGINE, { email: own.email, partner: PARTNER });
		expect(res.status).toBe(202);
		expect(await writtenSignatureOf(own.email)).toMatchObject({ partner: PARTNER });
	});

	it("guards the other write endpoints too", async () => {
		const { email, ip } = unique("others");
		const headers = { origin: OTHER_ORIGIN };
		const writes = await Promise.all([
			postJson("/api/v1/lists/red-line-updates/subscriptions", { email }, { ip, headers }),
			postJson("/api/v1/privacy/requests", { email, kind: "export" }, { ip, headers }),
		]);
		expect(writes.map((r) => r.status)).toEqual([403, 403]);
	});
});

describe("counts per partner", () => {
	it("shows a confirmed signature under its partner", async () => {
		const before = (await counts()).partners[PARTNER]?.signatures["call-to-action"] ?? 0;
		const { email } = unique("counted");
		expect((await signFrom(PARTNER_ORIGIN, { email, partner: PARTNER })).status).toBe(202);
		const token = confirmToken(await waitForEmail(email));
		expect((await confirmClick(token)).status).toBe(200);

		const after = await counts();
		expect(after.partners[PARTNER]?.signatures["call-to-action"]).toBe(before + 1);
		expect(after.partners["(none)"]).toBeDefined();
		expect(after.partners["other-partner"]).toEqual({ signatures: {}, subscriptions: {}, letters: {} });
	});

	it("needs the operator token", async () => {
		const res = await request("/api/v1/operator/partners/counts");
		expect(res.status).toBe(401);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
	});
});
