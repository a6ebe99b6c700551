import { desc, eq } from "drizzle-orm";
import { devMailbox } from "../../schema";
import type { Database } from "../db";
import type { BatchSendResult, Mailer, OutgoingEmail, SendResult } from "./mailer";

/** A dev-mailbox row has 9 columns: 11 rows stay under D1's 100 bound parameters. */
const ROWS_PER_INSERT = 11;

/** Catches emails in D1 instead of sending them: the whole flow works with no account anywhere. */
export function devMailboxMailer(db: Database, now: () => number = Date.now): Mailer {
	const row = (email: Omit<OutgoingEmail, "idempotencyKey">, id: string) => ({
		id,
		toAddress: email.to.toLowerCase(),
		fromAddress: email.from,
		replyTo: email.replyTo ?? null,
		subject: email.subject,
		html: email.html,
		text: email.text,
		headers: email.headers ?? {},
		createdAt: now(),
	});
	return {
		name: "dev-mailbox",
		async send(email: OutgoingEmail): Promise<SendResult> {
			// The idempotency key is the row's id: a retried delivery lands once.
			await db.insert(devMailbox).values(row(email, email.idempotencyKey)).onConflictDoNothing();
			return { ok: true, id: email.idempotencyKey };
		},
		async sendBatch(emails, idempotencyKey): Promise<BatchSendResult> {
			// Each email's id is its own key (an outbox row's id), else the batch key and its place in
			// the batch: a retried batch lands once.
			const rows = emails.map(({ idempotencyKey: own, ...email }, i) => row(email, own ?? `${idempotencyKey}:${i}`));
			const statements = [];
			for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
				statements.push(
					db
						.insert(devMailbox)
						.values(rows.slice(i, i + ROWS_PER_INSERT))
						.onConflictDoNothing(),
				);
			}
			const [first, ...rest] = statements;
			if (first) await db.batch([first, ...rest]);
			return { ok: true, ids: rows.map((r) => r.id) };
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
