import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { request } from "../helpers";

interface ErrorBody {
	error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

interface Report {
	kind: string;
	dryRun: boolean;
	rows: number;
	created: number;
	updated: number;
	unchanged: number;
	errors: { line: number; issues: { field: string; message: string }[] }[];
	written: boolean;
}

interface PublicStates {
	locale: string;
	states: {
		iso2: string;
		name: string;
		unStatus: string;
		commitments: { instrument: string; instrumentName: string; status: string; date: string | null; source: string }[];
	}[];
}

const auth = { authorization: "Bearer test-operator-token" };
const base = "/api/v1/operator/states";

function exportFile(kind: string) {
	return request(`${base}/${kind}.csv`, { headers: auth });
}

function importFile(kind: string, csv: string, { dryRun = false, type = "text/csv" } = {}) {
	return request(`${base}/${kind}${dryRun ? "?dryRun=1" : ""}`, {
		method: "POST",
		headers: { ...auth, "content-type": type },
		body: csv,
	});
}

async function count(table: "targets" | "target_contacts" | "commitments") {
	const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
	return row?.n ?? 0;
}

const contactsHeader = "iso2,email,label,source,checked_at,status";

describe("the seeded directory of States", () => {
	it("has the 193 UN member States and the 2 observer States, with names and time zones", async () => {
		const { results } = await env.DB.prepare(
			"SELECT iso2, iso3, un_status, names, time_zone, daily_cap FROM targets ORDER BY iso2",
		).all<{ iso2: string; iso3: string; un_status: string; names: string; time_zone: string; daily_cap: number }>();
		console.info(`States seeded: ${results.length} (expected 195)`);
		expect(results).toHaveLength(195);
		expect(results.filter((s) => s.un_status === "member")).toHaveLength(193);
		expect(results.filter((s) => s.un_status === "observer").map((s) => s.iso2)).toEqual(["PS", "VA"]);
		for (const s of results) {
			expect(s.iso2).toMatch(/^[A-Z]{2}$/);
			expect(s.iso3).toMatch(/^[A-Z]{3}$/);
			expect(s.daily_cap).toBe(30);
			const names = JSON.parse(s.names) as Record<string, string>;
			for (const locale of ["en", "fr", "es"]) expect(names[locale], `${s.iso2} in ${locale}`).toBeTruthy();
			// The runtime the Worker runs in knows every office's zone.
			expect(() => new Intl.DateTimeFormat("en", { timeZone: s.time_zone }), s.iso2).not.toThrow();
		}
		const zone = (iso2: string) => results.find((s) => s.iso2 === iso2)?.time_zone;
		expect({
			US: zone("US"),
			RU: zone("RU"),
			AU: zone("AU"),
			BR: zone("BR"),
			CA: zone("CA"),
			MX: zone("MX"),
			ID: zone("ID"),
			CD: zone("CD"),
			FR: zone("FR"),
		}).toEqual({
			US: "America/New_York",
			RU: "Europe/Moscow",
			AU: "Australia/Sydney",
			BR: "America/Sao_Paulo",
			CA: "America/Toronto",
			MX: "America/Mexico_City",
			ID: "Asia/Jakarta",
			CD: "Africa/Kinshasa",
			FR: "Europe/Paris",
		});
		const fr = JSON.parse(results.find((s) => s.iso2 === "CD")?.names ?? "{}");
		expect(fr).toMatchObject({ en: "Democratic Republic of the Congo", fr: "République démocratique du Congo" });
		expect(await count("target_contacts")).toBe(0);
	});

	it("has the 12 States that endorsed the February 2025 PSVI declaration", async () => {
		const { results } = await env.DB.prepare(
			"SELECT t.iso2, c.instrument_name, c.status, c.date, c.source FROM commitments c JOIN targets t ON t.id = c.target_id WHERE c.instrument = 'psvi-declaration-2025' ORDER BY t.iso2",
		).all<{ iso2: string; instrument_name: string; status: string; date: string; source: string }>();
		expect(results.map((r) => r.iso2)).toEqual([
			"AU",
			"CD",
			"CH",
			"CO",
			"ES",
			"FR",
			"GB",
			"JP",
			"KR",
			"LU",
			"UA",
			"US",
		]);
		for (const r of results) {
			expect(r).toMatchObject({
				instrument_name:
					"Declaration of the International Alliance on Preventing Sexual Violence in Conflict (February 2025)",
				status: "endorsed",
				date: "2025-02-06",
			});
			expect(r.source).toContain("published 6 February 2025");
		}
	});
});

describe("CSV export and import of the directory", () => {
	it("needs the operator token", async () => {
		const noToken = await request(`${base}/states.csv`);
		expect(noToken.status).toBe(401);
		expect(noToken.headers.get("www-authenticate")).toBe("Bearer");
		const wrong = await request(`${base}/states`, {
			method: "POST",
			headers: { authorization: "Bearer nope", "content-type": "text/csv" },
			body: "iso2\n",
		});
		expect(wrong.status).toBe(401);
		expect(((await wrong.json()) as ErrorBody).error.code).toBe("unauthorized");
	});

	it("exports a file a spreadsheet opens", async () => {
		const res = await exportFile("states");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="red-line-states-\d{4}-\d{2}-\d{2}\.csv"$/,
		);
		const text = await res.text();
		const lines = text
			.replace(/^\uFEFF/, "")
			.trimEnd()
			.split("\r\n");
		expect(lines[0]).toBe("iso2,iso3,un_status,name_en,name_fr,name_es,time_zone,daily_cap");
		expect(lines).toHaveLength(196);
		expect(lines).toContain(
			"CD,COD,member,Democratic Republic of the Congo,République démocratique du Congo,Congo (República Democrática del),Africa/Kinshasa,30",
		);
		expect((await exportFile("letters")).status).toBe(404);
	});

	it("refuses a body that is not CSV, or too large", async () => {
		const json = await importFile("contacts", JSON.stringify({ iso2: "FR" }), { type: "application/json" });
		expect(json.status).toBe(415);
		expect(((await json.json()) as ErrorBody).error.code).toBe("unsupported_media_type");
		const big = await importFile("contacts", `${contactsHeader}\n${"x".repeat(2 * 1024 * 1024)}`);
		expect(big.status).toBe(413);
	});

	it("adds contacts from a good file, and a dry run writes nothing", async () => {
		const csv = [
			contactsHeader,
			"FR,Droits.Humains@Diplomatie.Example, Human rights desk ,Ministry website,2025-03-01,active",
			"CO,cancilleria@example.org,,Embassy letter,2025-02-20,",
			"",
		].join("\r\n");
		const dry = await importFile("contacts", csv, { dryRun: true });
		expect(dry.status).toBe(200);
		expect(await dry.json()).toMatchObject({
			kind: "contacts",
			dryRun: true,
			rows: 2,
			created: 2,
			updated: 0,
			unchanged: 0,
			errors: [],
			written: false,
		});
		expect(await count("target_contacts")).toBe(0);

		const real = await importFile("contacts", csv);
		expect(real.status).toBe(200);
		expect(await real.json()).toMatchObject({ dryRun: false, created: 2, written: true });
		const { results } = await env.DB.prepare(
			"SELECT t.iso2, c.email, c.label, c.source, c.checked_at, c.status FROM target_contacts c JOIN targets t ON t.id = c.target_id ORDER BY t.iso2",
		).all();
		expect(results).toEqual([
			{
				iso2: "CO",
				email: "cancilleria@example.org",
				label: null,
				source: "Embassy letter",
				checked_at: Date.UTC(2025, 1, 20),
				status: "active",
			},
			{
				iso2: "FR",
				email: "droits.humains@diplomatie.example",
				label: "Human rights desk",
				source: "Ministry website",
				checked_at: Date.UTC(2025, 2, 1),
				status: "active",
			},
		]);

		// The same address again, with a new label: an update, not a second contact.
		const again = await importFile(
			"contacts",
			`${contactsHeader}\nfr,droits.humains@diplomatie.example,Desk for human rights,Ministry website,2025-03-01,active\n`,
		);
		expect(await again.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0, written: true });
		expect(await count("target_contacts")).toBe(2);
	});

