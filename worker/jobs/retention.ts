import { config } from "../config";
import type { Database } from "../db";
import { applyRetention, type RetentionReport } from "../domain/people/retention";
import { logEvent } from "../lib/log";

/** Cron: the retention policy, with its ages from the configuration. A failed purge is logged; the others still ran. */
export async function retentionJob(env: Env, db: Database, now: number): Promise<RetentionReport> {
	const report = await applyRetention(db, config(env).retention, now);
	for (const failure of report.failed) logEvent("error", "retention.failed", { ...failure });
	return report;
}
