// The campaigners' console: sign-in by an emailed link, sessions, CSRF, roles, the operator's
// allow-list, and that an edit made in the console is what the public sees.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ENGINE, emailsTo, request as engineRequest, outboxRowsTo, unique, waitForEmail } from "../helpers";

/** Requests that show redirects as they are (a loopback fetch would follow them). */
const request = (path: string, init: RequestInit & { ip?: string } = {}) =>
	engineRequest(path, { redirect: "manual", ...init });

const OPERATOR = { authorization: "Bearer test-operator-token", "content-type": "application/json" };

function putCampaigner(email: string, body: Record<string, unknown>, headers: Record<string, string> = OPERATOR) {
	return request(`/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers,
		body: JSON.stringify(body),
	});
}

async function campaigner(role: "admin" | "editor", prefix: string = role) {
	const { email } = unique(prefix);
	const res = await putCampaigner(email, { role, name: `A ${role}` });
	expect(res.status).toBe(201);
	return email;
}

function askForLink(email: string, ip = unique().ip) {
	return request("/console/sign-in", {
		method: "POST",
		ip,
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ email }).toString(),
	});
}

/** The path of the sign-in link in the nth email to an address. */
async function signInLink(email: string, n = 1): Promise<string> {
	const mail = await waitForEmail(email, n);
	const m = mail.text.match(/https:\/\/engine\.test(\/console\/sign-in\/[A-Za-z0-9_-]+)/);
	if (!m?.[1]) throw new Error(`no sign-in link in:\n${mail.text}`);
	return m[1];
}

/** The session cookie (name=value) from a response. */
function cookieOf(res: Response): string {
	const set = res.headers.get("set-cookie") ?? "";
	const m = set.match(/(__Host-rl_session=[^;]+)/);
	if (!m?.[1]) throw new Error(`no session cookie in: ${set}`);
	return m[1];
}

/** Signs in through the emailed link; returns the cookie to send. */
async function signIn(email: string, n = 1): Promise<string> {
	expect((await askForLink(email)).status).toBe(200);
	const res = await request(await signInLink(email, n), { method: "POST" });
	expect(res.status).toBe(303);
	expect(res.headers.get("location")).toBe("/console");
	return cookieOf(res);
}

async function csrfOf(cookie: string, path = "/console"): Promise<string> {
	const res = await request(path, { headers: { cookie } });
	expect(res.status).toBe(200);
	const m = (await res.text()).match(/name="_csrf" value="([^"]+)"/);
	if (!m?.[1]) throw new Error(`no CSRF token on ${path}`);
	return m[1];
}

function postForm(path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return request(path, {
		method: "POST",
		headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
		body: new URLSearchParams(fields).toString(),
	});
}

async function campaignerRow(email: string) {
	return env.DB.prepare("SELECT role, disabled_at FROM campaigners WHERE email = ?")
		.bind(email.toLowerCase())
		.first<{ role: string; disabled_at: number | null }>();
}

describe("signing in", () => {
	it("answers the same for an allowed and an unknown address, and only the allowed one gets an email", async () => {
		const allowed = await campaigner("editor");
		const stranger = unique("stranger").email;
		const [a, b] = [await askForLink(allowed), await askForLink(stranger)];
		expect(a.status).toBe(200);
		expect(b.status).toBe(200);
		const [ta, tb] = [await a.text(), await b.text()];
		expect(ta.replaceAll(allowed, "X")).toBe(tb.replaceAll(stranger, "X"));
		expect(ta).toContain("If this address may sign in to the console, a link is on its way");

		const mail = await waitForEmail(allowed);
		expect(mail.subject).toBe("Your link to sign in to the Red Line console");
		expect(await outboxRowsTo(stranger)).toEqual([]);
		expect(await emailsTo(stranger)).toEqual([]);
	});

	it("refuses a malformed address with a 422 page, and limits requests per address", async () => {
		const bad = await askForLink("not-an-address");
		expect(bad.status).toBe(422);
		expect(await bad.text()).toContain("Give a valid email address.");

		const { email } = unique("flood");
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await askForLink(email)).status);
		expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
		expect(statuses.at(-1)).toBe(429);
	});

	it("opens a page with a button; only the POST signs in, with a strict session cookie", async () => {
		const email = await campaigner("editor");
		await askForLink(email);
		const link = await signInLink(email);

		const shown = await request(link);
		expect(shown.status).toBe(200);
		expect(shown.headers.get("set-cookie")).toBeNull();
		expect(shown.headers.get("cache-control")).toBe("no-store");
		expect(await shown.text()).toContain(`<form method="post" action="${link}">`);

		const res = await request(link, { method: "POST" });
		expect(res.status).toBe(303);
		const set = res.headers.get("set-cookie") ?? "";
		expect(set).toMatch(/^__Host-rl_session=[A-Za-z0-9_-]{40,}; /);
		expect(set).toContain("Path=/");
		expect(set).toContain("HttpOnly");
		expect(set).toContain("Secure");
		expect(set).toContain("SameSite=Strict");
		expect(set).not.toContain("Domain=");

		const home = await request("/console", { headers: { cookie: cookieOf(res) } });
		expect(home.status).toBe(200);
		expect(await home.text()).toContain(email);
		// Only the hash of the session id is stored.
		const stored = await env.DB.prepare("SELECT hash FROM console_sessions").all<{ hash: string }>();
		const raw = cookieOf(res).split("=")[1] ?? "";
		expect(stored.results.map((r) => r.hash)).not.toContain(raw);
	});

	it("is single use", async () => {
		const email = await campaigner("editor");
		await askForLink(email);
		const link = await signInLink(email);
		expect((await request(link, { method: "POST" })).status).toBe(303);
		const again = await request(link, { method: "POST" });
		expect(again.status).toBe(410);
		expect(again.headers.get("set-cookie")).toBeNull();
		expect(await again.text()).toContain("This sign-in link has already been used");
		expect((await request(link)).status).toBe(410);
	});

	it("expires after 15 minutes", async () => {
		const email = await campaigner("editor");
		await askForLink(email);
		const link = await signInLink(email);
		const row = await env.DB.prepare(
			"SELECT expires_at - created_at AS ttl FROM tokens WHERE purpose = 'console-sign-in' AND subject_id = (SELECT id FROM campaigners WHERE email = ?)",
		)
			.bind(email.toLowerCase())
			.first<{ ttl: number }>();
		expect(row?.ttl).toBe(15 * 60 * 1000);
		await env.DB.prepare(
			"UPDATE tokens SET expires_at = ? WHERE subject_id = (SELECT id FROM campaigners WHERE email = ?)",
		)
			.bind(Date.now() - 1, email.toLowerCase())
			.run();
		expect((await request(link)).status).toBe(410);
		const res = await request(link, { method: "POST" });
		expect(res.status).toBe(410);
		expect(res.headers.get("set-cookie")).toBeNull();
	});

	it("sends the signed-out to the sign-in page, and rejects an unknown link", async () => {
		const res = await request("/console");
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe("/console/sign-in");
		expect(
			(await request("/console", { headers: { cookie: "__Host-rl_session=made-up-session-id-0123456789" } })).status,
		).toBe(303);
		expect((await request("/console/sign-in/not-a-real-token-0123456789")).status).toBe(404);
	});

	it("ends a session left idle for more than 8 hours", async () => {
		const email = await campaigner("editor");
		const cookie = await signIn(email);
		await env.DB.prepare(
			"UPDATE console_sessions SET last_seen_at = ? WHERE campaigner_id = (SELECT id FROM campaigners WHERE email = ?)",
		)
			.bind(Date.now() - 8 * 3600_000 - 1000, email.toLowerCase())
			.run();
		const res = await request("/console", { headers: { cookie } });
		expect(res.status).toBe(303);
	});

	it("signs out: the session is gone and the cookie cleared", async () => {
		const email = await campaigner("editor");
		const cookie = await signIn(email);
		const csrf = await csrfOf(cookie);
		const res = await postForm("/console/sign-out", cookie, { _csrf: csrf });
		expect(res.status).toBe(200);
		expect(res.headers.get("set-cookie")).toMatch(/^__Host-rl_session=; Max-Age=0/);
		expect((await request("/console", { headers: { cookie } })).status).toBe(303);
	});
});

describe("forms are safe from other sites", () => {
	it("refuses a write with a missing or wrong token, or from another origin, and changes nothing", async () => {
		const admin = await campaigner("admin");
		const cookie = await signIn(admin);
		const csrf = await csrfOf(cookie, "/console/campaigners");
		const target = unique("newcomer").email;

		const missing = await postForm("/console/campaigners", cookie, { email: target, role: "editor" });
		expect(missing.status).toBe(403);
		expect(await missing.text()).toContain("This form has expired or did not come from the console.");
		const wrong = await postForm("/console/campaigners", cookie, { email: target, role: "editor", _csrf: `${csrf}x` });
		expect(wrong.status).toBe(403);
		const crossSite = await postForm(
			"/console/campaigners",
			cookie,
			{ email: target, role: "editor", _csrf: csrf },
			{ origin: "https://evil.example", "sec-fetch-site": "cross-site" },
		);
		expect(crossSite.status).toBe(403);
		// An opaque Origin (what no-referrer pages send) passes only with Sec-Fetch-Site vouching for it.
		const opaque = await postForm(
			"/console/campaigners",
			cookie,
			{ email: target, role: "editor", _csrf: csrf },
			{ origin: "null" },
		);
		expect(opaque.status).toBe(403);
		expect(await campaignerRow(target)).toBeNull();

		// Another campaigner's token is no good either.
		const other = await signIn(await campaigner("admin"));
		const othersToken = await csrfOf(other, "/console/campaigners");
		expect((await postForm("/console/campaigners", cookie, { email: target, _csrf: othersToken })).status).toBe(403);
		expect(await campaignerRow(target)).toBeNull();

		const ok = await postForm(
			"/console/campaigners",
			cookie,
			{ email: target, role: "editor", _csrf: csrf },
			{ origin: ENGINE, "sec-fetch-site": "same-origin" },
		);
		expect(ok.status).toBe(303);
		expect(await campaignerRow(target)).toEqual({ role: "editor", disabled_at: null });
	});

	it("answers a signed-out write with a 403 page, not a redirect that loses it", async () => {
		const res = await postForm("/console/campaigners", "", { email: "x@example.org" });
		expect(res.status).toBe(403);
		expect(res.headers.get("content-type")).toContain("text/html");
	});
});

describe("roles", () => {
	it("lets editors edit content but not manage campaigners; admins do both", async () => {
		const editor = await signIn(await campaigner("editor"));
		const page = await request("/console/campaigners", { headers: { cookie: editor } });
		expect(page.status).toBe(403);
		expect(await page.text()).toContain("Your role does not allow this.");
		const csrf = await csrfOf(editor);
		const target = unique("by-editor").email;
		expect((await postForm("/console/campaigners", editor, { email: target, _csrf: csrf })).status).toBe(403);
		expect(await campaignerRow(target)).toBeNull();
		const menu = await (await request("/console", { headers: { cookie: editor } })).text();
		expect(menu).not.toContain('href="/console/campaigners"');

		const admin = await signIn(await campaigner("admin"));
		expect((await request("/console/campaigners", { headers: { cookie: admin } })).status).toBe(200);
	});

	it("lets an admin disable a campaigner, which ends their sessions", async () => {
		const admin = await signIn(await campaigner("admin"));
		const editorEmail = await campaigner("editor");
		const editor = await signIn(editorEmail);
		const csrf = await csrfOf(admin, "/console/campaigners");
		expect((await postForm("/console/campaigners/disable", admin, { email: editorEmail, _csrf: csrf })).status).toBe(
			303,
		);
		expect((await request("/console", { headers: { cookie: editor } })).status).toBe(303);
	});
});

describe("the operator's allow-list", () => {
	it("needs the operator token", async () => {
		const res = await request("/api/v1/operator/campaigners");
		expect(res.status).toBe(401);
		const put = await putCampaigner("someone@example.org", { role: "admin" }, { "content-type": "application/json" });
		expect(put.status).toBe(401);
	});

	it("refuses bad input with 422 and field issues", async () => {
		const badRole = await putCampaigner("someone@example.org", { role: "owner" });
		expect(badRole.status).toBe(422);
		expect(((await badRole.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("role");
		const badEmail = await putCampaigner("not-an-address", { role: "editor" });
		expect(badEmail.status).toBe(422);
		expect(
			(await request("/api/v1/operator/campaigners/x%40example.org", { method: "PUT", headers: OPERATOR, body: "{" }))
				.status,
		).toBe(400);
	});

	it("adds, updates, lists and disables; disabling ends sessions and stops links", async () => {
		const { email } = unique("Mixed.Case");
		const created = await putCampaigner(email, { role: "editor", name: "Nadia" });
		expect(created.status).toBe(201);
		expect(await created.json()).toMatchObject({
			campaigner: { email: email.toLowerCase(), name: "Nadia", role: "editor", disabled: false },
		});
		const updated = await putCampaigner(email.toLowerCase(), { role: "admin" });
		expect(updated.status).toBe(200);
		expect(await updated.json()).toMatchObject({ campaigner: { role: "admin", name: "Nadia" } });

		const list = (await (await request("/api/v1/operator/campaigners", { headers: OPERATOR })).json()) as {
			campaigners: { email: string }[];
		};
		expect(list.campaigners.map((c) => c.email)).toContain(email.toLowerCase());

		const cookie = await signIn(email);
		const gone = await request(`/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
			method: "DELETE",
			headers: OPERATOR,
		});
		expect(gone.status).toBe(200);
		expect(await gone.json()).toMatchObject({ campaigner: { disabled: true } });
		expect((await request("/console", { headers: { cookie } })).status).toBe(303);

		// A disabled address gets the same answer, and no email.
		const before = (await emailsTo(email.toLowerCase())).length;
		expect((await askForLink(email)).status).toBe(200);
		const rows = await outboxRowsTo(email.toLowerCase());
		expect(rows.filter((r) => r.template === "console-sign-in")).toHaveLength(before);

		const unknown = await request("/api/v1/operator/campaigners/nobody%40example.org", {
			method: "DELETE",
			headers: OPERATOR,
		});
		expect(unknown.status).toBe(404);
	});
});

