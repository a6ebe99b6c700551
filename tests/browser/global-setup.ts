// Starts the engine for the browser tests: a real `wrangler dev` of this Worker on a free
// loopback port, with a fresh local state (its own --persist-to directory) migrated and seeded,
// its own PUBLIC_URL and APP_SECRET, and no RESEND_API_KEY: emails land in the dev mailbox.
// Nothing is read from .dev.vars (CI has none). Stops only the process group it started.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { seedStatements } from "../../scripts/seed.ts";

declare module "vitest" {
	export interface ProvidedContext {
		engineUrl: string;
		/** The engine's OPERATOR_TOKEN: tests register partners with it. */
		operatorToken: string;
	}
}

const root = join(import.meta.dirname, "..", "..");
const wranglerJs = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/** The environment wrangler runs in: offline-quiet, and nothing of ours that could reach the Worker. */
function wranglerEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		WRANGLER_SEND_METRICS: "false",
		WRANGLER_HIDE_BANNER: "true",
		CLOUDFLARE_INCLUDE_PROCESS_ENV: "false",
		CI: "true", // no interactive prompts, no hotkeys
	};
	delete env.RESEND_API_KEY;
	delete env.APP_SECRET;
	return env;
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			const port = typeof address === "object" && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
		});
	});
}

/** Runs wrangler to completion (same Node as vitest); rejects with its output when it fails. */
function runWrangler(args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [wranglerJs, ...args], {
			cwd: root,
			env: wranglerEnv(),
			stdio: ["ignore", "pipe", "pipe"],
		});
		let output = "";
		child.stdout.on("data", (d) => {
			output += d;
		});
		child.stderr.on("data", (d) => {
			output += d;
		});
		child.on("error", reject);
		child.on("exit", (code) =>
			code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(" ")} exited ${code}:\n${output}`)),
		);
	});
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once("exit", () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** Signals the whole process group we started (wrangler runs workerd and a child node). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

export default async function setup(project: TestProject) {
	const state = mkdtempSync(join(tmpdir(), "red-line-browser-"));
	const persist = join(state, "persist");
	const logFile = join(state, "wrangler-dev.log");
	const log = () => {
		try {
			return readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
		} catch {
			return "";
		}
	};

	// An empty env file: wrangler then skips .dev.vars; the --var flags below are all it gets.
	const envFile = join(state, "empty.env");
	writeFileSync(envFile, "");
	const seedFile = join(state, "seed.sql");
	writeFileSync(seedFile, `${seedStatements().join("\n")}\n`);

	await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
	await runWrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", seedFile, "--yes"]);

	const operatorToken = randomBytes(24).toString("base64url");
	const port = await freePort();
	const inspectorPort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const out = createWriteStream(logFile);
	const dev = spawn(
		process.execPath,
		[
			wranglerJs,
			"dev",
			"--ip",
			"127.0.0.1",
			"--port",
			String(port),
			"--inspector-port",
			String(inspectorPort),
			"--persist-to",
			persist,
			"--env-file",
			envFile,
			"--var",
			`PUBLIC_URL:${url}`,
			"--var",
			`APP_SECRET:${randomBytes(32).toString("base64url")}`,
			"--var",
			`OPERATOR_TOKEN:${operatorToken}`,
			// wrangler.toml ships production; the browser tests read the dev mailbox.
			"--var",
			"ENVIRONMENT:development",
			"--show-interactive-dev-session=false",
			"--live-reload=false",
		],
		{ cwd: root, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true },
	);
	dev.stdout?.pipe(out);
	dev.stderr?.pipe(out);

	const stop = async () => {
		signalGroup(dev, "SIGTERM");
		if (!(await exited(dev, 10_000))) {
			signalGroup(dev, "SIGKILL");
			await exited(dev, 5_000);
		}
		out.end();
		rmSync(state, { recursive: true, force: true });
	};

	try {
		const until = Date.now() + 90_000;
		for (;;) {
			if (dev.exitCode !== null || dev.signalCode !== null) {
				throw new Error(`wrangler dev exited (${dev.exitCode ?? dev.signalCode}) before answering:\n${log()}`);
			}
			try {
				const res = await fetch(`${url}/p/call-to-action`, { signal: AbortSignal.timeout(5_000) });
				if (res.status === 200) break;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > until) throw new Error(`wrangler dev did not answer on ${url}:\n${log()}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	} catch (err) {
		await stop();
		throw err;
	}

	project.provide("engineUrl", url);
	project.provide("operatorToken", operatorToken);
	return stop;
}
