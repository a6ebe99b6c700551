import { eq, sql } from "drizzle-orm";
import { signatureCounts, signatures } from "../../../schema";
import type { Database } from "../../db";

export interface CounterRepair {
	petitionId: string;
	country: string;
	was: number;
	is: number;
}

/**
 * Checks every signature counter against the confirmed rows and sets the wrong ones right.
 * Triggers keep counters exact; this catches what bypasses them (a hand-run SQL fix, a restore).
 */
export async function reconcileCounts(db: Database): Promise<CounterRepair[]> {
	const [actualRows, counterRows] = await db.batch([
		db
			.select({
				petitionId: signatures.petitionId,
				country: signatures.country,
				count: sql<number>`count(*)`,
			})
			.from(signatures)
			.where(eq(signatures.status, "confirmed"))
			.groupBy(signatures.petitionId, signatures.country),
		db.select().from(signatureCounts),
	]);
	const actual = new Map<string, number>();
	for (const r of actualRows) {
		actual.set(`${r.petitionId}\u0000${r.country}`, r.count);
		const total = `${r.petitionId}\u0000`;
		actual.set(total, (actual.get(total) ?? 0) + r.count);
	}
	const repairs: CounterRepair[] = [];
	const seen = new Set<string>();
	for (const c of counterRows) {
		const key = `${c.petitionId}\u0000${c.country}`;
		seen.add(key);
		const is = actual.get(key) ?? 0;
		if (is !== c.count) repairs.push({ petitionId: c.petitionId, country: c.country, was: c.count, is });
	}
	for (const [key, is] of actual) {
		if (seen.has(key)) continue;
		const [petitionId = "", country = ""] = key.split("\u0000");
		repairs.push({ petitionId, country, was: 0, is });
	}
	// Each repair applies only if the counter still holds what was read: a confirmation landing
	// in between is not overwritten with a stale figure (the next run looks again).
	const writes = repairs.map((r) =>
		db
			.insert(signatureCounts)
			.values({ petitionId: r.petitionId, country: r.country, count: r.is })
			.onConflictDoUpdate({
				target: [signatureCounts.petitionId, signatureCounts.country],
				set: { count: r.is },
				setWhere: eq(signatureCounts.count, r.was),
			}),
	);
	const [first, ...rest] = writes;
	if (first) await db.batch([first, ...rest]);
	return repairs;
}