	it("reports every bad row with its line and field, and writes nothing", async () => {
		const before = await exportFile("contacts").then((r) => r.text());
		const csv = [
			contactsHeader, // line 1
			"DE,ok@example.org,,Ministry website,2025-03-01,active", // 2: good
			"ZZ,someone@example.org,,Ministry website,2025-03-01,active", // 3: no such State
			'FR,"not an address",,Ministry website,2025-03-01,active', // 4
			'ES,"two@example.org', // 5: a line break inside the address…
			'x",,Ministry website,2025-03-01,active', // 6: …continues here
			"IT,ok2@example.org,,,01/03/2025,paused", // 7: no source, bad day, bad status
			"DE,ok@example.org,,Another source,2025-03-02,active", // 8: same State and address as line 2
			"",
		].join("\n");
		const res = await importFile("contacts", csv);
		expect(res.status).toBe(422);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("invalid_rows");
		expect(body.error.message).toMatch(/^5 rows are not valid; nothing was written/);
		const paths = body.error.issues?.map((i) => i.path);
		expect(paths).toEqual([
			"line.3.iso2",
			"line.4.email",
			"line.5.email",
			"line.7.source",
			"line.7.checked_at",
			"line.7.status",
			"line.8.email",
		]);
		const issue = (path: string) => body.error.issues?.find((i) => i.path === path)?.message;
		expect(issue("line.3.iso2")).toMatch(/No State with this code/);
		expect(issue("line.4.email")).toBe("This is not a valid email address.");
		expect(issue("line.5.email")).toMatch(/line break/);
		expect(issue("line.7.checked_at")).toMatch(/YYYY-MM-DD/);
		expect(issue("line.7.status")).toBe("The status is one of: active, bouncing.");
		expect(issue("line.8.email")).toBe("Line 2 already has this State and address.");
		// Not even the good row was written.
		expect(await exportFile("contacts").then((r) => r.text())).toBe(before);

		// A dry run reports the same, with the counts of the good rows.
		const dry = await importFile("contacts", csv, { dryRun: true });
		expect(dry.status).toBe(422);

		const states = await importFile(
			"states",
			[
				"iso2,iso3,un_status,name_en,name_fr,name_es,time_zone,daily_cap",
				"FR,FRA,member,France,France,Francia,Europe/Pariss,30",
				"CO,COD,member,Colombia,Colombie,Colombia,America/Bogota,0",
				"XX,XXX,sovereign,,,,,many",
			].join("\n"),
		);
		expect(states.status).toBe(422);
		const statesBody = (await states.json()) as ErrorBody;
		expect(statesBody.error.issues).toEqual([
			{ path: "line.2.time_zone", message: "This is not an IANA time zone, such as Europe/Paris or America/Bogota." },
			{ path: "line.3.daily_cap", message: "The daily cap is at least 1 letter a day." },
			{ path: "line.3.iso3", message: "The ISO 3166-1 alpha-3 code of CO is COL." },
			{ path: "line.4.iso2", message: "This is not an ISO 3166-1 alpha-2 country code." },
			{ path: "line.4.un_status", message: "The un_status is one of: member, observer." },
			{ path: "line.4.name_en", message: "Give the English name (name_en)." },
			{ path: "line.4.time_zone", message: "Give the office's time zone, such as Europe/Paris." },
			{ path: "line.4.daily_cap", message: "The daily cap is a whole number of letters a day, such as 30." },
		]);
		const fr = await env.DB.prepare("SELECT time_zone FROM targets WHERE iso2 = 'FR'").first<{ time_zone: string }>();
		expect(fr?.time_zone).toBe("Europe/Paris");

		const unclosed = await importFile(
			"commitments",
			'iso2,instrument,instrument_name,status,date,source\nFR,a,A,signed,2024,ok\nFR,b,"B,signed,2024,never closed\n',
		);
		expect(((await unclosed.json()) as ErrorBody).error.issues).toEqual([
			{ path: "line.3.(row)", message: 'A quoted value is never closed: a " is missing.' },
		]);
		expect(await count("commitments")).toBe(12);

		const header = await importFile("commitments", "iso2,instrument,name\nFR,x,y\n");
		expect(((await header.json()) as ErrorBody).error.issues?.map((i) => i.path)).toEqual([
			"line.1.instrument_name",
			"line.1.status",
			"line.1.date",
			"line.1.source",
			"line.1.name",
		]);
	});

