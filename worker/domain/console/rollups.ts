// The console's daily rollups (migration 0009): triggers keep them in the same transaction as
// every change; this checks them against the rows, as reconcileCounts does for the counters,
// and sets the wrong ones right (a hand-run SQL fix, a restore, a trigger dropped by mistake).
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db";

interface Rollup {
	table: string;
	keys: string[];
	/** The true figures, grouped by `keys`, each row with `count`. */
	actual: SQL;
}

const rollups: Rollup[] = [
	{
		table: "signature_days",
		keys: ["petition_id", "day", "status", "partner", "channel"],
		actual: sql`SELECT petition_id, created_at / 86400000 AS day, status, coalesce(partner, '') AS partner,
			coalesce(referral_channel, '') AS channel, count(*) AS count FROM signatures GROUP BY 1, 2, 3, 4, 5`,
	},
	{
		table: "letter_counts",
		keys: ["campaign_id", "target_id", "status"],
		actual: sql`SELECT campaign_id, target_id, status, count(*) AS count FROM letters GROUP BY 1, 2, 3`,
	},
	{
		table: "bulletin_outcomes",
		keys: ["bulletin_id", "outcome"],
		actual: sql`SELECT bulletin_id, status AS outcome, count(*) AS count FROM bulletin_deliveries
				WHERE status IN ('sent', 'failed', 'skipped') GROUP BY 1, 2
			UNION ALL SELECT bulletin_id, 'bounced', count(*) FROM bulletin_deliveries WHERE bounced = 1 GROUP BY 1
			UNION ALL SELECT bulletin_id, 'unsubscribed', count(*) FROM bulletin_deliveries WHERE unsubscribed = 1 GROUP BY 1`,
	},
];

export interface RollupRepair {
	table: string;
	key: Record<string, string | number>;
	was: number;
	is: number;
}

type Row = Record<string, string | number>;

/** Checks every rollup row against the rows it sums and repairs the ones that drifted. */
export async function reconcileRollups(db: Database): Promise<RollupRepair[]> {
	const repairs: RollupRepair[] = [];
	for (const r of rollups) {
		const cols = sql.raw(r.keys.join(", "));
		const [actualRows, storedRows] = await db.batch([
			db.all<Row>(r.actual),
			db.all<Row>(sql`SELECT ${cols}, count FROM ${sql.raw(r.table)} WHERE count <> 0`),
		]);
		const keyOf = (row: Row) => JSON.stringify(r.keys.map((k) => row[k]));
		const actual = new Map(actualRows.map((row) => [keyOf(row), row]));
		const stored = new Map(storedRows.map((row) => [keyOf(row), row]));
		for (const [key, row] of actual) {
			const was = Number(stored.get(key)?.count ?? 0);
			if (was !== Number(row.count))
				repairs.push({ table: r.table, key: pick(row, r.keys), was, is: Number(row.count) });
		}
		for (const [key, row] of stored) {
			if (!actual.has(key)) repairs.push({ table: r.table, key: pick(row, r.keys), was: Number(row.count), is: 0 });
		}
	}
	// Each repair applies only if the row still holds what was read: a change landing in between
	// is not overwritten with a stale figure (the next run looks again).
	for (const p of repairs) {
		const names = sql.raw(Object.keys(p.key).join(", "));
		const values = sql.join(
			Object.values(p.key).map((v) => sql`${v}`),
			sql`, `,
		);
		await db.run(
			sql`INSERT INTO ${sql.raw(p.table)} (${names}, count) VALUES (${values}, ${p.is})
				ON CONFLICT (${names}) DO UPDATE SET count = ${p.is} WHERE count = ${p.was}`,
		);
	}
	return repairs;
}

function pick(row: Row, keys: string[]): Record<string, string | number> {
	return Object.fromEntries(keys.map((k) => [k, row[k] as string | number]));
}
