// Shared by the local scripts: run wrangler with the project's pinned Node, quietly offline.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

/** Wrangler's telemetry and update checks need the internet; nothing local depends on them. */
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" };

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
