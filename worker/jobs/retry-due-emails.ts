import type { Database } from "../db";
import { enqueueDeliveries, takeDueRows } from "../mail/outbox";

/** Cron: puts every outbox row whose time has come back on the delivery queue. */
export async function retryDueEmails(db: Database, queue: Queue, now: number): Promise<number> {
	const due = await takeDueRows(db, now);
	await enqueueDeliveries(queue, due);
	return due.length;
}
