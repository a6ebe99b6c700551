// Issue 10, item 1: what a link confirms is what its owner wrote. Anyone may post again with an
// address before its owner clicks; that repeat must never change what the owner's own link
// confirms, and is a request of its own, with its own link.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	type CaughtEmail,
	confirmClick,
	confirmToken,
	emailsTo,
	petition,
	postJson,
	request,
	sign,
	subscriptionStatus,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

const OWNER = "Amani Kabila";
const STRANGER = "Mallory Stranger";

/** The email among those to `address` that greets `name` (each link's email greets its own request's name). */
async function mailGreeting(address: string, name: string, n: number): Promise<CaughtEmail> {
	await waitForEmail(address, n);
	const found = (await emailsTo(address)).filter((m) => m.text.includes(`Hello ${name}`));
	expect(found).toHaveLength(1);
	return found[0] as CaughtEmail;
}

async function confirm(mail: CaughtEmail) {
	const res = await confirmClick(confirmToken(mail), { headers: { accept: "application/json" } });
	expect(res.status).toBe(200);
	return res.json<{ status: string }>();
}

async function signatureOf(email: string) {
	return waitFor(
		() =>
			env.DB.prepare(
				"SELECT s.status, s.name, s.country, s.show_name AS showName, s.emails_sent AS emailsSent, p.name AS personName, p.country AS personCountry FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
			)
				.bind(email)
				.first<{
					status: string;
					name: string;
					country: string;
					showName: number;
					emailsSent: number;
					personName: string | null;
					personCountry: string | null;
				}>(),
		15_000,
		`signature of ${email}`,
	);
}

