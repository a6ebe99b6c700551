// The one HTTP client both sides of every comparison go through: node:http over keep-alive
// connections (lighter than fetch, so the client takes as little CPU from workerd as it can).
import { Agent, request } from "node:http";

export interface Reply {
	status: number;
	body: string;
}

export interface Client {
	/** `contentType` defaults to JSON; `headers` are added to the request's own. */
	send(
		url: URL,
		method: "GET" | "POST",
		body?: string,
		opts?: { contentType?: string; headers?: Record<string, string> },
	): Promise<Reply>;
	close(): void;
}

export function createClient(maxSockets: number): Client {
	const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
	return {
		send(url, method, body, opts) {
			return new Promise<Reply>((resolve, reject) => {
				const headers: Record<string, string | number> = { accept: "application/json", ...opts?.headers };
				if (body !== undefined) {
					headers["content-type"] = opts?.contentType ?? "application/json";
					headers["content-length"] = Buffer.byteLength(body);
				}
				const req = request(url.href, { method, agent, headers }, (res) => {
					const chunks: Buffer[] = [];
					res.on("data", (c: Buffer) => chunks.push(c));
					res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
					res.on("error", reject);
				});
				req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url.pathname}: no answer in 30 s`)));
				req.on("error", reject);
				req.end(body);
			});
		},
		close() {
			agent.destroy();
		},
	};
}

export interface LoadResult {
	requests: number;
	seconds: number;
	rps: number;
	/** Replies other than the expected status, by status (0: no reply). */
	unexpected: Record<string, number>;
	/** One example of an unexpected reply, to show what went wrong. */
	sample?: string;
	latenciesMs: number[];
}

/**
 * Closed loop: `concurrency` requests in flight until all `bodies` are sent; requests per second
 * over the wall time from the first send to the last reply.
 */
export async function runLoad(
	client: Client,
	url: URL,
	bodies: string[],
	concurrency: number,
	expectStatus: number,
): Promise<LoadResult> {
	const unexpected: Record<string, number> = {};
	let sample: string | undefined;
	const latenciesMs = new Array<number>(bodies.length);
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const i = next++;
			const t = performance.now();
			let status = 0;
			let text = "";
			try {
				({ status, body: text } = await client.send(url, "POST", bodies[i]));
			} catch (err) {
				text = String(err);
			}
			latenciesMs[i] = performance.now() - t;
			if (status !== expectStatus) {
				unexpected[status] = (unexpected[status] ?? 0) + 1;
				sample ??= `${status} ${text.slice(0, 300)}`;
			}
		}
	};
	const start = performance.now();
	await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
	const seconds = (performance.now() - start) / 1000;
	return { requests: bodies.length, seconds, rps: bodies.length / seconds, unexpected, sample, latenciesMs };
}

/** Several runs against one target as one: their requests over their summed time. */
export function mergeLoads(runs: LoadResult[]): LoadResult {
	const requests = runs.reduce((n, r) => n + r.requests, 0);
	const seconds = runs.reduce((n, r) => n + r.seconds, 0);
	const unexpected: Record<string, number> = {};
	for (const r of runs) {
		for (const [status, n] of Object.entries(r.unexpected)) unexpected[status] = (unexpected[status] ?? 0) + n;
	}
	return {
		requests,
		seconds,
		rps: requests / seconds,
		unexpected,
		sample: runs.find((r) => r.sample)?.sample,
		latenciesMs: runs.flatMap((r) => r.latenciesMs),
	};
}

/** The q-quantile (0..1) of a sample, by the nearest-rank method. */
export function quantile(values: number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
	return sorted[rank - 1] as number;
}

export const median = (values: number[]) => quantile(values, 0.5);

/** One row of the bench's table, as a part's bench gives it. */
export interface BenchRow {
	what: string;
	measured: string;
	budget: string;
	result: "ok" | "OVER" | "INVALID";
	note?: string;
}
