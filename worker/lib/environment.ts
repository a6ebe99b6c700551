/**
 * True only when ENVIRONMENT says this is a laptop or a test run. wrangler.toml ships
 * `production`; `npm start` and the test runs set `development` or `test` themselves, so a
 * deploy that forgets a setting falls on the safe side (no dev mailbox).
 */
export function isLocalRun(env: Pick<Env, "ENVIRONMENT">): boolean {
	return env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test";
}