	it("round-trips: importing what was exported changes nothing", async () => {
		// A commitment whose source a spreadsheet would take for a formula, and one without a date.
		const added = await importFile(
			"commitments",
			"iso2;instrument;instrument_name;status;date;source\nNO;rome-statute;Rome Statute of the ICC;ratified;;=ICC list\n",
		);
		expect(await added.json()).toMatchObject({ created: 1, written: true });

		for (const kind of ["states", "contacts", "commitments"] as const) {
			const exported = await exportFile(kind).then((r) => r.text());
			const res = await importFile(kind, exported);
			expect(res.status, kind).toBe(200);
			const report = (await res.json()) as Report;
			expect(report.created + report.updated, kind).toBe(0);
			expect(report.unchanged, kind).toBe(report.rows);
			expect(report.written, kind).toBe(false);
			expect(await exportFile(kind).then((r) => r.text()), kind).toBe(exported);
		}
		const commitmentsCsv = await exportFile("commitments").then((r) => r.text());
		expect(commitmentsCsv).toContain('NO,rome-statute,Rome Statute of the ICC,ratified,,"\'=ICC list"');
		expect(await count("targets")).toBe(195);
		expect(await count("commitments")).toBe(13);
	});

	it("updates a State from its row, keeping what the file does not carry", async () => {
		const exported = await exportFile("states").then((r) => r.text());
		const edited = exported.replace(
			/^CO,COL,member,Colombia,Colombie,Colombia,America\/Bogota,30$/m,
			"CO,COL,member,Colombia,Colombie,Colombia,America/Bogota,12",
		);
		expect(edited).not.toBe(exported);
		const res = await importFile("states", edited);
		expect(await res.json()).toMatchObject({ rows: 195, created: 0, updated: 1, unchanged: 194, written: true });
		const co = await env.DB.prepare("SELECT id, daily_cap FROM targets WHERE iso2 = 'CO'").first();
		expect(co).toEqual({ id: "tgt_CO", daily_cap: 12 });
	});
});

