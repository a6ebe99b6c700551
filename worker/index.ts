import { app } from "./app";
import { createDb } from "./db";
import { deliveryDeps } from "./deps";
import type { BulletinMessage } from "./domain/bulletins/bulletin-send";
import type { WebhookQueueMessage } from "./domain/webhooks/endpoints";
import { consumeBulletins } from "./jobs/bulletin-queue";
import { runCron } from "./jobs/cron";
import { deliverEmails } from "./jobs/deliver-email";
import { consumeDeadIntake, consumeIntake } from "./jobs/intake";
import { consumeWebhooks, relayWebhooks } from "./jobs/webhooks";
import { logEvent } from "./lib/log";
import type { DeliveryMessage } from "./mail/outbox";

type QueueMessage = DeliveryMessage | BulletinMessage | WebhookQueueMessage;

/** The Durable Object holding the one pace of Resend calls (wrangler.toml, MAIL_PACE). */
export { MailPace } from "./mail/pace-object";

export default {
	/** The app; after a write, the webhook messages it may have written go to their queue at once. */
	async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
		const response = await app.fetch(request, env, ctx);
		if (request.method !== "GET" && request.method !== "HEAD") {
			ctx.waitUntil(relayWebhooks(env, createDb(env.DB), Date.now()));
		}
		return response;
	},

	/** Email delivery: a batch's rows in one claim and one call; bulletins, public writes (intake) and webhooks on their own queues. */
	async queue(batch: MessageBatch<QueueMessage>, env: Env): Promise<void> {
		// Accepted public writes, then those that kept failing (red-line-intake-dlq).
		if (batch.queue.startsWith("red-line-intake-dlq")) return consumeDeadIntake(batch, env, createDb(env.DB));
		if (batch.queue.startsWith("red-line-intake")) return consumeIntake(batch, env, createDb(env.DB));
		if (batch.queue.startsWith("red-line-bulletins")) {
			const db = createDb(env.DB);
			await consumeBulletins(batch as MessageBatch<BulletinMessage>, env, db);
			// A bulletin that finished wrote its webhook messages.
			await relayWebhooks(env, db, Date.now());
			return;
		}
		if (batch.queue.startsWith("red-line-webhooks")) {
			return consumeWebhooks(batch as MessageBatch<WebhookQueueMessage>, env, createDb(env.DB));
		}
		// The batch's rows in one claim, their emails in one provider call (worker/jobs/deliver-email.ts).
		const messages = (batch as MessageBatch<DeliveryMessage>).messages;
		const deps = deliveryDeps(env, createDb(env.DB));
		try {
			await deliverEmails(
				deps,
				messages.map((msg) => msg.body),
			);
			batch.ackAll();
		} catch (err) {
			// The database itself failed: let the queue bring the messages back (a row already sent stays sent).
			logEvent("error", "email.delivery_error", { messages: messages.length, error: String(err) });
			batch.retryAll({ delaySeconds: 30 });
		}
		// Delivery writes no webhook message (letter.sent is written when the cron hands letters
		// over, and that tick relays it), so nothing is relayed here.
	},

	async scheduled(controller: ScheduledController, env: Env): Promise<void> {
		await runCron(controller.cron, env, createDb(env.DB), controller.scheduledTime);
	},
} satisfies ExportedHandler<Env, QueueMessage>;
