import type { Database } from "../db";
import { createMailer } from "../mail/create-mailer";
import type { DeliveryDeps } from "./deliver-email";

/** The engine's public origin, without a trailing slash. */
export function publicUrl(env: Pick<Env, "PUBLIC_URL">): string {
	return env.PUBLIC_URL.replace(/\/+$/, "");
}

/** APP_SECRET, required: links and IP hashes depend on it. */
export function appSecret(env: Pick<Env, "APP_SECRET">): string {
	if (!env.APP_SECRET || env.APP_SECRET.length < 16) {
		throw new Error("APP_SECRET is not set (or shorter than 16 characters): see README, Configuration");
	}
	return env.APP_SECRET;
}

/** Everything an email delivery needs, from the bindings. */
export function deliveryDeps(env: Env, db: Database): DeliveryDeps {
	return {
		db,
		mailer: createMailer(env, db),
		links: { secret: appSecret(env), publicUrl: publicUrl(env), mailFrom: env.MAIL_FROM },
		from: env.MAIL_FROM,
		maxAttempts: Number(env.OUTBOX_MAX_ATTEMPTS) || 8,
		now: Date.now,
	};
}
