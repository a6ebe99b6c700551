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
