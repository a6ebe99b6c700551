// Runs before `npm start` and `npm test`, under whatever Node the machine has (it may be older
// than the one the project pins): installs the dependencies when node_modules is missing or
// older than package.json / package-lock.json, so both commands work straight after a clone.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const marker = join(root, "node_modules", ".package-lock.json"); // npm rewrites it on every install
const mtime = (f) => statSync(join(root, f)).mtimeMs;
const stale =
	!existsSync(marker) ||
	!existsSync(join(root, "node_modules", ".bin", "node")) ||
	statSync(marker).mtimeMs < Math.max(mtime("package.json"), mtime("package-lock.json"));

if (stale) {
	console.log("Installing dependencies (node_modules is missing or older than the lockfile)…");
	execSync("npm install --no-audit --no-fund", { cwd: root, stdio: "inherit" });
}
