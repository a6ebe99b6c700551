import type { Database } from "../db";
import { deliverWebhook, takeDueWebhooks, type WebhookDeps } from "../domain/webhooks/delivery";
import type { WebhookQueueMessage } from "../domain/webhooks/endpoints";
import { isLocalRun } from "../lib/environment";
import { logEvent } from "../lib/log";
import { enqueueDeliveries } from "../mail/outbox";

/** Cloudflare Queues delay a message by at most 12 hours; a longer wait is left to the cron. */
const MAX_QUEUE_DELAY_S = 12 * 3600;

export function webhookDeps(env: Env, db: Database): WebhookDeps {
	return { db, fetch: (input, init) => fetch(input, init), now: Date.now, allowLocal: isLocalRun(env) };
}

/** Puts webhook messages on their queue, 100 at a time. */
export async function enqueueWebhooks(queue: Queue, messages: WebhookQueueMessage[], delaySeconds = 0): Promise<void> {
	for (let i = 0; i < messages.length; i += 100) {
		await queue.sendBatch(
			messages.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const, delaySeconds })),
		);
	}
}

/** The webhook queue's consumer: one attempt per message; a failed one comes back after its backoff. */
export async function consumeWebhooks(batch: MessageBatch<WebhookQueueMessage>, env: Env, db: Database) {
	const deps = webhookDeps(env, db);
	await Promise.all(
		batch.messages.map(async (msg) => {
			try {
				const result = await deliverWebhook(deps, msg.body);
				if (result.emails.length > 0) await enqueueDeliveries(env.QUEUE, result.emails);
				if (result.retry && result.retry.delayMs <= MAX_QUEUE_DELAY_S * 1000) {
					await enqueueWebhooks(env.WEBHOOK_QUEUE, [result.retry.message], Math.ceil(result.retry.delayMs / 1000));
				}
				msg.ack();
			} catch (err) {
				// The database itself failed: the queue brings the message back (the cron would too).
				logEvent("error", "webhook.delivery_error", { messageId: msg.body.messageId, error: String(err) });
				msg.retry({ delaySeconds: 30 });
			}
		}),
	);
}

/** Per isolate: the relay after a change runs at most this often (the cron catches the rest). */
const RELAY_EVERY_MS = 250;
let lastRelay = 0;

/**
 * After a change: sends the webhook messages it wrote to the queue at once. Throttled per
 * isolate; a message this skips is taken by the next change's relay or by the minute cron.
 */
export async function relayWebhooks(env: Env, db: Database, now: number): Promise<number> {
	if (now - lastRelay < RELAY_EVERY_MS) return 0;
	lastRelay = now;
	return relayFresh(env, db, now, 200, 1);
}

/**
 * After an intake batch that wrote webhook messages (clicks' signature.confirmed): all of them
 * at once, unthrottled (it runs once per batch, and only then), up to 4 rounds of 500.
 */
export function relayBatchWebhooks(env: Env, db: Database, now: number): Promise<number> {
	return relayFresh(env, db, now, 500, 4);
}

/** Fresh webhook messages onto their queue, `limit` a round; a failure is logged (the cron catches up). */
async function relayFresh(env: Env, db: Database, now: number, limit: number, rounds: number): Promise<number> {
	let sent = 0;
	try {
		for (let round = 0; round < rounds; round++) {
			const fresh = await takeDueWebhooks(db, now, { fresh: true, limit });
			await enqueueWebhooks(env.WEBHOOK_QUEUE, fresh);
			sent += fresh.length;
			if (fresh.length < limit) break;
		}
	} catch (err) {
		logEvent("warn", "webhook.relay_error", { error: String(err) });
	}
	return sent;
}

/** Cron: every message whose queue message was lost (or whose wait outlasts a queue delay). */
export async function retryDueWebhooks(env: Env, db: Database, now: number): Promise<number> {
	const due = await takeDueWebhooks(db, now);
	await enqueueWebhooks(env.WEBHOOK_QUEUE, due);
	return due.length;
}