describe("a signature's link confirms its own request", () => {
	it("a stranger's repeat changes nothing; the owner's link confirms the owner's name, country and visibility", async () => {
		const { email } = unique("sig-owner-first");
		const before = await petition();
		expect((await sign({ email, name: OWNER, country: "CD", showName: false })).status).toBe(202);
		await waitForEmail(email);
		const stranger = await sign({ email, name: STRANGER, country: "FR", showName: true });
		// The same answer as any signing: nothing to learn about the address.
		expect(stranger.status).toBe(202);
		expect(await stranger.json()).toEqual({ status: "pending" });

		// Its own email, with its own link.
		const theirs = await mailGreeting(email, STRANGER, 2);
		const mine = await mailGreeting(email, OWNER, 2);
		expect(confirmToken(theirs)).not.toBe(confirmToken(mine));
		// Each link's page shows what it confirms: the owner can tell a stranger's request apart.
		const minePage = await (await request(`/confirm/${confirmToken(mine)}`)).text();
		expect(minePage).toContain(`<dd dir="auto">${OWNER}</dd>`);
		expect(minePage).toContain("Your name will not be shown publicly.");
		const theirPage = await (await request(`/confirm/${confirmToken(theirs)}`)).text();
		expect(theirPage).toContain(`<dd dir="auto">${STRANGER}</dd>`);
		expect(theirPage).toContain("<dd>France</dd>");
		expect(theirPage).toContain("Your name will be shown publicly.");

		// Nothing the owner wrote was changed by the repeat, and the person is untouched.
		expect(await signatureOf(email)).toMatchObject({
			status: "pending",
			name: OWNER,
			country: "CD",
			showName: 0,
			personName: OWNER,
			personCountry: "CD",
		});

		expect(await confirm(mine)).toEqual({ status: "confirmed", petition: "call-to-action" });
		expect(await signatureOf(email)).toMatchObject({
			status: "confirmed",
			name: OWNER,
			country: "CD",
			showName: 0,
			personName: OWNER,
			personCountry: "CD",
		});
		const after = await petition();
		expect(after.count).toBe(before.count + 1);
		expect(after.countries.CD).toBe((before.countries.CD ?? 0) + 1);
		expect(after.countries.FR ?? 0).toBe(before.countries.FR ?? 0);

		// The stranger's link now has nothing left to confirm: one signature per person.
		expect(await confirm(theirs)).toEqual({ status: "confirmed", petition: "call-to-action" });
		expect(await signatureOf(email)).toMatchObject({ name: OWNER, country: "CD", showName: 0 });
		expect((await petition()).count).toBe(before.count + 1);
	});

	it("a stranger who signs first cannot make the owner's later link confirm the stranger's details", async () => {
		const { email } = unique("sig-stranger-first");
		expect((await sign({ email, name: STRANGER, country: "FR", showName: true })).status).toBe(202);
		await waitForEmail(email);
		expect((await sign({ email, name: OWNER, country: "UA", showName: false })).status).toBe(202);
		const mine = await mailGreeting(email, OWNER, 2);
		await confirm(mine);
		expect(await signatureOf(email)).toMatchObject({
			status: "confirmed",
			name: OWNER,
			country: "UA",
			showName: 0,
			personName: OWNER,
			personCountry: "UA",
		});
	});

	it("a stranger's 'send me updates' does not ride on the owner's click", async () => {
		const { email } = unique("sig-updates");
		await sign({ email, name: OWNER, country: "CD", subscribe: false });
		await waitForEmail(email);
		await sign({ email, name: STRANGER, country: "CD", subscribe: true });
		const mine = await mailGreeting(email, OWNER, 2);
		await confirm(mine);
		expect(await subscriptionStatus(email)).not.toBe("active");
	});

	it("the owner's own 'send me updates' rides on the owner's click, even on a repeat", async () => {
		const { email } = unique("sig-updates-own");
		await sign({ email, name: STRANGER, country: "CD", subscribe: false });
		await waitForEmail(email);
		await sign({ email, name: OWNER, country: "CD", subscribe: true });
		const mine = await mailGreeting(email, OWNER, 2);
		await confirm(mine);
		expect(await subscriptionStatus(email)).toBe("active");
	});

	it("a fresh link for an expired one confirms the same request", async () => {
		const { email } = unique("sig-renew");
		await sign({ email, name: OWNER, country: "CD" });
		await waitForEmail(email);
		await sign({ email, name: STRANGER, country: "FR", showName: true });
		const mine = await mailGreeting(email, OWNER, 2);
		await env.DB.prepare(
			"UPDATE tokens SET expires_at = ? WHERE subject_id IN (SELECT s.id FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?)",
		)
			.bind(Date.now() - 1, email)
			.run();
		const renew = await request(`/confirm/${confirmToken(mine)}/renew`, {
			method: "POST",
			headers: { accept: "application/json", "cf-connecting-ip": unique().ip },
		});
		expect(renew.status).toBe(202);
		await waitForEmail(email, 3);
		const fresh = (await emailsTo(email)).filter((m) => m.text.includes(`Hello ${OWNER}`));
		expect(fresh).toHaveLength(2);
		await confirm(fresh[0] as CaughtEmail);
		expect(await signatureOf(email)).toMatchObject({ status: "confirmed", name: OWNER, country: "CD", showName: 0 });
	});
});

const CAMPAIGN = "/api/v1/letters/write-to-your-state";

async function writeLetter(body: Record<string, unknown>) {
	return postJson(CAMPAIGN, body, { ip: unique().ip });
}

async function lettersOf(email: string) {
	const { results } = await env.DB.prepare(
		"SELECT t.iso2, l.status, l.writer_name AS writerName, l.writer_country AS writerCountry, l.body, l.subject FROM letters l JOIN targets t ON t.id = l.target_id JOIN people p ON p.id = l.person_id WHERE p.email_canonical = ? ORDER BY t.iso2",
	)
		.bind(email)
		.all<{ iso2: string; status: string; writerName: string; writerCountry: string; body: string; subject: string }>();
	return results;
}

const OWN_TEXT = "Dear Minister, I ask France to act for survivors of conflict-related sexual violence, now.";
const THEIR_TEXT = "Dear Minister, this text was written by somebody else entirely, not the owner of the address.";

