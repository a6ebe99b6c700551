// `npm run confirm -- <email>`: confirms, as its owner would, the newest confirmation link the
// dev mailbox caught for an address (a signature, a letter or a subscription). The link's page
// only confirms on POST (link scanners confirm nothing), so this POSTs to it, as its button does.
//   npm run confirm -- amani@example.org            (PORT as for `npm start`, else 8787)
//   npm run confirm -- amani@example.org --url http://localhost:9000
import { parseArgs } from "node:util";
import { localPort } from "./local.ts";

interface CaughtEmail {
	subject: string;
	text: string;
	createdAt: string;
}

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { url: { type: "string" }, wait: { type: "string", default: "15" } },
});
const email = positionals[0];
if (!email?.includes("@")) fail("Usage: npm run confirm -- <email> [--url http://localhost:8787]");
const address = email;
const base = (values.url ?? `http://localhost:${localPort()}`).replace(/\/+$/, "");
const confirmLink = /\/confirm\/([A-Za-z0-9_-]+)/;

/** The newest caught email to the address with a confirmation link, waiting for the queue a while. */
async function newestLink(): Promise<{ token: string; subject: string } | undefined> {
	const deadline = Date.now() + Number(values.wait) * 1000;
	do {
		let emails: CaughtEmail[];
		try {
			const res = await fetch(`${base}/dev/mailbox.json?to=${encodeURIComponent(address)}`);
			if (res.status === 404) fail(`${base} has no dev mailbox (ENVIRONMENT is production, or it is not Red Line).`);
			emails = (await res.json()) as CaughtEmail[];
		} catch (err) {
			fail(`Could not reach the engine at ${base} (is \`npm start\` running?): ${(err as Error).cause ?? err}`);
		}
		for (const e of emails) {
			const token = confirmLink.exec(e.text)?.[1];
			if (token) return { token, subject: e.subject };
		}
		await new Promise((r) => setTimeout(r, 500));
	} while (Date.now() < deadline);
	return undefined;
}

const found = await newestLink();
if (!found) fail(`No confirmation email to ${email} in the dev mailbox (${base}/dev/mailbox).`);
const res = await fetch(`${base}/confirm/${found.token}`, { method: "POST", headers: { accept: "application/json" } });
const body = await res.text();
console.log(`${found.subject}\nPOST /confirm/${found.token.slice(0, 8)}… → ${res.status} ${body}`);
if (!res.ok) process.exit(1);
