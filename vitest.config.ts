import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { seedStatements } from "./scripts/seed.ts";

// Tests run inside workerd with the Worker's own wrangler.toml bindings: a real local D1 with
// the real migrations (applied in tests/setup.ts), the real queue and rate limiters. Email goes
// through the real Resend SDK to a local stand-in (tests/stand-ins), never to the internet.
export default defineConfig({
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
					OUTBOX_MAX_ATTEMPTS: "4",
					TEST_MIGRATIONS: await readD1Migrations("./schema/migrations"),
					TEST_SEED: seedStatements(),
				},
			},
		})),
	],
	test: {
		include: ["tests/**/*.test.ts"],
		exclude: ["tests/browser/**"],
		globalSetup: ["./tests/global-setup.ts"],
		setupFiles: ["./tests/setup.ts"],
		testTimeout: 30_000,
	},
});
