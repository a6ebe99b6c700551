// What a campaigner ran into in their first hour with the console (issue 11): a send confirmed
// first, schedules in their time zone, drafts that can be deleted, {{name}} alike everywhere,
// languages not dropped silently, and letters that cannot go saying why.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localToUtc } from "../../worker/lib/time-zones";
import {
	bulletinVersion,
	campaigner,
	csrfOf,
	getPage,
	listWithSubscribers,
	OPERATOR,
	postForm,
	request,
	signIn,
} from "../console-helpers";
import { emailsTo, unique, waitForEmail } from "../helpers";

async function editorSession(name: string | null = "A editor") {
	const email = await campaigner("editor", "editor", name);
	const cookie = await signIn(email);
	return { email, cookie, csrf: await csrfOf(cookie, "/console/bulletins/new") };
}

/** Writes a bulletin through the console; returns its id. */
async function compose(cookie: string, csrf: string, listId: string, fields: Record<string, string>) {
	const res = await postForm("/console/bulletins", cookie, { _csrf: csrf, listId, defaultLocale: "en", ...fields });
	expect(res.status).toBe(303);
	return res.headers.get("location")?.match(/bulletins\/([0-9a-f-]{36})/)?.[1] ?? "";
}

const statusOf = async (id: string) =>
	(await env.DB.prepare("SELECT status, send_at, send_zone FROM bulletins WHERE id = ?")
		.bind(id)
		.first<{ status: string; send_at: number | null; send_zone: string | null }>()) ?? undefined;

