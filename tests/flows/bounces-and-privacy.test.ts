import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	ledgerOf,
	outboxRowsTo,
	petition,
	postJson,
	request,
	sign,
	subscribeTo,
	subscriptionStatus,
	svixHeaders,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

function resendEvent(type: string, to: string, bounceType?: string) {
	return JSON.stringify({
		type,
		created_at: new Date().toISOString(),
		data: {
			email_id: crypto.randomUUID(),
			to: [to],
			...(bounceType ? { bounce: { type: bounceType, subType: "General", message: "x" } } : {}),
		},
	});
}

async function postWebhook(body: string, headers: Record<string, string>) {
	return request("/webhooks/resend", { method: "POST", headers, body });
}

async function activeSubscriber(prefix: string) {
	const { email } = unique(prefix);
	await subscribeTo({ email });
	await confirmClick(confirmToken(await waitForEmail(email)));
	await waitForEmail(email, 2);
	expect(await subscriptionStatus(email)).toBe("active");
	return email;
}

const suppressed = async (email: string) => (await outboxRowsTo(email)).some((r) => r.status === "suppressed");

describe("Resend webhooks", () => {
	it("suppresses a hard-bounced address and ends its subscriptions, recorded in the ledger", async () => {
		const email = await activeSubscriber("bounce");
		const body = resendEvent("email.bounced", email, "Permanent");
		const headers = await svixHeaders(body);
		const res = await postWebhook(body, headers);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: "applied" });
		expect(await subscriptionStatus(email)).toBe("bounced");
		const last = (await ledgerOf(email)).at(-1);
		expect(last).toMatchObject({ event: "bounced", proof: `webhook:${headers["svix-id"]}` });

		// A replay of the same message changes nothing twice.
		const again = await postWebhook(body, headers);
		expect(await again.json()).toEqual({ status: "duplicate" });
		expect((await ledgerOf(email)).filter((e) => e.event === "bounced")).toHaveLength(1);
	});

	it("suppresses on a complaint, and ignores a soft bounce", async () => {
		const complainer = await activeSubscriber("complain");
		const body = resendEvent("email.complained", complainer);
		expect((await postWebhook(body, await svixHeaders(body))).status).toBe(200);
		expect(await subscriptionStatus(complainer)).toBe("bounced");
		expect((await ledgerOf(complainer)).at(-1)?.event).toBe("complained");

		const soft = await activeSubscriber("soft");
		const softBody = resendEvent("email.bounced", soft, "Transient");
		const res = await postWebhook(softBody, await svixHeaders(softBody));
		expect(await res.json()).toEqual({ status: "ignored" });
		expect(await subscriptionStatus(soft)).toBe("active");
	});

	it("refuses forged, tampered and stale messages with 401, changing nothing", async () => {
		const email = await activeSubscriber("forged");
		const body = resendEvent("email.bounced", email, "Permanent");
		const good = await svixHeaders(body);
		const cases: Record<string, string>[] = [
			{ ...good, "svix-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" },
			await svixHeaders(
				body,
				good["svix-id"],
				Number(good["svix-timestamp"]),
				"whsec_d3JvbmctLXNlY3JldC0tMDEyMzQ1Njc4OWFiY2RlZg==",
			),
			await svixHeaders(body, undefined, Math.floor(Date.now() / 1000) - 3600),
			{ "content-type": "application/json" },
		];
		for (const headers of cases) {
			const res = await postWebhook(body, headers);
			expect(res.status).toBe(401);
			expect(await res.json()).toMatchObject({ error: { code: "invalid_signature" } });
		}
		// The signature covers the body: the same headers on another body fail.
		const tampered = await postWebhook(resendEvent("email.bounced", "other@example.org", "Permanent"), good);
		expect(tampered.status).toBe(401);
		expect(await subscriptionStatus(email)).toBe("active");
	});

	it("sends nothing to a suppressed address again, by any flow", async () => {
		const email = await activeSubscriber("nothing");
		const body = resendEvent("email.bounced", email, "Permanent");
		await postWebhook(body, await svixHeaders(body));
		const sentBefore = (await emailsTo(email)).length;

		await sign({ email });
		await subscribeTo({ email });
		await postJson("/api/v1/privacy/requests", { email, kind: "export" }, { ip: unique().ip });
		await waitFor(
			async () => {
				const rows = await outboxRowsTo(email);
				return rows.filter((r) => r.status === "suppressed").length >= 3 ? rows : undefined;
			},
			15_000,
			"three suppressed emails",
		);
		expect(await emailsTo(email)).toHaveLength(sentBefore);
		expect(await suppressed(email)).toBe(true);
	});
});

