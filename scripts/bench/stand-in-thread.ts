// The Resend stand-in on a thread of its own, for the bench rows that push 1,000 calls of 100
// emails through it: Resend counts and parses calls on its own servers, while a stand-in in the
// bench's own event loop stalls that loop (the parse of each 1 MB batch) and the signatures,
// polls and timers the bench runs beside it, and lets calls that the Worker sent apart reach it
// together. The stand-in is the same (`tests/stand-ins/server.ts`); only its thread is its own.
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
	type StandInOptions,
	type StandInStats,
	type StoredEmail,
	startStandIn,
} from "../../tests/stand-ins/server.ts";

type Reply =
	| { kind: "ready"; url: string }
	| { kind: "snapshot"; emails: StoredEmail[]; stats: StandInStats }
	| { kind: "closed" };

if (!isMainThread && (workerData as { standInThread?: boolean } | null)?.standInThread) {
	const { opts } = workerData as { opts: Omit<StandInOptions, "log"> };
	const standIn = await startStandIn(opts);
	const port = parentPort;
	port?.on("message", async (m: "snapshot" | "close") => {
		if (m === "snapshot") {
			port.postMessage({
				kind: "snapshot",
				emails: standIn.state.emails,
				stats: standIn.state.stats(),
			} satisfies Reply);
		} else {
			await standIn.close();
			port.postMessage({ kind: "closed" } satisfies Reply);
		}
	});
	port?.postMessage({ kind: "ready", url: standIn.url } satisfies Reply);
}

export interface ThreadedStandIn {
	url: string;
	/** The emails it stored and its counters, copied from its thread. */
	snapshot(): Promise<{ emails: StoredEmail[]; stats: StandInStats }>;
	close(): Promise<void>;
}

/** Starts the stand-in in a worker thread (no logger: a function does not cross threads). */
export async function startStandInThread(opts: Omit<StandInOptions, "log">): Promise<ThreadedStandIn> {
	const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { standInThread: true, opts } });
	const next = <K extends Reply["kind"]>(kind: K) =>
		new Promise<Extract<Reply, { kind: K }>>((resolve, reject) => {
			const onMessage = (m: Reply) => {
				if (m.kind !== kind) return;
				worker.off("message", onMessage);
				worker.off("error", reject);
				resolve(m as Extract<Reply, { kind: K }>);
			};
			worker.on("message", onMessage);
			worker.once("error", reject);
		});
	const { url } = await next("ready");
	return {
		url,
		async snapshot() {
			const reply = next("snapshot");
			worker.postMessage("snapshot");
			const { emails, stats } = await reply;
			return { emails, stats };
		},
		async close() {
			const reply = next("closed");
			worker.postMessage("close");
			await reply;
			await worker.terminate();
		},
	};
}
