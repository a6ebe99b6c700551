// Issue 10, item 9: what a deploy gets when it forgets something, and what the logs never hold.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/db";
import { logEvent } from "../../worker/lib/log";
import { createMailer } from "../../worker/mail/create-mailer";
import wranglerToml from "../../wrangler.toml?raw";
import { postJson, request, requestWithEnv, unique } from "../helpers";

const OPERATOR = { authorization: "Bearer test-operator-token" };

describe("a deploy that forgets a setting", () => {
	it("ships ENVIRONMENT = production: the dev mailbox exists only on a local run", async () => {
		expect(wranglerToml).toMatch(/^ENVIRONMENT = "production"$/m);
		for (const ENVIRONMENT of [undefined, "", "production", "staging", "prod"]) {
			const res = await requestWithEnv("/dev/mailbox.json", { ENVIRONMENT } as Partial<Env>);
			expect(res.status, String(ENVIRONMENT)).toBe(404);
		}
		expect((await requestWithEnv("/dev/mailbox.json", { ENVIRONMENT: "development" })).status).toBe(200);
	});

	it("without RESEND_API_KEY, a deployed engine sends nothing anywhere rather than into the dev mailbox", async () => {
		const db = createDb(env.DB);
		const deployed = createMailer({ RESEND_API_KEY: undefined, RESEND_BASE_URL: "", ENVIRONMENT: "production" }, db);
		expect(deployed.name).not.toBe("dev-mailbox");
		const sent = await deployed.send({
			from: "a@b.org",
			to: "someone@example.org",
			subject: "s",
			html: "h",
			text: "t",
			idempotencyKey: "k-safe-defaults",
		});
		expect(sent).toMatchObject({ ok: false, permanent: false });
		const caught = await env.DB.prepare(
			"SELECT count(*) AS n FROM dev_mailbox WHERE to_address = 'someone@example.org'",
		).first<{
			n: number;
		}>();
		expect(caught?.n).toBe(0);
		const local = createMailer({ RESEND_API_KEY: undefined, RESEND_BASE_URL: "", ENVIRONMENT: "development" }, db);
		expect(local.name).toBe("dev-mailbox");
	});
});

describe("the operator token", () => {
	it("is accepted only as a bearer token", async () => {
		expect((await request("/api/v1/operator/outbox", { headers: OPERATOR })).status).toBe(200);
		for (const authorization of [
			"test-operator-token",
			"Basic test-operator-token",
			"Token test-operator-token",
			"Bearer",
			"Bearer test-operator-token-and-more",
			"Bearer test-operator-toke",
			"Bearertest-operator-token",
		]) {
			const res = await request("/api/v1/operator/outbox", { headers: { authorization } });
			expect(res.status, authorization).toBe(401);
			expect(res.headers.get("www-authenticate")).toBe("Bearer");
		}
	});
});

describe("API tokens", () => {
	it("a token with the tokens scope cannot mint scopes it does not hold", async () => {
		const made = await postJson(
			"/api/v1/operator/api-tokens",
			{ name: "token admin", scopes: ["tokens", "content:read"] },
			{ headers: OPERATOR },
		);
		expect(made.status).toBe(201);
		const { token } = await made.json<{ token: string }>();
		const bearer = { authorization: `Bearer ${token}` };
		for (const scopes of [["bulletins"], ["content:read", "content:write"], ["tokens", "outbox"]]) {
			const res = await postJson("/api/v1/admin/api-tokens", { name: "wider", scopes }, { headers: bearer });
			expect(res.status, scopes.join()).toBe(403);
			expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
		}
		const { results } = await env.DB.prepare("SELECT name FROM api_tokens WHERE name = 'wider'").all();
		expect(results).toEqual([]);
		const narrower = await postJson(
			"/api/v1/admin/api-tokens",
			{ name: "narrower", scopes: ["content:read"] },
			{ headers: bearer },
		);
		expect(narrower.status).toBe(201);
	});
});

describe("logs", () => {
	afterEach(() => vi.restoreAllMocks());

	/** A D1 that fails every query, quoting a link in its message as a driver might. */
	function brokenDb(link: string): D1Database {
		const fail = () => {
			throw new Error(`D1 is unavailable (while serving ${link})`);
		};
		return { prepare: fail, batch: fail, exec: fail, dump: fail, withSession: fail } as unknown as D1Database;
	}

	it("never carry link tokens, in the error logger and in any line", async () => {
		const lines: string[] = [];
		for (const level of ["log", "warn", "error", "info"] as const) {
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				lines.push(args.map(String).join(" "));
			});
		}
		const token = `Tok${crypto.randomUUID().replace(/-/g, "")}`;
		const paths = [
			`/confirm/${token}`,
			`/confirm/${token}/renew`,
			`/privacy/${token}`,
			`/reply/${token}`,
			`/console/sign-in/${token}`,
		];
		for (const path of paths) {
			const method = path.endsWith("/renew") ? "POST" : "GET";
			const res = await requestWithEnv(path, { DB: brokenDb(`https://engine.test${path}`) }, { method });
			expect(res.status, path).toBe(500);
		}
		const errors = lines.filter((l) => l.includes("unhandled_error"));
		expect(errors.length).toBe(paths.length);
		for (const line of lines) expect(line).not.toContain(token);
		expect(errors.map((l) => JSON.parse(l).path)).toEqual([
			"/confirm/[redacted]",
			"/confirm/[redacted]/renew",
			"/privacy/[redacted]",
			"/reply/[redacted]",
			"/console/sign-in/[redacted]",
		]);
		// Any line, whatever field carries the link (unsubscribe links are checked without the database).
		logEvent("warn", "test.line", { url: `https://engine.test/u/${token}?x=1`, note: `see /reply/${token}` });
		expect(lines.at(-1)).toBe(
			'{"event":"test.line","url":"https://engine.test/u/[redacted]?x=1","note":"see /reply/[redacted]"}',
		);
		// The ordinary flow logs nothing with a token either.
		await postJson("/api/v1/privacy/requests", { email: unique().email, kind: "export" }, { ip: unique().ip });
		for (const line of lines) expect(line).not.toContain(token);
	});
});
