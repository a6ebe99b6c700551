// Preloaded into `npm run emails` (node --import): the react-email preview, kept on this machine.
// The preview as published calls out on its own: on every page it POSTs the rendered email (HTML
// and text) to https://react.email/api/check-spam from the browser, and its linter fetches every
// link and image the email holds from the server. Campaign text must not leave the machine
// before it is sent, so:
// - the server connects to loopback only: any other connection fails at once (its linter then
//   reports the link or image as not checked), and each refusal is printed once per host;
// - every page it serves carries a Content-Security-Policy that lets the browser reach only the
//   preview itself (the spam check, and anything from a CDN, are refused by the browser);
// - it listens on 127.0.0.1 only, not on every interface.
// There is no setting for this in react-email 6 (its spam check runs whenever a page loads).

import { ServerResponse } from "node:http";
import net from "node:net";
import tls from "node:tls";

const loopback = (host) =>
	host === undefined ||
	host === "localhost" ||
	host === "::1" ||
	host === "[::1]" ||
	/^127\.\d+\.\d+\.\d+$/.test(host) ||
	host === "::ffff:127.0.0.1";

const refused = new Set();

/** The host a net/tls connect call aims at (undefined for a Unix socket or none given). */
function targetOf(args) {
	const [first, second] = args;
	if (typeof first === "object" && first !== null) {
		if (first.path) return undefined;
		return first.host ?? first.hostname ?? first.servername ?? "localhost";
	}
	if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
		return typeof second === "string" ? second : "localhost";
	}
	return undefined; // a path
}

function guard(original, make) {
	return function guarded(...args) {
		const host = targetOf(args);
		if (loopback(host)) return original.apply(this, args);
		if (!refused.has(host)) {
			refused.add(host);
			console.warn(`[emails] refused a connection to ${host}: the preview stays on this machine`);
		}
		const socket = make();
		process.nextTick(() =>
			socket.destroy(
				Object.assign(new Error(`connection to ${host} refused (npm run emails is offline)`), { code: "ECONNREFUSED" }),
			),
		);
		return socket;
	};
}

net.connect = guard(net.connect, () => new net.Socket());
net.createConnection = guard(net.createConnection, () => new net.Socket());
tls.connect = guard(tls.connect, () => new net.Socket());

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
	const [first, second] = args;
	if (typeof first === "number" && typeof second !== "string") args.splice(1, 0, "127.0.0.1");
	else if (typeof first === "object" && first !== null && first.port !== undefined && !first.host) {
		args[0] = { ...first, host: "127.0.0.1" };
	}
	return listen.apply(this, args);
};

const csp = [
	"default-src 'self'",
	"script-src 'self' 'unsafe-inline' 'unsafe-eval'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"font-src 'self' data:",
	"connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
	"frame-src 'self' blob: data:",
	"form-action 'self'",
].join("; ");
const writeHead = ServerResponse.prototype.writeHead;
ServerResponse.prototype.writeHead = function (...args) {
	if (!this.headersSent && !this.hasHeader("content-security-policy")) this.setHeader("Content-Security-Policy", csp);
	return writeHead.apply(this, args);
};
