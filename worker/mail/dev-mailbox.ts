import { desc, eq, sql } from "drizzle-orm";
import { devMailbox } from "../../schema";
import type { Database } from "../db";
import type { BatchSendResult, Mailer, OutgoingEmail, SendResult } from "./mailer";

/**
 * A batch's emails go in one INSERT, their values as one JSON parameter (read by json_each), in
 * as few statements as D1's largest value (2 MB) allows: a new statement past this many bytes.
 */
const BYTES_PER_INSERT = 1_000_000;

const encoder = new TextEncoder();

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
			const chunks: string[][] = [];
			let size = BYTES_PER_INSERT;
			for (const r of rows) {
				// The columns in the table's order (schema/dev-mailbox.ts), as the INSERT below names them.
				const values = JSON.stringify([
					r.id,
					r.toAddress,
					r.fromAddress,
					r.replyTo,
					r.subject,
					r.html,
					r.text,
					r.headers,
					r.createdAt,
				]);
				const bytes = encoder.encode(values).length;
				if (size + bytes > BYTES_PER_INSERT) {
					chunks.push([]);
					size = 0;
				}
				chunks.at(-1)?.push(values);
				size += bytes + 1;
			}
			// Always a WHERE: SQLite reads "ON CONFLICT" after a bare FROM as part of a join.
			const [first, ...rest] = chunks.map((chunk) =>
				db
					.insert(devMailbox)
					.select(
						sql`SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]') FROM json_each(${`[${chunk.join(",")}]`}) WHERE 1`,
					)
					.onConflictDoNothing(),
			);
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
