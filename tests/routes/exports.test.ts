import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { postJson, request } from "../helpers";

interface ErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const OPERATOR = { authorization: "Bearer test-operator-token" };

async function makeToken(scopes: string[]): Promise<{ token: string; id: string }> {
	const res = await postJson("/api/v1/operator/api-tokens", { name: "exports", scopes }, { headers: OPERATOR });
	expect(res.status).toBe(201);
	return res.json();
}

let exporter: { token: string; id: string }; // signatures:export, letters:review
let full: { token: string; id: string }; // … and people:read

const get = (path: string, token = full.token) =>
	request(`/api/v1/admin/exports${path}`, { headers: { authorization: `Bearer ${token}` } });

/** A CSV body: its byte order mark checked, then its rows by column name. */
async function csv(res: Response) {
	const bytes = new Uint8Array(await res.arrayBuffer());
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
	const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
	return {
		text,
		header: header ?? [],
		rows: rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i]]))),
	};
}
const jsonl = (text: string) =>
	text
		.split("\n")
		.filter(Boolean)
		.map((l) => JSON.parse(l) as Record<string, unknown>);

const DAY = 86_400_000;
const T = Date.UTC(2024, 4, 10, 12);
/** More than one page of 1,000 rows, so the stream has to page. */
const SIGNERS = 1205;

beforeAll(async () => {
	exporter = await makeToken(["signatures:export", "letters:review"]);
	full = await makeToken(["signatures:export", "letters:review", "people:read"]);
	const statements: D1PreparedStatement[] = [
		env.DB.prepare(
			"INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES ('pet_exp', 'export-petition', 10, 'open', 'en', ?, ?)",
		).bind(T, T),
	];
	for (let i = 0; i < SIGNERS; i++) {
		const id = `ppl_exp_${i}`;
		const email = `exp${i}@exports.example`;
		const at = T + (i % 3) * DAY;
		statements.push(
			env.DB.prepare(
				"INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'en', ?, ?)",
			).bind(id, email, email, `Signer ${i}`, i % 2 ? "KE" : "FR", at, at),
			env.DB.prepare(
				"INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, show_name, partner, emails_sent, created_at, updated_at, confirmed_at) VALUES (?, 'pet_exp', ?, ?, ?, ?, 'en', ?, ?, 1, ?, ?, ?)",
			).bind(
				`sig_exp_${i}`,
				id,
				i === 0 ? "pending" : "confirmed",
				`Signer ${i}`,
				i % 2 ? "KE" : "FR",
				i % 5 === 0 ? 1 : 0,
				i % 4 === 0 ? "shelter" : null,
				at,
				at,
				i === 0 ? null : at,
			),
		);
	}
	for (let i = 0; i < statements.length; i += 200) await env.DB.batch(statements.slice(i, i + 200));
});

describe("signature exports", () => {
	it("streams every confirmed signature as CSV, across pages, names only where shown", async () => {
		const res = await get("/signatures?petition=export-petition", exporter.token);
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="export-petition-signatures-\d{4}-\d{2}-\d{2}\.csv"$/,
		);
		const { header, rows, text } = await csv(res);
		expect(header).not.toContain("email");
		expect(rows).toHaveLength(SIGNERS - 1);
		expect(new Set(rows.map((r) => r.signature_id)).size).toBe(SIGNERS - 1);
		expect(rows.map((r) => r.signature_id)).not.toContain("sig_exp_0");
		expect(text).not.toContain("@exports.example");
		expect(rows.find((r) => r.signature_id === "sig_exp_5")?.name).toBe("Signer 5");
		expect(rows.find((r) => r.signature_id === "sig_exp_1")?.name).toBe("(name withheld)");
	});

	it("gives names and addresses with people:read, and filters by date, partner and country (JSON Lines)", async () => {
		const from = new Date(T + DAY).toISOString().slice(0, 10);
		const res = await get(
			`/signatures?petition=export-petition&format=jsonl&from=${from}&to=${from}&partner=shelter&country=fr`,
		);
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
		const rows = jsonl(await res.text());
		// Day 1 (i % 3 == 1), partner shelter (i % 4 == 0), FR (i even).
		const expected = [];
		for (let i = 1; i < SIGNERS; i++) if (i % 3 === 1 && i % 4 === 0 && i % 2 === 0) expected.push(`sig_exp_${i}`);
		expect(rows.map((r) => r.signature_id)).toEqual(expected);
		expect(rows[0]).toMatchObject({
			name: "Signer 4",
			email: "exp4@exports.example",
			country: "FR",
			partner: "shelter",
		});
	});

	it("audits each export with its filters", async () => {
		await (await get("/signatures?petition=export-petition&country=KE", exporter.token)).text();
		const row = await env.DB.prepare(
			"SELECT actor, detail FROM audit_log WHERE action = 'export.signatures' AND subject = 'export-petition' AND actor = ? ORDER BY created_at DESC LIMIT 1",
		)
			.bind(`token:${exporter.id}`)
			.first<{ actor: string; detail: string }>();
		expect(JSON.parse(row?.detail ?? "{}")).toMatchObject({ format: "csv", country: "KE", personal: false });
	});

	it("answers bad filters with 422, unknown petitions with 404, missing scopes with 403, no token with 401", async () => {
		for (const q of [
			"format=xlsx",
			"from=yesterday",
			"country=France",
			"partner=Bad%20Slug",
			"from=2024-05-10&to=2024-05-01",
		]) {
			const res = await get(`/signatures?${q}`);
			expect(res.status, q).toBe(422);
			expect(((await res.json()) as ErrorBody).error.issues?.length).toBeGreaterThan(0);
		}
		expect((await get("/signatures?petition=no-such")).status).toBe(404);
		expect((await get("/subscribers", exporter.token)).status).toBe(403);
		const none = await request("/api/v1/admin/exports/signatures");
		expect(none.status).toBe(401);
	});
});

