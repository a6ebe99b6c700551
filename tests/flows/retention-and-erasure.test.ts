// Issue 10, items 2 and 3: retention runs whatever people left behind, and an erasure leaves
// nothing that names the person, anywhere.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { localTime } from "../../worker/domain/letters/letter-delivery";
import { applyRetention } from "../../worker/domain/people/retention";
import { CRON_EVERY_MINUTE, CRON_HOURLY } from "../../worker/jobs/cron";
import {
	type CaughtEmail,
	confirmClick,
	confirmToken,
	emailsTo,
	petition,
	postJson,
	request,
	runCron,
	sign,
	subscribeTo,
	unique,
	waitFor,
} from "../helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LETTERS = "/api/v1/letters/write-to-your-state";

/** The next moment after `from` when it is `hour`:30 on a `weekday` (1 = Monday) in `timeZone`. */
function next(weekday: number, hour: number, timeZone: string, from = Date.now()): number {
	let t = Math.floor(from / HOUR) * HOUR + HOUR + 30 * 60_000;
	for (let i = 0; i < 24 * 14; i++, t += HOUR) {
		const local = localTime(timeZone, t);
		if (local.weekday === weekday && local.hour === hour) return t;
	}
	throw new Error("no such time");
}

/** Waits for an email to `to` matching `test` that is not among `seen`, and marks it seen. */
async function newEmail(to: string, seen: Set<string>, test: (m: CaughtEmail) => boolean, what: string) {
	const mail = await waitFor(async () => (await emailsTo(to)).find((m) => !seen.has(m.id) && test(m)), 15_000, what);
	seen.add(mail.id);
	return mail;
}

const isConfirm = (m: CaughtEmail) => /\/confirm\//.test(m.text);
const privacyToken = (m: CaughtEmail) => m.text.match(/\/privacy\/([\w-]+)/)?.[1] ?? "";

async function confirm(token: string) {
	expect((await confirmClick(token)).status).toBe(200);
}

async function count(sql: string, ...binds: unknown[]) {
	return (
		(await env.DB.prepare(sql)
			.bind(...binds)
			.first<{ n: number }>()) ?? { n: -1 }
	).n;
}

async function personId(email: string) {
	return (await env.DB.prepare("SELECT id FROM people WHERE email_canonical = ?").bind(email).first<{ id: string }>())
		?.id;
}