describe("sending a bulletin", () => {
	it("asks first: the audience per language, the version and subject each gets; only that form sends", async () => {
		const { cookie, csrf } = await editorSession();
		const readers: [string, string, string | null][] = [
			[unique("en1").email, "en", "Ann"],
			[unique("en2").email, "en", null],
			[unique("fr").email, "fr", "Aline"],
			[unique("ar").email, "ar", "Amal"],
		];
		const listId = await listWithSubscribers(readers);
		const id = await compose(cookie, csrf, listId, {
			subject_en: "News in English",
			body_en: "Hello everyone.",
			subject_fr: "Nouvelles en français",
			body_fr: "Bonjour à toutes et tous.",
		});

		// The bulletin page has no form that sends: its buttons lead to the confirmation step.
		const draft = await getPage(`/console/bulletins/${id}`, cookie);
		expect(draft.html).not.toContain(`action="/console/bulletins/${id}/send"`);
		expect(draft.html).toMatch(new RegExp(`<form method="get" action="/console/bulletins/${id}/confirm"`));

		const confirm = await getPage(`/console/bulletins/${id}/confirm?when=now`, cookie);
		expect(confirm.status).toBe(200);
		expect(confirm.html).toContain("Send it now?");
		expect(confirm.html).toContain('data-figure="confirm-total">4<');
		const row = (locale: string) =>
			confirm.html.match(new RegExp(`<tr data-locale="${locale}">([\\s\\S]*?)</tr>`))?.[1];
		expect(row("en")).toMatch(/English<\/td><td data-label="Recipients">2<\/td><td data-label="Version">English</);
		expect(row("en")).toContain("News in English");
		expect(row("fr")).toMatch(/>1<\/td><td data-label="Version">French<\/td>/);
		expect(row("fr")).toContain("Nouvelles en français");
		expect(row("ar")).toContain("English (fallback: no Arabic version)");
		expect(row("ar")).toContain("News in English");
		expect(confirm.html).toContain(`action="/console/bulletins/${id}/send"`);
		expect(confirm.html).toContain("Send now to 4 subscribers");

		// A send posted without the confirmation step's fields shows that step, and sends nothing.
		const unconfirmed = await postForm(`/console/bulletins/${id}/send`, cookie, { _csrf: csrf, when: "now" });
		expect(unconfirmed.status).toBe(200);
		expect(await unconfirmed.text()).toContain("Send it now?");
		expect((await statusOf(id))?.status).toBe("draft");

		// A confirmation of an older version (edited since) is refused and shown again.
		const stale = await postForm(`/console/bulletins/${id}/send`, cookie, {
			_csrf: csrf,
			when: "now",
			confirmed: "1",
			version: "1",
		});
		expect(stale.status).toBe(409);
		expect(await stale.text()).toContain("The bulletin changed since this page was shown");
		expect((await statusOf(id))?.status).toBe("draft");

		const sent = await postForm(`/console/bulletins/${id}/send`, cookie, {
			_csrf: csrf,
			when: "now",
			confirmed: "1",
			version: await bulletinVersion(id),
		});
		expect(sent.status).toBe(303);
		const subjects = await Promise.all(readers.map(async ([address]) => (await waitForEmail(address)).subject));
		expect(subjects).toEqual(["News in English", "News in English", "Nouvelles en français", "News in English"]);
	});

	it("schedules in a chosen time zone, shows both times, refuses DST gaps and unknown zones, remembers the zone", async () => {
		const { email, cookie, csrf } = await editorSession();
		const listId = await listWithSubscribers([[unique("tz").email, "en", null]]);
		const id = await compose(cookie, csrf, listId, { subject_en: "Later news", body_en: "Soon." });

		// A new campaigner's form starts in UTC.
		expect((await getPage(`/console/bulletins/${id}`, cookie)).html).toContain('<option value="UTC" selected="">UTC');

		const gap = await getPage(
			`/console/bulletins/${id}/confirm?when=later&sendAt=2027-03-28T02:30&zone=Europe%2FParis`,
			cookie,
		);
		expect(gap.status).toBe(422);
		expect(gap.html).toContain("2027-03-28 02:30 does not exist in Europe/Paris: the clocks skip it");
		expect(gap.html).toMatch(/aria-describedby="sendAt-error"[^>]*aria-invalid="true"|id="sendAt-error"/);
		expect(gap.html).toContain('value="2027-03-28T02:30"');

		const unknown = await getPage(
			`/console/bulletins/${id}/confirm?when=later&sendAt=2027-07-01T10:00&zone=Mars%2FOlympus`,
			cookie,
		);
		expect(unknown.status).toBe(422);
		expect(unknown.html).toContain("Choose a time zone from the list.");

		const past = await getPage(`/console/bulletins/${id}/confirm?when=later&sendAt=2020-01-01T10:00&zone=UTC`, cookie);
		expect(past.status).toBe(422);
		expect(past.html).toContain("That time has passed");

		const confirm = await getPage(
			`/console/bulletins/${id}/confirm?when=later&sendAt=2027-07-01T10:00&zone=Europe%2FParis`,
			cookie,
		);
		expect(confirm.status).toBe(200);
		expect(confirm.html).toContain("2027-07-01 10:00 Europe/Paris (UTC+02:00)");
		expect(confirm.html).toContain("2027-07-01 08:00 UTC");
		expect((await statusOf(id))?.status).toBe("draft");

		const scheduled = await postForm(`/console/bulletins/${id}/send`, cookie, {
			_csrf: csrf,
			when: "later",
			sendAt: "2027-07-01T10:00",
			zone: "Europe/Paris",
			confirmed: "1",
			version: await bulletinVersion(id),
		});
		expect(scheduled.status).toBe(303);
		expect(await statusOf(id)).toEqual({
			status: "scheduled",
			send_at: Date.UTC(2027, 6, 1, 8, 0),
			send_zone: "Europe/Paris",
		});
		const page = (await getPage(`/console/bulletins/${id}`, cookie)).html;
		expect(page).toMatch(
			/data-scheduled[\s\S]*2027-07-01 10:00 Europe\/Paris \(UTC\+02:00\)[\s\S]*2027-07-01 08:00 UTC/,
		);

		// The zone is remembered for the campaigner's next schedule.
		const zone = await env.DB.prepare("SELECT time_zone FROM campaigners WHERE email = ?")
			.bind(email.toLowerCase())
			.first<{ time_zone: string }>();
		expect(zone?.time_zone).toBe("Europe/Paris");
		const other = await compose(cookie, csrf, listId, { subject_en: "Another", body_en: "Again." });
		expect((await getPage(`/console/bulletins/${other}`, cookie)).html).toContain(
			'<option value="Europe/Paris" selected="">Europe/Paris',
		);

		// A time that happens twice (clocks going back) is the first one, and said so.
		const twice = await getPage(
			`/console/bulletins/${other}/confirm?when=later&sendAt=2027-10-31T02:30&zone=Europe%2FParis`,
			cookie,
		);
		expect(twice.status).toBe(200);
		expect(twice.html).toContain("2027-10-31 00:30 UTC");
		expect(twice.html).toContain("happens twice in Europe/Paris");
	});

	it("reads wall-clock times in a zone with Intl: gaps refused, overlaps the first, offsets right", () => {
		expect(localToUtc("2027-03-14T02:30", "America/New_York")).toEqual({ ok: false, reason: "gap" });
		expect(localToUtc("2027-03-14T03:30", "America/New_York")).toEqual({
			ok: true,
			at: Date.UTC(2027, 2, 14, 7, 30),
			ambiguous: false,
		});
		expect(localToUtc("2027-11-07T01:30", "America/New_York")).toEqual({
			ok: true,
			at: Date.UTC(2027, 10, 7, 5, 30),
			ambiguous: true,
		});
		expect(localToUtc("2027-06-01T12:00", "Asia/Kolkata")).toMatchObject({ at: Date.UTC(2027, 5, 1, 6, 30) });
		expect(localToUtc("2027-02-30T12:00", "UTC")).toEqual({ ok: false, reason: "malformed" });
	});
});

