// Signing in to the console in workerd tests: a campaigner allow-listed by the operator, the
// emailed link, the session cookie.
import { expect } from "vitest";
import { request as engineRequest, unique, waitForEmail } from "./helpers";

/** Requests that show redirects as they are. */
export const consoleRequest = (path: string, init: RequestInit & { ip?: string } = {}) =>
	engineRequest(path, { redirect: "manual", ...init });

/** An editor's session cookie, signed in through the emailed link. */
export async function editorSession(): Promise<string> {
	const { email } = unique("editor");
	const put = await consoleRequest(`/api/v1/operator/campaigners/${encodeURIComponent(email)}`, {
		method: "PUT",
		headers: { authorization: "Bearer test-operator-token", "content-type": "application/json" },
		body: JSON.stringify({ role: "editor", name: "An editor" }),
	});
	expect(put.status).toBe(201);
	const asked = await consoleRequest("/console/sign-in", {
		method: "POST",
		ip: unique().ip,
		headers: { "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ email }).toString(),
	});
	expect(asked.status).toBe(200);
	const mail = await waitForEmail(email);
	const link = mail.text.match(/https:\/\/engine\.test(\/console\/sign-in\/[A-Za-z0-9_-]+)/)?.[1];
	if (!link) throw new Error(`no sign-in link in:\n${mail.text}`);
	const res = await consoleRequest(link, { method: "POST" });
	expect(res.status).toBe(303);
	const cookie = (res.headers.get("set-cookie") ?? "").match(/(__Host-rl_session=[^;]+)/)?.[1];
	if (!cookie) throw new Error("no session cookie");
	return cookie;
}

/** The text of a table cell row on a page, from its first cell's text: the cells after it. */
export function tableRow(html: string, first: string): string[] | undefined {
	for (const row of html.matchAll(/<tr>(.*?)<\/tr>/gs)) {
		const cells = [...(row[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((m) => (m[1] ?? "").trim());
		if (cells[0] === first) return cells.slice(1);
	}
	return undefined;
}
