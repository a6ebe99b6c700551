// Seeds the campaign: `npm run db:seed` (local D1) or `npm run db:seed -- --remote`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root, wrangler } from "./local.ts";
import { seedStatements } from "./seed.ts";

/** Writes the seed to a file and has wrangler execute it against the local or remote D1. */
export function seedDatabase(where: "--local" | "--remote"): void {
	const dir = join(root, ".wrangler");
	mkdirSync(dir, { recursive: true });
	const file = join(dir, "seed.sql");
	// Only a local database gets the development campaigner (README: Console).
	writeFileSync(file, `${seedStatements(Date.now(), { devCampaigner: where === "--local" }).join("\n")}\n`);
	wrangler(["d1", "execute", "DB", where, "--file", file, "--yes"]);
}

if (import.meta.main) {
	const where = process.argv.includes("--remote") ? "--remote" : "--local";
	seedDatabase(where);
	console.log(`Seeded the ${where.slice(2)} database.`);
}
