// `npm run emails`: the react-email preview of every template, on http://localhost:3001, that
// never sends campaign text anywhere (see scripts/emails-offline.mjs, preloaded into it and any
// process it starts): no spam check at react.email, no link or image fetched, no CDN, no
// telemetry, loopback only. Extra arguments go to `email dev` (e.g. `-- --port 3002`).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
const cli = join(root, "node_modules", "react-email", "dist", "cli", "index.mjs");
const preload = pathToFileURL(join(import.meta.dirname, "emails-offline.mjs")).href;

const child = spawn(process.execPath, [cli, "dev", "--dir", "emails", "--port", "3001", ...process.argv.slice(2)], {
	cwd: root,
	stdio: "inherit",
	env: {
		...process.env,
		NODE_OPTIONS: `--import=${preload} ${process.env.NODE_OPTIONS ?? ""}`.trim(),
		NEXT_TELEMETRY_DISABLED: "1",
	},
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
