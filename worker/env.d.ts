// Secrets are set with `wrangler secret put` (or .dev.vars locally) and may be absent:
// each one switches a feature on. `wrangler types` only sees what .dev.vars holds.
declare namespace Cloudflare {
	interface Env {
		/** Resend API key; without it every email lands in the dev mailbox. */
		RESEND_API_KEY?: string;
		/** Turnstile secret; public forms require a Turnstile token only when it is set. */
		TURNSTILE_SECRET_KEY?: string;
		/** Turnstile site key (public), given to widgets and pages with the secret above. */
		TURNSTILE_SITE_KEY?: string;
		/** Where Turnstile tokens are verified (a local stand-in in tests). */
		TURNSTILE_VERIFY_URL?: string;
		/** Bearer token for /api/v1/operator/*; unset, those routes answer 404. */
		OPERATOR_TOKEN?: string;
		/** Signing secret of the Resend webhook (whsec_…); unset, /webhooks/resend answers 404. */
		RESEND_WEBHOOK_SECRET?: string;
	}
}

// The Env the handlers see (generated in worker-configuration.d.ts) takes the same optional secrets.
interface Env {
	/** Resend API key; without it every email lands in the dev mailbox. */
	RESEND_API_KEY?: string;
	/** Turnstile secret; public forms require a Turnstile token only when it is set. */
	TURNSTILE_SECRET_KEY?: string;
	/** Turnstile site key (public), given to widgets and pages with the secret above. */
	TURNSTILE_SITE_KEY?: string;
	/** Where Turnstile tokens are verified (a local stand-in in tests). */
	TURNSTILE_VERIFY_URL?: string;
	/** Bearer token for /api/v1/operator/*; unset, those routes answer 404. */
	OPERATOR_TOKEN?: string;
	/** Signing secret of the Resend webhook (whsec_…); unset, /webhooks/resend answers 404. */
	RESEND_WEBHOOK_SECRET?: string;
}
