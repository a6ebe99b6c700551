import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { forgetPartnerDirectory } from "../../worker/domain/partners/partners";
import { campaigner, getPage, signIn } from "../console-helpers";
import { postJson, request, sign, unique, waitForEmail } from "../helpers";

interface ErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const OPERATOR = { authorization: "Bearer test-operator-token" };
const ALL_SCOPES = [
	"content:read",
	"content:write",
	"signatures:export",
	"letters:review",
	"outbox",
	"bulletins",
	"tokens",
];

interface CreatedToken {
	token: string;
	id: string;
	prefix: string;
	scopes: string[];
}

async function makeToken(scopes: string[] = ALL_SCOPES, extra: Record<string, unknown> = {}): Promise<CreatedToken> {
	const res = await postJson(
		"/api/v1/operator/api-tokens",
		{ name: "automation", scopes, ...extra },
		{ headers: OPERATOR },
	);
	expect(res.status).toBe(201);
	return res.json();
}

let admin: CreatedToken;

function call(path: string, token: string | undefined, init: RequestInit = {}) {
	const headers = new Headers(init.headers);
	if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
	if (init.body !== undefined) headers.set("content-type", "application/json");
	return request(`/api/v1/admin${path}`, { ...init, headers });
}

const get = (path: string, token = admin.token) => call(path, token);
const send = (method: string, path: string, body: unknown, token = admin.token) =>
	call(path, token, { method, body: typeof body === "string" ? body : JSON.stringify(body) });

async function auditRows(action: string, subject: string) {
	const { results } = await env.DB.prepare(
		"SELECT actor, action, subject, detail FROM audit_log WHERE action = ? AND subject = ? ORDER BY created_at",
	)
		.bind(action, subject)
		.all<{ actor: string; action: string; subject: string; detail: string | null }>();
	return results;
}

function petitionBody(slug: string, overrides: Record<string, unknown> = {}) {
	return {
		slug,
		goal: 5000,
		status: "open",
		defaultLocale: "en",
		listId: null,
		quickExit: true,
		texts: {
			en: {
				title: "End impunity now",
				summary: "Survivors ask States to act.\nNow.",
				demands: [{ key: "prevent", heading: "Prevent", demands: [{ text: "Train every soldier." }] }],
			},
			fr: {
				title: "Fin de l'impunité",
				summary: "Les survivantes demandent aux États d'agir.",
				demands: [{ key: "prevent", heading: "Prévenir", demands: [{ text: "Former chaque soldat." }] }],
			},
		},
		...overrides,
	};
}

beforeAll(async () => {
	admin = await makeToken();
});

