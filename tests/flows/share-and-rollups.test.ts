// Share after signing (referral codes: recorded, checked, killed by erasure) and the daily
// rollups behind the console's charts (kept by triggers, repaired by the reconcile job).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { reconcileRollups } from "../../worker/domain/console/rollups";
import { erasePerson } from "../../worker/domain/people/privacy";
import { shareCodeFor } from "../../worker/domain/petitions/referrals";
import { CRON_DAILY } from "../../worker/jobs/cron";
import { consoleRequest, editorSession, tableRow } from "../console-helpers";
import {
	confirmClick,
	confirmToken,
	emailsTo,
	request,
	runCron,
	type SignBody,
	sign as signNow,
	svixHeaders,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

const db = () => createDb(env.DB);
const today = () => Math.floor(Date.now() / 86_400_000);

async function dayCount(status: string, channel = "", partner = "") {
	const row = await env.DB.prepare(
		"SELECT coalesce(sum(count), 0) AS n FROM signature_days WHERE day = ? AND status = ? AND channel = ? AND partner = ?",
	)
		.bind(today(), status, channel, partner)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

async function signatureOf(email: string) {
	return env.DB.prepare(
		"SELECT s.id, s.person_id, s.status, s.share_code, s.referred_by, s.referral_channel FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ?",
	)
		.bind(email.toLowerCase())
		.first<{
			id: string;
			person_id: string;
			status: string;
			share_code: string | null;
			referred_by: string | null;
			referral_channel: string | null;
		}>();
}

/** The signature is written after the answer (known and unknown addresses answer alike). */
const written = (email: string) => waitFor(() => signatureOf(email), 5_000, `the signature of ${email}`);

/** Signs, and waits for the signature the engine writes after its answer. */
async function sign(body: SignBody, ip?: string) {
	const res = await signNow(body, ip);
	if (res.status === 202) await written(body.email);
	return res;
}

/** Signs and confirms; returns the thank-you page's HTML. */
async function signAndConfirm(email: string, extra: Record<string, unknown> = {}) {
	expect((await sign({ email, ...extra })).status).toBe(202);
	const token = confirmToken(await waitForEmail(email));
	const res = await confirmClick(token);
	expect(res.status).toBe(200);
	return { html: await res.text(), token };
}

/** The referral code of one channel's share link on a page or in an email. */
function codeFor(text: string, channel: "whatsapp" | "telegram" | "copy"): string {
	const letter = { whatsapp: "w", telegram: "t", copy: "c" }[channel];
	const m = text.match(new RegExp(`r(?:=|%3D)([a-z2-7]{7}${letter})\\b`));
	if (!m?.[1]) throw new Error(`no ${channel} code in:\n${text.slice(0, 3000)}`);
	return m[1];
}

describe("daily rollups", () => {
	it("follow every change of a signature: sign, confirm, invalidate, erase", async () => {
		const before = { pending: await dayCount("pending"), confirmed: await dayCount("confirmed") };
		const invalidated0 = await dayCount("invalidated");

		const { email } = unique("rollup");
		await sign({ email });
		expect(await dayCount("pending")).toBe(before.pending + 1);
		await confirmClick(confirmToken(await waitForEmail(email)));
		expect(await dayCount("pending")).toBe(before.pending);
		expect(await dayCount("confirmed")).toBe(before.confirmed + 1);

		// A campaigner's invalidation (there is no route for it: a hand-run update) moves it too.
		const sig = await signatureOf(email);
		await env.DB.prepare("UPDATE signatures SET status = 'invalidated' WHERE id = ?").bind(sig?.id).run();
		expect(await dayCount("confirmed")).toBe(before.confirmed);
		expect(await dayCount("invalidated")).toBe(invalidated0 + 1);

		// Erasure deletes a pending signature: it leaves the rollup.
		const other = unique("rollup-erased");
		expect((await sign({ email: other.email })).status).toBe(202);
		expect(await dayCount("pending")).toBe(before.pending + 1);
		const pending = await signatureOf(other.email);
		await erasePerson(db(), pending?.person_id ?? "", Date.now());
		expect(await signatureOf(other.email)).toBeNull();
		expect(await dayCount("pending")).toBe(before.pending);

		expect(await reconcileRollups(db())).toEqual([]);
	});

	it("are checked and repaired by the daily reconcile job", async () => {
		const { email } = unique("drift");
		await signAndConfirm(email);
		const confirmed = await dayCount("confirmed");
		const campaign = await env.DB.prepare("SELECT id FROM letter_campaigns LIMIT 1").first<{ id: string }>();
		const target = await env.DB.prepare("SELECT id FROM targets WHERE iso2 = 'FR'").first<{ id: string }>();
		// Drift: a counter bumped by hand, a row for letters that do not exist.
		await env.DB.batch([
			env.DB.prepare("UPDATE signature_days SET count = count + 7 WHERE day = ? AND status = 'confirmed'").bind(
				today(),
			),
			env.DB.prepare(
				"INSERT INTO letter_counts (campaign_id, target_id, status, count) VALUES (?, ?, 'sent', 3) ON CONFLICT DO UPDATE SET count = count + 3",
			).bind(campaign?.id, target?.id),
		]);
		expect((await reconcileRollups(db())).length).toBeGreaterThan(0);
		// Not repaired by the look above (it repairs too): drift again, then the cron repairs.
		await env.DB.prepare("UPDATE signature_days SET count = count + 5 WHERE day = ? AND status = 'confirmed'")
			.bind(today())
			.run();
		await runCron(CRON_DAILY);
		expect(await dayCount("confirmed")).toBe(confirmed);
		const letters = await env.DB.prepare(
			"SELECT coalesce(sum(count), 0) AS n FROM letter_counts WHERE campaign_id = ? AND target_id = ?",
		)
			.bind(campaign?.id, target?.id)
			.first<{ n: number }>();
		expect(letters?.n).toBe(0);
		expect(await reconcileRollups(db())).toEqual([]);
	});
});

describe("share after signing", () => {
	it("gives a confirmed signer share links with a code, in the page and the thank-you email", async () => {
		const { email } = unique("sharer");
		const { html, token } = await signAndConfirm(email);
		const sig = await signatureOf(email);
		expect(sig?.share_code).toMatch(/^[a-z2-7]{7}$/);
		const code = sig?.share_code ?? "";
		expect(html).toContain(`href="https://wa.me/?text=`);
		expect(html).toContain(`r%3D${code}w`);
		expect(html).toContain(`https://t.me/share/url?url=`);
		expect(html).toContain(`https://x.com/intent/post?text=`);
		expect(html).toContain(`https://www.facebook.com/sharer/sharer.php?u=`);
		expect(html).toContain("mailto:?subject=");
		expect(html).toContain(`value="https://engine.test/p/call-to-action?r=${code}s" data-channel="signal"`);
		expect(html).toContain(`value="https://engine.test/p/call-to-action?r=${code}c" data-channel="copy"`);
		expect(html).toMatch(/rel="noopener noreferrer"/);
		// Nothing from the networks on the page: no image, script, frame or stylesheet of theirs.
		expect(html).not.toMatch(/<(img|script|iframe|link)[^>]+(wa\.me|t\.me|x\.com|facebook)/);
		// The quick exit comes before the share block.
		expect(html.indexOf('class="quick-exit"')).toBeLessThan(html.indexOf('class="share"'));
		// Seen again (GET of the used link): the same code.
		expect(await (await request(`/confirm/${token}`)).text()).toContain(`r%3D${code}w`);

		const thanks = await waitForEmail(email, 2);
		const all = await emailsTo(email);
		const mail = all.find((m) => m.subject.startsWith("Thank you for signing")) ?? thanks;
		expect(mail.subject).toContain("Thank you for signing");
		expect(mail.html).toContain(`r%3D${code}w`);
		expect(mail.text).toContain(`https://engine.test/p/call-to-action?r=${code}c`);
	});

	it("sends no thank-you past the cap of 5 emails per signature, and still gives a code", async () => {
		const { email } = unique("capped");
		await sign({ email });
		const token = confirmToken(await waitForEmail(email));
		await env.DB.prepare("UPDATE signatures SET emails_sent = 5 WHERE id = ?")
			.bind((await signatureOf(email))?.id)
			.run();
		const res = await confirmClick(token);
		expect(await res.text()).toContain('class="share"');
		const sig = await env.DB.prepare("SELECT emails_sent, share_code FROM signatures WHERE id = ?")
			.bind((await signatureOf(email))?.id)
			.first<{ emails_sent: number; share_code: string | null }>();
		expect(sig?.emails_sent).toBe(5);
		expect(sig?.share_code).toMatch(/^[a-z2-7]{7}$/);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await emailsTo(email)).toHaveLength(1);
		const outbox = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE dedupe_key = ?")
			.bind(`signature-confirmed:${(await signatureOf(email))?.id}`)
			.first<{ n: number }>();
		expect(outbox?.n).toBe(0);
	});

	it("takes the next derived code when the signature's own is held by another, and still confirms", async () => {
		const first = unique("code-taken");
		await signAndConfirm(first.email);
		const { email } = unique("code-redrawn");
		await sign({ email });
		const token = confirmToken(await waitForEmail(email));
		const id = (await signatureOf(email))?.id ?? "";
		// The code derived for this signature is held by another (about one in 3.4e10 per code held).
		const own = await shareCodeFor(env.APP_SECRET, id);
		await env.DB.prepare("UPDATE signatures SET share_code = ? WHERE id = ?")
			.bind(own, (await signatureOf(first.email))?.id)
			.run();
		expect((await confirmClick(token)).status).toBe(200);
		const sig = await signatureOf(email);
		expect(sig?.status).toBe("confirmed");
		expect(sig?.share_code).toMatch(/^[a-z2-7]{7}$/);
		expect(sig?.share_code).not.toBe(own);
		expect(sig?.share_code).toBe(await shareCodeFor(env.APP_SECRET, id, 1));
		// The page seen again and the thank-you email carry the code recorded.
		expect(await (await request(`/confirm/${token}`)).text()).toContain(`r%3D${sig?.share_code}w`);
		await waitForEmail(email, 2);
		const thanks = (await emailsTo(email)).find((m) => m.subject.startsWith("Thank you for signing"));
		expect(thanks?.text).toContain(`?r=${sig?.share_code}c`);
	});

	it("speaks the signer's language, right to left in Arabic", async () => {
		const { email } = unique("sharer-ar");
		const { html } = await signAndConfirm(email, { locale: "ar" });
		expect(html).toContain('dir="rtl"');
		expect(html).toContain("ادعُ آخرين إلى التوقيع");
		expect(html).toContain("واتساب");
	});

	it("records which code and channel brought a signature, and the console counts it", async () => {
		const sharer = unique("sharer-a");
		const { html } = await signAndConfirm(sharer.email);
		const code = codeFor(html, "telegram");
		const cookie = await editorSession();
		const before = tableRow(await (await consoleRequest("/console", { headers: { cookie } })).text(), "Telegram");

		const friend = unique("friend");
		await signAndConfirm(friend.email, { referral: code.toUpperCase() });
		const sig = await signatureOf(friend.email);
		const a = await signatureOf(sharer.email);
		expect(sig?.referred_by).toBe(a?.share_code);
		expect(sig?.referral_channel).toBe("telegram");

		// Through the hosted page: the code in the address rides in a hidden field into the form.
		const page = await request(`/p/call-to-action?r=${codeFor(html, "whatsapp")}`);
		expect(await page.text()).toContain(`<input type="hidden" name="r" value="${codeFor(html, "whatsapp")}"/>`);
		const viaPage = unique("friend-page");
		const posted = await request("/p/call-to-action", {
			method: "POST",
			ip: viaPage.ip,
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({
				email: viaPage.email,
				name: "Lina",
				country: "LB",
				locale: "en",
				r: codeFor(html, "whatsapp"),
			}).toString(),
		});
		expect(posted.status).toBe(200);
		await written(viaPage.email);
		expect((await signatureOf(viaPage.email))?.referral_channel).toBe("whatsapp");

		const dash = await consoleRequest("/console", { headers: { cookie } });
		expect(dash.status).toBe(200);
		const after = tableRow(await dash.text(), "Telegram");
		expect(Number(after?.[0])).toBe(Number(before?.[0]) + 1);
		const byChannel = await env.DB.prepare(
			"SELECT sum(count) AS n FROM signature_days WHERE channel = 'whatsapp' AND status = 'pending'",
		).first<{ n: number }>();
		expect(byChannel?.n).toBeGreaterThanOrEqual(1);
	});

	it("answers a malformed code with 422, and ignores a well-formed unknown one", async () => {
		for (const referral of ["bad!", "abc", "abcdefgz", 42, "aaaaaaaaw"]) {
			const res = await sign({ email: unique("bad-code").email, referral });
			expect(res.status).toBe(422);
			const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
			expect(body.error.issues.map((i) => i.path)).toContain("referral");
		}
		const unknown = unique("unknown-code");
		expect((await sign({ email: unknown.email, referral: "zzzzzzzw" })).status).toBe(202);
		const sig = await signatureOf(unknown.email);
		expect(sig?.referred_by).toBeNull();
		expect(sig?.referral_channel).toBeNull();
		// A code of another petition's signer, or of a signer not yet confirmed, is ignored alike.
		const pending = unique("pending-sharer");
		await sign({ email: pending.email });
		await env.DB.prepare("UPDATE signatures SET share_code = 'pppppp2' WHERE id = ?")
			.bind((await signatureOf(pending.email))?.id)
			.run();
		const friend = unique("friend-of-pending");
		expect((await sign({ email: friend.email, referral: "pppppp2w" })).status).toBe(202);
		expect((await signatureOf(friend.email))?.referred_by).toBeNull();
		// The hosted page drops a bad code quietly: the person still signs.
		const page = await request("/p/call-to-action?r=%3Cscript%3E");
		expect(await page.text()).not.toContain('name="r"');
		const viaPage = unique("bad-code-page");
		const posted = await request("/p/call-to-action", {
			method: "POST",
			ip: viaPage.ip,
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ email: viaPage.email, name: "Lina", country: "LB", r: "nope" }).toString(),
		});
		expect(posted.status).toBe(200);
		await written(viaPage.email);
		expect((await signatureOf(viaPage.email))?.status).toBe("pending");
	});

	it("kills the sharer's codes with their erasure; what they brought keeps only the channel", async () => {
		const sharer = unique("erased-sharer");
		const { html } = await signAndConfirm(sharer.email);
		const code = codeFor(html, "copy");
		const friend = unique("friend-of-erased");
		await signAndConfirm(friend.email, { referral: code });
		expect((await signatureOf(friend.email))?.referred_by).not.toBeNull();

		const a = await signatureOf(sharer.email);
		await erasePerson(db(), a?.person_id ?? "", Date.now());
		const erased = await env.DB.prepare("SELECT share_code, status FROM signatures WHERE id = ?")
			.bind(a?.id)
			.first<{ share_code: string | null; status: string }>();
		expect(erased).toEqual({ share_code: null, status: "confirmed" });
		const brought = await signatureOf(friend.email);
		expect(brought?.referred_by).toBeNull();
		expect(brought?.referral_channel).toBe("copy");
		// The old code brings nobody now.
		const late = unique("late-friend");
		expect((await sign({ email: late.email, referral: code })).status).toBe(202);
		expect((await signatureOf(late.email))?.referral_channel).toBeNull();
		const left = await env.DB.prepare("SELECT count(*) AS n FROM signatures WHERE share_code = ? OR referred_by = ?")
			.bind(a?.share_code, a?.share_code)
			.first<{ n: number }>();
		expect(left?.n).toBe(0);
	});
});

