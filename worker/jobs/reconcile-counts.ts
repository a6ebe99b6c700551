import type { Database } from "../db";
import { reconcileCounts } from "../domain/counts";
import { logEvent } from "../lib/log";

/** Cron: checks signature counters against the rows, repairs and reports any drift. */
export async function reconcileCountsJob(db: Database): Promise<number> {
	const repairs = await reconcileCounts(db);
	if (repairs.length > 0) logEvent("warn", "counts.repaired", { repairs });
	return repairs.length;
}
