import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localTime } from "../../worker/domain/letters/letter-delivery";
import { CRON_EVERY_MINUTE, CRON_HOURLY } from "../../worker/jobs/cron";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	fault,
	postJson,
	request,
	runCron,
	svixHeaders,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

const HOUR = 3_600_000;

/** The next moment after now when it is `hour`:30 on a `weekday` (1 = Monday) in `timeZone`. */
function next(weekday: number, hour: number, timeZone: string, from = Date.now()): number {
	let t = Math.floor(from / HOUR) * HOUR + HOUR + 30 * 60_000;
	for (let i = 0; i < 24 * 14; i++, t += HOUR) {
		const local = localTime(timeZone, t);
		if (local.weekday === weekday && local.hour === hour) return t;
	}
	throw new Error("no such time");
}

interface Draft {
	country: string;
	locale: string;
	letters: {
		target: { iso2: string; name: string; commitments: { instrument: string }[] };
		subject: string;
		body: string;
	}[];
}

async function draft(country: string, locale = "en"): Promise<Draft> {
	const res = await request(`/api/v1/letters/write-to-your-state/draft?country=${country}&locale=${locale}&name=Amani`);
	expect(res.status).toBe(200);
	return res.json();
}

async function addContact(iso2: string, email: string) {
	await env.DB.prepare(
		"INSERT INTO target_contacts (id, target_id, email, label, source, checked_at, status, created_at, updated_at) VALUES (?, (SELECT id FROM targets WHERE iso2 = ?), ?, 'Ministry of Foreign Affairs', 'test', 0, 'active', 0, 0)",
	)
		.bind(crypto.randomUUID(), iso2, email)
		.run();
}

async function write(country: string, extra: Record<string, unknown> = {}) {
	const { email, ip } = unique(`writer-${country.toLowerCase()}`);
	const res = await postJson(
		"/api/v1/letters/write-to-your-state",
		{ email, name: "Amani Kabila", country, ...extra },
		{ ip },
	);
	return { email, res };
}

/** Writes and confirms a letter; returns the writer's address. */
async function writeAndConfirm(country: string, extra: Record<string, unknown> = {}) {
	const { email, res } = await write(country, extra);
	expect(res.status).toBe(202);
	const mail = await waitForEmail(email);
	const confirmed = await confirmClick(confirmToken(mail));
	expect(confirmed.status).toBe(200);
	return email;
}

async function letterOf(writer: string) {
	return env.DB.prepare(
		"SELECT l.id, l.status, l.hold_reason, l.body, l.in_digest FROM letters l JOIN people p ON p.id = l.person_id WHERE p.email_canonical = ?",
	)
		.bind(writer)
		.first<{ id: string; status: string; hold_reason: string | null; body: string; in_digest: number }>();
}

describe("States and the letter's text", () => {
	it("adapts the letter to the State's commitments", async () => {
		const endorsing = await draft("FR");
		expect(endorsing.letters).toHaveLength(1);
		expect(endorsing.letters[0]?.target).toMatchObject({ iso2: "FR", name: "France" });
		expect(endorsing.letters[0]?.target.commitments.map((c) => c.instrument)).toContain("psvi-declaration-2025");
		expect(endorsing.letters[0]?.body).toContain("In February 2025 your government endorsed");
		expect(endorsing.letters[0]?.body).not.toContain("has not yet endorsed");
		expect(endorsing.letters[0]?.subject).toBe("France: act against conflict-related sexual violence");
		expect(endorsing.letters[0]?.body).toContain("Amani (France)");

		const notYet = await draft("BR", "es");
		expect(notYet.letters[0]?.body).toContain("Su Gobierno todavía no ha respaldado");
		expect(notYet.letters[0]?.subject).toContain("Brasil");
		expect(notYet.letters[0]?.body).toContain("Amani");
	});

	it("refuses a country with no State to write to, and unknown campaigns", async () => {
		const res = await request("/api/v1/letters/write-to-your-state/draft?country=TW");
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ error: { issues: [{ path: "country" }] } });
		expect((await request("/api/v1/letters/write-to-your-state/draft")).status).toBe(422);
		expect((await request("/api/v1/letters/nope/draft?country=FR")).status).toBe(404);
	});
});

