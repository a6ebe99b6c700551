// The local scripts (`npm start`'s wait, `npm run states:csv`, `npm run confirm`), run in Node as
// a developer runs them, against a small fake engine on loopback.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { localPort, readDevVars, waitUntilAnswers } from "../../scripts/local.ts";

const root = join(import.meta.dirname, "..", "..");

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A fake engine on 127.0.0.1 (a free port); `seen` records each request with its auth header. */
async function fakeEngine(handler: Handler) {
	const seen: { method: string; url: string; authorization?: string }[] = [];
	const server: Server = createServer((req, res) => {
		seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const address = server.address();
	const port = typeof address === "object" && address ? address.port : 0;
	return { port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A copy of the project's scripts in a scratch checkout, so that its .dev.vars is the test's own. */
let checkout: string;
beforeAll(() => {
	checkout = mkdtempSync(join(tmpdir(), "red-line-scripts-"));
	mkdirSync(join(checkout, "scripts"));
	mkdirSync(join(checkout, "worker", "i18n"), { recursive: true });
	for (const f of ["scripts/local.ts", "scripts/states-csv.ts", "scripts/confirm.ts", "worker/i18n/plural.ts"]) {
		copyFileSync(join(root, f), join(checkout, f));
	}
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

/** Runs one of the scripts with the pinned Node, with exactly the environment given (plus PATH). */
function run(script: string, args: string[], env: Record<string, string>) {
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
		execFile(
			process.execPath,
			[join(checkout, "scripts", script), ...args],
			// The Workers types widen NodeJS.ProcessEnv with the Worker's bindings: a plain record here.
			{
				env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv,
				timeout: 20_000,
				encoding: "utf8",
			},
			(err: (Error & { code?: number | string }) | null, stdout: string, stderr: string) =>
				resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

describe("readDevVars and localPort", () => {
	it("read .dev.vars as wrangler does, and PORT with 8787 by default", () => {
		const file = join(checkout, "sample.vars");
		writeFileSync(
			file,
			[
				"# a comment",
				"APP_SECRET=abc=def",
				'OPERATOR_TOKEN="quoted token"',
				"export TURNSTILE_SITE_KEY='single' ",
				"RESEND_API_KEY=re_x # trailing comment",
				"# OLD=commented out",
				"",
			].join("\n"),
		);
		expect(readDevVars(file)).toEqual({
			APP_SECRET: "abc=def",
			OPERATOR_TOKEN: "quoted token",
			TURNSTILE_SITE_KEY: "single",
			RESEND_API_KEY: "re_x",
		});
		expect(readDevVars(join(checkout, "missing.vars"))).toEqual({});
		expect(localPort(undefined)).toBe(8787);
		expect(localPort("9000")).toBe(9000);
		expect(() => localPort("nine")).toThrow(/PORT/);
	});
});

describe("waitUntilAnswers (npm start announces the URL only then)", () => {
	it("waits through refusals and 5xx answers, and resolves once the engine answers", async () => {
		let calls = 0;
		const engine = await fakeEngine((_req, res) => {
			calls += 1;
			res.writeHead(calls < 3 ? 503 : 200).end("{}");
		});
		try {
			expect(await waitUntilAnswers(`http://127.0.0.1:${engine.port}`, { intervalMs: 20 })).toBe(true);
			expect(calls).toBe(3);
		} finally {
			await engine.close();
		}
	});

	it("gives up when the process has exited, without waiting for the timeout", async () => {
		const engine = await fakeEngine((_req, res) => res.writeHead(500).end());
		const port = engine.port;
		await engine.close(); // nothing listens now
		const started = Date.now();
		let polls = 0;
		const answered = await waitUntilAnswers(`http://127.0.0.1:${port}`, {
			intervalMs: 20,
			gaveUp: () => ++polls > 3,
		});
		expect(answered).toBe(false);
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe("npm run states:csv", () => {
	afterEach(() => rmSync(join(checkout, ".dev.vars"), { force: true }));

	it("reads the operator token from .dev.vars and the port from PORT", async () => {
		writeFileSync(join(checkout, ".dev.vars"), "APP_SECRET=x\nOPERATOR_TOKEN=token-from-dev-vars\n");
		const engine = await fakeEngine((_req, res) =>
			res.writeHead(200, { "content-type": "text/csv" }).end("iso2,name_en\r\nFR,France\r\n"),
		);
		try {
			const r = await run("states-csv.ts", ["export", "states"], { PORT: String(engine.port) });
			expect(r.stderr).toBe("");
			expect(r.code).toBe(0);
			expect(r.stdout).toBe("iso2,name_en\r\nFR,France\r\n");
			expect(engine.seen).toEqual([
				{ method: "GET", url: "/api/v1/operator/states/states.csv", authorization: "Bearer token-from-dev-vars" },
			]);
			// The environment's OPERATOR_TOKEN, when set, wins over the file's.
			await run("states-csv.ts", ["export", "states"], { PORT: String(engine.port), OPERATOR_TOKEN: "from-env" });
			expect(engine.seen[1]?.authorization).toBe("Bearer from-env");
		} finally {
			await engine.close();
		}
	});

	it("says where the token goes when there is none", async () => {
		const r = await run("states-csv.ts", ["export", "states"], { PORT: "9" });
		expect(r.code).toBe(2);
		expect(r.stderr).toContain("OPERATOR_TOKEN");
	});
});

describe("npm run confirm", () => {
	it("POSTs the newest confirmation link the dev mailbox holds for the address", async () => {
		const emails = [
			{
				subject: "Please confirm (newest)",
				text: "Open http://localhost:1/confirm/NEWTOKEN_1-x to confirm",
				createdAt: "",
			},
			{ subject: "Please confirm (older)", text: "http://localhost:1/confirm/OLDTOKEN", createdAt: "" },
		];
		const engine = await fakeEngine((req, res) => {
			if (req.url?.startsWith("/dev/mailbox.json")) return res.writeHead(200).end(JSON.stringify(emails));
			if (req.method === "POST" && req.headers.accept === "application/json") {
				return res.writeHead(200).end('{"status":"confirmed","petition":"call-to-action"}');
			}
			res.writeHead(404).end();
		});
		try {
			const r = await run("confirm.ts", ["Amani@example.org"], { PORT: String(engine.port) });
			expect(r.code).toBe(0);
			expect(r.stdout).toContain('200 {"status":"confirmed","petition":"call-to-action"}');
			expect(engine.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
				"GET /dev/mailbox.json?to=Amani%40example.org",
				"POST /confirm/NEWTOKEN_1-x",
			]);
		} finally {
			await engine.close();
		}
	});

	it("fails plainly when no confirmation email arrives", async () => {
		const engine = await fakeEngine((_req, res) => res.writeHead(200).end("[]"));
		try {
			const r = await run("confirm.ts", ["nobody@example.org", "--wait", "0"], { PORT: String(engine.port) });
			expect(r.code).toBe(1);
			expect(r.stderr).toContain("No confirmation email to nobody@example.org");
		} finally {
			await engine.close();
		}
	});
});
