import type { Database } from "../db";
import { reconcileRollups } from "../domain/console/rollups";
import { reconcileCounts } from "../domain/petitions/counts";
import { logEvent } from "../lib/log";

/** Cron: checks signature counters and the console's daily rollups against the rows, repairs and reports any drift. */
export async function reconcileCountsJob(db: Database): Promise<number> {
	const repairs = await reconcileCounts(db);
	if (repairs.length > 0) logEvent("warn", "counts.repaired", { repairs });
	const rollups = await reconcileRollups(db);
	if (rollups.length > 0) logEvent("warn", "rollups.repaired", { repairs: rollups });
	return repairs.length + rollups.length;
}
