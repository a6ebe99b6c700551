// `npm run emails` preloads scripts/emails-offline.mjs into the react-email preview, whose
// published UI POSTs the rendered email to react.email (spam check), loads a CDN's wasm, and
// whose linter fetches every link of the email. Here the preload runs in a plain Node process,
// as it does in the preview's. (Checked by hand with the real preview in Chromium: README.)
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const preload = pathToFileURL(join(import.meta.dirname, "..", "..", "scripts", "emails-offline.mjs")).href;

/** Runs a snippet with the preload; resolves with what it printed. */
function withPreload(code: string) {
	return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
		execFile(
			process.execPath,
			[`--import=${preload}`, "--input-type=module", "-e", code],
			{ timeout: 20_000, encoding: "utf8" },
			(err: Error | null, stdout: string, stderr: string) => (err ? reject(err) : resolve({ stdout, stderr })),
		);
	});
}

describe("the email preview's preload", () => {
	it("refuses every connection off this machine (fetch, https, raw TLS), before any DNS lookup", async () => {
		const { stdout, stderr } = await withPreload(`
			import https from "node:https";
			import tls from "node:tls";
			import dns from "node:dns";
			let lookups = 0;
			const lookup = dns.lookup;
			dns.lookup = (...a) => { lookups++; return lookup(...a); };
			const out = [];
			await fetch("https://react.email/api/check-spam", { method: "POST", body: "<p>campaign text</p>" })
				.catch((e) => out.push("fetch " + e.cause?.code));
			await new Promise((r) => https.get("https://cdn.jsdelivr.net/x.wasm").on("error", (e) => { out.push("https " + e.code); r(); }));
			await new Promise((r) => tls.connect(443, "example.org").on("error", (e) => { out.push("tls " + e.code); r(); }));
			console.log(out.join(", ") + "; lookups " + lookups);
		`);
		expect(stdout.trim()).toBe("fetch ECONNREFUSED, https ECONNREFUSED, tls ECONNREFUSED; lookups 0");
		expect(stderr).toContain("refused a connection to react.email");
		expect(stderr).toContain("refused a connection to cdn.jsdelivr.net");
	});

	it("serves on loopback only, with a policy that keeps the browser on the preview, and still reaches loopback", async () => {
		const { stdout } = await withPreload(`
			import http from "node:http";
			const server = http.createServer((req, res) => res.end("ok"));
			await new Promise((r) => server.listen(0, r));
			const { address, port } = server.address();
			const res = await fetch("http://127.0.0.1:" + port + "/");
			console.log(JSON.stringify({ address, body: await res.text(), csp: res.headers.get("content-security-policy") }));
			server.close();
		`);
		const seen = JSON.parse(stdout) as { address: string; body: string; csp: string };
		expect(seen.address).toBe("127.0.0.1");
		expect(seen.body).toBe("ok");
		expect(seen.csp).toContain("default-src 'self'");
		expect(seen.csp).toContain("connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
		expect(seen.csp).not.toMatch(/https:|(?<!:)\*/);
	});
});
