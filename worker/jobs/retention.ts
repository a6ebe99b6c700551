import type { Database } from "../db";
import { applyRetention } from "../domain/retention";

const days = (value: string | undefined, fallback: number) => {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Cron: the retention policy, with its ages from the configuration. */
export async function retentionJob(env: Env, db: Database, now: number): Promise<void> {
	await applyRetention(
		db,
		{
			unconfirmedDays: days(env.RETENTION_UNCONFIRMED_DAYS, 30),
			devMailboxDays: days(env.RETENTION_DEV_MAILBOX_DAYS, 7),
			outboxDays: days(env.RETENTION_OUTBOX_DAYS, 30),
		},
		now,
	);
}