describe("content and bulletins in the console", () => {
	it("answers every page of the menu with a page, not an error", async () => {
		const admin = await signIn(await campaigner("admin"));
		const home = await (await request("/console", { headers: { cookie: admin } })).text();
		const links = [...home.matchAll(/<nav aria-label="Console">([\s\S]*?)<\/nav>/g)]
			.flatMap((m) => [...(m[1] ?? "").matchAll(/href="([^"]+)"/g)])
			.map((m) => m[1] ?? "");
		expect(links).toHaveLength(12);
		for (const path of links) {
			const res = await request(path, { headers: { cookie: admin } });
			expect(res.status, path).toBe(200);
			expect(res.headers.get("cache-control"), path).toBe("no-store");
			expect(await res.text(), path).not.toContain("<script");
		}
	});

	it("a petition edited in the console is what the public sees, and its CSV downloads", async () => {
		const editor = await signIn(await campaigner("editor"));
		const csrf = await csrfOf(editor, "/console/petitions/call-to-action");
		const form = await (await request("/console/petitions/call-to-action", { headers: { cookie: editor } })).text();
		const value = (name: string) => form.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ?? "";
		const textarea = (name: string) =>
			(form.match(new RegExp(`name="${name}"[^>]*>([\\s\\S]*?)</textarea>`))?.[1] ?? "")
				.replaceAll("&amp;", "&")
				.replaceAll("&#39;", "'")
				.replaceAll("&quot;", '"')
				.replaceAll("&lt;", "<")
				.replaceAll("&gt;", ">");
		const fields: Record<string, string> = { _csrf: csrf, slug: "call-to-action", goal: "250000", status: "open" };
		fields.defaultLocale = "en";
		fields.quickExit = "1";
		for (const l of ["en", "fr", "es", "ar", "uk"]) {
			if (!value(`title_${l}`)) continue;
			fields[`title_${l}`] = l === "fr" ? "Appel des survivantes : titre modifié" : value(`title_${l}`);
			fields[`summary_${l}`] = textarea(`summary_${l}`);
			fields[`demands_${l}`] = textarea(`demands_${l}`);
		}
		const saved = await postForm("/console/petitions/call-to-action", editor, fields);
		expect(saved.status, (await saved.clone().text()).match(/<ul class="problem"[\s\S]*?<\/ul>/)?.[0]).toBe(303);
		const publicView = (await (await request("/api/v1/petitions/call-to-action?locale=fr")).json()) as {
			title: string;
			goal: number;
		};
		expect(publicView.title).toBe("Appel des survivantes : titre modifié");
		expect(publicView.goal).toBe(250000);

		const csv = await request("/console/petitions/call-to-action/signatures.csv", { headers: { cookie: editor } });
		expect(csv.status).toBe(200);
		expect(csv.headers.get("content-type")).toContain("text/csv");
		expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="call-to-action-signatures-/);
		expect((await csv.text()).split("\n")[0]).toContain("country");
	});

	it("composes a bulletin in three languages, previews it, test-sends it, sends it and reports it", async () => {
		const email = await campaigner("editor");
		const cookie = await signIn(email);
		const csrf = await csrfOf(cookie, "/console/bulletins/new");
		// A list of its own with three confirmed subscribers.
		const listId = `list_console_${Date.now().toString(36)}`;
		const now = Date.now();
		const subscribers = [unique("sub-en").email, unique("sub-fr").email, unique("sub-es").email];
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO lists (id, slug, status, default_locale, created_at, updated_at) VALUES (?, ?, 'open', 'en', ?, ?)",
			).bind(listId, listId.replaceAll("_", "-"), now, now),
			env.DB.prepare(
				"INSERT INTO list_texts (list_id, locale, name, description, consent_text, consent_version, updated_at) VALUES (?, 'en', 'Console test list', 'd', 'c', 1, ?)",
			).bind(listId, now),
			...subscribers.flatMap((address, i) => {
				const personId = `per_${listId}_${i}`;
				return [
					env.DB.prepare(
						"INSERT INTO people (id, email, email_canonical, name, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
					).bind(personId, address, address.toLowerCase(), `Reader ${i}`, ["en", "fr", "es"][i], now, now),
					env.DB.prepare(
						"INSERT INTO subscriptions (id, person_id, list_id, status, locale, consent_hash, created_at, updated_at, confirmed_at) VALUES (?, ?, ?, 'active', ?, 'test', ?, ?, ?)",
					).bind(`sub_${listId}_${i}`, personId, listId, ["en", "fr", "es"][i], now, now, now),
				];
			}),
		]);

		const created = await postForm("/console/bulletins", cookie, {
			_csrf: csrf,
			listId,
			defaultLocale: "en",
			subject_en: "News from the campaign",
			preheader_en: "What changed this month",
			body_en: "Thank you. **Three States** endorsed the declaration.",
			subject_fr: "Des nouvelles de la campagne",
			body_fr: "Merci. **Trois États** ont soutenu la déclaration.",
			subject_es: "Noticias de la campaña",
			body_es: "Gracias. **Tres Estados** apoyaron la declaración.",
		});
		expect(created.status).toBe(303);
		const page = created.headers.get("location")?.replace(/\?.*$/, "") ?? "";
		expect(page).toMatch(/^\/console\/bulletins\/[0-9a-f-]{36}$/);

		const draft = await (await request(page, { headers: { cookie } })).text();
		expect(draft).toContain('data-figure="audience">3<');
		expect(draft).toContain("Preview in French");

		const preview = await request(`${page}/preview/fr`, { headers: { cookie } });
		expect(preview.status).toBe(200);
		expect(await preview.text()).toContain("<strong>Trois États</strong>");

		expect((await postForm(`${page}/test`, cookie, { _csrf: csrf, locale: "es" })).status).toBe(303);
		const test = await waitForEmail(email.toLowerCase(), 2);
		expect(test.subject).toContain("Noticias de la campaña");

		// Without the confirmation step's fields, the send shows that step and sends nothing.
		expect((await postForm(`${page}/send`, cookie, { _csrf: csrf, when: "now" })).status).toBe(200);
		const version = await bulletinVersion(page.split("/").at(-1) ?? "");
		expect((await postForm(`${page}/send`, cookie, { _csrf: csrf, when: "now", confirmed: "1", version })).status).toBe(
			303,
		);
		for (const [i, address] of subscribers.entries()) {
			const got = await waitForEmail(address);
			expect(got.subject).toBe(["News from the campaign", "Des nouvelles de la campagne", "Noticias de la campaña"][i]);
		}
		const report = await waitFor_(async () => {
			const html = await (await request(page, { headers: { cookie } })).text();
			return html.includes('data-status="sent"') ? html : undefined;
		});
		expect(report).toContain('data-figure="sent">3<');
		expect(report).toContain("Report");
		for (const address of subscribers) expect(await emailsTo(address)).toHaveLength(1);
	});
});