describe("tokens and scopes", () => {
	it("are made by the operator for the first one, and need the operator token", async () => {
		const refused = await postJson("/api/v1/operator/api-tokens", { name: "x", scopes: ["content:read"] });
		expect(refused.status).toBe(401);
		const bad = await postJson("/api/v1/operator/api-tokens", { name: "", scopes: ["root"] }, { headers: OPERATOR });
		expect(bad.status).toBe(422);
		const issues = ((await bad.json()) as ErrorBody).error.issues?.map((i) => i.path);
		expect(issues).toEqual(expect.arrayContaining(["name", "scopes.0"]));
	});

	it("refuses a request without a token, with a wrong one, or with another kind of secret", async () => {
		for (const token of [undefined, "rl_not-a-real-token", "test-operator-token", ""]) {
			const res = await call("/petitions", token);
			expect(res.status).toBe(401);
			expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
			expect(((await res.json()) as ErrorBody).error.code).toBe("unauthorized");
		}
	});

	it("stores only the token's SHA-256, and shows a prefix to tell tokens apart", async () => {
		const made = await makeToken(["content:read"]);
		expect(made.token).toMatch(/^rl_[A-Za-z0-9_-]{40,}$/);
		expect(made.token.startsWith(made.prefix)).toBe(true);
		const { results } = await env.DB.prepare("SELECT * FROM api_tokens").all();
		expect(JSON.stringify(results)).not.toContain(made.token);
		const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(made.token)))]
			.map((b) => b.toString(16).padStart(2, "0"))
			.join("");
		const row = await env.DB.prepare("SELECT id FROM api_tokens WHERE hash = ?").bind(digest).first<{ id: string }>();
		expect(row?.id).toBe(made.id);
		// The list never shows a hash either.
		const listed = await get("/api-tokens");
		expect(listed.status).toBe(200);
		const text = await listed.text();
		expect(text).not.toContain(digest);
		expect(text).toContain(made.id);
	});

	it("answers 403 when the token lacks the scope, and notes when a token was last used", async () => {
		const reader = await makeToken(["content:read"]);
		expect((await get("/petitions", reader.token)).status).toBe(200);
		const res = await send("POST", "/petitions", petitionBody("never-made"), reader.token);
		expect(res.status).toBe(403);
		expect(((await res.json()) as ErrorBody).error.code).toBe("forbidden");
		expect((await get("/petitions/call-to-action/signatures.csv", reader.token)).status).toBe(403);
		expect((await get("/api-tokens", reader.token)).status).toBe(403);
		const used = await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?")
			.bind(reader.id)
			.first<{ last_used_at: number | null }>();
		expect(used?.last_used_at).toBeGreaterThan(0);
	});

	it("writes last_used_at at most once a minute", async () => {
		const busy = await makeToken(["content:read"]);
		const lastUsed = async () =>
			(
				await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?")
					.bind(busy.id)
					.first<{ last_used_at: number }>()
			)?.last_used_at;
		const recent = Date.now() - 30_000;
		await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(recent, busy.id).run();
		expect((await get("/petitions", busy.token)).status).toBe(200);
		expect(await lastUsed()).toBe(recent);
		const stale = Date.now() - 120_000;
		await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(stale, busy.id).run();
		expect((await get("/petitions", busy.token)).status).toBe(200);
		expect(await lastUsed()).toBeGreaterThan(stale + 60_000);
	});

	it("refuses a revoked token and an expired one", async () => {
		const doomed = await makeToken(["content:read"]);
		expect((await get("/petitions", doomed.token)).status).toBe(200);
		const revoked = await send("DELETE", `/api-tokens/${doomed.id}`, undefined);
		expect(revoked.status).toBe(200);
		const revokedAt = ((await revoked.json()) as { revokedAt: string }).revokedAt;
		expect(new Date(revokedAt).toISOString()).toBe(revokedAt);
		expect((await get("/petitions", doomed.token)).status).toBe(401);
		expect(await auditRows("token.revoke", doomed.id)).toHaveLength(1);

		const soon = await makeToken(["content:read"], { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
		expect((await get("/petitions", soon.token)).status).toBe(200);
		await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
			.bind(Date.now() - 1, soon.id)
			.run();
		expect((await get("/petitions", soon.token)).status).toBe(401);

		const past = await postJson(
			"/api/v1/operator/api-tokens",
			{ name: "old", scopes: ["content:read"], expiresAt: "2001-01-01T00:00:00Z" },
			{ headers: OPERATOR },
		);
		expect(past.status).toBe(422);
		expect((await send("DELETE", "/api-tokens/tok_nope", undefined)).status).toBe(404);
	});

	it("mounts bulletins behind the bulletins scope", async () => {
		const reader = await makeToken(["content:read"]);
		expect((await get("/bulletins", reader.token)).status).toBe(403);
		expect((await get("/bulletins/some-id/progress", reader.token)).status).toBe(403);
		expect((await call("/bulletins", undefined)).status).toBe(401);
		const res = await get("/bulletins");
		expect(res.status).toBe(200);
		expect(await res.json()).toHaveProperty("bulletins");
	});

	it("lets a token with the tokens scope make another, audited under its own id", async () => {
		const res = await send("POST", "/api-tokens", { name: "ci", scopes: ["content:read", "content:read"] });
		expect(res.status).toBe(201);
		const made = (await res.json()) as CreatedToken;
		expect(made.scopes).toEqual(["content:read"]);
		expect((await get("/petitions", made.token)).status).toBe(200);
		const [entry] = await auditRows("token.create", made.id);
		expect(entry?.actor).toBe(`token:${admin.id}`);
	});
});

