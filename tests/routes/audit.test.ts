// Issue 10, item 7: every change made through the console, the admin API or the operator API
// leaves its audit row. The walk covers every mutating route the app has: a new route without
// an entry here fails the test.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { emailsTo, request as engineRequest, unique, waitFor } from "../helpers";

const request = (path: string, init: RequestInit & { ip?: string } = {}) =>
	engineRequest(path, { redirect: "manual", ...init });

const OPERATOR = "Bearer test-operator-token";

/** Mutating routes that change nothing of the campaign's, so have no audit row: with why. */
const NOT_AUDITED: Record<string, string> = {
	// Asking for a link: public, rate-limited and capped; the sign-in itself is audited.
	"POST /console/sign-in": "a request for a sign-in link",
};

const unescapeHtml = (s: string) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");

const attr = (tag: string, name: string) => {
	const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
	return m ? unescapeHtml(m[1] ?? "") : undefined;
};

/** The fields a browser would post from the form with this action, as the page shows them. */
function formOf(html: string, action: string): URLSearchParams {
	const start = html.indexOf(`action="${action}"`);
	if (start < 0) throw new Error(`no form for ${action}`);
	const form = html.slice(start, html.indexOf("</form>", start));
	const fields = new URLSearchParams();
	for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
		const name = attr(tag, "name");
		const type = attr(tag, "type") ?? "text";
		if (!name || type === "submit") continue;
		if ((type === "checkbox" || type === "radio") && !/\schecked(=|\s|>|\/)/.test(tag)) continue;
		fields.append(name, attr(tag, "value") ?? (type === "checkbox" ? "on" : ""));
	}
	for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
		const name = attr(m[1] ?? "", "name");
		if (name) fields.append(name, unescapeHtml(m[2] ?? ""));
	}
	for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
		const name = attr(m[1] ?? "", "name");
		const options = [...(m[2] ?? "").matchAll(/<option\b[^>]*>/g)].map(([t]) => t);
		const chosen = options.find((t) => /\sselected(=|\s|>|\/)/.test(t)) ?? options[0];
		if (name && chosen) fields.append(name, attr(chosen, "value") ?? "");
	}
	return fields;
}

async function lastAuditRowid() {
	return (await env.DB.prepare("SELECT coalesce(max(rowid), 0) AS n FROM audit_log").first<{ n: number }>())?.n ?? 0;
}

async function auditSince(rowid: number) {
	const { results } = await env.DB.prepare(
		"SELECT actor, action, subject FROM audit_log WHERE rowid > ? ORDER BY rowid",
	)
		.bind(rowid)
		.all<{ actor: string; action: string; subject: string | null }>();
	return results;
}

async function heldLetter(): Promise<string> {
	const personId = crypto.randomUUID();
	const id = crypto.randomUUID();
	await env.DB.batch([
		env.DB.prepare(
			"INSERT INTO people (id, email, email_canonical, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
		).bind(personId, `${personId}@example.org`, `${personId}@example.org`),
		env.DB.prepare(
			"INSERT INTO letters (id, campaign_id, person_id, target_id, status, hold_reason, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at) VALUES (?, (SELECT id FROM letter_campaigns LIMIT 1), ?, (SELECT id FROM targets WHERE iso2 = 'CL'), 'held', 'near-duplicate', 'W', 'CL', 'en', 'S', 'B', '0000000000000000', 0, 0)",
		).bind(id, personId),
	]);
	return id;
}

async function deadEmail(): Promise<string> {
	const id = crypto.randomUUID();
	await env.DB.prepare(
		"INSERT INTO outbox (id, dedupe_key, template, to_address, locale, props, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'confirm-signature', ?, 'en', '{}', 'dead', 8, 0, 0)",
	)
		.bind(id, `dead:${id}`, `${id}@example.org`)
		.run();
	return id;
}

/** A delivered message of an endpoint, written directly: replay needs one. */
async function webhookMessage(endpointId: string): Promise<string> {
	const id = `msg_${crypto.randomUUID()}`;
	await env.DB.prepare(
		"INSERT INTO webhook_messages (id, endpoint_id, event_type, event_key, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'person.erased', ?, '{}', 'delivered', 1, 0, ?)",
	)
		.bind(id, endpointId, `walk:${id}`, Date.now())
		.run();
	return id;
}

/** A bulletin's status, set directly: pausing needs one that is sending. */
async function setBulletinStatus(id: string, status: string) {
	await env.DB.prepare("UPDATE bulletins SET status = ? WHERE id = ?").bind(status, id).run();
}

