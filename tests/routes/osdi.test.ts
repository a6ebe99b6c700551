import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmClick, confirmToken, emailsTo, petition, postJson, request, unique, waitForEmail } from "../helpers";

interface ErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
interface Link {
	href: string;
}
// biome-ignore lint/suspicious/noExplicitAny: HAL bodies are read field by field in the tests.
type Hal = Record<string, any>;

const OPERATOR = { authorization: "Bearer test-operator-token" };
const BASE = "/api/osdi/v1";

async function makeToken(scopes: string[]): Promise<{ token: string; id: string }> {
	const res = await postJson("/api/v1/operator/api-tokens", { name: "crm", scopes }, { headers: OPERATOR });
	expect(res.status).toBe(201);
	return res.json();
}

let reader: string; // content:read
let crm: string; // content:read + people:read
let writer: string; // people:write (+ content:read)

function get(path: string, token = crm, header: "osdi" | "bearer" = "osdi") {
	const headers = new Headers();
	if (header === "osdi") headers.set("OSDI-API-Token", token);
	else headers.set("authorization", `Bearer ${token}`);
	return request(path.startsWith("http") ? path.slice("https://engine.test".length) : `${BASE}${path}`, { headers });
}

function post(path: string, body: unknown, token = writer) {
	return postJson(`${BASE}${path}`, body, { headers: { "OSDI-API-Token": token } });
}

const T0 = Date.UTC(2020, 0, 1);

/** A person with a confirmed signature on call-to-action, modified at `at`. */
function confirmedPerson(id: string, at: number, opts: { showName?: boolean; name?: string } = {}) {
	const email = `${id}@osdi.example`;
	return [
		env.DB.prepare(
			"INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES (?, ?, ?, ?, 'KE', 'en', ?, ?)",
		).bind(id, email, email, opts.name ?? `Name ${id}`, at, at),
		env.DB.prepare(
			"INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, show_name, emails_sent, created_at, updated_at, confirmed_at) VALUES (?, 'pet_call-to-action', ?, 'confirmed', ?, 'KE', 'en', ?, 1, ?, ?, ?)",
		).bind(`sig_${id}`, id, opts.name ?? `Name ${id}`, opts.showName ? 1 : 0, at, at, at),
	];
}

beforeAll(async () => {
	reader = (await makeToken(["content:read"])).token;
	crm = (await makeToken(["content:read", "people:read"])).token;
	writer = (await makeToken(["content:read", "people:write"])).token;
	// 60 people over 40 ms: several share a modified time, so order falls back on the id.
	const statements = [];
	for (let i = 0; i < 60; i++) {
		statements.push(...confirmedPerson(`ppl_page_${String(i).padStart(2, "0")}`, T0 + Math.floor(i / 3) * 2));
	}
	await env.DB.batch(statements);
});

const windowFilter = (from: number, to: number) =>
	encodeURIComponent(
		`modified_date ge '${new Date(from).toISOString()}' and modified_date lt '${new Date(to).toISOString()}'`,
	);

