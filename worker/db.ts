import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "../schema";

export type Database = DrizzleD1Database<typeof schema>;

/** The drizzle client over the D1 binding. */
export function createDb(d1: D1Database): Database {
	return drizzle(d1, { schema });
}

/** True when a D1 write failed on a UNIQUE constraint (a concurrent or repeated write). */
export function isUniqueViolation(err: unknown): boolean {
	for (let e: unknown = err; e instanceof Error; e = e.cause) {
		if (/UNIQUE constraint failed/i.test(e.message)) return true;
	}
	return false;
}

export type Statement = BatchItem<"sqlite">;

/** Runs statements in one D1 batch (one transaction); nothing to run is fine. */
export async function runBatch(db: Database, statements: Statement[]): Promise<void> {
	const [first, ...rest] = statements;
	if (first) await db.batch([first, ...rest]);
}
