import { desc, eq, sql } from "drizzle-orm";
import { intakeDead, petitions } from "../../../schema";
import type { Database } from "../../db";

/**
 * Accepted public writes that kept failing and reached the intake's dead-letter queue, newest
 * first (at most 50), with their count: what they were for, never who sent them.
 */
export async function deadIntake(db: Database) {
	const [rows, total] = await Promise.all([
		db
			.select({
				id: intakeDead.id,
				kind: intakeDead.kind,
				petition: petitions.slug,
				attempts: intakeDead.attempts,
				deadAt: intakeDead.deadAt,
			})
			.from(intakeDead)
			.leftJoin(petitions, eq(petitions.id, intakeDead.target))
			.orderBy(desc(intakeDead.deadAt))
			.limit(50)
			.all(),
		db.select({ n: sql<number>`count(*)` }).from(intakeDead).get(),
	]);
	return { rows, total: total?.n ?? 0 };
}
