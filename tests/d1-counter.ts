// A D1 binding that counts the statements it runs: one per run/all/first/raw, one per statement
// of a batch (D1 executes each, whatever the batch). For the figures of docs/scale.md.

class CountingStatement {
	constructor(
		readonly inner: D1PreparedStatement,
		readonly sql: string,
		private readonly counted: () => void,
	) {}
	bind(...values: unknown[]) {
		return new CountingStatement(this.inner.bind(...values), this.sql, this.counted);
	}
	run() {
		this.counted();
		return this.inner.run();
	}
	all() {
		this.counted();
		return this.inner.all();
	}
	first(column?: string) {
		this.counted();
		return column === undefined ? this.inner.first() : this.inner.first(column);
	}
	raw(options?: { columnNames?: boolean }) {
		this.counted();
		return this.inner.raw(options as { columnNames: true });
	}
}

export interface CountingD1 {
	db: D1Database;
	/** Statements run since the last `take`, and the SQL of each (for a failing test's message). */
	take(): { count: number; sql: string[] };
}

/** Wraps a D1 binding so that every statement it runs is counted. */
export function countingD1(d1: D1Database): CountingD1 {
	let sqls: string[] = [];
	const db = {
		prepare: (sql: string) => new CountingStatement(d1.prepare(sql), sql, () => sqls.push(sql)),
		batch: (statements: CountingStatement[]) => {
			for (const s of statements) sqls.push(`(batch) ${s.sql}`);
			return d1.batch(statements.map((s) => s.inner));
		},
		exec: (sql: string) => {
			sqls.push(sql);
			return d1.exec(sql);
		},
		dump: () => d1.dump(),
		withSession: () => {
			throw new Error("countingD1: sessions are not counted");
		},
	} as unknown as D1Database;
	return {
		db,
		take() {
			const out = { count: sqls.length, sql: sqls };
			sqls = [];
			return out;
		},
	};
}
