// `npm start`: the engine on this machine, as it runs when deployed: local D1 with the
// migrations applied and the campaign seeded, the delivery queue, and the cron triggers ticked
// every minute (wrangler dev does not fire them by itself). Emails land in the dev mailbox
// unless RESEND_API_KEY is set in .dev.vars.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Cron } from "croner";
import { parse } from "smol-toml";
import { seedDatabase } from "./db-seed.ts";
import { ensureDevVars, root, spawnWrangler, wrangler } from "./local.ts";

const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;

ensureDevVars();
console.log("Applying migrations to the local database…");
wrangler(["d1", "migrations", "apply", "DB", "--local"]);
console.log("Seeding the campaign…");
seedDatabase("--local");

const dev = spawnWrangler([
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
]);

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

console.log(`\nRed Line on http://localhost:${port}  ·  dev mailbox: http://localhost:${port}/dev/mailbox`);
console.log(`Cron triggers ticked locally: ${crons.join(", ")}\n`);

const stop = () => {
	for (const t of ticks) t.stop();
	dev.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => {
	for (const t of ticks) t.stop();
	process.exit(code ?? 0);
});
