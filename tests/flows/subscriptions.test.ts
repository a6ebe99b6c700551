import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CRON_HOURLY } from "../../worker/jobs/cron";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	ledgerOf,
	outboxRowsTo,
	petition,
	postJson,
	request,
	runCron,
	sign,
	subscribeTo,
	subscriptionStatus,
	unique,
	unsubscribeToken,
	waitFor,
	waitForEmail,
} from "../helpers";

const DAY = 86_400_000;

async function subscribeAndConfirm(email: string, extra: Record<string, unknown> = {}) {
	expect((await subscribeTo({ email, ...extra })).status).toBe(202);
	const token = confirmToken(await waitForEmail(email));
	expect((await confirmClick(token)).status).toBe(200);
	return waitForEmail(email, 2);
}

describe("subscribing by double opt-in", () => {
	it("answers the same for a known and an unknown address, and sends only a confirmation", async () => {
		const { email } = unique("sub");
		const first = await subscribeTo({ email, name: "Olena", country: "UA", locale: "uk", source: "join-page" });
		expect(first.status).toBe(202);
		expect(await first.json()).toEqual({ status: "pending" });
		const mail = await waitForEmail(email);
		expect(mail.subject).not.toMatch(/[\r\n]/);
		expect(mail.html).toContain('lang="uk"');
		expect(await subscriptionStatus(email)).toBe("pending");

		// The page behind the link confirms nothing by itself.
		const token = confirmToken(mail);
		const page = await request(`/confirm/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(`<form method="post" action="/confirm/${token}">`);
		expect(await subscriptionStatus(email)).toBe("pending");

		const confirmed = await confirmClick(token, { headers: { accept: "application/json" } });
		expect(await confirmed.json()).toEqual({ status: "confirmed", list: "red-line-updates" });
		expect(await subscriptionStatus(email)).toBe("active");

		// The ledger shows when and how, with the exact wording shown, in the language shown.
		const ledger = await ledgerOf(email);
		expect(ledger.map((e) => [e.event, e.proof])).toEqual([
			["requested", "form"],
			["confirmed", "confirmation-click"],
		]);
		expect(ledger[0]).toMatchObject({ kind: "list", ref: "red-line-updates", locale: "uk", source: "join-page" });
		// The list has no Ukrainian wording: the English one was shown, and is what was agreed to.
		// The consent line as the person read it: the list's Ukrainian text.
		expect(ledger[0]?.text).toBe("Так, я хочу отримувати новини про ініціативу Red Line");
		expect(ledger[0]?.version).toBe(1);
	});

	it("welcomes a confirmed subscriber with a visible unsubscribe link and RFC 8058 headers", async () => {
		const { email } = unique("welcome");
		const welcome = await subscribeAndConfirm(email, { locale: "fr" });
		expect(welcome.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/engine\.test\/u\/[\w.-]+>$/);
		expect(welcome.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
		const token = unsubscribeToken(welcome);
		expect(welcome.headers["List-Unsubscribe"]).toBe(`<https://engine.test/u/${token}>`);
		expect(welcome.html).toContain(`https://engine.test/u/${token}`);
	});

	it("shows an operator, for any address, when and how it consented", async () => {
		const { email } = unique("proof");
		await subscribeAndConfirm(email, { locale: "fr", source: "march-8" });
		const auth = { authorization: `Bearer ${env.OPERATOR_TOKEN}` };
		expect((await request(`/api/v1/operator/consent?email=${encodeURIComponent(email)}`)).status).toBe(401);
		const res = await request(`/api/v1/operator/consent?email=${encodeURIComponent(email.toUpperCase())}`, {
			headers: auth,
		});
		expect(res.status).toBe(200);
		const body = await res.json<{
			email: string;
			events: { event: string; proof: string; text: string; at: string; source: string }[];
		}>();
		expect(body.email).toBe(email);
		expect(body.events.map((e) => [e.event, e.proof])).toEqual([
			["requested", "form"],
			["confirmed", "confirmation-click"],
		]);
		expect(body.events[0]).toMatchObject({
			source: "march-8",
			text: "Oui, je souhaite recevoir des nouvelles de l'initiative Red Line",
		});
		expect(Date.parse(body.events[1]?.at ?? "")).not.toBeNaN();
		const unknown = await request("/api/v1/operator/consent?email=nobody%40example.org", { headers: auth });
		expect(unknown.status).toBe(404);
	});

	it("sends a fresh link to a repeat request while pending, and nothing to an active subscriber", async () => {
		const { email } = unique("again");
		await subscribeTo({ email });
		await subscribeTo({ email });
		await waitForEmail(email, 2);
		const mails = await emailsTo(email);
		await confirmClick(confirmToken(mails[0] as { text: string }));
		await waitForEmail(email, 3); // the welcome
		expect((await subscribeTo({ email })).status).toBe(202);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(3);
	});

	it("sends one reminder after two days, and only one", async () => {
		const { email } = unique("remind");
		await subscribeTo({ email, locale: "es" });
		await waitForEmail(email);
		await runCron(CRON_HOURLY, Date.now() + DAY);
		await new Promise((r) => setTimeout(r, 1200));
		expect(await emailsTo(email)).toHaveLength(1);
		await runCron(CRON_HOURLY, Date.now() + 2 * DAY + 3_600_000);
		const reminder = await waitForEmail(email, 2);
		expect(reminder.subject).not.toBe((await emailsTo(email))[1]?.subject);
		await runCron(CRON_HOURLY, Date.now() + 3 * DAY);
		await new Promise((r) => setTimeout(r, 1200));
		expect(await emailsTo(email)).toHaveLength(2);
		// The reminder's link confirms.
		await confirmClick(confirmToken(reminder));
		expect(await subscriptionStatus(email)).toBe("active");
	});

	it("rides on a signature: one email, one click, both recorded", async () => {
		const { email } = unique("both");
		const count = (await petition()).count;
		await sign({ email, subscribe: true, locale: "fr", source: "newsletter-42" });
		const mail = await waitForEmail(email);
		expect(await subscriptionStatus(email)).toBe("pending");
		await confirmClick(confirmToken(mail));
		expect((await petition()).count).toBe(count + 1);
		expect(await subscriptionStatus(email)).toBe("active");
		const ledger = await ledgerOf(email);
		expect(ledger.map((e) => e.event)).toEqual(["requested", "confirmed"]);
		expect(ledger[1]?.proof).toBe("confirmation-click:signature");
		expect(ledger[0]?.text).toBe("Oui, je souhaite recevoir des nouvelles de l'initiative Red Line");
		// Before the click only that one email; after it, the welcome with its way out (and the
		// signature's own thank-you, with its share links).
		await waitForEmail(email, 3);
		const welcome = (await emailsTo(email)).find((m) => m.headers["List-Unsubscribe-Post"]);
		expect(welcome?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
	});

	it("records a partner's own opt-in as a separate consent, against that partner", async () => {
		await env.DB.prepare(
			"INSERT INTO partners (id, slug, name, allowed_origins, consent_texts, created_at, updated_at) VALUES ('p1', 'survivors-net', 'Survivors Network', '[]', ?, 0, 0)",
		)
			.bind(
				JSON.stringify({
					en: "Yes, Survivors Network may email me too",
					es: "Sí, Survivors Network también puede escribirme",
				}),
			)
			.run();
		const { email } = unique("partner");
		await subscribeAndConfirm(email, { partner: "survivors-net", partnerOptIn: true, locale: "es" });
		const ledger = await ledgerOf(email);
		const partner = ledger.filter((e) => e.kind === "partner");
		expect(partner.map((e) => [e.ref, e.event])).toEqual([
			["survivors-net", "requested"],
			["survivors-net", "confirmed"],
		]);
		expect(partner[0]?.text).toBe("Sí, Survivors Network también puede escribirme");
		const own = ledger.filter((e) => e.kind === "list");
		expect(own.every((e) => e.partner === "survivors-net")).toBe(true);

		// Without the tick, no partner consent.
		const other = unique("nopartner").email;
		await subscribeAndConfirm(other, { partner: "survivors-net" });
		expect((await ledgerOf(other)).some((e) => e.kind === "partner")).toBe(false);
	});
});

describe("leaving", () => {
	it("unsubscribes at once on a one-click POST with no cookie and no other proof", async () => {
		const { email } = unique("oneclick");
		const welcome = await subscribeAndConfirm(email);
		const url = welcome.headers["List-Unsubscribe"]?.slice(1, -1) ?? "";
		const res = await request(new URL(url).pathname, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "List-Unsubscribe=One-Click",
		});
		expect(res.status).toBe(200);
		expect(res.headers.get("set-cookie")).toBeNull();
		expect(await subscriptionStatus(email)).toBe("unsubscribed");
		const last = (await ledgerOf(email)).at(-1);
		expect(last).toMatchObject({ event: "unsubscribed", proof: "one-click-post" });
		// Again: still 200, nothing more recorded.
		await request(new URL(url).pathname, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "List-Unsubscribe=One-Click",
		});
		expect((await ledgerOf(email)).filter((e) => e.event === "unsubscribed")).toHaveLength(1);
	});

	it("shows a button and the preference centre on GET, and changes nothing by itself", async () => {
		const { email } = unique("prefs");
		const welcome = await subscribeAndConfirm(email, { locale: "es" });
		const token = unsubscribeToken(welcome);
		const page = await request(`/u/${token}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("Darme de baja");
		expect(html).toContain('name="lists"');
		expect(html).toContain('name="locale"');
		expect(html).toContain("Darme de baja de todo");
		expect(await subscriptionStatus(email)).toBe("active");

		// Language change from the preference centre.
		const saved = await request(`/u/${token}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "action=save&lists=red-line-updates&locale=ar",
		});
		expect(saved.status).toBe(200);
		expect(await saved.text()).toContain('dir="rtl"');
		expect(await subscriptionStatus(email)).toBe("active");
		const person = await env.DB.prepare("SELECT locale FROM people WHERE email_canonical = ?")
			.bind(email)
			.first<{ locale: string }>();
		expect(person?.locale).toBe("ar");

		// Unticking the list leaves it.
		await request(`/u/${token}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "action=save&locale=ar",
		});
		expect(await subscriptionStatus(email)).toBe("unsubscribed");
		expect((await ledgerOf(email)).at(-1)).toMatchObject({ event: "unsubscribed", proof: "preference-centre" });
	});

	it("refuses a tampered link with a clear 4xx page", async () => {
		const { email } = unique("tamper");
		const token = unsubscribeToken(await subscribeAndConfirm(email));
		const [id, sig] = token.split(".");
		for (const bad of [`${id}.${sig?.slice(0, -2)}xx`, `${crypto.randomUUID()}.${sig}`, "garbage", `${id}`]) {
			const res = await request(`/u/${bad}`);
			expect(res.status).toBe(400);
			expect(await res.text()).toContain("This link does not work");
			const post = await request(`/u/${bad}`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: "List-Unsubscribe=One-Click",
			});
			expect(post.status).toBe(400);
		}
		expect(await subscriptionStatus(email)).toBe("active");
	});

	it("needs a fresh double opt-in to come back", async () => {
		const { email } = unique("comeback");
		const token = unsubscribeToken(await subscribeAndConfirm(email));
		await request(`/u/${token}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "action=unsubscribe",
		});
		expect(await subscriptionStatus(email)).toBe("unsubscribed");
		await subscribeTo({ email });
		const mail = await waitForEmail(email, 3);
		expect(await subscriptionStatus(email)).toBe("pending");
		await confirmClick(confirmToken(mail));
		expect(await subscriptionStatus(email)).toBe("active");
		// The old link (unsubscribe links never expire) still works.
		await request(`/u/${token}`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "List-Unsubscribe=One-Click",
		});
		expect(await subscriptionStatus(email)).toBe("unsubscribed");
	});

	it("keeps the consent ledger append-only", async () => {
		const { email } = unique("ledger");
		await subscribeTo({ email });
		await waitForEmail(email);
		await expect(env.DB.prepare("UPDATE consent_events SET proof = 'forged'").run()).rejects.toThrow(/append-only/);
		await expect(env.DB.prepare("DELETE FROM consent_events").run()).rejects.toThrow(/append-only/);
	});
});

