// Queues by hand, for tests that run a consumer on a batch they choose.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../worker/index";

/** A queue binding that keeps what is sent to it, for the test to deliver by hand. */
export function capturingQueue() {
	const bodies: unknown[] = [];
	const queue = {
		send: async (body: unknown) => void bodies.push(body),
		sendBatch: async (messages: { body: unknown }[]) => void bodies.push(...messages.map((m) => m.body)),
	} as unknown as Queue;
	return { queue, take: () => bodies.splice(0) };
}

let n = 0;
/** A batch of `queue` carrying `bodies`, as the runtime would hand it to the consumer. */
export const batchOf = (queue: string, bodies: unknown[]) =>
	createMessageBatch(
		queue,
		bodies.map((body) => ({ id: `msg${++n}`, timestamp: new Date(), attempts: 1, body })),
	) as MessageBatch<never>;

/** Runs the intake consumer on one batch, as the queue would, and says what it acked and retried. */
export async function consumeIntake(bodies: unknown[], overrides: Partial<Env> = {}) {
	const batch = batchOf("red-line-intake", bodies);
	const ctx = createExecutionContext();
	await worker.queue(batch, { ...env, ...overrides });
	return getQueueResult(batch, ctx);
}