describe("writing", () => {
	it("holds a letter until the writer confirms, then holds it while the State has no address", async () => {
		const { email, res } = await write("JP", { locale: "fr" });
		expect(res.status).toBe(202);
		expect(await res.json()).toEqual({ status: "pending" });
		const mail = await waitForEmail(email);
		expect((await letterOf(email))?.status).toBe("pending");
		expect(mail.subject).not.toMatch(/[\r\n]/);
		const token = confirmToken(mail);
		expect(await (await request(`/confirm/${token}`)).text()).toContain(`action="/confirm/${token}"`);
		expect((await letterOf(email))?.status).toBe("pending");
		await confirmClick(token);
		// No address for Japan in the seed: held, and the console can list it.
		expect(await letterOf(email)).toMatchObject({ status: "held", hold_reason: "no-contact" });
		const held = await request("/api/v1/operator/letters?status=held", {
			headers: { authorization: `Bearer ${env.OPERATOR_TOKEN}` },
		});
		expect((await held.json<{ letters: { state: string; holdReason: string }[] }>()).letters).toContainEqual(
			expect.objectContaining({ state: "JP", holdReason: "no-contact" }),
		);
	});

	it("keeps one letter per person per State, and escapes what writers type", async () => {
		const { email, ip } = unique("once");
		const body =
			"Dear Minister,\n\n<script>alert(1)</script> Please act on reparations for survivors now.\r\nBcc: victim@example.org";
		for (let i = 0; i < 2; i++) {
			expect(
				(
					await postJson(
						"/api/v1/letters/write-to-your-state",
						{ email, name: 'Nadia "&amp" Murad', country: "CO", body },
						{ ip },
					)
				).status,
			).toBe(202);
		}
		const mail = await waitForEmail(email, 2);
		const rows = await env.DB.prepare(
			"SELECT count(*) AS n FROM letters l JOIN people p ON p.id = l.person_id WHERE p.email_canonical = ?",
		)
			.bind(email)
			.first<{ n: number }>();
		expect(rows?.n).toBe(1);
		expect(mail.html).not.toContain('Nadia "&amp" Murad');
		expect(mail.html).toContain("&amp;amp");
		expect((await letterOf(email))?.body).not.toMatch(/\r/);
	});

	it("checks an edited body against the campaign's limits", async () => {
		const cases: [string, string][] = [
			["Please read https://example.org/reparations before you decide.", "Links are not allowed"],
			["See www.example.org for more about survivors' needs.", "Links are not allowed"],
			["Too short", "Write a few sentences"],
			["x ".repeat(3000), "under 5000 characters"],
		];
		for (const [body, message] of cases) {
			const { res } = await write("FR", { body });
			expect(res.status).toBe(422);
			const err = await res.json<{ error: { issues: { path: string; message: string }[] } }>();
			expect(err.error.issues[0]?.path).toBe("body");
			expect(err.error.issues[0]?.message).toContain(message);
		}
	});
});

