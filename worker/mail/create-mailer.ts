import type { Database } from "../db";
import { isLocalRun } from "../lib/environment";
import { devMailboxMailer } from "./dev-mailbox";
import type { Mailer } from "./mailer";
import { resendMailer } from "./resend-mailer";

const NO_KEY = "RESEND_API_KEY is not set: nothing can be sent (see README, Deploying)";

/**
 * Deployed without RESEND_API_KEY: every send fails (and is retried, then dead, in the console),
 * rather than going to a mailbox anyone could read.
 */
const unconfiguredMailer: Mailer = {
	name: "unconfigured",
	send: async () => ({ ok: false, error: NO_KEY, permanent: false }),
	sendBatch: async () => ({ ok: false, error: NO_KEY, permanent: false }),
};

/** Resend when RESEND_API_KEY is set; the dev mailbox otherwise, on a local run only. */
export function createMailer(
	env: Pick<Env, "RESEND_API_KEY" | "RESEND_BASE_URL" | "ENVIRONMENT">,
	db: Database,
): Mailer {
	if (env.RESEND_API_KEY) return resendMailer(env.RESEND_API_KEY, env.RESEND_BASE_URL || undefined);
	return isLocalRun(env) ? devMailboxMailer(db) : unconfiguredMailer;
}
