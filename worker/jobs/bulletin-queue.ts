import type { Database } from "../db";
import { bulletinDeps } from "../deps";
import { type BulletinMessage, runBulletin } from "../domain/bulletins/bulletin-send";
import { logEvent } from "../lib/log";

/**
 * Consumer of red-line-bulletins (one message at a time, one invocation at a time: the pacing
 * holds for the whole account). Each message carries a send on for a while, then hands over.
 */
export async function consumeBulletins(batch: MessageBatch<BulletinMessage>, env: Env, db: Database): Promise<void> {
	const deps = bulletinDeps(env, db);
	for (const msg of batch.messages) {
		try {
			const outcome = await runBulletin(deps, msg.body);
			if (outcome !== "more") logEvent("log", `bulletin.${outcome}`, { id: msg.body.bulletinId });
			msg.ack();
		} catch (err) {
			// The database itself failed: the queue brings the message back; rows already sent stay sent.
			logEvent("error", "bulletin.run_error", { id: msg.body.bulletinId, error: String(err) });
			msg.retry({ delaySeconds: 10 });
		}
	}
}