describe("petitions", () => {
	it("creates a petition that the public API and the hosted page show", async () => {
		const res = await send("POST", "/petitions", petitionBody("end-impunity"));
		expect(res.status).toBe(201);
		const saved = (await res.json()) as { petition: { slug: string; count: number }; texts: Record<string, unknown> };
		expect(saved.petition.slug).toBe("end-impunity");
		expect(Object.keys(saved.texts).sort()).toEqual(["en", "fr"]);

		const pub = await request("/api/v1/petitions/end-impunity?locale=fr");
		expect(pub.status).toBe(200);
		expect(((await pub.json()) as { title: string }).title).toBe("Fin de l'impunité");

		const listed = (await (await get("/petitions")).json()) as { petitions: { slug: string; title: string }[] };
		expect(listed.petitions.find((p) => p.slug === "end-impunity")?.title).toBe("End impunity now");

		const [entry] = await auditRows("petition.create", "end-impunity");
		expect(entry?.actor).toBe(`token:${admin.id}`);
	});

	it("edits a petition's words: the API and the page show the new title, a dropped language is gone", async () => {
		await send("POST", "/petitions", petitionBody("edit-me"));
		const body = petitionBody("edit-me");
		const res = await send("PUT", "/petitions/edit-me", {
			...body,
			texts: { en: { ...body.texts.en, title: "Stop sexual violence in conflict" } },
		});
		expect(res.status).toBe(200);
		const pub = (await (await request("/api/v1/petitions/edit-me?locale=fr")).json()) as {
			title: string;
			locale: string;
		};
		expect(pub).toMatchObject({ title: "Stop sexual violence in conflict", locale: "en" });
		const page = await request("/p/edit-me");
		expect(page.status).toBe(200);
		expect(await page.text()).toContain("Stop sexual violence in conflict");
		expect(await auditRows("petition.update", "edit-me")).toHaveLength(1);
	});

	it("closes a petition: it refuses signatures", async () => {
		await send("POST", "/petitions", petitionBody("soon-closed"));
		const closed = await send("PUT", "/petitions/soon-closed", petitionBody("soon-closed", { status: "closed" }));
		expect(closed.status).toBe(200);
		const res = await sign({ email: unique().email }, unique().ip, "soon-closed");
		expect(res.status).toBe(409);
		expect(((await res.json()) as ErrorBody).error.code).toBe("petition_closed");
	});

	it("answers 422 with issues for bad input, 404 for an unknown petition, 409 for a taken slug", async () => {
		const bad = await send("POST", "/petitions", { slug: "Not A Slug", goal: -1, texts: {} });
		expect(bad.status).toBe(422);
		const paths = ((await bad.json()) as ErrorBody).error.issues?.map((i) => i.path);
		expect(paths).toEqual(expect.arrayContaining(["slug", "goal", "texts"]));

		const noDefault = await send("POST", "/petitions", petitionBody("no-default", { defaultLocale: "es" }));
		expect(noDefault.status).toBe(422);
		expect(((await noDefault.json()) as ErrorBody).error.issues).toEqual([
			{ path: "texts.es", message: "The default language needs a text." },
		]);
		const noList = await send("POST", "/petitions", petitionBody("no-list", { listId: "list_nope" }));
		expect(noList.status).toBe(422);
		expect(((await noList.json()) as ErrorBody).error.issues?.[0]?.path).toBe("listId");

		const malformed = await call("/petitions", admin.token, { method: "POST", body: "{nope" });
		expect(malformed.status).toBe(400);

		expect((await get("/petitions/no-such-petition")).status).toBe(404);
		expect((await send("PUT", "/petitions/no-such-petition", petitionBody("no-such-petition"))).status).toBe(404);

		const taken = await send("POST", "/petitions", petitionBody("call-to-action"));
		expect(taken.status).toBe(409);
		await send("POST", "/petitions", petitionBody("rename-me"));
		const renameOnto = await send("PUT", "/petitions/rename-me", petitionBody("call-to-action"));
		expect(renameOnto.status).toBe(409);
		expect((await get("/petitions/call-to-action")).status).toBe(200);
	});
});

describe("letter campaigns", () => {
	const campaign = (slug: string, overrides: Record<string, unknown> = {}) => ({
		slug,
		targetMode: "named",
		targetIso2s: ["fr", "CO"],
		texts: {
			en: {
				title: "Write to France and Colombia",
				subject: "{state}: act now",
				paragraphs: [
					{ text: "Dear Minister," },
					{ text: "Thank you for endorsing.", when: { instrument: "psvi-declaration-2025", has: true } },
					{ text: "Yours, {writer_name}" },
				],
			},
		},
		...overrides,
	});

	it("creates and edits a campaign, with conditional paragraphs", async () => {
		const created = await send("POST", "/letter-campaigns", campaign("two-states"));
		expect(created.status).toBe(201);
		const body = (await created.json()) as { campaign: { targetIso2s: string[] }; texts: Record<string, unknown> };
		expect(body.campaign.targetIso2s).toEqual(["FR", "CO"]);

		const edited = await send("PUT", "/letter-campaigns/two-states", campaign("two-states", { status: "closed" }));
		expect(edited.status).toBe(200);
		const got = (await (await get("/letter-campaigns/two-states")).json()) as {
			campaign: { status: string };
			texts: { en: { paragraphs: { when?: unknown }[] } };
		};
		expect(got.campaign.status).toBe("closed");
		expect(got.texts.en.paragraphs[1]?.when).toEqual({ instrument: "psvi-declaration-2025", has: true });
		const listed = (await (await get("/letter-campaigns")).json()) as { letterCampaigns: { slug: string }[] };
		expect(listed.letterCampaigns.map((c) => c.slug)).toEqual(
			expect.arrayContaining(["two-states", "write-to-your-state"]),
		);
		expect(await auditRows("letter-campaign.update", "two-states")).toHaveLength(1);
	});

	it("refuses States not in the directory, unknown merge fields, and taken slugs", async () => {
		const res = await send(
			"POST",
			"/letter-campaigns",
			campaign("bad-campaign", {
				targetIso2s: ["FR", "XX"],
				texts: { en: { title: "T", subject: "{State}: act", paragraphs: [{ text: "Hello {name}" }] } },
			}),
		);
		expect(res.status).toBe(422);
		const paths = ((await res.json()) as ErrorBody).error.issues?.map((i) => i.path);
		expect(paths).toEqual(expect.arrayContaining(["targetIso2s.1", "texts.en.subject", "texts.en.paragraphs.0.text"]));
		expect((await send("POST", "/letter-campaigns", campaign("write-to-your-state"))).status).toBe(409);
		expect((await get("/letter-campaigns/nope")).status).toBe(404);
	});
});

