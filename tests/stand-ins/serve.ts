/**
 * CLI for the local Resend + Turnstile stand-in.
 *
 *   node_modules/.bin/node tests/stand-ins/serve.ts [--port 8788] [--rate N] [--quiet]
 *
 * Runs until SIGINT/SIGTERM.
 */
import { startStandIn } from "./server.ts";

function usage(): never {
	console.error("usage: serve.ts [--port N] [--rate N] [--quiet]");
	process.exit(2);
}

function parseArgs(argv: string[]): { port: number; rate: number | undefined; quiet: boolean } {
	let port = 8788;
	let rate: number | undefined;
	let quiet = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? "";
		const [flag, inline] = arg.includes("=")
			? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
			: [arg, undefined];
		const value = (): number => {
			const raw = inline ?? argv[++i];
			const n = Number(raw);
			if (raw === undefined || raw === "" || !Number.isInteger(n) || n < 0) usage();
			return n;
		};
		if (flag === "--port") port = value();
		else if (flag === "--rate") rate = value();
		else if (flag === "--quiet") quiet = true;
		else if (flag === "--help" || flag === "-h") usage();
		else usage();
	}
	return { port, rate, quiet };
}

const args = parseArgs(process.argv.slice(2));
const standIn = await startStandIn({
	port: args.port,
	ratePerSecond: args.rate,
	unref: false,
	log: args.quiet ? undefined : (line) => console.log(`[stand-in] ${line}`),
});
console.log(`stand-in listening on ${standIn.url}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`stand-in stopping (${signal})`);
	await standIn.close();
	process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
