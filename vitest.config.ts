import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { parse } from "smol-toml";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { seedStatements } from "./scripts/seed.ts";

const root = import.meta.dirname;

/**
 * wrangler.toml as the tests read it, written to a folder of its own (.wrangler/vitest). Wrangler
 * loads the `.dev.vars` beside its config, and the vitest plugin has no option to skip it: from
 * the project's folder, a developer's secrets (a real RESEND_API_KEY, a Turnstile secret the tests
 * do not expect) would reach the Worker under test, with a "Using secrets defined in .dev.vars"
 * line per test file. Paths are made absolute; [build] is left out (tests/global-setup.ts builds
 * the widget, the map and the cards' type).
 */
function testWranglerConfig(): string {
	const config = parse(readFileSync(join(root, "wrangler.toml"), "utf8")) as Record<string, unknown> & {
		main: string;
		alias?: Record<string, string>;
		d1_databases?: { migrations_dir?: string }[];
		assets?: { directory?: string };
	};
	config.main = resolve(root, config.main);
	for (const [name, target] of Object.entries(config.alias ?? {})) {
		if (config.alias) config.alias[name] = resolve(root, target);
	}
	for (const db of config.d1_databases ?? []) {
		if (db.migrations_dir) db.migrations_dir = resolve(root, db.migrations_dir);
	}
	if (config.assets?.directory) config.assets.directory = resolve(root, config.assets.directory);
	delete config.build;
	const dir = join(root, ".wrangler", "vitest");
	mkdirSync(dir, { recursive: true });
	const path = join(dir, "wrangler.json");
	writeFileSync(path, `${JSON.stringify(config, null, "\t")}\n`);
	return path;
}

// Three projects, all run by `npm test`:
// - workers: tests run inside workerd with the Worker's own wrangler.toml bindings: a real local
//   D1 with the real migrations (applied in tests/setup.ts), the real queue and rate limiters.
//   Email goes through the real Resend SDK to a local stand-in (tests/stand-ins), never to the
//   internet.
// - scripts: the local scripts (npm start's wait, states:csv, confirm) run in Node against a fake
//   engine on loopback.
// - browser: tests in Node drive Debian's Chromium (playwright-core, no downloaded browser)
//   against a real `wrangler dev` of the Worker, started by tests/browser/global-setup.ts with a
//   fresh local state; its emails land in the dev mailbox.
/**
 * Drops one Vite warning nobody here can act on: a published package whose source map names
 * sources it does not ship (standardwebhooks' dist/index.js.map points to ../src/index.ts). Only
 * for files under node_modules; every other message, and that one for our own files, stays.
 * (A plugin, because vitest installs its own logger over a `customLogger`.)
 */
const quietDependencySourcemaps: Plugin = {
	name: "red-line:quiet-dependency-sourcemaps",
	configResolved({ logger }) {
		const missingInDependency = /^Sourcemap for "[^"]*\/node_modules\/[^"]*" points to missing source files$/;
		const { warn, warnOnce } = logger;
		logger.warn = (msg, options) => (missingInDependency.test(msg) ? undefined : warn(msg, options));
		logger.warnOnce = (msg, options) => (missingInDependency.test(msg) ? undefined : warnOnce(msg, options));
	},
};

export default defineConfig({
	test: {
		// Console output of passing tests (the Worker's structured logs, the errors it logs on the
		// paths tests drive on purpose) is dropped; a failing test shows all of its own.
		silent: "passed-only",
		// No performance hints after the summary (vitest 5 prints them below it): the summary stays
		// the last lines, and the "isolate: false" one does not fit here, where every test file
		// needs its own storage.
		experimental: { diagnostics: false },
		projects: [
			{
				plugins: [
					quietDependencySourcemaps,
					cloudflareTest(async ({ inject }) => ({
						wrangler: { configPath: testWranglerConfig() },
						miniflare: {
							bindings: {
								ENVIRONMENT: "test",
								PUBLIC_URL: "https://engine.test",
								APP_SECRET: "test-app-secret-0123456789abcdefghijkl",
								RESEND_API_KEY: "re_test_key",
								RESEND_BASE_URL: inject<string>("standInUrl"),
								TURNSTILE_VERIFY_URL: `${inject<string>("standInUrl")}/turnstile/v0/siteverify`,
								OPERATOR_TOKEN: "test-operator-token",
								// A Standard Webhooks / Svix secret: "whsec_" and base64 key bytes.
								RESEND_WEBHOOK_SECRET: "whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm",
								OUTBOX_MAX_ATTEMPTS: "4",
								// Bulletins: small batches and a brisk pace, so a few hundred subscribers make many calls.
								RESEND_RATE_PER_SECOND: "20",
								RESEND_RESERVED_PER_SECOND: "0",
								BULLETIN_BATCH_SIZE: "10",
								TEST_MIGRATIONS: await readD1Migrations("./schema/migrations"),
								TEST_SEED: seedStatements(),
							},
						},
					})),
				],
				test: {
					name: "workers",
					include: ["tests/**/*.test.ts"],
					exclude: ["tests/browser/**", "tests/scripts/**"],
					globalSetup: ["./tests/global-setup.ts"],
					setupFiles: ["./tests/setup.ts"],
					testTimeout: 30_000,
				},
			},
			{
				// The local scripts (npm start's wait, states:csv, confirm), in Node as a developer runs them.
				test: {
					name: "scripts",
					environment: "node",
					include: ["tests/scripts/**/*.test.ts"],
				},
			},
			{
				test: {
					name: "browser",
					environment: "node",
					include: ["tests/browser/**/*.test.ts"],
					globalSetup: ["./tests/browser/global-setup.ts"],
					testTimeout: 60_000,
					hookTimeout: 60_000,
				},
			},
		],
	},
});
