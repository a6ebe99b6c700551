// Signing in to the console and posting its forms, for the route tests of the console.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { request as engineRequest, unique, waitForEmail } from "./helpers";

/** Requests that show redirects as they are (a loopback fetch would follow them). */
export const request = (path: string, init: RequestInit & { ip?: string } = {}) =>
	engineRequest(path, { redirect: "manual", ...init });

/** The same, by the name the dashboard and share tests use. */
export const consoleRequest = request;

export const OPERATOR = { authorization: "Bearer test-operator-token", "content-type": "application/json" };

/** A campaigner on the allow-list (with a name unless `name` is null); returns their address. */
export async function campaigner(role: "admin" | "editor", prefix: string = role, name: string | null = `A ${role}`) {
	const { email } = unique(prefix);
	const res = await request(`/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: OPERATOR,
		body: JSON.stringify(name === null ? { role } : { role, name }),
	});
	expect(res.status).toBe(201);
	return email;
}

/** Signs in through the emailed link; returns the cookie to send. */
export async function signIn(email: string, n = 1): Promise<string> {
	const ask = await request("/console/sign-in", {
		method: "POST",
		ip: unique().ip,
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ email }).toString(),
	});
	expect(ask.status).toBe(200);
	const mail = await waitForEmail(email, n);
	const link = mail.text.match(/https:\/\/engine\.test(\/console\/sign-in\/[A-Za-z0-9_-]+)/)?.[1];
	if (!link) throw new Error(`no sign-in link in:\n${mail.text}`);
	const res = await request(link, { method: "POST" });
	expect(res.status).toBe(303);
	const cookie = (res.headers.get("set-cookie") ?? "").match(/(__Host-rl_session=[^;]+)/)?.[1];
	if (!cookie) throw new Error("no session cookie");
	return cookie;
}

/** The CSRF token of a signed-in page's forms. */
export async function csrfOf(cookie: string, path = "/console"): Promise<string> {
	const res = await request(path, { headers: { cookie } });
	expect(res.status).toBe(200);
	const m = (await res.text()).match(/name="_csrf" value="([^"]+)"/);
	if (!m?.[1]) throw new Error(`no CSRF token on ${path}`);
	return m[1];
}

export function postForm(path: string, cookie: string, fields: Record<string, string>) {
	return request(path, {
		method: "POST",
		headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams(fields).toString(),
	});
}

export async function getPage(path: string, cookie: string): Promise<{ status: number; html: string }> {
	const res = await request(path, { headers: { cookie } });
	return { status: res.status, html: await res.text() };
}

/** A list of its own with active subscribers: [email, locale, name] each. */
export async function listWithSubscribers(subscribers: [string, string, string | null][]): Promise<string> {
	const listId = `list_${unique("l")
		.email.split("@")[0]
		?.replace(/[^a-z0-9]/g, "")}`;
	const now = Date.now();
	await env.DB.batch([
		env.DB.prepare(
			"INSERT INTO lists (id, slug, status, default_locale, created_at, updated_at) VALUES (?, ?, 'open', 'en', ?, ?)",
		).bind(listId, listId.replaceAll("_", "-"), now, now),
		env.DB.prepare(
			"INSERT INTO list_texts (list_id, locale, name, description, consent_text, consent_version, updated_at) VALUES (?, 'en', 'First-hour list', 'd', 'c', 1, ?)",
		).bind(listId, now),
		...subscribers.flatMap(([address, locale, name], i) => {
			const personId = `per_${listId}_${i}`;
			return [
				env.DB.prepare(
					"INSERT INTO people (id, email, email_canonical, name, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				).bind(personId, address, address.toLowerCase(), name, locale, now, now),
				env.DB.prepare(
					"INSERT INTO subscriptions (id, person_id, list_id, status, locale, consent_hash, created_at, updated_at, confirmed_at) VALUES (?, ?, ?, 'active', ?, 'test', ?, ?, ?)",
				).bind(`sub_${listId}_${i}`, personId, listId, locale, now, now, now),
			];
		}),
	]);
	return listId;
}

/** The version a bulletin's confirmation step carries (its last change). */
export async function bulletinVersion(id: string): Promise<string> {
	const row = await env.DB.prepare("SELECT updated_at FROM bulletins WHERE id = ?")
		.bind(id)
		.first<{ updated_at: number }>();
	return String(row?.updated_at ?? "");
}

/** An editor's session cookie, signed in through the emailed link. */
export async function editorSession(): Promise<string> {
	return signIn(await campaigner("editor", "editor", "An editor"));
}

/** The text of a table cell row on a page, from its first cell's text: the cells after it. */
export function tableRow(html: string, first: string): string[] | undefined {
	for (const row of html.matchAll(/<tr>(.*?)<\/tr>/gs)) {
		const cells = [...(row[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((m) => (m[1] ?? "").trim());
		if (cells[0] === first) return cells.slice(1);
	}
	return undefined;
}