describe("subscriber and letter exports", () => {
	it("exports active subscribers with the consent proof from the ledger", async () => {
		const at = T + 10 * DAY;
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO consent_texts (hash, kind, ref, locale, version, text, created_at) VALUES ('hash_exp', 'list', 'red-line-updates', 'en', 3, 'Send me updates.', ?)",
			).bind(at),
			env.DB.prepare(
				"INSERT INTO subscriptions (id, list_id, person_id, status, locale, source, consent_hash, created_at, updated_at, confirmed_at) VALUES ('sub_exp_a', 'list_red-line-updates', 'ppl_exp_1', 'active', 'en', 'widget', 'hash_exp', ?, ?, ?)",
			).bind(at, at, at),
			env.DB.prepare(
				"INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at) VALUES ('sub_exp_p', 'list_red-line-updates', 'ppl_exp_2', 'pending', 'en', 'hash_exp', ?, ?)",
			).bind(at, at),
			env.DB.prepare(
				"INSERT INTO consent_events (person_id, kind, ref, event, text_hash, locale, source, proof, created_at) VALUES ('ppl_exp_1', 'list', 'red-line-updates', 'confirmed', 'hash_exp', 'en', 'widget', 'confirmation-click', ?)",
			).bind(at),
		]);
		const res = await get("/subscribers?list=red-line-updates&format=jsonl&from=2024-05-20");
		expect(res.status).toBe(200);
		const rows = jsonl(await res.text());
		expect(rows.map((r) => r.subscription_id)).toEqual(["sub_exp_a"]);
		expect(rows[0]).toMatchObject({
			email: "exp1@exports.example",
			consent_proof: "confirmation-click",
			consent_source: "widget",
			consent_text_version: 3,
			consent_text_hash: "hash_exp",
			consent_event_at: new Date(at).toISOString(),
		});
		expect(typeof rows[0]?.consent_event_id).toBe("number");
		// ppl_exp_1 lives in KE; the subscription is not through a partner; it was confirmed on day 10.
		const filtered = async (q: string) =>
			jsonl(await (await get(`/subscribers?list=red-line-updates&format=jsonl&${q}`)).text()).map(
				(r) => r.subscription_id,
			);
		expect(await filtered("country=FR")).toEqual([]);
		expect(await filtered("country=KE&from=2024-05-20")).toEqual(["sub_exp_a"]);
		expect(await filtered("partner=shelter")).toEqual([]);
		expect(await filtered("to=2024-05-19")).toEqual([]);
		expect((await get("/subscribers?list=nope")).status).toBe(404);
	});

	it("exports confirmed letters with their State; the writer only with people:read", async () => {
		const at = T + 20 * DAY;
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at, confirmed_at) SELECT 'let_exp', 'lc_write-to-your-state', 'ppl_exp_3', id, 'sent', 'Signer 3', 'KE', 'en', 'Act', 'Dear State', '0', ?, ?, ? FROM targets WHERE iso2 = 'KE'",
			).bind(at, at, at),
			env.DB.prepare(
				"INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at) SELECT 'let_exp_pending', 'lc_write-to-your-state', 'ppl_exp_3', id, 'pending', 'Signer 3', 'KE', 'en', 'Act', 'Dear State', '0', ?, ? FROM targets WHERE iso2 = 'FR'",
			).bind(at, at),
		]);
		const plain = await csv(await get("/letters?campaign=write-to-your-state", exporter.token));
		expect(plain.rows.map((r) => r.letter_id)).toEqual(["let_exp"]);
		expect(plain.rows[0]).toMatchObject({ target_iso2: "KE", target_name: "Kenya", status: "sent" });
		expect(plain.header).not.toContain("writer_name");
		const withPeople = jsonl(await (await get("/letters?campaign=write-to-your-state&format=jsonl")).text());
		expect(withPeople[0]).toMatchObject({
			writer_name: "Signer 3",
			writer_email: "exp3@exports.example",
			body: "Dear State",
		});
		expect(jsonl(await (await get("/letters?format=jsonl&country=FR")).text())).toEqual([]);
		expect((await get("/letters?campaign=nope")).status).toBe(404);
	});
});