describe("lists", () => {
	it("bumps the consent version when its wording changes, and registers the wording for the ledger", async () => {
		const before = (await (await get("/lists/red-line-updates")).json()) as {
			list: { slug: string; status: "open" | "closed"; defaultLocale: string; quickExit: boolean };
			texts: Record<string, { name: string; description: string; consentText: string; consentVersion: number }>;
		};
		const en = before.texts.en;
		if (!en) throw new Error("the seeded list has no English text");
		const texts = Object.fromEntries(
			Object.entries(before.texts).map(([l, t]) => [
				l,
				{ name: t.name, description: t.description, consentText: t.consentText },
			]),
		);
		const wording = "Yes, email me campaign updates. I can leave at any time.";
		const res = await send("PUT", "/lists/red-line-updates", {
			slug: "red-line-updates",
			status: before.list.status,
			defaultLocale: before.list.defaultLocale,
			quickExit: before.list.quickExit,
			texts: { ...texts, en: { ...texts.en, consentText: wording } },
		});
		expect(res.status).toBe(200);
		const after = (await res.json()) as typeof before;
		expect(after.texts.en?.consentVersion).toBe(en.consentVersion + 1);
		expect(after.texts.fr?.consentVersion).toBe(before.texts.fr?.consentVersion);
		const registered = await env.DB.prepare(
			"SELECT version FROM consent_texts WHERE kind = 'list' AND ref = 'red-line-updates' AND locale = 'en' AND text = ?",
		)
			.bind(wording)
			.first<{ version: number }>();
		expect(registered?.version).toBe(en.consentVersion + 1);

		// Someone subscribing now agrees to the new wording, and the ledger says so.
		const { email, ip } = unique();
		expect((await postJson("/api/v1/lists/red-line-updates/subscriptions", { email }, { ip })).status).toBe(202);
		await waitForEmail(email); // the subscription is written from the intake queue, after the answer
		const agreed = await env.DB.prepare(
			"SELECT t.text, t.version FROM subscriptions s JOIN people p ON p.id = s.person_id JOIN consent_texts t ON t.hash = s.consent_hash WHERE p.email_canonical = ?",
		)
			.bind(email.toLowerCase())
			.first<{ text: string; version: number }>();
		expect(agreed).toEqual({ text: wording, version: en.consentVersion + 1 });
		const [entry] = await auditRows("list.update", "red-line-updates");
		expect(JSON.parse(entry?.detail ?? "{}").consentWording).toEqual([
			{ locale: "en", version: en.consentVersion + 1 },
		]);
	});

	it("creates a list; a slug never changes; taken and unknown slugs are refused", async () => {
		const body = {
			slug: "survivor-news",
			texts: { en: { name: "Survivor news", description: "Now and then.", consentText: "Email me news." } },
		};
		const created = await send("POST", "/lists", body);
		expect(created.status).toBe(201);
		expect(((await created.json()) as { texts: { en: { consentVersion: number } } }).texts.en.consentVersion).toBe(1);
		const lists = (await (await get("/lists")).json()) as { lists: { slug: string; active: number }[] };
		expect(lists.lists.find((l) => l.slug === "survivor-news")?.active).toBe(0);
		const renamed = await send("PUT", "/lists/survivor-news", { ...body, slug: "survivor-updates" });
		expect(renamed.status).toBe(422);
		expect(((await renamed.json()) as ErrorBody).error.issues?.[0]?.path).toBe("slug");
		expect((await send("POST", "/lists", body)).status).toBe(409);
		expect((await send("PUT", "/lists/nope", { ...body, slug: "nope" })).status).toBe(404);
		expect((await send("POST", "/lists", { slug: "x", texts: { en: { name: "" } } })).status).toBe(422);
	});
});

