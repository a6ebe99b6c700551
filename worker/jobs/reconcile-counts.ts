import type { Database } from "../db";
import { reconcileCounts } from "../domain/counts";
import { reconcileRollups } from "../domain/rollups";

/** Cron: checks signature counters and the console's daily rollups against the rows, repairs and reports any drift. */
export async function reconcileCountsJob(db: Database): Promise<number> {
	const repairs = await reconcileCounts(db);
	if (repairs.length > 0) console.warn(JSON.stringify({ event: "counts.repaired", repairs }));
	const rollups = await reconcileRollups(db);
	if (rollups.length > 0) console.warn(JSON.stringify({ event: "rollups.repaired", repairs: rollups }));
	return repairs.length + rollups.length;
}
