// Runs before `npm start` and `npm test`, under whatever Node the machine has (it may be older
// than the one the project pins): installs the dependencies when node_modules is missing or
// older than package.json / package-lock.json, so both commands work straight after a clone.
//
// The machine's Node only runs npm. wrangler, vitest and miniflare declare `engines` newer than
// Node 20, and npm checks engines against the Node that runs npm (it has no setting to check
// them against another), so on Node 20 it prints an EBADENGINE block per package. Those
// packages run on the pinned Node (the `node` devDependency), never on this one: the blocks are
// folded into one line here, once the pinned Node is known to run. Every other line npm prints,
// warnings and errors alike, goes through untouched.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const root = join(import.meta.dirname, "..");
const marker = join(root, "node_modules", ".package-lock.json"); // npm rewrites it on every install
const pinnedNode = join(root, "node_modules", ".bin", process.platform === "win32" ? "node.cmd" : "node");
const mtime = (f) => statSync(join(root, f)).mtimeMs;
const stale =
	!existsSync(marker) ||
	!existsSync(pinnedNode) ||
	statSync(marker).mtimeMs < Math.max(mtime("package.json"), mtime("package-lock.json"));

/** Runs `npm install`; EBADENGINE lines are held back and returned, the rest is printed. */
function install() {
	return new Promise((resolve, reject) => {
		const npm = spawn("npm", ["install", "--no-audit", "--no-fund", "--color=false"], {
			cwd: root,
			stdio: ["ignore", "inherit", "pipe"],
			shell: process.platform === "win32",
		});
		const engineLines = [];
		createInterface({ input: npm.stderr }).on("line", (line) => {
			if (/^npm warn EBADENGINE\b/i.test(line)) engineLines.push(line);
			else process.stderr.write(`${line}\n`);
		});
		npm.on("error", reject);
		npm.on("close", (code) => resolve({ code: code ?? 1, engineLines }));
	});
}

if (stale) {
	console.log("Installing dependencies (node_modules is missing or older than the lockfile)…");
	const { code, engineLines } = await install();
	const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies?.node;
	const runs =
		code === 0 &&
		spawnSync(pinnedNode, ["--version"], { encoding: "utf8", shell: process.platform === "win32" }).stdout?.trim() ===
			`v${pinned}`;
	const packages = [
		...new Set(engineLines.map((l) => /package: '(.+)@[^@']+'/.exec(l)?.[1]).filter((p) => p !== undefined)),
	];
	if (!runs) {
		// Something is wrong: show npm's engine warnings in full, they may be the reason.
		for (const line of engineLines) console.error(line);
		console.error(`npm install failed (exit ${code}), or the pinned Node ${pinned} does not run.`);
		process.exit(code || 1);
	}
	if (packages.length > 0) {
		console.log(
			`Node ${process.version} ran npm; ${packages.join(", ")} ask for a newer Node and run on the pinned Node ${pinned}.`,
		);
	}
}