async function privacyRequest(email: string, kind: "export" | "erase", seen: Set<string>) {
	expect((await postJson("/api/v1/privacy/requests", { email, kind }, { ip: unique().ip })).status).toBe(202);
	const mail = await newEmail(email, seen, (m) => /\/privacy\//.test(m.text), `${kind} link`);
	return privacyToken(mail);
}

/** Every text value in every table of the database, with where it is. */
async function everyText(): Promise<{ where: string; value: string }[]> {
	const tables = await env.DB.prepare(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
	).all<{ name: string }>();
	const found: { where: string; value: string }[] = [];
	for (const { name } of tables.results) {
		const columns = await env.DB.prepare(`SELECT name, type FROM pragma_table_info('${name}')`).all<{
			name: string;
			type: string;
		}>();
		const texts = columns.results.filter((c) => !/INT|REAL|NUM/i.test(c.type)).map((c) => c.name);
		if (texts.length === 0) continue;
		const rows = await env.DB.prepare(`SELECT ${texts.map((c) => `"${c}"`).join(", ")} FROM "${name}"`).all<
			Record<string, unknown>
		>();
		for (const row of rows.results) {
			for (const [column, value] of Object.entries(row)) {
				if (typeof value === "string") found.push({ where: `${name}.${column}`, value });
			}
		}
	}
	return found;
}

describe("retention", () => {
	it("purges people of every kind past the age, and keeps what is counted", async () => {
		const seen = new Set<string>();
		const signedOnly = unique("ret-signed").email;
		const subscribedOnly = unique("ret-subscribed").email;
		const wroteOnly = unique("ret-wrote").email;
		const allThree = unique("ret-all").email;
		const erased = unique("ret-erased").email;
		expect((await sign({ email: signedOnly })).status).toBe(202);
		expect((await subscribeTo({ email: subscribedOnly })).status).toBe(202);
		const letter = (email: string, country: string) =>
			postJson(LETTERS, { email, name: "Amani Kabila", country }, { ip: unique().ip });
		expect((await letter(wroteOnly, "FR")).status).toBe(202);
		expect((await sign({ email: allThree })).status).toBe(202);
		expect((await subscribeTo({ email: allThree })).status).toBe(202);
		expect((await letter(allThree, "BR")).status).toBe(202);
		// The erased one had signed (counted) and written (held: no address for Chile) before erasing.
		expect((await sign({ email: erased, country: "CL" })).status).toBe(202);
		await confirm(confirmToken(await newEmail(erased, seen, isConfirm, "signature link")));
		expect((await letter(erased, "CL")).status).toBe(202);
		await confirm(confirmToken(await newEmail(erased, seen, isConfirm, "letter link")));
		await request(`/privacy/${await privacyRequest(erased, "erase", seen)}`, { method: "POST" });
		for (const email of [signedOnly, subscribedOnly, wroteOnly, allThree]) {
			await waitFor(async () => (await emailsTo(email)).length > 0, 15_000, `email to ${email}`);
		}
		const before = await petition();

		await runCron(CRON_HOURLY, Date.now() + 31 * DAY);

		for (const email of [signedOnly, subscribedOnly, wroteOnly, allThree]) {
			expect(await personId(email), email).toBeUndefined();
		}
		expect(await count("SELECT count(*) AS n FROM letters WHERE status = 'pending'")).toBe(0);
		expect(await count("SELECT count(*) AS n FROM signatures WHERE status = 'pending'")).toBe(0);
		expect(await count("SELECT count(*) AS n FROM subscriptions WHERE status = 'pending'")).toBe(0);
		expect(
			await count(
				"SELECT count(*) AS n FROM tokens WHERE purpose IN ('confirm-signature','confirm-subscription','confirm-letter')",
			),
		).toBe(0);
		// The erased person's emptied row stays, with its counted signature and its letter.
		expect(await count("SELECT count(*) AS n FROM people WHERE erased_at IS NOT NULL")).toBe(1);
		expect(
			await count(
				"SELECT count(*) AS n FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.erased_at IS NOT NULL AND s.status = 'confirmed'",
			),
		).toBe(1);
		expect((await petition()).count).toBe(before.count);
	});

	it("runs each kind of purge on its own: one that fails leaves the others done", async () => {
		const { email } = unique("ret-alone");
		const writer = unique("ret-alone-writer").email;
		expect((await sign({ email })).status).toBe(202);
		expect((await postJson(LETTERS, { email: writer, name: "Amani", country: "FR" }, { ip: unique().ip })).status).toBe(
			202,
		);
		await waitFor(async () => (await emailsTo(email)).length > 0, 15_000, "confirmation");
		await waitFor(async () => (await emailsTo(writer)).length > 0, 15_000, "letter confirmation");
		await env.DB.prepare(
			"INSERT INTO dev_mailbox (id, to_address, from_address, subject, html, text, headers, created_at) VALUES ('ret-old', 'x@y.org', 'f', 's', 'h', 't', '{}', ?)",
		)
			.bind(Date.now() - 30 * DAY)
			.run();
		// Letters cannot be deleted for now: that purge fails, the others go on.
		await env.DB.prepare(
			"CREATE TRIGGER test_letters_stuck BEFORE DELETE ON letters BEGIN SELECT RAISE(ABORT, 'stuck'); END",
		).run();
		try {
			const report = await applyRetention(
				createDb(env.DB),
				{ unconfirmedDays: 30, devMailboxDays: 7, outboxDays: 30 },
				Date.now() + 31 * DAY,
			);
			expect(report.failed.map((f) => f.kind)).toEqual(["letters"]);
			expect(report.done).toContain("signatures");
			expect(report.done).toContain("dev-mailbox");
		} finally {
			await env.DB.prepare("DROP TRIGGER test_letters_stuck").run();
		}
		expect(await personId(email)).toBeUndefined();
		expect(await personId(writer)).toBeDefined();
		expect(await count("SELECT count(*) AS n FROM dev_mailbox WHERE id = 'ret-old'")).toBe(0);
	});
});

describe("export and erasure cover everything", () => {
	it("exports every letter, then erases the person from every text column of every table", async () => {
		const { email } = unique("everything");
		const name = "Zawadi Quillfeather";
		const seen = new Set<string>();
		await env.DB.prepare(
			"INSERT INTO target_contacts (id, target_id, email, label, source, checked_at, status, created_at, updated_at) VALUES (?, (SELECT id FROM targets WHERE iso2 = 'UA'), 'lysty@example.gov', 'Ministry of Foreign Affairs', 'test', 0, 'active', 0, 0)",
		)
			.bind(crypto.randomUUID())
			.run();

		// Sign (showing the name, asking for updates, from a page whose address names them).
		const source = `https://partner.example/join?name=${encodeURIComponent(name)}&email=${encodeURIComponent(email)}#${name}`;
		expect(
			(await sign({ email, name, country: "UA", showName: true, subscribe: true, source, locale: "uk" })).status,
		).toBe(202);
		await confirm(confirmToken(await newEmail(email, seen, isConfirm, "signature link")));
		// Write a letter in their own words, signed with their name; confirm it; it is sent.
		const body = `Dear Minister, survivors need reparations now. I ask you to act this year. Yours, ${name}`;
		expect((await postJson(LETTERS, { email, name, country: "UA", body, source }, { ip: unique().ip })).status).toBe(
			202,
		);
		await confirm(
			confirmToken(
				await newEmail(email, seen, (m) => isConfirm(m) && /letter|лист/i.test(m.subject + m.text), "letter link"),
			),
		);
		const sentAt = next(1, 10, "Europe/Kyiv");
		await runCron(CRON_EVERY_MINUTE, sentAt);
		expect(await count("SELECT count(*) AS n FROM letters WHERE status = 'sent' AND body LIKE ?", `%${name}%`)).toBe(1);
		// A second letter, to another State, left unconfirmed: its link stays pending.
		expect((await postJson(LETTERS, { email, name, country: "BR", body }, { ip: unique().ip })).status).toBe(202);
		const pendingLink = confirmToken(await newEmail(email, seen, isConfirm, "second letter link"));
		// Two weeks on: the reply question, answered.
		await runCron(CRON_HOURLY, sentAt + 15 * DAY);
		const question = await newEmail(email, seen, (m) => m.text.includes("/reply/"), "reply question");
		const replyToken = question.text.match(/\/reply\/([\w-]+)/)?.[1];
		const answered = await request(`/reply/${replyToken}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "answer=yes",
		});
		expect(answered.status).toBe(200);

		// The export holds every letter.
		const exportToken = await privacyRequest(email, "export", seen);
		const download = await request(`/privacy/${exportToken}`, { method: "POST" });
		expect(download.status).toBe(200);
		const data = await download.json<{
			letters: {
				state: string;
				subject: string;
				text: string;
				status: string;
				createdAt: string;
				sentAt: string | null;
				reply: string | null;
			}[];
			consentLedger: { source: string | null }[];
		}>();
		const byState = Object.fromEntries(data.letters.map((l) => [l.state, l]));
		expect(Object.keys(byState).sort()).toEqual(["BR", "UA"]);
		expect(byState.UA).toMatchObject({ status: "sent", text: body, reply: "yes" });
		expect(byState.UA?.subject.length).toBeGreaterThan(0);
		expect(Date.parse(byState.UA?.sentAt ?? "")).not.toBeNaN();
		expect(byState.BR).toMatchObject({ status: "pending", text: body, sentAt: null });
		expect(Date.parse(byState.BR?.createdAt ?? "")).not.toBeNaN();
		// The ledger keeps where, as origin and path only.
		const sources = data.consentLedger.map((e) => e.source).filter(Boolean);
		expect(sources.length).toBeGreaterThan(0);
		expect(new Set(sources)).toEqual(new Set(["https://partner.example/join"]));

		// Erase.
		const id = await personId(email);
		const eraseToken = await privacyRequest(email, "erase", seen);
		const page = await (await request(`/privacy/${eraseToken}`)).text();
		expect(page).toContain("What we keep after an erasure");
		const before = await petition();
		const done = await request(`/privacy/${eraseToken}`, { method: "POST" });
		expect(done.status).toBe(200);
		expect(await done.text()).toContain("What we keep after an erasure");

		const needles = [email.toLowerCase(), name.toLowerCase(), "quillfeather"];
		const leaks = (await everyText()).filter(({ value }) => needles.some((n) => value.toLowerCase().includes(n)));
		expect(leaks).toEqual([]);

		// The sent letter keeps its State, status and dates; the unsent one and every link are gone.
		const kept = await env.DB.prepare(
			"SELECT t.iso2, l.status, l.sent_at, l.created_at, l.writer_name, l.body, l.subject, l.reply FROM letters l JOIN targets t ON t.id = l.target_id WHERE l.person_id = ?",
		)
			.bind(id)
			.all<Record<string, unknown>>();
		expect(kept.results).toEqual([
			expect.objectContaining({ iso2: "UA", status: "sent", writer_name: "", body: "", subject: "", reply: "yes" }),
		]);
		expect(kept.results[0]?.sent_at).toBeTypeOf("number");
		expect(
			await count(
				"SELECT count(*) AS n FROM tokens WHERE subject_id IN (SELECT id FROM letters WHERE person_id = ?)",
				id,
			),
		).toBe(0);
		expect((await request(`/confirm/${pendingLink}`)).status).toBe(404);
		expect((await request(`/reply/${replyToken}`)).status).toBe(404);
		expect((await petition()).count).toBe(before.count);
	});

	it("keeps web addresses in sources to their origin and path, and drops free text", async () => {
		const { email } = unique("source");
		const seen = new Set<string>();
		await subscribeTo({ email, source: "https://site.example/a/b?who=Amani+Kabila#amani" });
		await confirm(confirmToken(await newEmail(email, seen, isConfirm, "subscription link")));
		const other = unique("source-free").email;
		await subscribeTo({ email: other, source: "told by Amani Kabila" });
		await newEmail(other, seen, isConfirm, "subscription link");
		const rows = await env.DB.prepare(
			"SELECT e.source FROM consent_events e JOIN people p ON p.id = e.person_id WHERE p.email_canonical IN (?, ?)",
		)
			.bind(email, other)
			.all<{ source: string | null }>();
		expect(rows.results.length).toBeGreaterThanOrEqual(3);
		for (const { source } of rows.results) expect([null, "https://site.example/a/b"]).toContain(source);
	});
});
