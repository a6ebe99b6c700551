// `npm start`: the engine on this machine, as it runs when deployed: local D1 with the
// migrations applied and the campaign seeded, the delivery queue, and the cron triggers ticked
// every minute (wrangler dev does not fire them by itself). Emails land in the dev mailbox
// unless RESEND_API_KEY is set in .dev.vars.
import type { ChildProcess } from "node:child_process";
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import { join } from "node:path";
import { Cron } from "croner";
import { parse } from "smol-toml";
import { seedDatabase } from "./db-seed.ts";
import { ensureDevVars, localPort, readDevVars, root, spawnWrangler, waitUntilAnswers, wrangler } from "./local.ts";

const port = localPort();
const base = `http://127.0.0.1:${port}`;
const devVarsPath = join(root, ".dev.vars");

ensureDevVars();
console.log("Applying migrations to the local database…");
wrangler(["d1", "migrations", "apply", "DB", "--local"]);
console.log("Seeding the campaign…");
seedDatabase("--local");

const devArgs = [
	"dev",
	"--port",
	String(port),
	"--ip",
	"127.0.0.1",
	"--test-scheduled",
	"--var",
	`PUBLIC_URL:http://localhost:${port}`,
	// wrangler.toml ships production (no dev mailbox); this run is local.
	"--var",
	"ENVIRONMENT:development",
];

const config = parse(readFileSync(join(root, "wrangler.toml"), "utf8")) as { triggers?: { crons?: string[] } };
const crons = config.triggers?.crons ?? [];
const ticks = crons.map(
	(expr) =>
		new Cron(expr, { timezone: "UTC" }, async () => {
			try {
				await fetch(`${base}/__scheduled?cron=${encodeURIComponent(expr)}`);
			} catch {
				// wrangler dev is still starting or restarting; the next tick will do.
			}
		}),
);

let dev: ChildProcess;
/** The wrangler being stopped for a restart: its exit does not end `npm start`. */
let replacing: ChildProcess | undefined;
let stopping = false;

/** Starts wrangler dev; when it exits by itself (not for a restart), so does `npm start`. */
function startDev() {
	const child = spawnWrangler(devArgs);
	child.on("exit", (code) => {
		if (child === replacing && !stopping) return;
		for (const t of ticks) t.stop();
		unwatchFile(devVarsPath);
		process.exit(code ?? 0);
	});
	return child;
}

dev = startDev();

const stop = () => {
	stopping = true;
	for (const t of ticks) t.stop();
	unwatchFile(devVarsPath);
	dev.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

// Announced once, when the engine answers (not when wrangler was merely started), and not again
// after a restart.
const current = dev;
const exited = (child: ChildProcess) => () => child.exitCode !== null || child.signalCode !== null;
if (await waitUntilAnswers(base, { gaveUp: exited(current), timeoutMs: Number.POSITIVE_INFINITY })) {
	const mailbox = readDevVars().RESEND_API_KEY
		? "emails go out through Resend (RESEND_API_KEY is set in .dev.vars)"
		: `dev mailbox: http://localhost:${port}/dev/mailbox`;
	console.log(`\nRed Line on http://localhost:${port}  ·  ${mailbox}`);
	console.log(`Cron triggers ticked locally: ${crons.join(", ")}`);
	console.log("Changes to .dev.vars restart the engine; changes to the code reload it.\n");
}

// wrangler dev reloads on changes to the code and wrangler.toml, but reads .dev.vars only when
// it starts: restart it when that file changes (polled, so that editors that replace the file
// are seen too).
watchFile(devVarsPath, { interval: 1000 }, (now, before) => {
	if (replacing || stopping || now.mtimeMs === before.mtimeMs) return;
	const old = dev;
	replacing = old;
	console.log("\n.dev.vars changed: restarting the engine…");
	old.once("exit", () => {
		dev = startDev();

		const stop = () => {
			stopping = true;
			for (const t of ticks) t.stop();
			unwatchFile(devVarsPath);
			dev.kill("SIGTERM");
		};
		process.on("SIGINT", stop);
		process.on("SIGTERM", stop);
		replacing = undefined;
		const next = dev;
		void waitUntilAnswers(base, { gaveUp: exited(next), timeoutMs: Number.POSITIVE_INFINITY }).then((ok) => {
			if (ok) console.log("Restarted with the new .dev.vars.\n");
		});
	});
	old.kill("SIGTERM");
});