describe("States", () => {
	const entry = {
		names: { en: "Colombia", fr: "Colombie", es: "Colombia" },
		timeZone: "America/Bogota",
		dailyCap: 12,
		contacts: [
			{
				email: "DDHH@cancilleria.example",
				label: "Human rights desk",
				source: "Ministry website",
				checked_at: "2025-03-01",
			},
		],
		commitments: [
			{
				instrument: "psvi-declaration-2025",
				instrument_name: "PSVI Declaration",
				status: "endorsed",
				date: "2025-02",
				source: "https://example.org/psvi",
			},
		],
	};

	it("saves a State's names, addresses and commitments: the public directory shows them", async () => {
		const res = await send("PUT", "/states/co", entry);
		expect(res.status).toBe(200);
		const saved = (await res.json()) as {
			state: { dailyCap: number; names: Record<string, string> };
			contacts: { email: string; status: string; checked_at: string }[];
		};
		expect(saved.state.dailyCap).toBe(12);
		expect(saved.contacts).toMatchObject([
			{ email: "ddhh@cancilleria.example", status: "active", checked_at: "2025-03-01" },
		]);
		const pub = (await (await request("/api/v1/states?locale=fr")).json()) as {
			states: { iso2: string; name: string; commitments: { instrument: string; date: string | null }[] }[];
		};
		const co = pub.states.find((s) => s.iso2 === "CO");
		expect(co?.name).toBe("Colombie");
		expect(co?.commitments).toMatchObject([{ instrument: "psvi-declaration-2025", date: "2025-02" }]);

		// Leaving a commitment out removes it.
		expect((await send("PUT", "/states/CO", { ...entry, commitments: [] })).status).toBe(200);
		const got = (await (await get("/states/CO")).json()) as { commitments: unknown[] };
		expect(got.commitments).toEqual([]);
		expect(await auditRows("state.update", "CO")).toHaveLength(2);
	});

	it("checks addresses and commitments by the CSV import's rules", async () => {
		const res = await send("PUT", "/states/CO", {
			...entry,
			timeZone: "Mars/Olympus",
			contacts: [
				{ email: "not-an-address", source: "x", checked_at: "2025-02-30" },
				{ email: "a@b.example", source: "", checked_at: "2025-01-01" },
			],
			commitments: [{ instrument: "Bad Key!", instrument_name: "x", status: "liked", date: "soon", source: "x" }],
		});
		expect(res.status).toBe(422);
		const paths = ((await res.json()) as ErrorBody).error.issues?.map((i) => i.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				"timeZone",
				"contacts.0.email",
				"contacts.0.checked_at",
				"contacts.1.source",
				"commitments.0.instrument",
				"commitments.0.status",
				"commitments.0.date",
			]),
		);
		const twice = await send("PUT", "/states/CO", { ...entry, contacts: [entry.contacts[0], entry.contacts[0]] });
		expect(twice.status).toBe(422);
		expect(((await twice.json()) as ErrorBody).error.issues?.[0]?.path).toBe("contacts.1.email");
		expect((await send("PUT", "/states/ZZ", entry)).status).toBe(404);
		expect((await get("/states/ZZ")).status).toBe(404);
	});
});

