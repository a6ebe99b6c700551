import type { Database } from "../db";
import { applyRetention, type RetentionReport } from "../domain/people/retention";
import { logEvent } from "../lib/log";

const days = (value: string | undefined, fallback: number) => {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Cron: the retention policy, with its ages from the configuration. A failed purge is logged; the others still ran. */
export async function retentionJob(env: Env, db: Database, now: number): Promise<RetentionReport> {
	const report = await applyRetention(
		db,
		{
			unconfirmedDays: days(env.RETENTION_UNCONFIRMED_DAYS, 30),
			devMailboxDays: days(env.RETENTION_DEV_MAILBOX_DAYS, 7),
			outboxDays: days(env.RETENTION_OUTBOX_DAYS, 30),
		},
		now,
	);
	for (const failure of report.failed) logEvent("error", "retention.failed", { ...failure });
	return report;
}