describe("people's rights over their data", () => {
	it("exports everything held about an address, and nothing of anyone else", async () => {
		const email = await activeSubscriber("export");
		await sign({ email, name: "Export Me", country: "CO", showName: true, source: "radio" });
		await confirmClick(confirmToken(await waitForEmail(email, 3)));
		const other = await activeSubscriber("someone-else");

		const res = await postJson(
			"/api/v1/privacy/requests",
			{ email: email.toUpperCase(), kind: "export" },
			{ ip: unique().ip },
		);
		expect(res.status).toBe(202);
		// After the confirmation's thank-you (the 4th email), the privacy link is the 5th.
		await waitForEmail(email, 5);
		const token = (await emailsTo(email))
			.map((m) => m.text.match(/https:\/\/engine\.test\/privacy\/([\w-]+)/)?.[1])
			.find(Boolean);
		expect(token).toBeTruthy();

		// Prefetch-safe: the link shows a button, nothing more.
		const page = await request(`/privacy/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(`<form method="post" action="/privacy/${token}">`);

		const download = await request(`/privacy/${token}`, { method: "POST" });
		expect(download.status).toBe(200);
		expect(download.headers.get("content-disposition")).toContain("attachment");
		const data = await download.json<{
			person: { email: string };
			signatures: { petition: string; name: string; country: string; showName: boolean; source: string }[];
			subscriptions: { list: string; status: string }[];
			consentLedger: { event: string; text: string | null }[];
			emails: unknown[];
		}>();
		expect(data.person.email).toBe(email);
		expect(data.signatures).toEqual([
			expect.objectContaining({
				petition: "call-to-action",
				name: "Export Me",
				country: "CO",
				showName: true,
				source: "radio",
			}),
		]);
		expect(data.subscriptions).toEqual([expect.objectContaining({ list: "red-line-updates", status: "active" })]);
		expect(data.consentLedger.map((e) => e.event)).toEqual(["requested", "confirmed"]);
		expect(data.consentLedger[0]?.text).toBe("Yes, I want to receive updates about the Red Line Initiative");
		expect(data.emails.length).toBeGreaterThanOrEqual(3);
		expect(JSON.stringify(data)).not.toContain(other);

		// Single use.
		const again = await request(`/privacy/${token}`, { method: "POST" });
		expect(again.status).toBe(410);
	});

	it("erases a person in one go, leaving counts intact and the ledger without the address", async () => {
		const email = await activeSubscriber("erase");
		await sign({ email, name: "Erase Me", country: "UA", subscribe: true });
		await confirmClick(confirmToken(await waitForEmail(email, 3)));
		const before = await petition();
		await postJson("/api/v1/privacy/requests", { email, kind: "erase", locale: "uk" }, { ip: unique().ip });
		const mail = await waitFor(
			async () => (await emailsTo(email)).find((m) => /\/privacy\//.test(m.text)),
			15_000,
			"privacy email",
		);
		const token = mail.text.match(/\/privacy\/([\w-]+)/)?.[1];
		const page = await request(`/privacy/${token}`);
		expect(await page.text()).toContain('lang="uk"');
		const personId = (
			await env.DB.prepare("SELECT id FROM people WHERE email_canonical = ?").bind(email).first<{ id: string }>()
		)?.id;

		const done = await request(`/privacy/${token}`, { method: "POST" });
		expect(done.status).toBe(200);

		const after = await petition();
		expect(after.count).toBe(before.count);
		expect(after.countries.UA).toBe(before.countries.UA);
		for (const table of [
			"people",
			"signatures",
			"subscriptions",
			"outbox",
			"tokens",
			"consent_events",
			"privacy_requests",
		]) {
			const dump = JSON.stringify((await env.DB.prepare(`SELECT * FROM ${table}`).all()).results);
			expect(dump, table).not.toContain(email);
			expect(dump, table).not.toContain("Erase Me");
		}
		const events = await env.DB.prepare("SELECT event FROM consent_events WHERE person_id = ? ORDER BY id")
			.bind(personId)
			.all<{ event: string }>();
		expect(events.results.map((e) => e.event)).toContain("erased");
		expect(events.results.map((e) => e.event)).toContain("confirmed");
		// The link is spent.
		expect((await request(`/privacy/${token}`, { method: "POST" })).status).toBeGreaterThanOrEqual(400);
		// Signing again later is a fresh start.
		expect((await sign({ email })).status).toBe(202);
	});

	it("answers 202 for an unknown address and sends nothing", async () => {
		const { email } = unique("stranger");
		const res = await postJson("/api/v1/privacy/requests", { email, kind: "erase" }, { ip: unique().ip });
		expect(res.status).toBe(202);
		expect(await res.json()).toEqual({ status: "requested" });
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(0);
	});

	it("validates requests in the one error shape", async () => {
		for (const body of [{ email: "a@b.org" }, { email: "a@b.org", kind: "delete-everything" }, { kind: "export" }]) {
			const res = await postJson("/api/v1/privacy/requests", body, { ip: unique().ip });
			expect(res.status).toBe(422);
			expect(await res.json()).toMatchObject({ error: { code: "invalid_fields" } });
		}
		expect((await request("/privacy/not-a-token-0000000000000000")).status).toBe(404);
	});
});