async function waitFor_<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > until) throw new Error("timed out");
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** The version a bulletin's confirmation step carries (its last change). */
async function bulletinVersion(id: string): Promise<string> {
	const row = await env.DB.prepare("SELECT updated_at FROM bulletins WHERE id = ?")
		.bind(id)
		.first<{ updated_at: number }>();
	return String(row?.updated_at ?? "");
}

async function auditActions(subject: string) {
	const rows = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE subject = ? ORDER BY created_at")
		.bind(subject)
		.all<{ actor: string; action: string }>();
	return rows.results;
}

async function campaignerId(email: string) {
	const row = await env.DB.prepare("SELECT id FROM campaigners WHERE email = ?")
		.bind(email.toLowerCase())
		.first<{ id: string }>();
	return row?.id ?? "";
}

const slugOf = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

describe("letter campaigns, lists, partners and States in the console", () => {
	it("creates a letter campaign, edits its French text, and the public page shows it", async () => {
		const email = await campaigner("editor");
		const editor = await signIn(email);
		const csrf = await csrfOf(editor, "/console/letter-campaigns/new");
		const slug = slugOf("console-letter");
		const fields = {
			slug,
			status: "open",
			defaultLocale: "en",
			targetMode: "own-state",
			targetIso2s: "",
			maxBodyChars: "5000",
			nearDuplicateLimit: "10",
			listId: "",
			quickExit: "1",
			title_en: "Write to your State",
			subject_en: "End sexual violence in conflict",
			paragraphs_en: "Dear {state},\n\nPlease act.\n\n[if not psvi-declaration-2025]\nEndorse the declaration.",
		};
		const created = await postForm("/console/letter-campaigns", editor, { _csrf: csrf, ...fields });
		expect(created.status, (await created.clone().text()).match(/id="error-summary"[\s\S]*?<\/ul>/)?.[0]).toBe(303);
		expect(created.headers.get("location")).toBe(`/console/letter-campaigns/${slug}?saved=1`);

		const form = await (await request(`/console/letter-campaigns/${slug}`, { headers: { cookie: editor } })).text();
		expect(form).toContain("[if not psvi-declaration-2025]");
		const edited = await postForm(`/console/letter-campaigns/${slug}`, editor, {
			_csrf: csrf,
			...fields,
			title_fr: "Écrivez à votre État (console)",
			subject_fr: "Mettez fin aux violences sexuelles",
			paragraphs_fr: "Madame, Monsieur,\n\nAgissez.",
		});
		expect(edited.status).toBe(303);
		const publicPage = await (await request(`/l/${slug}?locale=fr&country=FR`)).text();
		expect(publicPage).toContain("Écrivez à votre État (console)");
		expect(await auditActions(slug)).toEqual([
			{ actor: `campaigner:${await campaignerId(email)}`, action: "letter-campaign.create" },
			{ actor: `campaigner:${await campaignerId(email)}`, action: "letter-campaign.update" },
		]);
	});

	it("shows a refused form again with each issue next to its field, 422, and what was typed kept", async () => {
		const editor = await signIn(await campaigner("editor"));
		const csrf = await csrfOf(editor, "/console/letter-campaigns/new");
		const res = await postForm("/console/letter-campaigns", editor, {
			_csrf: csrf,
			slug: "Not A Slug!",
			targetMode: "named",
			targetIso2s: "ZZ",
			maxBodyChars: "5000",
			nearDuplicateLimit: "10",
			title_en: "Kept title typed by the campaigner",
			subject_en: "Subject",
			paragraphs_en: "Hello {name}",
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain('id="error-summary"');
		expect(html).toMatch(/<input id="slug" name="slug"[^>]*value="Not A Slug!"[^>]*aria-describedby="slug-error"/);
		expect(html).toMatch(/<p class="field-error" id="slug-error">[^<]+<\/p>/);
		expect(html).toContain('value="Kept title typed by the campaigner"');
		expect(html).toContain('<a href="#slug">');
		expect(html).toContain('name="_csrf"');

		// A domain refusal (an unknown merge field) lands next to its field too.
		const merge = await postForm("/console/letter-campaigns", editor, {
			_csrf: csrf,
			slug: slugOf("merge-field"),
			maxBodyChars: "5000",
			nearDuplicateLimit: "10",
			title_en: "T",
			subject_en: "S",
			paragraphs_en: "Hello {name}",
		});
		expect(merge.status).toBe(422);
		const mergeHtml = await merge.text();
		expect(mergeHtml).toMatch(/id="paragraphs_en-error">\{name\} is not a merge field/);
		expect(mergeHtml).toContain("Hello {name}</textarea>");

		// Petitions too.
		const petition = await postForm("/console/petitions", editor, {
			_csrf: csrf,
			slug: "ok-slug",
			goal: "0",
			title_en: "A petition",
			summary_en: "s",
			demands_en: "# d: D\nOne",
		});
		expect(petition.status).toBe(422);
		expect(await petition.text()).toMatch(/aria-describedby="goal-error"[\s\S]*id="goal-error"/);
	});

	it("changes a list's consent wording: a new version, shown in the console and stored", async () => {
		const email = await campaigner("editor");
		const editor = await signIn(email);
		const csrf = await csrfOf(editor, "/console/lists/new");
		const slug = slugOf("console-list");
		const fields = {
			slug,
			status: "open",
			defaultLocale: "en",
			quickExit: "1",
			name_en: "Console list",
			description_en: "News",
			consent_en: "I agree to receive news.",
		};
		expect((await postForm("/console/lists", editor, { _csrf: csrf, ...fields })).status).toBe(303);
		const changed = await postForm(`/console/lists/${slug}`, editor, {
			_csrf: csrf,
			...fields,
			consent_en: "I agree to receive news about the campaign, about twice a month.",
		});
		expect(changed.status).toBe(303);
		const page = await (await request(`/console/lists/${slug}`, { headers: { cookie: editor } })).text();
		expect(page).toContain("consent wording version 2");
		const row = await env.DB.prepare(
			"SELECT t.consent_version AS v, t.consent_text AS text FROM list_texts t JOIN lists l ON l.id = t.list_id WHERE l.slug = ?",
		)
			.bind(slug)
			.first<{ v: number; text: string }>();
		expect(row).toEqual({ v: 2, text: "I agree to receive news about the campaign, about twice a month." });
		expect((await auditActions(slug)).map((a) => a.action)).toEqual(["list.create", "list.update"]);

		// Its slug cannot change: the error is next to the field.
		const renamed = await postForm(`/console/lists/${slug}`, editor, { _csrf: csrf, ...fields, slug: `${slug}-x` });
		expect(renamed.status).toBe(422);
		expect(await renamed.text()).toMatch(/id="slug-error">A list&#39;s slug cannot change/);
	});

	it("saves a partner whose origin the public write then accepts, and audits it", async () => {
		const email = await campaigner("editor");
		const editor = await signIn(email);
		const csrf = await csrfOf(editor, "/console/partners/new");
		const slug = slugOf("console-partner");
		const origin = `https://${slug}.example`;
		const preflight = () =>
			request("/api/v1/petitions/call-to-action/signatures", {
				method: "OPTIONS",
				headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
			});
		expect((await preflight()).headers.get("access-control-allow-origin")).toBeNull();

		const bad = await postForm("/console/partners", editor, {
			_csrf: csrf,
			slug,
			name: "Console partner",
			allowedOrigins: `${origin}/with/a/path`,
		});
		expect(bad.status).toBe(422);
		expect(await bad.text()).toMatch(/aria-describedby="allowedOrigins-error"[\s\S]*id="allowedOrigins-error"/);

		const saved = await postForm("/console/partners", editor, {
			_csrf: csrf,
			slug,
			name: "Console partner",
			allowedOrigins: `${origin}\n`,
			privacyUrl: `${origin}/privacy`,
			consent_fr: "Je veux aussi des nouvelles du réseau.",
		});
		expect(saved.status).toBe(303);
		expect((await preflight()).headers.get("access-control-allow-origin")).toBe(origin);
		// A new partner cannot take another's slug.
		const again = await postForm("/console/partners", editor, { _csrf: csrf, slug, name: "Impostor" });
		expect(again.status).toBe(422);
		expect(await auditActions(slug)).toEqual([
			{ actor: `campaigner:${await campaignerId(email)}`, action: "partner.create" },
		]);
	});

	it("edits a State's address and commitment; the public directory shows the commitment", async () => {
		const editor = await signIn(await campaigner("editor"));
		const csrf = await csrfOf(editor, "/console/states/IS");
		const form = await (await request("/console/states/IS", { headers: { cookie: editor } })).text();
		expect(form).toContain('name="contact0_email"');
		const fields = {
			_csrf: csrf,
			contactRows: "2",
			commitmentRows: "1",
			name_en: "Iceland",
			name_fr: "Islande",
			timeZone: "Atlantic/Reykjavik",
			dailyCap: "40",
			contact0_email: "Office@Iceland-Console.example",
			contact0_label: "Ministry",
			contact0_source: "https://iceland.example/contact",
			contact0_checked_at: "2026-01-15",
			contact0_status: "active",
			contact1_status: "active",
			commitment0_instrument: "console-test-instrument",
			commitment0_instrument_name: "Console test instrument",
			commitment0_status: "endorsed",
			commitment0_date: "2026-01",
			commitment0_source: "https://iceland.example/news",
		};
		const bad = await postForm("/console/states/IS", editor, { ...fields, contact0_email: "not-an-address" });
		expect(bad.status).toBe(422);
		const badHtml = await bad.text();
		expect(badHtml).toMatch(/aria-describedby="contact0_email-error"[\s\S]*id="contact0_email-error"/);
		expect(badHtml).toContain('value="not-an-address"');

		expect((await postForm("/console/states/IS", editor, fields)).status).toBe(303);
		const contacts = await env.DB.prepare(
			"SELECT c.email, c.source FROM target_contacts c JOIN targets t ON t.id = c.target_id WHERE t.iso2 = 'IS'",
		).all<{ email: string; source: string }>();
		expect(contacts.results).toEqual([
			{ email: "office@iceland-console.example", source: "https://iceland.example/contact" },
		]);
		const directory = (await (await request("/api/v1/states?locale=fr")).json()) as {
			states: { iso2: string; name: string; commitments: { instrument: string }[] }[];
		};
		const iceland = directory.states.find((s) => s.iso2 === "IS");
		expect(iceland?.name).toBe("Islande");
		expect(iceland?.commitments.map((c) => c.instrument)).toContain("console-test-instrument");
		expect((await auditActions("IS")).map((a) => a.action)).toContain("state.update");
	});

	it("refuses each new form without its CSRF token (403), and changes nothing", async () => {
		const editor = await signIn(await campaigner("editor"));
		const slug = slugOf("no-csrf");
		for (const path of [
			"/console/letter-campaigns",
			"/console/letter-campaigns/write-to-your-state",
			"/console/lists",
			"/console/partners",
			"/console/states/IS",
		]) {
			const res = await postForm(path, editor, { slug, name: "x", name_en: "x", title_en: "x" });
			expect(res.status, path).toBe(403);
		}
		expect(await auditActions(slug)).toEqual([]);
	});

	it("audits sign-in, campaigner changes and bulletin actions from the console", async () => {
		const adminEmail = await campaigner("admin");
		const admin = await signIn(adminEmail);
		const adminId = await campaignerId(adminEmail);
		expect(await auditActions(adminId)).toContainEqual({ actor: `campaigner:${adminId}`, action: "console.sign-in" });

		const csrf = await csrfOf(admin, "/console/campaigners");
		const target = unique("audited").email;
		expect((await postForm("/console/campaigners", admin, { email: target, role: "editor", _csrf: csrf })).status).toBe(
			303,
		);
		expect((await postForm("/console/campaigners/disable", admin, { email: target, _csrf: csrf })).status).toBe(303);
		expect(await auditActions(await campaignerId(target))).toEqual([
			{ actor: `campaigner:${adminId}`, action: "campaigner.create" },
			{ actor: `campaigner:${adminId}`, action: "campaigner.disable" },
		]);

		const listId = (await env.DB.prepare("SELECT id FROM lists LIMIT 1").first<{ id: string }>())?.id ?? "";
		const created = await postForm("/console/bulletins", admin, {
			_csrf: csrf,
			listId,
			defaultLocale: "en",
			subject_en: "Scheduled news",
			body_en: "Hello.",
		});
		expect(created.status).toBe(303);
		const id = created.headers.get("location")?.match(/bulletins\/([^?]+)/)?.[1] ?? "";
		const later = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
		expect(
			(
				await postForm(`/console/bulletins/${id}/send`, admin, {
					_csrf: csrf,
					when: "later",
					sendAt: later,
					zone: "UTC",
					confirmed: "1",
					version: await bulletinVersion(id),
				})
			).status,
		).toBe(303);
		expect((await postForm(`/console/bulletins/${id}/cancel`, admin, { _csrf: csrf })).status).toBe(303);
		expect((await auditActions(id)).map((a) => a.action)).toEqual([
			"bulletin.create",
			"bulletin.schedule",
			"bulletin.cancel",
		]);

		// A refused bulletin form keeps what was typed, with the issue next to the field.
		const bad = await postForm("/console/bulletins", admin, { _csrf: csrf, listId: "", subject_en: "Kept subject" });
		expect(bad.status).toBe(422);
		const badHtml = await bad.text();
		expect(badHtml).toContain('value="Kept subject"');
		expect(badHtml).toMatch(/aria-describedby="listId-error"|aria-describedby="body_en-error"/);
	});
});
