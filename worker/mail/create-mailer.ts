import type { Database } from "../db";
import { devMailboxMailer } from "./dev-mailbox";
import type { Mailer } from "./mailer";
import { resendMailer } from "./resend-mailer";

/** Resend when RESEND_API_KEY is set; the dev mailbox otherwise. */
export function createMailer(env: Pick<Env, "RESEND_API_KEY" | "RESEND_BASE_URL">, db: Database): Mailer {
	return env.RESEND_API_KEY ? resendMailer(env.RESEND_API_KEY, env.RESEND_BASE_URL || undefined) : devMailboxMailer(db);
}