describe("dashboard charts, with data", () => {
	it("shows each chart's numbers in its table: days, partners, bulletins, letters", async () => {
		const cookie = await editorSession();
		const partner = "dash-partner";
		const put = await request(`/api/v1/operator/partners/${partner}`, {
			method: "PUT",
			headers: { authorization: "Bearer test-operator-token", "content-type": "application/json" },
			body: JSON.stringify({ name: "Dash Partner" }),
		});
		expect(put.status).toBeLessThan(300);
		const x = unique("dash-confirmed");
		await signAndConfirm(x.email, { partner });
		await sign({ email: unique("dash-pending").email, partner });

		// A bulletin with two deliveries sent (one bounced, one whose person then left) and one failed.
		const person = (await signatureOf(x.email))?.person_id;
		const list = await env.DB.prepare("SELECT id FROM lists WHERE slug = 'red-line-updates'").first<{ id: string }>();
		const bulletin = crypto.randomUUID();
		const subs = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
		const people = [person, ...(await Promise.all([0, 1].map(async () => makePerson())))];
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO bulletins (id, list_id, status, audience, default_locale, created_at, updated_at, started_at, total) VALUES (?, ?, 'sent', '{}', 'en', ?, ?, ?, 3)",
			).bind(bulletin, list?.id, Date.now(), Date.now(), Date.now()),
			env.DB.prepare(
				"INSERT INTO bulletin_texts (bulletin_id, locale, subject, preheader, body_markdown, updated_at) VALUES (?, 'en', 'Dash news', '', 'Hello', 0)",
			).bind(bulletin),
			...subs.map((sub, i) =>
				env.DB.prepare(
					"INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at) VALUES (?, ?, ?, 'active', 'en', 'x', 0, 0)",
				).bind(sub, list?.id, people[i]),
			),
			...subs.map((sub, i) =>
				env.DB.prepare(
					"INSERT INTO bulletin_deliveries (bulletin_id, person_id, subscription_id, locale, status, provider_id, updated_at) VALUES (?, ?, ?, 'en', ?, ?, 0)",
				).bind(bulletin, people[i], sub, i < 2 ? "sent" : "failed", `prov-${bulletin}-${i}`),
			),
		]);
		// The bounce arrives by the provider's webhook; the person leaves by the list's own update.
		const body = JSON.stringify({
			type: "email.bounced",
			data: { to: ["bounced@example.org"], email_id: `prov-${bulletin}-0`, bounce: { type: "Permanent" } },
		});
		expect((await request("/webhooks/resend", { method: "POST", headers: await svixHeaders(body), body })).status).toBe(
			200,
		);
		await env.DB.prepare("UPDATE subscriptions SET status = 'unsubscribed' WHERE id = ?").bind(subs[1]).run();

		// Letters: two to Senegal (one sent), one to Ukraine held.
		const campaign = await env.DB.prepare("SELECT id FROM letter_campaigns LIMIT 1").first<{ id: string }>();
		const ids = await env.DB.prepare("SELECT id, iso2 FROM targets WHERE iso2 IN ('SN', 'UA')").all<{
			id: string;
			iso2: string;
		}>();
		const sn = ids.results.find((t) => t.iso2 === "SN")?.id;
		const ua = ids.results.find((t) => t.iso2 === "UA")?.id;
		await env.DB.batch(
			[
				[sn, "sent", people[0]],
				[sn, "pending", people[1]],
				[ua, "held", people[0]],
			].map(([target, status, who]) =>
				env.DB.prepare(
					"INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'A', 'FR', 'en', 's', 'b', '0000000000000000', 0, 0)",
				).bind(crypto.randomUUID(), campaign?.id, who, target, status),
			),
		);

		const res = await consoleRequest("/console", { headers: { cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		const day = tableRow(html, new Date().toISOString().slice(0, 10));
		expect(Number(day?.[0])).toBeGreaterThanOrEqual(1);
		expect(Number(day?.[1])).toBeGreaterThanOrEqual(1);
		expect(tableRow(html, "Dash Partner")).toEqual(["1", "1"]);
		expect(tableRow(html, "Dash news")).toEqual(["2", "1", "1"]);
		expect(tableRow(html, "Senegal (SN)")).toEqual(["1", "0", "0", "1", "0", "0", "0", "2"]);
		expect(tableRow(html, "Ukraine (UA)")).toEqual(["0", "0", "1", "0", "0", "0", "0", "1"]);
		expect(html).toContain('<title id="ch-bulletins-t">');
		expect(await reconcileRollups(db())).toEqual([]);

		// One petition at a time: the form narrows the charts to it.
		const one = await (await consoleRequest("/console?petition=call-to-action", { headers: { cookie } })).text();
		expect(one).toContain('<option value="call-to-action" selected="">');
		await waitFor(async () => (await emailsTo(x.email)).length >= 2, 15_000, "thank-you email");
	});
});

async function makePerson(): Promise<string> {
	const id = crypto.randomUUID();
	const email = unique("dash-person").email;
	await env.DB.prepare("INSERT INTO people (id, email, email_canonical, created_at, updated_at) VALUES (?, ?, ?, 0, 0)")
		.bind(id, email, email)
		.run();
	return id;
}