describe("OSDI auth", () => {
	it("takes the token in OSDI-API-Token and as a bearer token; refuses none, a bad one, a missing scope", async () => {
		for (const header of ["osdi", "bearer"] as const) {
			const res = await get("", crm, header);
			expect(res.status).toBe(200);
			expect(res.headers.get("content-type")).toMatch(/^application\/hal\+json/);
		}
		const none = await request(BASE);
		expect(none.status).toBe(401);
		expect(((await none.json()) as ErrorBody).error.code).toBe("unauthorized");
		expect((await get("", "rl_not-a-token")).status).toBe(401);
		expect((await get("", "rl_not-a-token", "bearer")).status).toBe(401);
		const forbidden = await get("/people", reader);
		expect(forbidden.status).toBe(403);
		expect(((await forbidden.json()) as ErrorBody).error.code).toBe("forbidden");
		expect(
			(
				await post(
					"/people",
					{ person: { email_addresses: [{ address: "x@example.org" }] }, list: "red-line-updates" },
					crm,
				)
			).status,
		).toBe(403);
	});

	it("links every collection and helper from the entry point", async () => {
		const aep = (await (await get("")).json()) as Hal;
		expect(aep.osdi_version).toBe("1.1");
		expect(aep.max_pagesize).toBe(1000);
		for (const rel of [
			"osdi:people",
			"osdi:petitions",
			"osdi:advocacy_campaigns",
			"osdi:lists",
			"osdi:tags",
			"osdi:person_signup_helper",
		]) {
			expect((aep._links[rel] as Link).href).toMatch(/^https:\/\/engine\.test\/api\/osdi\/v1\//);
		}
	});
});

describe("OSDI people", () => {
	it("pages by per_page with next links, in a stable order, every person once", async () => {
		let next: string | undefined = `/people?per_page=25&filter=${windowFilter(T0, T0 + 1000)}`;
		const seen: Hal[] = [];
		let pages = 0;
		while (next) {
			const res = await get(next);
			expect(res.status).toBe(200);
			const body = (await res.json()) as Hal;
			pages++;
			expect(body.per_page).toBe(25);
			expect(body._embedded["osdi:people"].length).toBeLessThanOrEqual(25);
			seen.push(...body._embedded["osdi:people"]);
			next = (body._links.next as Link | undefined)?.href;
			if (pages > 1) expect((body._links.prev as Link).href).toContain(`page=${pages - 1}`);
		}
		expect(pages).toBe(3);
		const ids = seen.map((p) => p.identifiers[0]);
		expect(ids).toHaveLength(60);
		expect(new Set(ids).size).toBe(60);
		// Ordered by modified date, then id.
		const keys = seen.map((p) => `${p.modified_date}|${p.identifiers[0]}`);
		expect(keys).toEqual([...keys].sort());
		expect(ids[0]).toBe("red_line:ppl_page_00");
		// page=2 by offset gives what the next link gave.
		const second = (await (
			await get(`/people?per_page=25&page=2&filter=${windowFilter(T0, T0 + 1000)}`)
		).json()) as Hal;
		expect(second._embedded["osdi:people"].map((p: Hal) => p.identifiers[0])).toEqual(ids.slice(25, 50));
	});

	it("maps a person as OSDI does, with one name in given_name", async () => {
		const res = await get("/people/ppl_page_07");
		expect(res.status).toBe(200);
		const p = (await res.json()) as Hal;
		expect(p).toMatchObject({
			identifiers: ["red_line:ppl_page_07"],
			given_name: "Name ppl_page_07",
			email_addresses: [{ primary: true, address: "ppl_page_07@osdi.example", status: "unsubscribed" }],
			postal_addresses: [{ primary: true, country: "KE" }],
			languages_spoken: ["en"],
			modified_date: new Date(T0 + 4).toISOString(),
		});
		expect((await get("/people/nobody-here")).status).toBe(404);
	});

	it("filters by modified_since and by OData modified_date gt", async () => {
		const since = new Date(T0 + 30).toISOString();
		const a = (await (
			await get(
				`/people?per_page=1000&modified_since=${since}&filter=${encodeURIComponent(`modified_date lt '${new Date(T0 + 1000).toISOString()}'`)}`,
			)
		).json()) as Hal;
		const b = (await (
			await get(
				`/people?per_page=1000&filter=${encodeURIComponent(`modified_date gt '${since}' and modified_date lt '${new Date(T0 + 1000).toISOString()}'`)}`,
			)
		).json()) as Hal;
		// Modified at T0+32 … T0+38: people 48 to 59.
		expect(a._embedded["osdi:people"]).toHaveLength(12);
		expect(b._embedded["osdi:people"].map((p: Hal) => p.identifiers[0])).toEqual(
			a._embedded["osdi:people"].map((p: Hal) => p.identifiers[0]),
		);
		expect(a._links.next).toBeUndefined();
	});

	it("answers bad paging and filters with 422 and issues", async () => {
		for (const q of [
			"per_page=1001",
			"per_page=0",
			"page=abc",
			"modified_since=yesterday",
			`filter=${encodeURIComponent("name eq 'x'")}`,
			`filter=${encodeURIComponent("modified_date gt 'soon'")}`,
			"cursor=notacursor",
		]) {
			const res = await get(`/people?${q}`);
			expect(res.status, q).toBe(422);
			const body = (await res.json()) as ErrorBody;
			expect(body.error.code).toBe("invalid_fields");
			expect(body.error.issues?.length).toBeGreaterThan(0);
		}
	});

	it("never shows an erased person, nor one who confirmed nothing", async () => {
		const at = T0 + 5000;
		await env.DB.batch([
			...confirmedPerson("ppl_erased", at),
			env.DB.prepare(
				"UPDATE people SET erased_at = ?, email = 'erased', email_canonical = 'erased:ppl_erased', name = NULL WHERE id = 'ppl_erased'",
			).bind(at),
			env.DB.prepare(
				"INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES ('ppl_pending', 'pending@osdi.example', 'pending@osdi.example', 'Pending', 'KE', 'en', ?, ?)",
			).bind(at, at),
			env.DB.prepare(
				"INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, emails_sent, created_at, updated_at) VALUES ('sig_pending', 'pet_call-to-action', 'ppl_pending', 'pending', 'Pending', 'KE', 'en', 1, ?, ?)",
			).bind(at, at),
		]);
		const page = (await (await get(`/people?per_page=1000&filter=${windowFilter(at, at + 1)}`)).json()) as Hal;
		expect(page._embedded["osdi:people"]).toEqual([]);
		expect((await get("/people/ppl_erased")).status).toBe(404);
		expect((await get("/people/ppl_pending")).status).toBe(404);
	});

	it("shows a subscription as subscribed only once it is confirmed, and moves modified_date when it changes", async () => {
		const at = T0 + 9000;
		await env.DB.batch([
			...confirmedPerson("ppl_subs", at),
			env.DB.prepare(
				"INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at) VALUES ('sub_osdi', 'list_red-line-updates', 'ppl_subs', 'pending', 'en', 'h', ?, ?)",
			).bind(at, at),
		]);
		const before = (await (await get("/people/ppl_subs")).json()) as Hal;
		expect(before.email_addresses[0].status).toBe("unsubscribed");
		const later = at + 60_000;
		await env.DB.prepare(
			"UPDATE subscriptions SET status = 'active', confirmed_at = ?, updated_at = ? WHERE id = 'sub_osdi'",
		)
			.bind(later, later)
			.run();
		const after = (await (await get("/people/ppl_subs")).json()) as Hal;
		expect(after.email_addresses[0].status).toBe("subscribed");
		expect(after.modified_date).toBe(new Date(later).toISOString());
		await env.DB.prepare(
			"UPDATE subscriptions SET status = 'unsubscribed', ended_at = ?, updated_at = ? WHERE id = 'sub_osdi'",
		)
			.bind(later + 1, later + 1)
			.run();
		expect(((await (await get("/people/ppl_subs")).json()) as Hal).email_addresses[0].status).toBe("unsubscribed");
		// The list's items show the subscription that was confirmed, and that it ended.
		const items = (await (
			await get(`/lists/red-line-updates/items?filter=${windowFilter(later, later + 2)}`)
		).json()) as Hal;
		const item = items._embedded["osdi:items"].find((i: Hal) => i.identifiers[0] === "red_line:sub_osdi");
		expect(item).toMatchObject({ item_type: "osdi:person", "red_line:status": "unsubscribed" });
		expect(item._links["osdi:person"].href).toBe("https://engine.test/api/osdi/v1/people/ppl_subs");
		expect((await get(new URL(item._links.self.href).pathname.slice(BASE.length))).status).toBe(200);
		expect((await get("/lists/red-line-updates/items", reader)).status).toBe(403);
	});
});

describe("OSDI petitions and signatures", () => {
	it("lists the petition with its count and links", async () => {
		const body = (await (await get("/petitions", reader)).json()) as Hal;
		const p = body._embedded["osdi:petitions"].find((x: Hal) => x.identifiers.includes("red_line_slug:call-to-action"));
		expect(p.total_signatures).toBe((await petition()).count);
		expect(p.title).toBeTruthy();
		expect(p._links["osdi:signatures"].href).toBe(
			"https://engine.test/api/osdi/v1/petitions/call-to-action/signatures",
		);
		expect((await get("/petitions/no-such-petition", reader)).status).toBe(404);
	});

	it("shows a signer's name only where they chose to show it, or to a token with people:read", async () => {
		const at = T0 + 20_000;
		await env.DB.batch([
			...confirmedPerson("ppl_shown", at, { showName: true, name: "Shown Signer" }),
			...confirmedPerson("ppl_hidden", at + 1, { name: "Hidden Signer" }),
		]);
		const path = `/petitions/call-to-action/signatures?per_page=10&filter=${windowFilter(at, at + 2)}`;
		const asReader = (await (await get(path, reader)).json()) as Hal;
		const [shown, hidden] = asReader._embedded["osdi:signatures"];
		expect(shown._embedded["osdi:person"].given_name).toBe("Shown Signer");
		expect(hidden._embedded["osdi:person"].given_name).toBeUndefined();
		expect(JSON.stringify(asReader)).not.toContain("Hidden Signer");
		expect(JSON.stringify(asReader)).not.toContain("@osdi.example");
		expect(hidden._links["osdi:person"]).toBeUndefined();
		const asCrm = (await (await get(path, crm)).json()) as Hal;
		const hiddenToCrm = asCrm._embedded["osdi:signatures"][1];
		expect(hiddenToCrm._embedded["osdi:person"]).toMatchObject({
			given_name: "Hidden Signer",
			email_addresses: [{ address: "ppl_hidden@osdi.example" }],
		});
		expect(hiddenToCrm._links["osdi:person"].href).toBe("https://engine.test/api/osdi/v1/people/ppl_hidden");
		const single = await get(new URL(hiddenToCrm._links.self.href).pathname.slice(BASE.length), reader);
		expect(single.status).toBe(200);
		expect(((await single.json()) as Hal)._embedded["osdi:person"].given_name).toBeUndefined();
	});

	it("never lists an unconfirmed signature", async () => {
		const body = (await (
			await get(`/petitions/call-to-action/signatures?per_page=1000&filter=${windowFilter(T0 + 5000, T0 + 5001)}`)
		).json()) as Hal;
		expect(body._embedded["osdi:signatures"].map((s: Hal) => s.identifiers[0])).not.toContain("red_line:sig_pending");
		expect((await get("/petitions/call-to-action/signatures/sig_pending")).status).toBe(404);
	});
});

describe("OSDI helpers", () => {
	it("record_signature_helper writes a pending signature and sends the confirmation; it counts only once clicked", async () => {
		const { email } = unique("osdi-helper");
		const countBefore = (await petition()).count;
		const res = await post("/petitions/call-to-action/signatures", {
			person: {
				given_name: "Imani",
				family_name: "Okoye",
				email_addresses: [{ address: email, primary: true }],
				postal_addresses: [{ country: "ke" }],
				languages_spoken: ["fr"],
			},
			show_name: true,
		});
		expect(res.status).toBe(202);
		expect(((await res.json()) as Hal).status).toBe("pending");
		const mail = await waitForEmail(email);
		const row = await env.DB.prepare(
			"SELECT g.status, g.name, g.country, g.show_name AS showName FROM signatures g JOIN people p ON p.id = g.person_id WHERE p.email_canonical = ?",
		)
			.bind(email)
			.first<{ status: string; name: string; country: string; showName: number }>();
		expect(row).toEqual({ status: "pending", name: "Imani Okoye", country: "KE", showName: 1 });
		expect((await petition()).count).toBe(countBefore);
		await confirmClick(confirmToken(mail));
		expect((await petition()).count).toBe(countBefore + 1);
	});

	it("person_signup_helper asks for a confirmed subscription; subscribed only after the click", async () => {
		const { email } = unique("osdi-signup");
		const res = await post("/people", {
			person: { given_name: "Lea", email_addresses: [{ address: email }] },
			list: "red-line-updates",
		});
		expect(res.status).toBe(202);
		const mail = await waitForEmail(email);
		const sub = () =>
			env.DB.prepare(
				"SELECT s.status FROM subscriptions s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
			)
				.bind(email)
				.first<{ status: string }>();
		expect((await sub())?.status).toBe("pending");
		await confirmClick(confirmToken(mail));
		expect((await sub())?.status).toBe("active");
		const person = await env.DB.prepare("SELECT id FROM people WHERE email_canonical = ?")
			.bind(email)
			.first<{ id: string }>();
		const shown = (await (await get(`/people/${person?.id}`)).json()) as Hal;
		expect(shown.email_addresses[0]).toEqual({ primary: true, address: email, status: "subscribed" });
	});

	it("refuses bad helper bodies with 422 and OSDI paths, unknown petitions and lists with 404", async () => {
		const bad = await post("/petitions/call-to-action/signatures", {
			person: {
				given_name: "X",
				email_addresses: [{ address: "not-an-email" }],
				postal_addresses: [{ country: "ZZ" }],
			},
		});
		expect(bad.status).toBe(422);
		const issues = ((await bad.json()) as ErrorBody).error.issues?.map((i) => i.path);
		expect(issues).toEqual(
			expect.arrayContaining(["person.email_addresses.0.address", "person.postal_addresses.0.country"]),
		);
		const shape = await post("/petitions/call-to-action/signatures", { person: { email_addresses: "x" } });
		expect(shape.status).toBe(422);
		expect((await post("/petitions/call-to-action/signatures", "{not json")).status).toBe(400);
		const { email } = unique("osdi-404");
		const person = { given_name: "A", email_addresses: [{ address: email }], postal_addresses: [{ country: "FR" }] };
		expect((await post("/petitions/nope/signatures", { person })).status).toBe(404);
		expect((await post("/people", { person, list: "nope" })).status).toBe(404);
		expect((await post("/people", { person })).status).toBe(422);
		const stranger = await post("/petitions/call-to-action/signatures", { person, partner: "no-such-partner" });
		expect(stranger.status).toBe(422);
		expect(((await stranger.json()) as ErrorBody).error.issues?.[0]?.path).toBe("partner");
		expect(await emailsTo(email)).toEqual([]);
	});
});

describe("OSDI advocacy campaigns, lists and tags", () => {
	it("shows confirmed letters as outreaches with their State by ISO code and name", async () => {
		const at = T0 + 30_000;
		await env.DB.batch([
			...confirmedPerson("ppl_writer", at),
			env.DB.prepare(
				"INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at, confirmed_at) SELECT 'let_osdi', 'lc_write-to-your-state', 'ppl_writer', id, 'queued', 'Writer Name', 'FR', 'en', 'Act now', 'Dear State', '0000000000000000', ?, ?, ? FROM targets WHERE iso2 = 'FR'",
			).bind(at, at, at),
			env.DB.prepare(
				"INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at) SELECT 'let_pending', 'lc_write-to-your-state', 'ppl_writer', id, 'pending', 'Writer Name', 'FR', 'en', 'Act now', 'Dear State', '0000000000000000', ?, ? FROM targets WHERE iso2 = 'DE'",
			).bind(at, at),
		]);
		const campaigns = (await (await get("/advocacy_campaigns", reader)).json()) as Hal;
		const campaign = campaigns._embedded["osdi:advocacy_campaigns"].find((x: Hal) =>
			x.identifiers.includes("red_line_slug:write-to-your-state"),
		);
		expect(campaign.type).toBe("email");
		const out = (await (
			await get(`/advocacy_campaigns/write-to-your-state/outreaches?filter=${windowFilter(at, at + 1)}`, reader)
		).json()) as Hal;
		const items = out._embedded["osdi:outreaches"];
		expect(items.map((o: Hal) => o.identifiers[0])).toEqual(["red_line:let_osdi"]);
		expect(items[0].targets).toEqual([{ organization: "France", identifiers: ["iso3166-1:FR"], country: "FR" }]);
		expect(items[0].message).toBeUndefined();
		expect(JSON.stringify(items)).not.toContain("Writer Name");
		const toCrm = (await (await get("/advocacy_campaigns/write-to-your-state/outreaches/let_osdi", crm)).json()) as Hal;
		expect(toCrm._embedded["osdi:person"].given_name).toBe("Writer Name");
		expect(toCrm.message).toBe("Dear State");
		expect((await get("/advocacy_campaigns/write-to-your-state/outreaches/let_pending", crm)).status).toBe(404);
	});

	it("lists lists with their confirmed subscribers, and partners as tags", async () => {
		const now = Date.now();
		await env.DB.prepare(
			"INSERT INTO partners (id, slug, name, allowed_origins, consent_texts, created_at, updated_at) VALUES ('prt_osdi', 'osdi-partner', 'OSDI Partner', '[]', '{}', ?, ?)",
		)
			.bind(now, now)
			.run();
		const lists = (await (await get("/lists", reader)).json()) as Hal;
		const list = lists._embedded["osdi:lists"].find((l: Hal) =>
			l.identifiers.includes("red_line_slug:red-line-updates"),
		);
		const active = await env.DB.prepare(
			"SELECT count(*) AS n FROM subscriptions WHERE list_id = 'list_red-line-updates' AND status = 'active'",
		).first<{ n: number }>();
		expect(list.total_items).toBe(active?.n);
		const tags = (await (await get("/tags", reader)).json()) as Hal;
		expect(tags._embedded["osdi:tags"].map((t: Hal) => t.name)).toContain("OSDI Partner");
		expect((await get("/tags/osdi-partner", reader)).status).toBe(200);
		expect((await get("/lists/Bad Slug", reader)).status).toBe(422);
	});
});
