import { app } from "./app";
import { createDb } from "./db";
import { deliveryDeps } from "./deps";
import type { BulletinMessage } from "./domain/bulletins/bulletin-send";
import { consumeBulletins } from "./jobs/bulletin-queue";
import { runCron } from "./jobs/cron";
import { deliverEmail } from "./jobs/deliver-email";
import { consumeDeadIntake, consumeIntake } from "./jobs/intake";
import { logEvent } from "./lib/log";
import type { DeliveryMessage } from "./mail/outbox";

export default {
	fetch: app.fetch,

	/** Email delivery: one outbox row per message; bulletins and public writes (intake) on their own queues. */
	async queue(batch: MessageBatch<DeliveryMessage | BulletinMessage>, env: Env): Promise<void> {
		// Accepted public writes, then those that kept failing (red-line-intake-dlq).
		if (batch.queue.startsWith("red-line-intake-dlq")) return consumeDeadIntake(batch, env, createDb(env.DB));
		if (batch.queue.startsWith("red-line-intake")) return consumeIntake(batch, env, createDb(env.DB));
		if (batch.queue.startsWith("red-line-bulletins")) {
			return consumeBulletins(batch as MessageBatch<BulletinMessage>, env, createDb(env.DB));
		}
		const deps = deliveryDeps(env, createDb(env.DB));
		for (const msg of (batch as MessageBatch<DeliveryMessage>).messages) {
			try {
				await deliverEmail(deps, msg.body);
				msg.ack();
			} catch (err) {
				// The database itself failed: let the queue bring the message back.
				logEvent("error", "email.delivery_error", { outboxId: msg.body.outboxId, error: String(err) });
				msg.retry({ delaySeconds: 30 });
			}
		}
	},

	async scheduled(controller: ScheduledController, env: Env): Promise<void> {
		await runCron(controller.cron, env, createDb(env.DB), controller.scheduledTime);
	},
} satisfies ExportedHandler<Env, DeliveryMessage | BulletinMessage>;