describe("delivering without getting blocked", () => {
	it("sends in the State's office hours, from the writer's name, with Reply-To the writer", async () => {
		await addContact("FR", "letters-fr@example.gov");
		const writer = await writeAndConfirm("FR", {
			locale: "fr",
			body: "Madame, Monsieur,\n\nJe vous demande d'agir pour les survivant·es, maintenant et sans attendre.\n\nAmani",
		});
		expect((await letterOf(writer))?.status).toBe("queued");

		await runCron(CRON_EVERY_MINUTE, next(0, 11, "Europe/Paris")); // a Sunday
		expect((await letterOf(writer))?.status).toBe("queued");
		await runCron(CRON_EVERY_MINUTE, next(1, 7, "Europe/Paris")); // Monday, before opening
		expect((await letterOf(writer))?.status).toBe("queued");

		await runCron(CRON_EVERY_MINUTE, next(1, 10, "Europe/Paris"));
		expect((await letterOf(writer))?.status).toBe("sent");
		const sent = await waitFor(
			async () => (await emailsTo("letters-fr@example.gov")).find((m) => m.text.includes("Je vous demande d'agir")),
			15_000,
			"letter at the State's address",
		);
		expect(sent.from).toMatch(/^"Amani Kabila via Red Line" <no-reply@redline\.example>$/);
		expect(sent).toMatchObject({ reply_to: [writer] });
		expect(sent.subject).toContain("France");
	});

	it("sends up to the daily cap one by one, and the rest of the day as one digest", async () => {
		await addContact("ES", "cartas@example.gov");
		await env.DB.prepare("UPDATE targets SET daily_cap = 2 WHERE iso2 = 'ES'").run();
		const writers: string[] = [];
		for (let i = 0; i < 5; i++) {
			writers.push(
				await writeAndConfirm("ES", {
					locale: "es",
					body: `Carta número ${i}: pido a España que actúe por las y los sobrevivientes, ${"y ".repeat(i * 7)}sin demora.`,
				}),
			);
		}
		const monday = next(1, 10, "Europe/Madrid");
		await runCron(CRON_EVERY_MINUTE, monday);
		const states = await Promise.all(writers.map(letterOf));
		expect(states.filter((l) => l?.status === "sent")).toHaveLength(2);
		expect(states.filter((l) => l?.status === "queued")).toHaveLength(3);
		// Later the same day, still within the cap's day: nothing more until the last office hour.
		await runCron(CRON_EVERY_MINUTE, monday + 3 * HOUR);
		expect((await Promise.all(writers.map(letterOf))).filter((l) => l?.status === "sent")).toHaveLength(2);
		await runCron(CRON_EVERY_MINUTE, monday + 6 * HOUR); // 16:30 in Madrid
		const after = await Promise.all(writers.map(letterOf));
		expect(after.every((l) => l?.status === "sent")).toBe(true);
		expect(after.filter((l) => l?.in_digest === 1)).toHaveLength(3);
		const digest = await waitFor(
			async () => (await emailsTo("cartas@example.gov")).find((m) => m.text.includes("Carta número 4")),
			15_000,
			"digest",
		);
		for (const n of [2, 3, 4]) expect(digest.text).toContain(`Carta número ${n}`);
		expect(digest.text).not.toContain("Carta número 0");
	});

	it("holds near-identical letters beyond the campaign's limit for review; a campaigner releases or rejects them", async () => {
		await addContact("CH", "lettres@example.gov");
		await env.DB.prepare("UPDATE letter_campaigns SET near_duplicate_limit = 2").run();
		const writers: string[] = [];
		for (let i = 0; i < 4; i++) writers.push(await writeAndConfirm("CH"));
		const states = await Promise.all(writers.map(letterOf));
		expect(states.map((l) => l?.status)).toEqual(["queued", "queued", "held", "held"]);
		expect(states[2]?.hold_reason).toBe("near-duplicate");
		// A letter in the writer's own words goes through.
		const own = await writeAndConfirm("CH", {
			body: "I was born in Bukavu and now live in Geneva. My cousins still wait for justice; please fund the clinics that treat survivors.",
		});
		expect((await letterOf(own))?.status).toBe("queued");

		const auth = { authorization: `Bearer ${env.OPERATOR_TOKEN}` };
		const released = await request(`/api/v1/operator/letters/${states[2]?.id}/release`, {
			method: "POST",
			headers: auth,
		});
		expect(await released.json()).toMatchObject({ status: "queued" });
		const rejected = await request(`/api/v1/operator/letters/${states[3]?.id}/reject`, {
			method: "POST",
			headers: auth,
		});
		expect(await rejected.json()).toMatchObject({ status: "rejected" });
		expect(
			(await request(`/api/v1/operator/letters/${states[3]?.id}/release`, { method: "POST", headers: auth })).status,
		).toBe(404);
		await env.DB.prepare("UPDATE letter_campaigns SET near_duplicate_limit = 10").run();
	});

	it("holds a State's letters when its address bounces, and sends them once it is fixed", async () => {
		await addContact("LU", "bounces@example.gov");
		const first = await writeAndConfirm("LU");
		const body = JSON.stringify({
			type: "email.bounced",
			created_at: new Date().toISOString(),
			data: { to: ["bounces@example.gov"], bounce: { type: "Permanent" } },
		});
		expect((await request("/webhooks/resend", { method: "POST", headers: await svixHeaders(body), body })).status).toBe(
			200,
		);
		await runCron(CRON_EVERY_MINUTE, next(2, 10, "Europe/Luxembourg"));
		expect(await letterOf(first)).toMatchObject({ status: "held", hold_reason: "bouncing" });
		const second = await writeAndConfirm("LU", {
			body: "Another letter, in my own words, asking Luxembourg to fund survivors' services this year.",
		});
		expect(await letterOf(second)).toMatchObject({ status: "held", hold_reason: "bouncing" });

		await addContact("LU", "fixed@example.gov");
		await runCron(CRON_EVERY_MINUTE, next(2, 10, "Europe/Luxembourg"));
		expect((await letterOf(first))?.status).toBe("sent");
		expect((await letterOf(second))?.status).toBe("sent");
	});
});