describe("partners", () => {
	it("registers and edits a partner through the admin API, audited", async () => {
		const body = { name: "Women's Shelter", allowedOrigins: ["https://shelter.example/"] };
		const created = await send("PUT", "/partners/shelter", body);
		expect(created.status).toBe(201);
		expect(((await created.json()) as { allowedOrigins: string[] }).allowedOrigins).toEqual([
			"https://shelter.example",
		]);
		expect((await send("PUT", "/partners/shelter", { ...body, name: "Shelter" })).status).toBe(200);
		expect((await get("/partners/shelter")).status).toBe(200);
		expect((await get("/partners/nope")).status).toBe(404);
		expect((await send("PUT", "/partners/shelter", { allowedOrigins: ["ftp://x"] })).status).toBe(422);
		expect((await auditRows("partner.create", "shelter")).map((r) => r.actor)).toEqual([`token:${admin.id}`]);
		expect(await auditRows("partner.update", "shelter")).toHaveLength(1);
		forgetPartnerDirectory();
	});

	it("answers in one JSON shape, with ISO dates, through the admin API and the operator API", async () => {
		const saved = await send("PUT", "/partners/one-shape", { name: "One Shape", allowedOrigins: [] });
		const fromAdmin = (await saved.json()) as Record<string, unknown>;
		const res = await request("/api/v1/operator/partners/one-shape", { headers: OPERATOR });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual(fromAdmin);
		expect(Object.keys(fromAdmin).sort()).toEqual(
			["allowedOrigins", "consentTexts", "createdAt", "name", "privacyUrl", "slug", "updatedAt"].sort(),
		);
		expect(fromAdmin.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const listed = (await (await get("/partners")).json()) as { partners: { slug: string }[] };
		const opListed = (await (await request("/api/v1/operator/partners", { headers: OPERATOR })).json()) as {
			partners: unknown[];
		};
		expect(opListed.partners).toEqual(listed.partners);
		expect(listed.partners.find((p) => p.slug === "one-shape")).toEqual(fromAdmin);
		forgetPartnerDirectory();
	});
});

// ---------------------------------------------------------------------------------------------
// Signatures, for counts and the CSV export: written straight into the tables, as the flows
// that make them are tested elsewhere.

const EXPORT_ROWS = 2500;
const FORMULA_SIGNERS = [
	['=HYPERLINK("https://evil.example","x")', "confirmed"],
	["+SUM(1,2)", "confirmed"],
	["-2+3", "confirmed"],
	["@cmd", "confirmed"],
	["Pending Person", "pending"],
] as const;

async function seedSignatures() {
	const now = Date.UTC(2025, 4, 6, 12);
	await env.DB.batch([
		env.DB.prepare(
			"INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES ('pet_export', 'export-test', 100000, 'open', 'en', 0, 0)",
		),
		env.DB.prepare(
			"INSERT INTO petition_texts (petition_id, locale, title, summary, demands, updated_at) VALUES ('pet_export', 'en', 'Export test', 'x', '[]', 0)",
		),
		// Many plain signers: the odd ones chose to show their name.
		env.DB.prepare(
			`INSERT INTO people (id, email, email_canonical, created_at, updated_at)
			 WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${EXPORT_ROWS})
			 SELECT 'ppl_exp_' || n, 'signer' || n || '@example.org', 'signer' || n || '@example.org', 0, 0 FROM seq`,
		),
		env.DB.prepare(
			`INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, show_name, partner, ip_hash, created_at, updated_at, confirmed_at)
			 WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${EXPORT_ROWS})
			 SELECT 'sig_exp_' || n, 'pet_export', 'ppl_exp_' || n, 'confirmed', 'Signer ' || n, CASE WHEN n % 3 = 0 THEN 'FR' ELSE 'CD' END, 'en', n % 2,
			        CASE WHEN n % 5 = 0 THEN 'shelter' END, 'iphash_' || n, ${now}, ${now}, ${now} FROM seq`,
		),
		// Signers whose names a spreadsheet would run as formulas; one pending, never exported.
		...FORMULA_SIGNERS.flatMap(([name, status], i) => [
			env.DB.prepare(
				"INSERT INTO people (id, email, email_canonical, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
			).bind(`ppl_f${i}`, `f${i}@example.org`, `f${i}@example.org`),
			env.DB.prepare(
				"INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, show_name, created_at, updated_at, confirmed_at) VALUES (?, 'pet_export', ?, ?, ?, 'UA', 'uk', 1, 0, 0, ?)",
			).bind(`sig_f${i}`, `ppl_f${i}`, status, name, status === "confirmed" ? now : null),
		]),
	]);
}

describe("counts and the signatures CSV", () => {
	beforeAll(seedSignatures);

	it("counts confirmed signatures per petition, per country and per partner", async () => {
		const counts = (await (await get("/counts")).json()) as {
			petitions: { slug: string; count: number }[];
			partners: Record<string, { signatures: Record<string, number> }>;
		};
		expect(counts.petitions.find((p) => p.slug === "export-test")?.count).toBe(EXPORT_ROWS + 4);
		expect(counts.partners.shelter?.signatures["export-test"]).toBe(EXPORT_ROWS / 5);
		const byCountry = (await (await get("/petitions/export-test/counts")).json()) as {
			count: number;
			countries: { country: string; count: number }[];
		};
		expect(byCountry.count).toBe(EXPORT_ROWS + 4);
		expect(byCountry.countries).toEqual([
			{ country: "CD", count: EXPORT_ROWS - Math.floor(EXPORT_ROWS / 3) },
			{ country: "FR", count: Math.floor(EXPORT_ROWS / 3) },
			{ country: "UA", count: 4 },
		]);
		// The operator's partner counts are the same figures.
		const operator = (await (await request("/api/v1/operator/partners/counts", { headers: OPERATOR })).json()) as {
			partners: unknown;
		};
		expect(operator.partners).toEqual(counts.partners);
	});

	it("exports every confirmed signature once, with only what signers agreed to share", async () => {
		const res = await get("/petitions/export-test/signatures.csv");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="export-test-signatures-\d{4}-\d{2}-\d{2}\.csv"$/,
		);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes);
		// Nothing that identifies a person beyond what they chose to show.
		expect(text).not.toMatch(/@example\.org|iphash_|sig_|ppl_|pet_export/);
		expect(text).not.toContain("Pending Person");

		const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
		const [header, ...rows] = parsed.data;
		expect(header).toEqual(["name", "country", "confirmed_on", "partner"]);
		expect(rows).toHaveLength(EXPORT_ROWS + 4);
		const names = rows.map((r) => r[0]);
		// Every shown name exactly once, across pages of 1,000.
		const shown = names.filter((n) => n?.startsWith("Signer "));
		expect(new Set(shown).size).toBe(shown.length);
		expect(shown).toHaveLength(EXPORT_ROWS / 2);
		expect(shown).toContain("Signer 1");
		expect(shown).toContain(`Signer ${EXPORT_ROWS - 1}`);
		expect(shown).not.toContain("Signer 2");
		expect(names.filter((n) => n === "(name withheld)")).toHaveLength(EXPORT_ROWS / 2);
		expect(rows[0]).toEqual(["Signer 1", "CD", "2025-05-06", ""]);
		expect(rows[9]).toEqual(["(name withheld)", "CD", "2025-05-06", "shelter"]);
		expect(rows[4]).toEqual(["Signer 5", "CD", "2025-05-06", "shelter"]);
		// Formulas arrive as text.
		expect(names).toEqual(
			expect.arrayContaining(['\'=HYPERLINK("https://evil.example","x")', "'+SUM(1,2)", "'-2+3", "'@cmd"]),
		);
		expect(names.some((n) => /^[=+\-@]/.test(n ?? ""))).toBe(false);

		expect(await auditRows("signatures.export", "export-test")).toHaveLength(1);
		expect((await get("/petitions/nope/signatures.csv")).status).toBe(404);
	});
});

