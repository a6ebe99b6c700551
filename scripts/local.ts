// Shared by the local scripts: run wrangler with the project's pinned Node, quietly offline.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

/**
 * Wrangler's telemetry and update checks need the internet; nothing local depends on them. Nor
 * does the `Request.cf` object miniflare fetches from workers.cloudflare.com on every start
 * (offline it prints an error trace and uses its placeholder, which is what it gets here).
 */
export const wranglerEnv = {
	...process.env,
	WRANGLER_SEND_METRICS: "false",
	WRANGLER_HIDE_BANNER: "true",
	CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/** Runs wrangler to completion; throws with its output when it fails. */
export function wrangler(args: string[]): void {
	const r = spawnSync(bin("wrangler"), args, { cwd: root, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"] });
	if (r.status !== 0) {
		throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
	}
}

/** Starts a long-running wrangler. */
export function spawnWrangler(args: string[], quiet = false) {
	return spawn(bin("wrangler"), args, { cwd: root, env: wranglerEnv, stdio: quiet ? "ignore" : "inherit" });
}

/** Makes .dev.vars from the example the first time, with a fresh random APP_SECRET. */
export function ensureDevVars(): void {
	const vars = join(root, ".dev.vars");
	if (existsSync(vars)) return;
	copyFileSync(join(root, ".dev.vars.example"), vars);
	const secret = randomBytes(32).toString("base64url");
	writeFileSync(vars, readFileSync(vars, "utf8").replace(/^APP_SECRET=.*$/m, `APP_SECRET=${secret}`));
	console.log("Created .dev.vars with a fresh APP_SECRET.");
}

/** The port the local engine listens on: PORT, else wrangler dev's 8787. */
export function localPort(value: string | undefined = process.env.PORT): number {
	const port = Number(value ?? 8787);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, not ${value}`);
	return port;
}

/**
 * The variables of a .dev.vars file (dotenv syntax, as wrangler reads it: `NAME=value`, `#`
 * comments, optional single or double quotes). A missing file has none.
 */
export function readDevVars(path = join(root, ".dev.vars")): Record<string, string> {
	if (!existsSync(path)) return {};
	const vars: Record<string, string> = {};
	for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
		const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
		if (!m?.[1]) continue;
		let value = m[2] ?? "";
		const quoted = /^(["'])(.*)\1$/.exec(value);
		if (quoted) value = quoted[2] ?? "";
		else value = value.replace(/\s+#.*$/, "");
		vars[m[1]] = value;
	}
	return vars;
}

/**
 * Resolves true once the engine at `base` answers HTTP (any status below 500: a 404 is an
 * answer, a 5xx is wrangler still building or the Worker failing to start), false if `gaveUp`
 * says so first (the process exited) or `timeoutMs` passes.
 */
export async function waitUntilAnswers(
	base: string,
	{
		gaveUp = () => false,
		timeoutMs = 120_000,
		intervalMs = 250,
	}: { gaveUp?: () => boolean; timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && !gaveUp()) {
		try {
			const res = await fetch(`${base}/api/v1/petitions/call-to-action`, {
				redirect: "manual",
				signal: AbortSignal.timeout(5_000),
			});
			await res.body?.cancel();
			if (res.status < 500) return true;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	return false;
}
