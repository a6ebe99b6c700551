import type { Database } from "../db";
import { bulletinDeps, linkDeps } from "../deps";
import { startDueBulletins } from "../domain/bulletins/bulletins";
import { deliverLetters, sendFollowUps } from "../domain/letters/letter-delivery";
import { sendReminders } from "../domain/lists/subscriptions";
import { logEvent } from "../lib/log";
import { enqueueDeliveries } from "../mail/outbox";
import { reconcileCountsJob } from "./reconcile-counts";
import { retentionJob } from "./retention";
import { retryDueEmails } from "./retry-due-emails";
import { retryDueWebhooks } from "./webhooks";

/** The cron triggers in wrangler.toml, by what they run. All cron work starts here. */
export const CRON_EVERY_MINUTE = "* * * * *";
export const CRON_HOURLY = "7 * * * *";
export const CRON_DAILY = "17 3 * * *";

export async function runCron(cron: string, env: Env, db: Database, now: number): Promise<void> {
	switch (cron) {
		case CRON_EVERY_MINUTE: {
			const { report, deliveries } = await deliverLetters(db, now);
			await enqueueDeliveries(env.QUEUE, deliveries);
			if (report.sent + report.held + report.requeued > 0) logEvent("log", "letters.delivered", { ...report });
			const n = await retryDueEmails(db, env.QUEUE, now);
			if (n > 0) logEvent("log", "outbox.requeued", { count: n });
			const bulletins = await startDueBulletins(bulletinDeps(env, db), now);
			if (bulletins.started + bulletins.restarted > 0) logEvent("log", "bulletins.due", { ...bulletins });
			const hooks = await retryDueWebhooks(env, db, now);
			if (hooks > 0) logEvent("log", "webhooks.requeued", { count: hooks });
			return;
		}
		case CRON_HOURLY: {
			const deps = linkDeps(env, db, now);
			await enqueueDeliveries(env.QUEUE, [...(await sendReminders(deps)), ...(await sendFollowUps(deps))]);
			await retentionJob(env, db, now);
			return;
		}
		case CRON_DAILY:
			await reconcileCountsJob(db);
			return;
		default:
			logEvent("warn", "cron.unknown", { cron });
	}
}