describe("letters held for review and dead emails", () => {
	beforeAll(async () => {
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO people (id, email, email_canonical, created_at, updated_at) VALUES ('ppl_writer', 'writer@example.org', 'writer@example.org', 0, 0)",
			),
			...["held_1", "held_2"].map((id, i) =>
				env.DB.prepare(
					"INSERT INTO letters (id, campaign_id, person_id, target_id, status, hold_reason, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at) VALUES (?, 'lc_write-to-your-state', 'ppl_writer', ?, 'held', 'near-duplicate', 'Amani', 'FR', 'en', 'S', 'B', '0000000000000000', 0, 0)",
				).bind(id, i === 0 ? "tgt_FR" : "tgt_CO"),
			),
			env.DB.prepare(
				"INSERT INTO outbox (id, dedupe_key, template, to_address, locale, props, status, attempts, next_attempt_at, last_error, created_at) VALUES ('ob_dead', 'dead-1', 'signature-confirm', 'gone@example.org', 'en', '{}', 'dead', 4, 0, '550 no such user', 0)",
			),
		]);
	});

	it("lists held letters, releases and rejects them once, audited", async () => {
		const held = (await (await get("/letters/held")).json()) as { letters: { id: string; state: string }[] };
		expect(held.letters.map((l) => l.id).sort()).toEqual(["held_1", "held_2"]);
		const released = await send("POST", "/letters/held_1/release", undefined);
		expect(released.status).toBe(200);
		expect(await released.json()).toEqual({ id: "held_1", status: "queued" });
		expect((await send("POST", "/letters/held_1/reject", undefined)).status).toBe(404);
		expect((await send("POST", "/letters/held_2/reject", undefined)).status).toBe(200);
		expect((await send("POST", "/letters/nope/release", undefined)).status).toBe(404);
		expect((await send("POST", "/letters/held_2/forget", undefined)).status).toBe(404);
		expect(await auditRows("letter.release", "held_1")).toHaveLength(1);
		expect(await auditRows("letter.reject", "held_1")).toHaveLength(0);
		expect(await auditRows("letter.reject", "held_2")).toHaveLength(1);
		const reviewer = await makeToken(["content:read"]);
		expect((await get("/letters/held", reviewer.token)).status).toBe(403);
	});

	it("lists dead emails and gives one a fresh set of attempts", async () => {
		const dead = (await (await get("/outbox/dead")).json()) as { emails: { id: string; lastError: string }[] };
		expect(dead.emails).toMatchObject([{ id: "ob_dead", lastError: "550 no such user" }]);
		const retried = await send("POST", "/outbox/ob_dead/retry", undefined);
		expect(retried.status).toBe(202);
		const row = await env.DB.prepare("SELECT attempts FROM outbox WHERE id = 'ob_dead'").first<{ attempts: number }>();
		expect(row?.attempts).toBeLessThanOrEqual(1);
		expect((await send("POST", "/outbox/ob_dead/retry", undefined)).status).toBe(404);
		expect(await auditRows("email.retry", "ob_dead")).toHaveLength(1);
		expect((await get("/outbox/dead?limit=0")).status).toBe(422);
	});

	it("shows the audit log to a token that manages tokens", async () => {
		const res = await get("/audit?limit=5");
		expect(res.status).toBe(200);
		const { entries } = (await res.json()) as { entries: { actor: string }[] };
		expect(entries).toHaveLength(5);
	});
});

