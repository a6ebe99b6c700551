/**
 * Stand-in webhook receivers (a CRM's endpoint) on 127.0.0.1, controlled through the main
 * stand-in's `/_webhooks/…` routes so that tests inside workerd can start one, kill it (the
 * port closes: connections are refused), bring it back on the same port, and set what it answers.
 *
 *   POST /_webhooks/receivers                 → { id, url }   a new receiver
 *   POST /_webhooks/receivers/:id/stop|start
 *   POST /_webhooks/receivers/:id/behaviour   { status, retryAfter? }
 *   GET  /_webhooks/receivers/:id/received    → [{ headers, body, status }]
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Received {
	headers: Record<string, string>;
	body: string;
	status: number;
}

interface Receiver {
	id: string;
	port: number;
	server: Server | null;
	behaviour: { status: number; retryAfter?: string };
	received: Received[];
}

const receivers = new Map<string, Receiver>();
let next = 0;

function read(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let data = "";
		req.setEncoding("utf8");
		req.on("data", (chunk) => {
			data += chunk;
		});
		req.on("end", () => resolve(data));
		req.on("error", reject);
	});
}

function listen(r: Receiver, port: number): Promise<void> {
	const server = createServer(async (req, res) => {
		const body = await read(req);
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
		const { status, retryAfter } = r.behaviour;
		r.received.push({ headers, body, status });
		res.writeHead(status, { "content-type": "text/plain", ...(retryAfter ? { "retry-after": retryAfter } : {}) });
		res.end("ok");
	});
	// Idle connections stay open (see server.ts): stop() closes them all, as a crash would.
	server.keepAliveTimeout = 10 * 60_000;
	r.server = server;
	return new Promise((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, "127.0.0.1", () => {
			r.port = (server.address() as AddressInfo).port;
			server.unref();
			resolve();
		});
	});
}

function stop(r: Receiver): Promise<void> {
	const server = r.server;
	r.server = null;
	if (!server) return Promise.resolve();
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { "content-type": "application/json" });
	res.end(JSON.stringify(body));
}

/** Handles `/_webhooks/…` on the main stand-in. */
export async function handleWebhookControl(req: IncomingMessage, res: ServerResponse, path: string, method: string) {
	const body = await read(req);
	if (method === "POST" && path === "/_webhooks/receivers") {
		const r: Receiver = { id: `r${++next}`, port: 0, server: null, behaviour: { status: 200 }, received: [] };
		await listen(r, 0);
		receivers.set(r.id, r);
		return send(res, 201, { id: r.id, url: `http://127.0.0.1:${r.port}/hook` });
	}
	const m = path.match(/^\/_webhooks\/receivers\/([^/]+)\/(stop|start|behaviour|received)$/);
	const r = m ? receivers.get(m[1] ?? "") : undefined;
	if (!m || !r) return send(res, 404, { error: "no such receiver" });
	if (m[2] === "stop" && method === "POST") {
		await stop(r);
		return send(res, 200, { ok: true });
	}
	if (m[2] === "start" && method === "POST") {
		if (!r.server) await listen(r, r.port);
		return send(res, 200, { ok: true });
	}
	if (m[2] === "behaviour" && method === "POST") {
		r.behaviour = JSON.parse(body || "{}");
		return send(res, 200, { ok: true });
	}
	if (m[2] === "received" && method === "GET") return send(res, 200, r.received);
	return send(res, 405, { error: "method" });
}

/** Stops every receiver (end of the run). */
export async function closeReceivers(): Promise<void> {
	await Promise.all([...receivers.values()].map(stop));
}