describe("GET /api/v1/states", () => {
	it("lists every State in the asked language with its commitments, and no contact address", async () => {
		await importFile("contacts", `${contactsHeader}\nUS,secret.desk@state.example,,Directory,2025-01-10,active\n`);
		const res = await request("/api/v1/states?locale=fr");
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).not.toContain("secret.desk@state.example");
		expect(text).not.toContain("@");
		const body = JSON.parse(text) as PublicStates;
		expect(body.locale).toBe("fr");
		expect(body.states).toHaveLength(195);
		const cd = body.states.find((s) => s.iso2 === "CD");
		expect(cd).toMatchObject({ name: "République démocratique du Congo", unStatus: "member" });
		expect(cd?.commitments).toEqual([
			expect.objectContaining({ instrument: "psvi-declaration-2025", status: "endorsed", date: "2025-02-06" }),
		]);
		expect(body.states.filter((s) => s.commitments.some((c) => c.instrument === "psvi-declaration-2025"))).toHaveLength(
			12,
		);
		expect(body.states.find((s) => s.iso2 === "VA")).toMatchObject({ unStatus: "observer", commitments: [] });
		expect(Object.keys(body.states[0] ?? {}).sort()).toEqual(["commitments", "iso2", "name", "unStatus"]);

		const es = (await request("/api/v1/states?locale=es").then((r) => r.json())) as PublicStates;
		expect(es.states.find((s) => s.iso2 === "DE")?.name).toBe("Alemania");
		const fallback = (await request("/api/v1/states?locale=de").then((r) => r.json())) as PublicStates;
		expect(fallback.locale).toBe("en");
	});
});
