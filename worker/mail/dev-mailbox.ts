import { desc, eq } from "drizzle-orm";
import { devMailbox } from "../../schema";
import type { Database } from "../db";
import type { Mailer, OutgoingEmail, SendResult } from "./mailer";

/** Catches emails in D1 instead of sending them: the whole flow works with no account anywhere. */
export function devMailboxMailer(db: Database, now: () => number = Date.now): Mailer {
	return {
		name: "dev-mailbox",
		async send(email: OutgoingEmail): Promise<SendResult> {
			// The idempotency key is the row's id: a retried delivery lands once.
			await db
				.insert(devMailbox)
				.values({
					id: email.idempotencyKey,
					toAddress: email.to.toLowerCase(),
					fromAddress: email.from,
					subject: email.subject,
					html: email.html,
					text: email.text,
					headers: email.headers ?? {},
					createdAt: now(),
				})
				.onConflictDoNothing();
			return { ok: true, id: email.idempotencyKey };
		},
	};
}

/** The newest caught emails, for one address or all. */
export function listDevMailbox(db: Database, to?: string, limit = 50) {
	const q = db.select().from(devMailbox);
	return (to ? q.where(eq(devMailbox.toAddress, to.trim().toLowerCase())) : q)
		.orderBy(desc(devMailbox.createdAt))
		.limit(limit);
}

export function getDevMailboxEmail(db: Database, id: string) {
	return db.select().from(devMailbox).where(eq(devMailbox.id, id)).get();
}