describe("a letter's link confirms its own request", () => {
	it("same State: a stranger's other text changes nothing, and the owner's link sends the owner's text", async () => {
		const { email } = unique("letter-same");
		expect((await writeLetter({ email, name: OWNER, country: "FR", body: OWN_TEXT })).status).toBe(202);
		await waitForEmail(email);
		const stranger = await writeLetter({ email, name: STRANGER, country: "FR", body: THEIR_TEXT });
		expect(stranger.status).toBe(202);
		expect(await stranger.json()).toEqual({ status: "pending" });
		const theirs = await mailGreeting(email, STRANGER, 2);
		const mine = await mailGreeting(email, OWNER, 2);
		expect(await (await request(`/confirm/${confirmToken(theirs)}`)).text()).toContain(
			`<dd dir="auto">${STRANGER}</dd>`,
		);
		expect(await lettersOf(email)).toMatchObject([
			{ iso2: "FR", status: "pending", writerName: OWNER, writerCountry: "FR", body: OWN_TEXT },
		]);

		await confirm(mine);
		const [letter] = await lettersOf(email);
		expect(letter).toMatchObject({ iso2: "FR", writerName: OWNER, body: OWN_TEXT });
		expect(letter?.status).not.toBe("pending");

		// The stranger's link has nothing left to confirm, and changes nothing.
		await confirm(theirs);
		expect(await lettersOf(email)).toMatchObject([{ iso2: "FR", writerName: OWNER, body: OWN_TEXT }]);
	});

	it("other State: the owner's link confirms the owner's letter only, not one to a State the owner never chose", async () => {
		const { email } = unique("letter-other");
		await writeLetter({ email, name: OWNER, country: "FR", body: OWN_TEXT });
		await waitForEmail(email);
		await writeLetter({ email, name: STRANGER, country: "DE", body: THEIR_TEXT });
		const mine = await mailGreeting(email, OWNER, 2);
		await confirm(mine);
		const letters = await lettersOf(email);
		expect(letters.map((l) => [l.iso2, l.status === "pending" ? "pending" : "confirmed"])).toEqual([
			["DE", "pending"],
			["FR", "confirmed"],
		]);
		expect(letters.find((l) => l.iso2 === "FR")).toMatchObject({ writerName: OWNER, body: OWN_TEXT });
		const person = await env.DB.prepare("SELECT name, country FROM people WHERE email_canonical = ?")
			.bind(email)
			.first<{ name: string; country: string }>();
		expect(person).toEqual({ name: OWNER, country: "FR" });
	});

	it("a letter already written is answered like an already signed petition: one email, the same 202, capped", async () => {
		const { email } = unique("letter-written");
		await writeLetter({ email, name: OWNER, country: "FR", body: OWN_TEXT });
		await confirm(await waitForEmail(email));
		const again = await writeLetter({ email, name: STRANGER, country: "FR", body: THEIR_TEXT });
		expect(again.status).toBe(202);
		expect(await again.json()).toEqual({ status: "pending" });
		const mail = await waitForEmail(email, 2);
		expect(mail.subject).toBe("You have already written to France");
		expect(mail.text).not.toMatch(/\/confirm\//);
		expect(mail.text).toContain("https://engine.test/states");
		expect(await lettersOf(email)).toMatchObject([{ iso2: "FR", writerName: OWNER, body: OWN_TEXT }]);
		// However often it is asked, the letter causes at most 5 emails.
		await env.DB.prepare(
			"UPDATE letters SET emails_sent = 5 WHERE person_id = (SELECT id FROM people WHERE email_canonical = ?)",
		)
			.bind(email)
			.run();
		expect((await writeLetter({ email, name: OWNER, country: "FR" })).status).toBe(202);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(2);
	});
});

describe("the 'already written' email", () => {
	it("exists in every language, with the State's name and no confirmation link", async () => {
		const { renderEmail, emailLocales } = await import("../../emails/index");
		const subjects = new Set<string>();
		for (const locale of emailLocales) {
			const mail = await renderEmail("already-written", {
				locale,
				name: OWNER,
				stateName: "France",
				statesUrl: "https://engine.test/states",
			});
			expect(mail.subject).toContain("France");
			expect(`${mail.subject}${mail.text}`).not.toMatch(/[{}]/);
			expect(mail.text).toContain(OWNER);
			expect(mail.html).toContain(locale === "ar" ? 'dir="rtl"' : `lang="${locale}"`);
			subjects.add(mail.subject);
		}
		expect(subjects.size).toBe(emailLocales.length);
	});
});
