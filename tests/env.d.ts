declare namespace Cloudflare {
	interface Env {
		TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
		TEST_SEED: string[];
	}
}

declare namespace Cloudflare {
	// Types `exports.default` from cloudflare:workers as the Worker's own handlers.
	interface GlobalProps {
		mainModule: typeof import("../worker/index");
	}
}

/** Vite's raw imports: a file's text (tests read wrangler.toml this way). */
declare module "*?raw" {
	const text: string;
	export default text;
}
