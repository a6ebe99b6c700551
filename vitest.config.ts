import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { seedStatements } from "./scripts/seed.ts";

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
export default defineConfig({
	test: {
		// No performance hints after the summary (vitest 5 prints them below it): the summary stays
		// the last lines, and the "isolate: false" one does not fit here, where every test file
		// needs its own storage.
		experimental: { diagnostics: false },
		projects: [
			{
				plugins: [
					cloudflareTest(async ({ inject }) => ({
						wrangler: { configPath: "./wrangler.toml" },
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
