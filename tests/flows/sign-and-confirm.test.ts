import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	petition,
	postJson,
	request,
	sign,
	unique,
	waitForEmail,
} from "../helpers";

describe("sign → email → confirm → count", () => {
	it("counts a signature only once its email is confirmed, by a POST from the page", async () => {
		const { email } = unique("flow");
		const before = await petition();

		const res = await sign({ email, name: "Nadia Murad", country: "fr", locale: "fr" });
		expect(res.status).toBe(202);
		expect(await res.json()).toEqual({ status: "pending" });
		expect((await petition()).count).toBe(before.count);

		const mail = await waitForEmail(email);
		expect(mail.to).toEqual([email]);
		expect(mail.from).toBe(env.MAIL_FROM);
		expect(mail.subject).toContain("L'Appel à l'action des survivant·es");
		expect(mail.text).toContain("Bonjour Nadia Murad");
		expect(mail.html).toContain('lang="fr"');
		expect(mail.idempotencyKey).toBeTruthy();
		const token = confirmToken(mail);

		// A mail scanner fetching the link confirms nothing: GET shows a page with a form.
		const page = await request(`/confirm/${token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`<form method="post" action="/confirm/${token}">`);
		expect(html).toContain("Confirmer ma signature");
		expect((await petition()).count).toBe(before.count);

		const confirmed = await confirmClick(token);
		expect(confirmed.status).toBe(200);
		expect(await confirmed.text()).toContain("Merci, votre signature compte");

		const after = await petition();
		expect(after.count).toBe(before.count + 1);
		expect(after.countries.FR).toBe((before.countries.FR ?? 0) + 1);
	});

	it("confirms idempotently: a second POST, or two at once, count once", async () => {
		const { email } = unique("twice");
		const before = (await petition()).count;
		await sign({ email, country: "UA" });
		const token = confirmToken(await waitForEmail(email));
		const [a, b] = await Promise.all([
			confirmClick(token, { headers: { accept: "application/json" } }),
			confirmClick(token, { headers: { accept: "application/json" } }),
		]);
		expect([a.status, b.status]).toEqual([200, 200]);
		expect(await a.json()).toEqual({ status: "confirmed", petition: "call-to-action" });
		const again = await confirmClick(token);
		expect(again.status).toBe(200);
		expect((await petition()).count).toBe(before + 1);
		// After use, the link shows the thank-you page, not the form.
		expect(await (await request(`/confirm/${token}`)).text()).not.toContain("<form");
	});

	it("answers JSON to clients that ask for it", async () => {
		const { email } = unique("json");
		await sign({ email });
		const token = confirmToken(await waitForEmail(email));
		const res = await request(`/confirm/${token}`, { headers: { accept: "application/json" } });
		expect(await res.json()).toEqual({ status: "pending", petition: "call-to-action" });
	});

	it("answers a repeat signing exactly as the first, and sends a fresh link while pending", async () => {
		const { email } = unique("repeat");
		const first = await sign({ email });
		const second = await sign({ email: email.toUpperCase() });
		expect(second.status).toBe(first.status);
		expect(await second.text()).toBe(await first.text());
		await waitForEmail(email, 2);
		const mails = await emailsTo(email);
		expect(mails.every((m) => m.subject.includes("Please confirm"))).toBe(true);
		// Either link confirms the one signature.
		const before = (await petition()).count;
		await confirmClick(confirmToken(mails[1] as { text: string }));
		await confirmClick(confirmToken(mails[0] as { text: string }));
		expect((await petition()).count).toBe(before + 1);
	});

	it("sends a confirmed signer an 'already signed' email, and counts nothing twice", async () => {
		const { email } = unique("already");
		await sign({ email, locale: "es" });
		await confirmClick(confirmToken(await waitForEmail(email)));
		const count = (await petition()).count;
		const res = await sign({ email, locale: "es" });
		expect(res.status).toBe(202);
		expect(await res.json()).toEqual({ status: "pending" });
		// The confirmation link, the thank-you after confirming, then the "already signed" email.
		await waitForEmail(email, 3);
		const mails = await emailsTo(email);
		expect(mails.filter((m) => m.subject.startsWith("Gracias por firmar"))).toHaveLength(1);
		const mail = mails.find((m) => !m.subject.startsWith("Gracias por firmar") && !/\/confirm\//.test(m.text));
		if (!mail) throw new Error("no 'already signed' email");
		expect(mail.subject).toContain("El Llamado a la Acción");
		expect(mail.text).not.toMatch(/\/confirm\//);
		expect(mail.text).toContain("https://engine.test/p/call-to-action");
		expect((await petition()).count).toBe(count);
	});

	it("matches people on a canonical address: dots and +tags of Gmail are one person", async () => {
		const base = unique("canon").email.split("@")[0]?.replace(/\./g, "") ?? "x";
		const count = (await petition()).count;
		await sign({ email: `${base}@gmail.com` });
		const token = confirmToken(await waitForEmail(`${base}@gmail.com`));
		await confirmClick(token);
		await sign({ email: `${base.slice(0, 3)}.${base.slice(3)}+petition@GoogleMail.com` });
		expect((await petition()).count).toBe(count + 1);
		const rows = await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email_canonical = ?")
			.bind(`${base}@gmail.com`)
			.first<{ n: number }>();
		expect(rows?.n).toBe(1);
	});

	it("never sends one signature more than 5 emails, however often it is asked", async () => {
		const { email } = unique("cap");
		for (let i = 0; i < 8; i++) {
			const res = await sign({ email }, unique().ip);
			// The per-email limit (5 a minute) may answer 429 first; either way no more email.
			expect([202, 429]).toContain(res.status);
		}
		await waitForEmail(email, 5);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(5);
		const sig = await env.DB.prepare(
			"SELECT s.emails_sent AS n FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
		)
			.bind(email)
			.first<{ n: number }>();
		expect(sig?.n).toBe(5);
	});

	it("ignores a filled honeypot: the same 202, nothing stored, nothing sent", async () => {
		const { email } = unique("robot");
		const res = await sign({ email, website: "http://spam.example" });
		expect(res.status).toBe(202);
		expect(await res.json()).toEqual({ status: "pending" });
		const row = await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email_canonical = ?")
			.bind(email)
			.first<{ n: number }>();
		expect(row?.n).toBe(0);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(0);
	});

	it("stores no IP address, only a keyed hash", async () => {
		const { email, ip } = unique("ip");
		await sign({ email }, ip);
		await waitForEmail(email); // the signature is written after the answer
		const row = await env.DB.prepare(
			"SELECT s.ip_hash AS h FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
		)
			.bind(email)
			.first<{ h: string }>();
		expect(row?.h).toBeTruthy();
		expect(row?.h).not.toContain(ip);
		const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM signatures").all());
		expect(dump).not.toContain(ip);
	});

	it("stores only the hash of a confirmation token", async () => {
		const { email } = unique("hash");
		await sign({ email });
		const token = confirmToken(await waitForEmail(email));
		for (const table of ["tokens", "outbox", "signatures"]) {
			const dump = JSON.stringify(await env.DB.prepare(`SELECT * FROM ${table}`).all());
			expect(dump).not.toContain(token);
		}
	});
});

describe("links that do not work", () => {
	it("says clearly when a link is unknown or mangled", async () => {
		for (const token of ["not-a-real-token-at-all-000000", "x", "%3Cscript%3E"]) {
			const page = await request(`/confirm/${token}`);
			expect(page.status).toBe(404);
			expect(await page.text()).toContain("This link does not work");
			const post = await confirmClick(token, { headers: { accept: "application/json" } });
			expect(post.status).toBe(404);
			expect(await post.json()).toMatchObject({ error: { code: "invalid_token" } });
		}
	});

	it("offers a fresh email when a link has expired, and the fresh link works", async () => {
		const { email } = unique("expired");
		await sign({ email, locale: "es" });
		const token = confirmToken(await waitForEmail(email));
		await env.DB.prepare(
			"UPDATE tokens SET expires_at = ? WHERE used_at IS NULL AND subject_id IN (SELECT s.id FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?)",
		)
			.bind(Date.now() - 1, email)
			.run();
		const page = await request(`/confirm/${token}`);
		expect(page.status).toBe(410);
		const html = await page.text();
		expect(html).toContain("Este enlace ha caducado");
		expect(html).toContain(`action="/confirm/${token}/renew"`);
		const before = (await petition()).count;
		const post = await confirmClick(token, { headers: { accept: "application/json" } });
		expect(post.status).toBe(410);
		expect(await post.json()).toMatchObject({ error: { code: "token_expired" } });
		expect((await petition()).count).toBe(before);

		const renew = await request(`/confirm/${token}/renew`, {
			method: "POST",
			headers: { "cf-connecting-ip": unique().ip },
		});
		expect(renew.status).toBe(200);
		const fresh = confirmToken(await waitForEmail(email, 2));
		expect(fresh).not.toBe(token);
		await confirmClick(fresh);
		expect((await petition()).count).toBe(before + 1);
	});

	it("does not count a signature held back as fraudulent, and says nothing about it", async () => {
		const { email } = unique("fraud");
		await sign({ email });
		const token = confirmToken(await waitForEmail(email));
		await env.DB.prepare(
			"UPDATE signatures SET status = 'fraudulent' WHERE person_id = (SELECT id FROM people WHERE email_canonical = ?)",
		)
			.bind(email)
			.run();
		const before = (await petition()).count;
		const res = await confirmClick(token);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain("Thank you");
		expect((await petition()).count).toBe(before);
	});
});

describe("what people type", () => {
	it("keeps names on one line and escapes them in pages and emails", async () => {
		const { email } = unique("odd");
		// (<, > and @ are refused in names: see tests/flows/integrity-names.test.ts.)
		const name = '"Amani" & Co\r\nBcc: victim.example.org';
		expect((await sign({ email, name })).status).toBe(202);
		const mail = await waitForEmail(email);
		expect(mail.html).not.toContain('"Amani" & Co');
		expect(mail.html).toContain("&amp; Co");
		expect(mail.to).toEqual([email]);
		expect(JSON.stringify(mail.headers)).not.toContain("victim");
		expect(mail.subject).not.toMatch(/[\r\n]/);
	});

	it("takes names in any script", async () => {
		for (const name of ["نادية مراد", "Олена Коваленко", "Zoë Ñúñez-Ørsted", "👩🏽‍⚕️ Amani"]) {
			const { email } = unique("intl");
			expect((await sign({ email, name, locale: "ar" })).status).toBe(202);
			const mail = await waitForEmail(email);
			expect(mail.html).toContain('dir="rtl"');
			expect(mail.text).toContain(name);
		}
	});

	it("answers a signing to an unknown petition with 404", async () => {
		const res = await postJson(
			"/api/v1/petitions/no-such-petition/signatures",
			{ email: unique().email, name: "A", country: "FR" },
			{ ip: unique().ip },
		);
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: { code: "petition_not_found" } });
	});
});