describe("more ways a letter goes", () => {
	it("marks a letter failed when its State's address is refused for good", async () => {
		await addContact("AU", "refuses@example.gov");
		await fault("refuses@example.gov", 422, 1);
		const writer = await writeAndConfirm("AU", {
			body: "Dear Minister, <i>please</i> fund survivors' services in every region, this year.",
		});
		await runCron(CRON_EVERY_MINUTE, next(3, 11, "Australia/Sydney"));
		await waitFor(async () => (await letterOf(writer))?.status === "failed", 15_000, "letter failed");
	});

	it("escapes the writer's text in the email the State receives", async () => {
		await addContact("KR", "letters-kr@example.gov");
		await writeAndConfirm("KR", {
			body: "Dear Minister,\n\n<script>alert(1)</script> <b>Act</b> for survivors of conflict-related sexual violence.",
		});
		await runCron(CRON_EVERY_MINUTE, next(1, 10, "Asia/Seoul"));
		const mail = await waitFor(async () => (await emailsTo("letters-kr@example.gov"))[0], 15_000, "letter to Korea");
		expect(mail.html).not.toContain("<script>alert");
		expect(mail.html).toContain("&lt;script&gt;");
		expect(mail.text).toContain("<b>Act</b>");
	});

	it("lets a writer ask for updates with the same click", async () => {
		const writer = await writeAndConfirm("CD", { subscribe: true, locale: "fr" });
		const status = await env.DB.prepare(
			"SELECT s.status FROM subscriptions s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
		)
			.bind(writer)
			.first<{ status: string }>();
		expect(status?.status).toBe("active");
		await waitForEmail(writer, 2); // the welcome, with its way out
	});

	it("writes to every State a campaign names, with one confirmation", async () => {
		await env.DB.prepare(
			"INSERT INTO letter_campaigns (id, slug, status, default_locale, target_mode, target_iso2s, allow_links, max_body_chars, near_duplicate_limit, created_at, updated_at) VALUES ('lc_named', 'to-the-alliance', 'open', 'en', 'named', '[\"GB\",\"US\"]', 0, 5000, 10, 0, 0)",
		).run();
		await env.DB.prepare(
			"INSERT INTO letter_campaign_texts (campaign_id, locale, title, subject, paragraphs, sample, updated_at) SELECT 'lc_named', 'en', 'To the Alliance', 'To {state}', paragraphs, 0, 0 FROM letter_campaign_texts WHERE locale = 'en' AND campaign_id = 'lc_write-to-your-state'",
		).run();
		const res = await request("/api/v1/letters/to-the-alliance/draft?country=BR");
		const body = await res.json<Draft>();
		expect(body.letters.map((l) => l.target.iso2)).toEqual(["GB", "US"]);
		expect(body.letters.map((l) => l.subject)).toEqual(["To United Kingdom", "To United States of America"]);
		const { email, ip } = unique("named");
		await postJson("/api/v1/letters/to-the-alliance", { email, name: "Nadia", country: "BR" }, { ip });
		await confirmClick(confirmToken(await waitForEmail(email)));
		const rows = await env.DB.prepare(
			"SELECT l.status FROM letters l JOIN people p ON p.id = l.person_id WHERE p.email_canonical = ? AND l.campaign_id = 'lc_named'",
		)
			.bind(email)
			.all<{ status: string }>();
		expect(rows.results.map((r) => r.status)).toEqual(["held", "held"]);
		expect(await emailsTo(email)).toHaveLength(1);
	});
});

describe("who answered", () => {
	it("asks the writer once, two weeks later, and counts the first answer on the scoreboard", async () => {
		await addContact("UA", "lysty@example.gov");
		const writer = await writeAndConfirm("UA", { locale: "uk" });
		const sentAt = next(1, 10, "Europe/Kyiv");
		await runCron(CRON_EVERY_MINUTE, sentAt);
		expect((await letterOf(writer))?.status).toBe("sent");

		await runCron(CRON_HOURLY, sentAt + 13 * 24 * HOUR);
		await new Promise((r) => setTimeout(r, 1200));
		expect((await emailsTo(writer)).filter((m) => m.text.includes("/reply/"))).toHaveLength(0);
		await runCron(CRON_HOURLY, sentAt + 15 * 24 * HOUR);
		const question = await waitFor(
			async () => (await emailsTo(writer)).find((m) => m.text.includes("/reply/")),
			15_000,
			"reply question",
		);
		await runCron(CRON_HOURLY, sentAt + 16 * 24 * HOUR);
		await new Promise((r) => setTimeout(r, 1200));
		expect((await emailsTo(writer)).filter((m) => m.text.includes("/reply/"))).toHaveLength(1);

		const token = question.text.match(/\/reply\/([\w-]+)/)?.[1];
		const page = await request(`/reply/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('name="answer"');
		const answer = (a: string) =>
			request(`/reply/${token}`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: `answer=${a}`,
			});
		expect((await answer("yes")).status).toBe(200);
		await answer("no");
		const board = await request("/api/v1/letters/write-to-your-state/scoreboard?locale=fr");
		const { states } = await board.json<{
			states: {
				iso2: string;
				lettersSent: number;
				answers: { yes: number; no: number };
				tooFewToTell: boolean;
				repliesReported: number | null;
				commitments: unknown[];
			}[];
		}>();
		const ukraine = states.find((s) => s.iso2 === "UA");
		expect(ukraine).toMatchObject({
			lettersSent: 1,
			answers: { yes: 1, no: 0 },
			tooFewToTell: true,
			repliesReported: null,
		});
		expect(ukraine?.commitments).toHaveLength(1);
		expect(states).toHaveLength(195);

		const html = await (await request("/states?locale=es")).text();
		expect(html).toContain('lang="es"');
		expect(html).toMatch(/data-state="UA"/);
		expect(html).not.toContain("lysty@example.gov");
	});
});
