// D1 statements per signature's life (accept, write, deliver, confirm), amortised over a batch of
// 100: counted by a D1 wrapper in tests/flows/d1-statements.test.ts (inside workerd, the real
// Worker), which prints its figures on one line; this runs it and reads that line.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root, wranglerEnv } from "../local.ts";

export interface D1StatementFigures {
	signatures: number;
	accept: number;
	write: number;
	deliverConfirmation: number;
	confirmPage: number;
	confirm: number;
	deliverThanks: number;
	total: number;
	budget: number;
	ok: boolean;
	problems: string[];
}

export const D1_STATEMENTS_BUDGET = 4;

export function benchD1Statements(): D1StatementFigures {
	const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
	const r = spawnSync(
		process.execPath,
		[vitest, "run", "--project", "workers", "tests/flows/d1-statements.test.ts", "--silent=false"],
		{ cwd: root, env: { ...wranglerEnv, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" }, encoding: "utf8" },
	);
	const line = /D1-STATEMENTS (\{.*\})/.exec(`${r.stdout}\n${r.stderr}`)?.[1];
	const problems: string[] = [];
	if (r.status !== 0) problems.push(`the counting test failed (exit ${r.status})`);
	const empty = {
		signatures: 0,
		accept: 0,
		write: 0,
		deliverConfirmation: 0,
		confirmPage: 0,
		confirm: 0,
		deliverThanks: 0,
	};
	const f = line ? (JSON.parse(line) as typeof empty & { total: number }) : { ...empty, total: Number.NaN };
	if (!line) problems.push("the counting test printed no figures");
	return {
		...empty,
		signatures: f.signatures,
		accept: f.accept,
		write: f.write,
		deliverConfirmation: f.deliverConfirmation,
		confirmPage: f.confirmPage,
		confirm: f.confirm,
		deliverThanks: f.deliverThanks,
		total: f.total,
		budget: D1_STATEMENTS_BUDGET,
		ok: f.total <= D1_STATEMENTS_BUDGET,
		problems,
	};
}

export function d1StatementsRow(f: D1StatementFigures) {
	const x = (n: number) => n.toFixed(2);
	return {
		what: "D1 statements per signature's life",
		measured: `${x(f.total)} per signature`,
		budget: `≤ ${f.budget}`,
		result: (f.problems.length > 0 ? "INVALID" : f.ok ? "ok" : "OVER") as "ok" | "OVER" | "INVALID",
		note: [
			`amortised over a batch of ${f.signatures}: accept ${x(f.accept)}, write ${x(f.write)}, deliver the confirmation ${x(f.deliverConfirmation)}, open the link ${x(f.confirmPage)}, confirm ${x(f.confirm)}, deliver the thank-you ${x(f.deliverThanks)} (tests/flows/d1-statements.test.ts)`,
			...f.problems,
		].join("; "),
	};
}