describe("deleting a draft", () => {
	it("asks first in the console, deletes only drafts (unschedule first), and audits it", async () => {
		const { cookie, csrf } = await editorSession();
		const listId = await listWithSubscribers([[unique("del").email, "en", null]]);
		const id = await compose(cookie, csrf, listId, { subject_en: "To delete", body_en: "Gone soon." });

		expect((await getPage(`/console/bulletins/${id}`, cookie)).html).toContain(
			`href="/console/bulletins/${id}/delete"`,
		);
		const ask = await getPage(`/console/bulletins/${id}/delete`, cookie);
		expect(ask.status).toBe(200);
		expect(ask.html).toContain("Delete this draft?");
		expect(ask.html).toContain("English: “To delete”");
		expect(ask.html).toContain(`action="/console/bulletins/${id}/delete"`);
		expect((await statusOf(id))?.status).toBe("draft");

		// Scheduled: refused until unscheduled.
		const later = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
		expect(
			(
				await postForm(`/console/bulletins/${id}/send`, cookie, {
					_csrf: csrf,
					when: "later",
					sendAt: later,
					zone: "UTC",
					confirmed: "1",
					version: await bulletinVersion(id),
				})
			).status,
		).toBe(303);
		expect((await getPage(`/console/bulletins/${id}/delete`, cookie)).status).toBe(409);
		const refused = await postForm(`/console/bulletins/${id}/delete`, cookie, { _csrf: csrf });
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain("unschedule it first");
		expect((await statusOf(id))?.status).toBe("scheduled");

		expect((await postForm(`/console/bulletins/${id}/unschedule`, cookie, { _csrf: csrf })).status).toBe(303);
		expect(await statusOf(id)).toEqual({ status: "draft", send_at: null, send_zone: null });

		const deleted = await postForm(`/console/bulletins/${id}/delete`, cookie, { _csrf: csrf });
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get("location")).toBe("/console/bulletins?notice=deleted");
		expect(await statusOf(id)).toBeUndefined();
		const texts = await env.DB.prepare("SELECT count(*) AS n FROM bulletin_texts WHERE bulletin_id = ?")
			.bind(id)
			.first<{ n: number }>();
		expect(texts?.n).toBe(0);
		expect((await getPage(`/console/bulletins/${id}`, cookie)).status).toBe(404);
		const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE subject = ? ORDER BY created_at")
			.bind(id)
			.all<{ action: string }>();
		expect(audit.results.map((r) => r.action)).toEqual(
			expect.arrayContaining(["bulletin.schedule", "bulletin.unschedule", "bulletin.delete"]),
		);
	});

	it("deletes a draft through the admin API (204), and refuses a bulletin that is not one (409)", async () => {
		const tokenRes = await request("/api/v1/operator/api-tokens", {
			method: "POST",
			headers: OPERATOR,
			body: JSON.stringify({ name: "first-hour", scopes: ["bulletins"] }),
		});
		expect(tokenRes.status).toBe(201);
		const { token } = await tokenRes.json<{ token: string }>();
		const api = (method: string, path: string, body?: unknown) =>
			request(`/api/v1/admin/bulletins${path}`, {
				method,
				headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		const listId = await listWithSubscribers([[unique("api").email, "en", null]]);
		const make = async () => {
			const res = await api("POST", "", {
				listId,
				defaultLocale: "en",
				texts: [{ locale: "en", subject: "API draft", bodyMarkdown: "Body." }],
			});
			expect(res.status).toBe(201);
			return (await res.json<{ bulletin: { id: string } }>()).bulletin.id;
		};
		const draft = await make();
		expect((await api("DELETE", `/${draft}`)).status).toBe(204);
		expect((await api("GET", `/${draft}`)).status).toBe(404);
		expect((await api("DELETE", `/${draft}`)).status).toBe(404);

		const scheduled = await make();
		expect((await api("POST", `/${scheduled}/send`, { sendAt: Date.now() + 86_400_000 })).status).toBe(202);
		const refused = await api("DELETE", `/${scheduled}`);
		expect(refused.status).toBe(409);
		expect(await refused.json()).toMatchObject({ error: { code: "bulletin_not_draft" } });

		const sending = await make();
		expect((await api("POST", `/${sending}/send`, {})).status).toBe(202);
		expect((await api("DELETE", `/${sending}`)).status).toBe(409);
		expect((await api("GET", `/${sending}`)).status).toBe(200);
	});
});

describe("{{name}} in bulletins", () => {
	it("greets and fills alike in the preview, the test email and the send, escaped, with fallbacks", async () => {
		const { email, cookie, csrf } = await editorSession("Ada & <Co>");
		const named = unique("named").email;
		const nameless = unique("nameless").email;
		const listId = await listWithSubscribers([
			[named, "en", "Zoë <i>"],
			[nameless, "en", null],
		]);
		const id = await compose(cookie, csrf, listId, {
			subject_en: "News for {{name}}",
			preheader_en: "Hi {{ name | you }}",
			body_en: "Dear {{name|reader}}, **thank you**.\n\n## For {{name}}",
		});

		const preview = (await getPage(`/console/bulletins/${id}/preview/en`, cookie)).html;
		expect(preview).toContain("Hello Ada &amp; &lt;Co&gt;,");
		expect(preview).toContain("Dear Ada &amp; &lt;Co&gt;, <strong>thank you</strong>.");
		expect(preview).not.toContain("{{name");
		const anonymous = (await getPage(`/console/bulletins/${id}/preview/en?as=no-name`, cookie)).html;
		expect(anonymous).toContain("Hello,");
		expect(anonymous).toContain("Dear reader, <strong>thank you</strong>.");
		expect(anonymous).toContain("For friend");

		expect((await postForm(`/console/bulletins/${id}/test`, cookie, { _csrf: csrf, locale: "en" })).status).toBe(303);
		const test = await waitForEmail(email.toLowerCase(), 2);
		expect(test.subject).toBe("[TEST] News for Ada & <Co>");
		expect(test.html).toContain("Hello Ada &amp; &lt;Co&gt;,");
		expect(test.html).toContain("Dear Ada &amp; &lt;Co&gt;, <strong>thank you</strong>.");
		expect(test.html).toContain("Hi Ada &amp; &lt;Co&gt;");

		expect(
			(
				await postForm(`/console/bulletins/${id}/send`, cookie, {
					_csrf: csrf,
					when: "now",
					confirmed: "1",
					version: await bulletinVersion(id),
				})
			).status,
		).toBe(303);
		const toNamed = await waitForEmail(named);
		expect(toNamed.subject).toBe("News for Zoë <i>");
		expect(toNamed.html).toContain("Dear Zoë &lt;i&gt;, <strong>thank you</strong>.");
		expect(toNamed.html).not.toContain("<i>");
		expect(toNamed.html).toContain("Hi Zoë &lt;i&gt;");
		expect(toNamed.text).toContain("Dear Zoë <i>, thank you.");
		expect(toNamed.text).not.toMatch(/RLNAME/i);
		const toNameless = await waitForEmail(nameless);
		expect(toNameless.subject).toBe("News for friend");
		expect(toNameless.html).toContain("Dear reader, <strong>thank you</strong>.");
		expect(toNameless.html).toContain("Hi you");
		expect(await emailsTo(named)).toHaveLength(1);
	});
});

describe("clearing a language in an editor", () => {
	it("asks first, listing the petition's texts that would go; cancel keeps the input, confirm removes it", async () => {
		const { cookie, csrf } = await editorSession();
		const slug = `first-hour-${Date.now().toString(36)}`;
		const fields = {
			_csrf: csrf,
			slug,
			goal: "100",
			status: "open",
			defaultLocale: "en",
			title_en: "End it",
			summary_en: "An English summary.",
			demands_en: "# justice: Justice\nPunish the perpetrators",
			title_fr: "Y mettre fin",
			summary_fr: "Un résumé en français.",
			demands_fr: "# justice: Justice\nPunir les auteurs\nRéparer les torts",
		};
		expect((await postForm("/console/petitions", cookie, fields)).status).toBe(303);
		const frCount = async () =>
			(
				await env.DB.prepare(
					"SELECT count(*) AS n FROM petition_texts t JOIN petitions p ON p.id = t.petition_id WHERE p.slug = ? AND t.locale = 'fr'",
				)
					.bind(slug)
					.first<{ n: number }>()
			)?.n;
		expect(await frCount()).toBe(1);

		const cleared = { ...fields, title_fr: "" };
		const ask = await postForm(`/console/petitions/${slug}`, cookie, cleared);
		expect(ask.status).toBe(200);
		const html = await ask.text();
		expect(html).toContain("Delete the French version?");
		expect(html).toContain("You cleared the title in French");
		expect(html).toContain("Y mettre fin");
		expect(html).toContain("Un résumé en français.");
		expect(html).toContain("Demands (2)");
		expect(html).toContain("Justice: Punir les auteurs");
		expect(html).toContain('name="_drop" value="confirm"');
		expect(html).toContain('name="_drop" value="cancel"');
		expect(await frCount()).toBe(1);

		const cancel = await postForm(`/console/petitions/${slug}`, cookie, { ...cleared, _drop: "cancel" });
		expect(cancel.status).toBe(200);
		const form = await cancel.text();
		expect(form).toContain("Nothing was saved");
		expect(form).toMatch(/<input id="title_fr" name="title_fr" type="text" value=""/);
		expect(form).toContain("Un résumé en français.");
		expect(await frCount()).toBe(1);

		const confirm = await postForm(`/console/petitions/${slug}`, cookie, { ...cleared, _drop: "confirm" });
		expect(confirm.status).toBe(303);
		expect(await frCount()).toBe(0);
	});

	it("asks first for a list and a letter campaign too", async () => {
		const { cookie, csrf } = await editorSession();
		const listSlug = `fh-list-${Date.now().toString(36)}`;
		const list = {
			_csrf: csrf,
			slug: listSlug,
			status: "open",
			defaultLocale: "en",
			name_en: "Updates",
			description_en: "News.",
			consent_en: "I agree.",
			name_es: "Noticias",
			description_es: "Novedades.",
			consent_es: "Acepto recibir noticias.",
		};
		expect((await postForm("/console/lists", cookie, list)).status).toBe(303);
		const askList = await postForm(`/console/lists/${listSlug}`, cookie, { ...list, name_es: "" });
		expect(askList.status).toBe(200);
		const listHtml = await askList.text();
		expect(listHtml).toContain("Delete the Spanish version?");
		expect(listHtml).toContain("Acepto recibir noticias.");

		const lcSlug = `fh-letter-${Date.now().toString(36)}`;
		const lc = {
			_csrf: csrf,
			slug: lcSlug,
			status: "open",
			defaultLocale: "en",
			targetMode: "own-state",
			maxBodyChars: "5000",
			nearDuplicateLimit: "10",
			title_en: "Write to your State",
			subject_en: "Act now",
			paragraphs_en: "Dear {state},\n\nPlease act.",
			title_uk: "Напишіть своїй державі",
			subject_uk: "Дійте зараз",
			paragraphs_uk: "Шановні {state},\n\nБудь ласка, дійте.",
		};
		expect((await postForm("/console/letter-campaigns", cookie, lc)).status).toBe(303);
		const askLc = await postForm(`/console/letter-campaigns/${lcSlug}`, cookie, { ...lc, title_uk: "" });
		expect(askLc.status).toBe(200);
		const lcHtml = await askLc.text();
		expect(lcHtml).toContain("Delete the Ukrainian version?");
		expect(lcHtml).toContain("Letter (2 paragraphs)");
		expect(lcHtml).toContain("Будь ласка, дійте.");
	});
});

describe("letters held for a State's address", () => {
	it("say why they cannot go, offer the States editor instead of a release, and refuse a release", async () => {
		const { cookie, csrf } = await editorSession();
		const writer = `ppl_${Date.now().toString(36)}`;
		const ids = { noContact: `held_nc_${writer}`, duplicate: `held_dup_${writer}` };
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO people (id, email, email_canonical, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
			).bind(writer, `${writer}@example.org`, `${writer}@example.org`),
			...(
				[
					[ids.noContact, "tgt_JP", "no-contact"],
					[ids.duplicate, "tgt_FR", "near-duplicate"],
				] as const
			).map(([id, target, reason]) =>
				env.DB.prepare(
					"INSERT INTO letters (id, campaign_id, person_id, target_id, status, hold_reason, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at) VALUES (?, 'lc_write-to-your-state', ?, ?, 'held', ?, 'Amani', 'FR', 'en', 'Subject', 'Body', '0000000000000000', 0, 0)",
				).bind(id, writer, target, reason),
			),
		]);
		const review = (await getPage("/console/review", cookie)).html;
		const block = (id: string) =>
			review.match(new RegExp(`<details data-letter="${id}">([\\s\\S]*?)</details>`))?.[1] ?? "";
		const noContact = block(ids.noContact);
		expect(noContact).toContain("Japan: Subject (waiting for the State&#39;s address)");
		expect(noContact).toContain("there is no email address for Japan in the States directory");
		expect(noContact).toContain('href="/console/states/JP"');
		expect(noContact).not.toContain("/console/review/letters/release");
		expect(noContact).toContain("/console/review/letters/reject");
		expect(review).not.toContain("(no-contact)");

		const duplicate = block(ids.duplicate);
		expect(duplicate).toContain("(near-identical to many other letters)");
		expect(duplicate).toContain("/console/review/letters/release");

		const refused = await postForm("/console/review/letters/release", cookie, { _csrf: csrf, id: ids.noContact });
		expect(refused.status).toBe(409);
		expect(await refused.text()).toContain("its State has no email address yet");
		const status = await env.DB.prepare("SELECT status FROM letters WHERE id = ?")
			.bind(ids.noContact)
			.first<{ status: string }>();
		expect(status?.status).toBe("held");
		const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE subject = ?")
			.bind(ids.noContact)
			.first<{ n: number }>();
		expect(audited?.n).toBe(0);

		const states = await getPage("/console/states/JP", cookie);
		expect(states.status).toBe(200);
	});
});
