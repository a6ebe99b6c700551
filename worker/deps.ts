import { bulletinRenderer } from "../emails/bulletin-render";
import { config } from "./config";
import type { Database } from "./db";
import type { BulletinDeps } from "./domain/bulletins/bulletin-send";
import type { LinkSettings } from "./domain/email/content";
import type { LinkDeps } from "./domain/links/link-emails";
import { createMailer } from "./mail/create-mailer";
import { durablePace, localPace, type Pace } from "./mail/pace";

/**
 * The dependencies the domain takes, built from the bindings in one place: callers (routes,
 * pages, actions, jobs) ask here instead of assembling secret, origin, mailer and clock by hand.
 */

/** What writing a link email needs: the database, APP_SECRET, the time of the request. */
export function linkDeps(env: Env, db: Database, now = Date.now()): LinkDeps {
	return { db, secret: config(env).appSecret, now };
}

/** What an email's links and sender are made of. */
export function linkSettings(env: Env): LinkSettings {
	const { appSecret, publicUrl, mailFrom } = config(env);
	return { secret: appSecret, publicUrl, mailFrom };
}

/**
 * The account's one pace of Resend calls (the MAIL_PACE Durable Object). Without the binding
 * (a harness that declares none) a pace of this isolate only.
 */
export function mailPace(env: Env): Pace {
	const rate = config(env).resendRatePerSecond;
	return env.MAIL_PACE ? durablePace(env.MAIL_PACE, rate) : localPace(rate);
}

/** Everything an email delivery needs, from the bindings (the shape `jobs/deliver-email.ts` takes). */
export function deliveryDeps(env: Env, db: Database) {
	const settings = config(env);
	return {
		db,
		mailer: createMailer(env, db),
		links: linkSettings(env),
		from: settings.mailFrom,
		maxAttempts: settings.outboxMaxAttempts,
		now: Date.now,
		pace: mailPace(env),
		sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
	};
}

/** Everything a bulletin send needs, from the bindings (for routes, pages, the queue and the cron). */
export function bulletinDeps(env: Env, db: Database): BulletinDeps {
	const settings = config(env);
	return {
		db,
		mailer: createMailer(env, db),
		renderer: bulletinRenderer,
		links: linkSettings(env),
		from: settings.mailFrom,
		queue: env.BULLETIN_QUEUE,
		mailQueue: env.QUEUE,
		pace: mailPace(env),
		ratePerSecond: settings.bulletins.ratePerSecond,
		batchSize: settings.bulletins.batchSize,
		maxAttempts: settings.bulletins.maxAttempts,
		budgetMs: 30_000,
		now: Date.now,
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	};
}
