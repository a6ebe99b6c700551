import { app } from "./app";
import { createDb } from "./db";
import { deliveryDeps } from "./deps";
import type { BulletinMessage } from "./domain/bulletins/bulletin-send";
import { consumeBulletins } from "./jobs/bulletin-queue";
import { runCron } from "./jobs/cron";
import { deliverEmails } from "./jobs/deliver-email";
import { consumeDeadIntake, consumeIntake } from "./jobs/intake";
import { logEvent } from "./lib/log";
import type { DeliveryMessage } from "./mail/outbox";

/** The Durable Object holding the one pace of Resend calls (wrangler.toml, MAIL_PACE). */
export { MailPace } from "./mail/pace";

export default {
	fetch: app.fetch,

	/** Email delivery: one outbox row per message, a batch's rows in one call; bulletins and public writes (intake) on their own queues. */
	async queue(batch: MessageBatch<DeliveryMessage | BulletinMessage>, env: Env): Promise<void> {
		// Accepted public writes, then those that kept failing (red-line-intake-dlq).
		if (batch.queue.startsWith("red-line-intake-dlq")) return consumeDeadIntake(batch, env, createDb(env.DB));
		if (batch.queue.startsWith("red-line-intake")) return consumeIntake(batch, env, createDb(env.DB));
		if (batch.queue.startsWith("red-line-bulletins")) {
			return consumeBulletins(batch as MessageBatch<BulletinMessage>, env, createDb(env.DB));
		}
		// The batch's rows in one claim, their emails in one provider call (worker/jobs/deliver-email.ts).
		const messages = (batch as MessageBatch<DeliveryMessage>).messages;
		try {
			await deliverEmails(
				deliveryDeps(env, createDb(env.DB)),
				messages.map((msg) => msg.body),
			);
			batch.ackAll();
		} catch (err) {
			// The database itself failed: let the queue bring the messages back (a row already sent stays sent).
			logEvent("error", "email.delivery_error", { messages: messages.length, error: String(err) });
			batch.retryAll({ delaySeconds: 30 });
		}
	},

	async scheduled(controller: ScheduledController, env: Env): Promise<void> {
		await runCron(controller.cron, env, createDb(env.DB), controller.scheduledTime);
	},
} satisfies ExportedHandler<Env, DeliveryMessage | BulletinMessage>;