describe("subscription requests: bad input", () => {
	it("answers in the one error shape", async () => {
		const cases: [unknown, number, string][] = [
			[{ email: "nope" }, 422, "invalid_fields"],
			[{ email: "a@b.org", country: "XX" }, 422, "invalid_fields"],
			[{ email: "a@b.org", partnerOptIn: "yes" }, 422, "invalid_fields"],
			["{", 400, "malformed_json"],
		];
		for (const [body, status, code] of cases) {
			const res = await postJson("/api/v1/lists/red-line-updates/subscriptions", body, { ip: unique().ip });
			expect(res.status).toBe(status);
			expect(await res.json()).toMatchObject({ error: { code } });
		}
		const missing = await postJson("/api/v1/lists/nope/subscriptions", { email: unique().email }, { ip: unique().ip });
		expect(missing.status).toBe(404);
		const list = await request("/api/v1/lists/red-line-updates?locale=fr");
		expect(await list.json()).toMatchObject({
			consent: { text: "Oui, je souhaite recevoir des nouvelles de l'initiative Red Line", version: 1 },
		});
	});

	it("ignores a filled honeypot", async () => {
		const { email } = unique("bot");
		expect((await subscribeTo({ email, website: "x" })).status).toBe(202);
		await new Promise((r) => setTimeout(r, 1200));
		expect(await outboxRowsTo(email)).toHaveLength(0);
		expect(await subscriptionStatus(email)).toBeUndefined();
	});
});