describe("dates in JSON", () => {
	/** Every `…At` field under `value`, with its path. */
	function datesIn(value: unknown, path = ""): [string, unknown][] {
		if (Array.isArray(value)) return value.flatMap((v, i) => datesIn(v, `${path}[${i}]`));
		if (value === null || typeof value !== "object") return [];
		return Object.entries(value).flatMap(([k, v]): [string, unknown][] =>
			/At$/.test(k) && (v === null || typeof v !== "object") ? [[`${path}.${k}`, v]] : datesIn(v, `${path}.${k}`),
		);
	}

	it("are ISO 8601 in UTC everywhere the admin API and the operator API answer", async () => {
		const made = await send("POST", "/lists", {
			slug: "dates-list",
			status: "open",
			defaultLocale: "en",
			texts: { en: { name: "Dates", description: "Dates.", consentText: "Yes, email me." } },
		});
		expect(made.status, await made.clone().text()).toBe(201);
		const listId = ((await (await get("/lists/dates-list")).json()) as { list: { id: string } }).list.id;
		const bulletin = await send("POST", "/bulletins", {
			listId,
			defaultLocale: "en",
			texts: [{ locale: "en", subject: "Dates", bodyMarkdown: "Hello" }],
		});
		expect(bulletin.status).toBe(201);
		const bulletinId = ((await bulletin.json()) as { bulletin: { id: string } }).bulletin.id;
		const petitions = (await (await get("/petitions")).json()) as { petitions: { slug: string }[] };
		const campaigns = (await (await get("/letter-campaigns")).json()) as { letterCampaigns: { slug: string }[] };
		const paths = [
			"/petitions",
			`/petitions/${petitions.petitions[0]?.slug}`,
			"/lists",
			"/lists/dates-list",
			"/letter-campaigns",
			...campaigns.letterCampaigns.slice(0, 1).map((lc) => `/letter-campaigns/${lc.slug}`),
			"/states/FR",
			"/partners",
			"/api-tokens",
			"/audit",
			"/outbox/dead",
			"/letters/held",
			"/bulletins",
			`/bulletins/${bulletinId}`,
			`/bulletins/${bulletinId}/progress`,
		];
		const operatorPaths = ["/outbox?status=dead", "/letters?status=held", "/partners"];
		const dates: [string, unknown][] = [];
		for (const path of paths) {
			const res = await get(path);
			expect(res.status, path).toBe(200);
			dates.push(...datesIn(await res.json(), path));
		}
		for (const path of operatorPaths) {
			const res = await request(`/api/v1/operator${path}`, { headers: OPERATOR });
			expect(res.status, path).toBe(200);
			dates.push(...datesIn(await res.json(), `operator${path}`));
		}
		expect(dates.length).toBeGreaterThan(20);
		const notIso = dates.filter(([, v]) => v !== null && !(typeof v === "string" && new Date(v).toISOString() === v));
		expect(notIso).toEqual([]);
	});
});

describe("a missing thing", () => {
	it("reads the same in the console, the admin API and the operator API", async () => {
		const cookie = await signIn(await campaigner("admin", "missing"));
		const cases: [api: string, consolePath: string | null, message: string][] = [
			["/petitions/no-such-thing", "/console/petitions/no-such-thing", "No petition with this slug."],
			["/lists/no-such-thing", "/console/lists/no-such-thing", "No list with this slug."],
			[
				"/letter-campaigns/no-such-thing",
				"/console/letter-campaigns/no-such-thing",
				"No letter campaign with this slug.",
			],
			["/partners/no-such-thing", "/console/partners/no-such-thing", "No partner with this slug."],
			["/states/QQ", "/console/states/QQ", "No State with this code in the directory."],
		];
		for (const [api, consolePath, message] of cases) {
			const res = await get(api);
			expect(res.status, api).toBe(404);
			expect(await res.json()).toEqual({ error: { code: "not_found", message } });
			if (consolePath) {
				const page = await getPage(consolePath, cookie);
				expect(page.status, consolePath).toBe(404);
				expect(page.html).toContain(message);
			}
		}
		const op = await request("/api/v1/operator/partners/no-such-thing", { headers: OPERATOR });
		expect(op.status).toBe(404);
		expect(await op.json()).toEqual({ error: { code: "not_found", message: "No partner with this slug." } });
		for (const path of ["/letters/no-such-letter/reject", "/outbox/no-such-email/retry"]) {
			const [admin, operator] = await Promise.all([
				send("POST", path, undefined),
				request(`/api/v1/operator${path}`, { method: "POST", headers: OPERATOR }),
			]);
			expect(admin.status, path).toBe(404);
			expect(await operator.json()).toEqual(await admin.json());
		}
	});
});
