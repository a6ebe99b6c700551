// The States directory as CSV files, through the engine's operator API:
//   npm run states:csv -- export <states|contacts|commitments> [file]
//   npm run states:csv -- import <states|contacts|commitments> <file> [--dry-run]
// Options: --url (default http://localhost:$PORT, PORT as for `npm start`, else 8787), --token
// (default: the OPERATOR_TOKEN environment variable, else OPERATOR_TOKEN in .dev.vars).
// Export writes the file (or prints it). Import reads it, prints what it would do or did, and
// prints every bad row with its line; it exits with 1 when rows are bad (nothing is written then).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { plural as countIn } from "../worker/i18n/plural.ts";
import { localPort, readDevVars } from "./local.ts";

const kinds = ["states", "contacts", "commitments"];

interface Report {
	kind: string;
	dryRun: boolean;
	rows: number;
	created: number;
	updated: number;
	unchanged: number;
	written: boolean;
}

interface ErrorBody {
	error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
}

const defaultUrl = () => `http://localhost:${localPort()}`;

const usage = `Usage:
  node scripts/states-csv.ts export <kind> [file]
  node scripts/states-csv.ts import <kind> <file> [--dry-run]
    <kind>: ${kinds.join(", ")}
Options:
  --url <url>      the engine (default http://localhost:$PORT, as for npm start; PORT unset: 8787)
  --token <token>  the operator token (default: the OPERATOR_TOKEN environment variable,
                   else OPERATOR_TOKEN in .dev.vars)`;

function fail(message: string, code = 2): never {
	console.error(message);
	process.exit(code);
}

function plural(n: number, one: string, many = `${one}s`) {
	return countIn("en", n, { one: `{count} ${one}`, other: `{count} ${many}` });
}

/** An error answer of the API, readable: its message, then each bad row with its line. */
function printError(status: number, body: ErrorBody) {
	console.error(`${body.error?.message ?? "The engine refused the request."} (HTTP ${status})`);
	const rows = new Map<string, { field: string; message: string }[]>();
	for (const issue of body.error?.issues ?? []) {
		const m = /^line\.(\d+)\.(.+)$/.exec(issue.path);
		const where = m ? `line ${m[1]}` : issue.path;
		const list = rows.get(where) ?? [];
		list.push({ field: m?.[2] ?? "", message: issue.message });
		rows.set(where, list);
	}
	const width = Math.max(0, ...[...rows.values()].flat().map((i) => i.field.length));
	for (const [where, issues] of rows) {
		console.error(`  ${where}`);
		for (const issue of issues) console.error(`    ${issue.field.padEnd(width)}  ${issue.message}`);
	}
}

async function main() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			url: { type: "string" },
			token: { type: "string" },
			"dry-run": { type: "boolean", default: false },
			help: { type: "boolean", short: "h", default: false },
		},
	});
	const [command, kind, file] = positionals;
	if (values.help) {
		console.log(usage);
		return;
	}
	if ((command !== "export" && command !== "import") || !kind || !kinds.includes(kind)) fail(usage);
	const token = values.token ?? (process.env.OPERATOR_TOKEN || readDevVars().OPERATOR_TOKEN);
	if (!token) fail("Give the operator token with --token, or set OPERATOR_TOKEN (in .dev.vars or the environment).");
	const url = values.url ?? defaultUrl();
	const base = `${url.replace(/\/+$/, "")}/api/v1/operator/states`;
	const headers = { authorization: `Bearer ${token}` };

	let res: Response;
	try {
		if (command === "export") {
			res = await fetch(`${base}/${kind}.csv`, { headers });
		} else {
			if (!file) fail(usage);
			const body = readFileSync(file);
			res = await fetch(`${base}/${kind}${values["dry-run"] ? "?dryRun=1" : ""}`, {
				method: "POST",
				headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
				body,
			});
		}
	} catch (err) {
		fail(`Could not reach the engine at ${url}: ${(err as Error).cause ?? (err as Error).message}`);
	}

	if (!res.ok) {
		const text = await res.text();
		let body: ErrorBody = {};
		try {
			body = JSON.parse(text) as ErrorBody;
		} catch {
			body = { error: { message: text.slice(0, 500) } };
		}
		printError(res.status, body);
		process.exit(res.status === 422 ? 1 : 2);
	}

	if (command === "export") {
		const csv = await res.text();
		if (file) {
			writeFileSync(file, csv);
			const rows = csv.trimEnd().split(/\r\n/).length - 1;
			console.error(`Wrote ${plural(rows, "row")} of ${kind} to ${file}.`);
		} else process.stdout.write(csv);
		return;
	}

	const report = (await res.json()) as Report;
	const name = basename(file ?? "");
	// "1 was created", "2 were created": the engine's one plural helper.
	const done = (n: number, what: string) =>
		countIn(
			"en",
			n,
			report.dryRun
				? { other: `{count} would be ${what}` }
				: { one: `{count} was ${what}`, other: `{count} were ${what}` },
		);
	console.log(
		`${name} (${report.kind}): ${plural(report.rows, "row")}, all valid. ` +
			`${done(report.created, "created")}, ${done(report.updated, "updated")}, ${countIn("en", report.unchanged, { other: "{count} unchanged" })}.`,
	);
	console.log(
		report.dryRun
			? "Dry run: nothing was written."
			: report.written
				? "Written."
				: "Nothing to write: the directory already says this.",
	);
}

await main();