describe("unconfirmed and old data", () => {
	it("removes unconfirmed signatures and subscriptions after 30 days, and empties the dev mailbox after 7", async () => {
		const pendingSig = unique("oldsig").email;
		const pendingSub = unique("oldsub").email;
		const kept = unique("kept").email;
		await sign({ email: pendingSig });
		await subscribeTo({ email: pendingSub });
		await sign({ email: kept });
		await confirmClick(confirmToken(await waitForEmail(kept)));
		await waitForEmail(pendingSig);
		await waitForEmail(pendingSub);
		const count = (await petition()).count;
		await env.DB.prepare(
			"INSERT INTO dev_mailbox (id, to_address, from_address, subject, html, text, headers, created_at) VALUES ('old', 'x@y.org', 'f', 's', 'h', 't', '{}', ?)",
		)
			.bind(Date.now() - 8 * DAY)
			.run();
		await runCron(CRON_HOURLY, Date.now() + 31 * DAY);
		const people = async (e: string) =>
			(
				await env.DB.prepare("SELECT count(*) AS n FROM people WHERE email_canonical = ?")
					.bind(e)
					.first<{ n: number }>()
			)?.n;
		expect(await people(pendingSig)).toBe(0);
		expect(await people(pendingSub)).toBe(0);
		expect(await people(kept)).toBe(1);
		expect((await petition()).count).toBe(count);
		const old = await env.DB.prepare("SELECT count(*) AS n FROM dev_mailbox WHERE id = 'old'").first<{ n: number }>();
		expect(old?.n).toBe(0);
	});
});

describe("retention leaves what it should", () => {
	it("keeps confirmed signatures and active subscriptions", async () => {
		const { email } = unique("active");
		await subscribeAndConfirm(email);
		await runCron(CRON_HOURLY, Date.now() + 60 * DAY);
		await waitFor(async () => (await subscriptionStatus(email)) === "active", 2000, "active kept");
	});
});