async function addCampaigner(email: string, role = "admin") {
	await env.DB.prepare(
		"INSERT INTO campaigners (id, email, role, locale, created_at, updated_at) VALUES (?, ?, ?, 'en', 0, 0)",
	)
		.bind(crypto.randomUUID(), email, role)
		.run();
}

describe("the audit log", () => {
	it("has a row for every change through the console, the admin API and the operator API", async () => {
		const admin = unique("auditor").email;
		await addCampaigner(admin);
		const slug = (p: string) => `${p}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

		// The console, signed in as an admin (through the emailed link, as a browser would).
		let cookie = "";
		let csrf = "";
		const page = async (path: string) => {
			const res = await request(path, { headers: { cookie } });
			expect(res.status, path).toBe(200);
			const html = await res.text();
			csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? csrf;
			return html;
		};
		const consolePost = (path: string, fields: URLSearchParams | Record<string, string>) => {
			const body = new URLSearchParams(fields);
			body.set("_csrf", csrf);
			return request(path, {
				method: "POST",
				headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
				body: body.toString(),
			});
		};
		const api = (method: string, path: string, body: unknown, auth: string, type = "application/json") =>
			request(path, {
				method,
				headers: { authorization: auth, "content-type": type },
				body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
			});

		let bearer = "";
		const admin_ = (method: string, path: string, body?: unknown) => api(method, `/api/v1/admin${path}`, body, bearer);
		const operator_ = (method: string, path: string, body?: unknown, type?: string) =>
			api(method, `/api/v1/operator${path}`, body, OPERATOR, type);
		const json = async <T>(res: Response) => (await res.json()) as T;

		const ids: Record<string, string> = {};
		/** Each mutating route: how to call it, and the audit action it must leave. */
		const steps: [string, string, () => Promise<Response>][] = [
			// Operator API
			[
				"POST /api/v1/operator/api-tokens",
				"token.create",
				async () => {
					const res = await operator_("POST", "/api-tokens", {
						name: "audit walk",
						scopes: ["content:read", "content:write", "letters:review", "outbox", "bulletins", "webhooks", "tokens"],
					});
					bearer = `Bearer ${(await json<{ token: string }>(res.clone())).token}`;
					return res;
				},
			],
			[
				"PUT /api/v1/operator/partners/:slug",
				"partner.create",
				() => {
					ids.partner = slug("walk-partner");
					return operator_("PUT", `/partners/${ids.partner}`, {
						name: "Walk Partner",
						allowedOrigins: ["https://walk.example"],
					});
				},
			],
			[
				"PUT /api/v1/operator/campaigners/:email",
				"campaigner.create",
				() => operator_("PUT", `/campaigners/${encodeURIComponent(unique("op-camp").email)}`, { role: "editor" }),
			],
			[
				"DELETE /api/v1/operator/campaigners/:email",
				"campaigner.disable",
				async () => {
					const email = unique("op-gone").email;
					await operator_("PUT", `/campaigners/${encodeURIComponent(email)}`, { role: "editor" });
					return operator_("DELETE", `/campaigners/${encodeURIComponent(email)}`);
				},
			],
			[
				"POST /api/v1/operator/letters/:id/:decision{release|reject}",
				"letter.reject",
				async () => operator_("POST", `/letters/${await heldLetter()}/reject`),
			],
			[
				"POST /api/v1/operator/outbox/:id/retry",
				"email.retry",
				async () => operator_("POST", `/outbox/${await deadEmail()}/retry`),
			],
			[
				"POST /api/v1/operator/states/:kind",
				"states.import-contacts",
				() =>
					operator_(
						"POST",
						"/states/contacts",
						"iso2,email,label,source,checked_at,status\nIS,office@iceland-walk.example,Ministry,walk,2026-11-20,active\n",
						"text/csv",
					),
			],
			// Admin API
			[
				"POST /api/v1/admin/petitions",
				"petition.create",
				async () => {
					const { petition, texts } = await json<{ petition: Record<string, unknown>; texts: unknown }>(
						await admin_("GET", "/petitions/call-to-action"),
					);
					ids.petition = slug("walk-petition");
					return admin_("POST", "/petitions", { ...petition, slug: ids.petition, texts });
				},
			],
			[
				"PUT /api/v1/admin/petitions/:slug",
				"petition.update",
				async () => {
					const { petition, texts } = await json<{ petition: Record<string, unknown>; texts: unknown }>(
						await admin_("GET", `/petitions/${ids.petition}`),
					);
					return admin_("PUT", `/petitions/${ids.petition}`, { ...petition, goal: 1234, texts });
				},
			],
			[
				"POST /api/v1/admin/letter-campaigns",
				"letter-campaign.create",
				async () => {
					const { campaign, texts } = await json<{ campaign: Record<string, unknown>; texts: unknown }>(
						await admin_("GET", "/letter-campaigns/write-to-your-state"),
					);
					ids.campaign = slug("walk-letters");
					return admin_("POST", "/letter-campaigns", { ...campaign, slug: ids.campaign, texts });
				},
			],
			[
				"PUT /api/v1/admin/letter-campaigns/:slug",
				"letter-campaign.update",
				async () => {
					const { campaign, texts } = await json<{ campaign: Record<string, unknown>; texts: unknown }>(
						await admin_("GET", `/letter-campaigns/${ids.campaign}`),
					);
					return admin_("PUT", `/letter-campaigns/${ids.campaign}`, { ...campaign, texts });
				},
			],
			[
				"POST /api/v1/admin/lists",
				"list.create",
				async () => {
					const { list, texts } = await json<{ list: Record<string, unknown>; texts: unknown }>(
						await admin_("GET", "/lists/red-line-updates"),
					);
					ids.list = slug("walk-list");
					return admin_("POST", "/lists", { ...list, slug: ids.list, texts });
				},
			],
			[
				"PUT /api/v1/admin/lists/:slug",
				"list.update",
				async () => {
					const { list, texts } = await json<{ list: Record<string, unknown>; texts: unknown }>(
						await admin_("GET", `/lists/${ids.list}`),
					);
					return admin_("PUT", `/lists/${ids.list}`, { ...list, texts });
				},
			],
			[
				"PUT /api/v1/admin/partners/:slug",
				"partner.update",
				() => admin_("PUT", `/partners/${ids.partner}`, { name: "Walk Partner", allowedOrigins: [] }),
			],
			[
				"PUT /api/v1/admin/states/:iso2",
				"state.update",
				async () => {
					const { state } = await json<{ state: { names: unknown; timeZone: string } }>(
						await admin_("GET", "/states/IS"),
					);
					const entry = { names: state.names, timeZone: state.timeZone, dailyCap: 25, contacts: [], commitments: [] };
					return admin_("PUT", "/states/IS", entry);
				},
			],
			[
				"POST /api/v1/admin/letters/:id/:decision{release|reject}",
				"letter.release",
				async () => admin_("POST", `/letters/${await heldLetter()}/release`),
			],
			[
				"POST /api/v1/admin/outbox/:id/retry",
				"email.retry",
				async () => admin_("POST", `/outbox/${await deadEmail()}/retry`),
			],
			[
				"POST /api/v1/admin/webhooks",
				"webhook.create",
				async () => {
					const res = await admin_("POST", "/webhooks", {
						url: "http://127.0.0.1:9/hooks/walk",
						events: ["signature.confirmed"],
					});
					ids.webhook = (await json<{ id: string }>(res.clone())).id;
					return res;
				},
			],
			[
				"POST /api/v1/admin/webhooks/:id/rotate",
				"webhook.rotate",
				() => admin_("POST", `/webhooks/${ids.webhook}/rotate`),
			],
			[
				"POST /api/v1/admin/webhooks/:id/:change{enable|disable}",
				"webhook.disable",
				() => admin_("POST", `/webhooks/${ids.webhook}/disable`),
			],
			[
				"POST /api/v1/admin/webhooks/:id/messages/:messageId/replay",
				"webhook.replay",
				async () => {
					await admin_("POST", `/webhooks/${ids.webhook}/enable`);
					ids.webhookMessage = await webhookMessage(ids.webhook as string);
					return admin_("POST", `/webhooks/${ids.webhook}/messages/${ids.webhookMessage}/replay`);
				},
			],
			[
				"POST /api/v1/admin/webhooks/:id/replay",
				"webhook.replay_range",
				() => admin_("POST", `/webhooks/${ids.webhook}/replay`, { since: "2000-01-01T00:00:00Z" }),
			],
			[
				"POST /api/v1/admin/api-tokens",
				"token.create",
				async () => {
					const res = await admin_("POST", "/api-tokens", { name: "walk child", scopes: ["content:read"] });
					ids.token = (await json<{ id: string }>(res.clone())).id;
					return res;
				},
			],
			["DELETE /api/v1/admin/api-tokens/:id", "token.revoke", () => admin_("DELETE", `/api-tokens/${ids.token}`)],
			[
				"POST /api/v1/admin/bulletins",
				"bulletin.create",
				async () => {
					const res = await admin_("POST", "/bulletins", {
						listId: "list_red-line-updates",
						defaultLocale: "en",
						audience: {},
						texts: [{ locale: "en", subject: "Walk", preheader: "", bodyMarkdown: "Hello." }],
					});
					ids.bulletin = (await json<{ bulletin: { id: string } }>(res.clone())).bulletin.id;
					return res;
				},
			],
			[
				"PUT /api/v1/admin/bulletins/:id",
				"bulletin.update",
				() =>
					admin_("PUT", `/bulletins/${ids.bulletin}`, {
						listId: "list_red-line-updates",
						defaultLocale: "en",
						audience: {},
						texts: [{ locale: "en", subject: "Walk again", preheader: "", bodyMarkdown: "Hello." }],
					}),
			],
			[
				"POST /api/v1/admin/bulletins/:id/test",
				"bulletin.test",
				() => admin_("POST", `/bulletins/${ids.bulletin}/test`, { email: admin, locale: "en" }),
			],
			[
				"POST /api/v1/admin/bulletins/:id/send",
				"bulletin.schedule",
				() => admin_("POST", `/bulletins/${ids.bulletin}/send`, { sendAt: Date.now() + 86_400_000 }),
			],
			[
				"POST /api/v1/admin/bulletins/:id/pause",
				"bulletin.pause",
				async () => {
					await setBulletinStatus(ids.bulletin as string, "sending");
					return admin_("POST", `/bulletins/${ids.bulletin}/pause`);
				},
			],
			[
				"POST /api/v1/admin/bulletins/:id/resume",
				"bulletin.resume",
				() => admin_("POST", `/bulletins/${ids.bulletin}/resume`),
			],
			[
				"POST /api/v1/admin/bulletins/:id/cancel",
				"bulletin.cancel",
				() => admin_("POST", `/bulletins/${ids.bulletin}/cancel`),
			],
			[
				"DELETE /api/v1/admin/bulletins/:id",
				"bulletin.delete",
				async () => {
					const res = await admin_("POST", "/bulletins", {
						listId: "list_red-line-updates",
						defaultLocale: "en",
						audience: {},
						texts: [{ locale: "en", subject: "Draft to delete", preheader: "", bodyMarkdown: "Hello." }],
					});
					const id = (await json<{ bulletin: { id: string } }>(res)).bulletin.id;
					ids.adminDraft = id;
					return admin_("DELETE", `/bulletins/${id}`);
				},
			],
			// The console
			[
				"POST /console/sign-in/:token",
				"console.sign-in",
				async () => {
					await request("/console/sign-in", {
						method: "POST",
						ip: unique().ip,
						headers: { "content-type": "application/x-www-form-urlencoded" },
						body: new URLSearchParams({ email: admin }).toString(),
					});
					// The sign-in email (the admin also got the bulletin's test email).
					const signInLink = async () => {
						for (const mail of await emailsTo(admin)) {
							const found = mail.text.match(/https:\/\/engine\.test(\/console\/sign-in\/[\w-]+)/)?.[1];
							if (found) return found;
						}
						return undefined;
					};
					const link = await waitFor(signInLink, 15_000, "the sign-in email");
					const res = await request(link, { method: "POST" });
					cookie = res.headers.get("set-cookie")?.match(/(__Host-rl_session=[^;]+)/)?.[1] ?? "";
					await page("/console");
					return res;
				},
			],
			[
				"POST /console/petitions",
				"petition.create",
				async () => {
					const fields = formOf(await page("/console/petitions/call-to-action"), "/console/petitions/call-to-action");
					ids.consolePetition = slug("console-petition");
					fields.set("slug", ids.consolePetition);
					return consolePost("/console/petitions", fields);
				},
			],
			[
				"POST /console/petitions/:slug",
				"petition.update",
				async () => {
					const path = `/console/petitions/${ids.consolePetition}`;
					return consolePost(path, formOf(await page(path), path));
				},
			],
			[
				"POST /console/letter-campaigns",
				"letter-campaign.create",
				async () => {
					const path = "/console/letter-campaigns/write-to-your-state";
					const fields = formOf(await page(path), path);
					ids.consoleCampaign = slug("console-letters");
					fields.set("slug", ids.consoleCampaign);
					return consolePost("/console/letter-campaigns", fields);
				},
			],
			[
				"POST /console/letter-campaigns/:slug",
				"letter-campaign.update",
				async () => {
					const path = `/console/letter-campaigns/${ids.consoleCampaign}`;
					return consolePost(path, formOf(await page(path), path));
				},
			],
			[
				"POST /console/lists",
				"list.create",
				async () => {
					const path = "/console/lists/red-line-updates";
					const fields = formOf(await page(path), path);
					ids.consoleList = slug("console-list");
					fields.set("slug", ids.consoleList);
					return consolePost("/console/lists", fields);
				},
			],
			[
				"POST /console/lists/:slug",
				"list.update",
				async () => {
					const path = `/console/lists/${ids.consoleList}`;
					return consolePost(path, formOf(await page(path), path));
				},
			],
			[
				"POST /console/partners",
				"partner.create",
				async () => {
					const path = `/console/partners/${ids.partner}`;
					const fields = formOf(await page(path), path);
					ids.consolePartner = slug("console-partner");
					fields.set("slug", ids.consolePartner);
					return consolePost("/console/partners", fields);
				},
			],
			[
				"POST /console/partners/:slug",
				"partner.update",
				async () => {
					const path = `/console/partners/${ids.consolePartner}`;
					return consolePost(path, formOf(await page(path), path));
				},
			],
			[
				"POST /console/states/:iso2",
				"state.update",
				async () => consolePost("/console/states/IS", formOf(await page("/console/states/IS"), "/console/states/IS")),
			],
			[
				"POST /console/review/letters/:decision{release|reject}",
				"letter.release",
				async () => consolePost("/console/review/letters/release", { id: await heldLetter() }),
			],
			[
				"POST /console/review/emails/retry",
				"email.retry",
				async () => consolePost("/console/review/emails/retry", { id: await deadEmail() }),
			],
			[
				"POST /console/campaigners",
				"campaigner.create",
				() => {
					ids.consoleCampaigner = unique("console-camp").email;
					return consolePost("/console/campaigners", { email: ids.consoleCampaigner, role: "editor" });
				},
			],
			[
				"POST /console/campaigners/disable",
				"campaigner.disable",
				() => consolePost("/console/campaigners/disable", { email: ids.consoleCampaigner as string }),
			],
			[
				"POST /console/tokens",
				"token.create",
				() =>
					consolePost(
						"/console/tokens",
						new URLSearchParams([
							["name", "console walk"],
							["scopes", "content:read"],
						]),
					),
			],
			[
				"POST /console/tokens/revoke",
				"token.revoke",
				async () => {
					const row = await env.DB.prepare("SELECT id FROM api_tokens WHERE name = 'console walk'").first<{
						id: string;
					}>();
					return consolePost("/console/tokens/revoke", { id: row?.id ?? "" });
				},
			],
			[
				"POST /console/webhooks",
				"webhook.create",
				async () => {
					const res = await consolePost(
						"/console/webhooks",
						new URLSearchParams([
							["url", "http://127.0.0.1:9/hooks/console-walk"],
							["events", "person.erased"],
							["personalData", "on"],
						]),
					);
					const row = await env.DB.prepare(
						"SELECT id FROM webhook_endpoints WHERE url = 'http://127.0.0.1:9/hooks/console-walk'",
					).first<{ id: string }>();
					ids.consoleWebhook = row?.id ?? "";
					return res;
				},
			],
			[
				"POST /console/webhooks/:id/rotate",
				"webhook.rotate",
				() => consolePost(`/console/webhooks/${ids.consoleWebhook}/rotate`, {}),
			],
			[
				"POST /console/webhooks/:id/:change{enable|disable}",
				"webhook.disable",
				() => consolePost(`/console/webhooks/${ids.consoleWebhook}/disable`, {}),
			],
			[
				"POST /console/webhooks/:id/messages/:messageId/replay",
				"webhook.replay",
				async () => {
					await consolePost(`/console/webhooks/${ids.consoleWebhook}/enable`, {});
					const id = await webhookMessage(ids.consoleWebhook as string);
					return consolePost(`/console/webhooks/${ids.consoleWebhook}/messages/${id}/replay`, {});
				},
			],
			[
				"POST /console/webhooks/:id/replay",
				"webhook.replay_range",
				() => consolePost(`/console/webhooks/${ids.consoleWebhook}/replay`, { since: "2000-01-01T00:00" }),
			],
			[
				"POST /console/bulletins",
				"bulletin.create",
				async () => {
					const res = await consolePost("/console/bulletins", {
						listId: "list_red-line-updates",
						defaultLocale: "en",
						subject_en: "Console walk",
						body_en: "Hello.",
					});
					ids.consoleBulletin = res.headers.get("location")?.match(/bulletins\/([^?]+)/)?.[1] ?? "";
					return res;
				},
			],
			[
				"POST /console/bulletins/:id",
				"bulletin.update",
				() =>
					consolePost(`/console/bulletins/${ids.consoleBulletin}`, {
						listId: "list_red-line-updates",
						defaultLocale: "en",
						subject_en: "Console walk, again",
						body_en: "Hello.",
					}),
			],
			[
				"POST /console/bulletins/:id/test",
				"bulletin.test",
				() => consolePost(`/console/bulletins/${ids.consoleBulletin}/test`, { locale: "en" }),
			],
			[
				"POST /console/bulletins/:id/send",
				"bulletin.schedule",
				async () => {
					// Only the confirmation page's form sends: post what it shows.
					const sendAt = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
					const page = await request(
						`/console/bulletins/${ids.consoleBulletin}/confirm?when=later&zone=UTC&sendAt=${encodeURIComponent(sendAt)}`,
						{ headers: { cookie } },
					);
					const action = `/console/bulletins/${ids.consoleBulletin}/send`;
					return consolePost(action, formOf(await page.text(), action));
				},
			],
			[
				"POST /console/bulletins/:id/unschedule",
				"bulletin.unschedule",
				() => consolePost(`/console/bulletins/${ids.consoleBulletin}/unschedule`, {}),
			],
			[
				"POST /console/bulletins/:id/pause",
				"bulletin.pause",
				async () => {
					await setBulletinStatus(ids.consoleBulletin as string, "sending");
					return consolePost(`/console/bulletins/${ids.consoleBulletin}/pause`, {});
				},
			],
			[
				"POST /console/bulletins/:id/resume",
				"bulletin.resume",
				() => consolePost(`/console/bulletins/${ids.consoleBulletin}/resume`, {}),
			],
			[
				"POST /console/bulletins/:id/cancel",
				"bulletin.cancel",
				() => consolePost(`/console/bulletins/${ids.consoleBulletin}/cancel`, {}),
			],
			[
				"POST /console/bulletins/:id/delete",
				"bulletin.delete",
				async () => {
					const res = await consolePost("/console/bulletins", {
						listId: "list_red-line-updates",
						defaultLocale: "en",
						subject_en: "Console draft to delete",
						body_en: "Hello.",
					});
					const id = res.headers.get("location")?.match(/bulletins\/([^?]+)/)?.[1] ?? "";
					ids.consoleDraft = id;
					return consolePost(`/console/bulletins/${id}/delete`, {});
				},
			],
			["POST /console/sign-out", "console.sign-out", () => consolePost("/console/sign-out", {})],
		];

		// Every mutating route of the console, the admin API and the operator API is walked.
		const routes = new Set<string>();
		for (const r of app.routes) {
			if (!["POST", "PUT", "DELETE", "PATCH"].includes(r.method)) continue;
			if (!/^\/(console|api\/v1\/(admin|operator))(\/|$)/.test(r.path)) continue;
			routes.add(`${r.method} ${r.path}`);
		}
		const walked = new Set(steps.map(([route]) => route));
		const missing = [...routes].filter((r) => !walked.has(r) && !(r in NOT_AUDITED));
		expect(missing).toEqual([]);

		const failures: string[] = [];
		for (const [route, action, step] of steps) {
			const before = await lastAuditRowid();
			const res = await step();
			if (res.status >= 400) {
				failures.push(`${route}: answered ${res.status} ${(await res.text()).slice(0, 200)}`);
				continue;
			}
			const rows = await auditSince(before);
			const row = rows.find((r) => r.action === action);
			if (!row) {
				failures.push(`${route}: no ${action} row (got ${rows.map((r) => r.action).join(", ") || "none"})`);
				continue;
			}
			const expectedActor = route.startsWith("POST /console")
				? /^campaigner:/
				: route.includes("/admin/")
					? /^token:/
					: /^operator$/;
			if (!expectedActor.test(row.actor)) failures.push(`${route}: ${action} by ${row.actor}`);
		}
		expect(failures).toEqual([]);
	});
});
