import { bulletinRenderer } from "../../emails/bulletin-render";
import type { Database } from "../db";
import type { BulletinDeps } from "../domain/bulletins/bulletin-send";
import { createMailer } from "../mail/create-mailer";
import { appSecret, publicUrl } from "./config";

const positive = (value: string | undefined, fallback: number) => {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * The calls per second bulletins may make: the account's rate (RESEND_RATE_PER_SECOND, 5 by
 * default) less what is kept for transactional emails (RESEND_RESERVED_PER_SECOND, 1 by
 * default), so confirmations still go out while a large bulletin is sending.
 */
export function bulletinRate(env: Pick<Env, "RESEND_RATE_PER_SECOND" | "RESEND_RESERVED_PER_SECOND">): number {
	const rate = positive(env.RESEND_RATE_PER_SECOND, 5);
	const reserved = Math.max(0, Number(env.RESEND_RESERVED_PER_SECOND ?? 1) || 0);
	return Math.max(rate - reserved, Math.min(rate, 1));
}

/** Everything a bulletin send needs, from the bindings (for routes, pages, the queue and the cron). */
export function bulletinDeps(env: Env, db: Database): BulletinDeps {
	return {
		db,
		mailer: createMailer(env, db),
		renderer: bulletinRenderer,
		links: { secret: appSecret(env), publicUrl: publicUrl(env), mailFrom: env.MAIL_FROM },
		from: env.MAIL_FROM,
		queue: env.BULLETIN_QUEUE,
		mailQueue: env.QUEUE,
		ratePerSecond: bulletinRate(env),
		batchSize: Math.min(100, Math.floor(positive(env.BULLETIN_BATCH_SIZE, 100))),
		maxAttempts: Math.floor(positive(env.BULLETIN_MAX_ATTEMPTS, 8)),
		budgetMs: 30_000,
		now: Date.now,
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	};
}
