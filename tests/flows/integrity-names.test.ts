// Issue 10, item 8: names cannot disguise themselves. Invisible direction and zero-width
// characters are stripped before a name is stored; a name with @, < or > is refused; and a
// letter's From display name never reads like an address, even for names stored earlier.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localTime } from "../../worker/domain/letters/letter-delivery";
import { CRON_EVERY_MINUTE } from "../../worker/jobs/cron";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	postJson,
	request,
	runCron,
	sign,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

async function storedName(email: string, table: "signatures" | "letters") {
	const column = table === "signatures" ? "s.name" : "s.writer_name";
	const row = await waitFor(
		() =>
			env.DB.prepare(
				`SELECT ${column} AS name, p.name AS personName FROM ${table} s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?`,
			)
				.bind(email)
				.first<{ name: string; personName: string | null }>(),
		15_000,
		`${table} of ${email}`,
	);
	return row;
}

const DISGUISED = "\u202EAmani\u200B Ka\u200Dbila\u2066\u2069\uFEFF\u2060\u200E\u200F\u202A\u202B\u202C\u202D\u200C";

describe("names are stored without invisible characters", () => {
	it("strips bidi controls and zero-width characters from a signer's name", async () => {
		const { email } = unique("bidi-sign");
		expect((await sign({ email, name: DISGUISED })).status).toBe(202);
		expect(await storedName(email, "signatures")).toEqual({ name: "Amani Kabila", personName: "Amani Kabila" });
		const mail = await waitForEmail(email);
		expect(mail.text).toContain("Hello Amani Kabila,");
	});

	it("strips them from a letter writer's name too, and keeps the joiner inside an emoji", async () => {
		const { email } = unique("bidi-letter");
		const res = await postJson(
			"/api/v1/letters/write-to-your-state",
			{ email, name: `${DISGUISED} 👩🏽‍⚕️`, country: "FR" },
			{ ip: unique().ip },
		);
		expect(res.status).toBe(202);
		expect((await storedName(email, "letters")).name).toBe("Amani Kabila 👩🏽‍⚕️");
	});
});

describe("names that read like an address are refused", () => {
	const refused = [
		"minister@gov.example",
		"Amani <amani@example.org>",
		"<Amani>",
		"Amani > Kabila",
		"amani＠example.org",
	];

	it("answers 422 with one issue on the name, for signatures and letters", async () => {
		for (const name of refused) {
			for (const [path, extra] of [
				["/api/v1/petitions/call-to-action/signatures", {}],
				["/api/v1/letters/write-to-your-state", {}],
			] as const) {
				const { email } = unique("at-name");
				const res = await postJson(path, { email, name, country: "FR", ...extra }, { ip: unique().ip });
				expect(res.status, `${path} ${name}`).toBe(422);
				const body = await res.json<{ error: { code: string; issues: { path: string; message: string }[] } }>();
				expect(body.error.code).toBe("invalid_fields");
				expect(body.error.issues).toEqual([{ path: "name", message: "A name cannot contain @, < or >." }]);
			}
		}
	});

	it("refuses them on the hosted forms too, and stores nothing", async () => {
		const { email } = unique("at-form");
		for (const path of ["/p/call-to-action", "/l/write-to-your-state"]) {
			const res = await request(path, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
				body: new URLSearchParams({ email, name: "boss@ministry.example", country: "FR", drafted: "FR" }).toString(),
				ip: unique().ip,
			});
			expect(res.status, path).toBe(422);
			expect(await res.text()).toContain('href="#name"');
		}
		const row = await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email_canonical = ?")
			.bind(email)
			.first<{ n: number }>();
		expect(row?.n).toBe(0);
	});
});

const HOUR = 3_600_000;

/** The next moment after now when it is 10:30 on a Monday in `timeZone`. */
function mondayMorning(timeZone: string): number {
	let t = Math.floor(Date.now() / HOUR) * HOUR + HOUR + 30 * 60_000;
	for (let i = 0; i < 24 * 14; i++, t += HOUR) {
		const local = localTime(timeZone, t);
		if (local.weekday === 1 && local.hour === 10) return t;
	}
	throw new Error("no such time");
}

describe("a letter's From", () => {
	it("never reads like an address, even for a name stored before such names were refused", async () => {
		const state = "letters-pt@example.gov";
		await env.DB.prepare(
			"INSERT INTO target_contacts (id, target_id, email, label, source, checked_at, status, created_at, updated_at) VALUES (?, (SELECT id FROM targets WHERE iso2 = 'PT'), ?, 'Ministry', 'test', 0, 'active', 0, 0)",
		)
			.bind(crypto.randomUUID(), state)
			.run();
		const { email } = unique("from-name");
		const body = "Exmo. Senhor Ministro, peço a Portugal que aja pelos sobreviventes, já.";
		await postJson(
			"/api/v1/letters/write-to-your-state",
			{ email, name: "Amani", country: "PT", body },
			{ ip: unique().ip },
		);
		await confirmClick(confirmToken(await waitForEmail(email)));
		// As if stored before this change: an address, a disguise, quotes.
		await env.DB.prepare(
			"UPDATE letters SET writer_name = ? WHERE person_id = (SELECT id FROM people WHERE email_canonical = ?)",
		)
			.bind('\u202Eminister@gov.example\u202C <x@y> "Amani"', email)
			.run();
		const zone = await env.DB.prepare("SELECT time_zone AS z FROM targets WHERE iso2 = 'PT'").first<{ z: string }>();
		await runCron(CRON_EVERY_MINUTE, mondayMorning(zone?.z ?? "Europe/Lisbon"));
		const sent = await waitFor(
			async () => (await emailsTo(state)).find((m) => m.text.includes("peço a Portugal")),
			15_000,
			"the letter at the State's address",
		);
		const display = sent.from.slice(0, sent.from.lastIndexOf("<"));
		expect(sent.from).toMatch(/<no-reply@redline\.example>$/);
		expect(display).not.toMatch(/[@<>\u202A-\u202E\u2066-\u2069\u200B-\u200F]/u);
		expect(display).toBe('"minister gov.example x y Amani via Red Line" ');
	});
});
