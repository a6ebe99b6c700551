import * as v from "valibot";

/** The engine's settings, parsed once from the bindings' vars and secrets (see wrangler.toml). */
export interface Config {
	/** The engine's public origin, without a trailing slash. */
	publicUrl: string;
	/** Links, IP hashes, rate-limit keys and unsubscribe HMACs depend on it. */
	appSecret: string;
	mailFrom: string;
	/** Attempts of one outbox row before it is dead. */
	outboxMaxAttempts: number;
	/** Resend calls per second for the whole account (RESEND_RATE_PER_SECOND): the one pace of `worker/mail/pace.ts`. */
	resendRatePerSecond: number;
	bulletins: {
		/** Calls per second bulletins may make: the account's rate less what transactional emails keep. */
		ratePerSecond: number;
		batchSize: number;
		maxAttempts: number;
	};
	retention: { unconfirmedDays: number; devMailboxDays: number; outboxDays: number };
}

/**
 * The one parser of numeric knobs: a finite number above zero, else the default (unset, empty,
 * zero, negative or not a number). Knobs are vars, so a typo must not stop the engine.
 */
export function positiveNumber(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

const settings = v.object({
	APP_SECRET: v.pipe(
		v.string(),
		v.minLength(16, "APP_SECRET is not set (or shorter than 16 characters): see README, Configuration"),
	),
	PUBLIC_URL: v.pipe(
		v.string(),
		v.url("PUBLIC_URL is not a URL: see README, Configuration"),
		v.transform((url) => url.replace(/\/+$/, "")),
	),
	MAIL_FROM: v.string(),
});

/**
 * The calls per second bulletins may make: the account's rate (RESEND_RATE_PER_SECOND, 5 by
 * default) less what is kept for transactional emails (RESEND_RESERVED_PER_SECOND, 1 by
 * default; 0 keeps nothing), so confirmations still go out while a large bulletin is sending.
 */
function bulletinRate(env: Pick<Env, "RESEND_RATE_PER_SECOND" | "RESEND_RESERVED_PER_SECOND">): number {
	const rate = positiveNumber(env.RESEND_RATE_PER_SECOND, 5);
	const reserved = env.RESEND_RESERVED_PER_SECOND === undefined ? 1 : positiveNumber(env.RESEND_RESERVED_PER_SECOND, 0);
	return Math.max(rate - reserved, Math.min(rate, 1));
}

function parseConfig(env: Env): Config {
	const parsed = v.safeParse(settings, {
		APP_SECRET: env.APP_SECRET ?? "",
		PUBLIC_URL: env.PUBLIC_URL ?? "",
		MAIL_FROM: env.MAIL_FROM ?? "",
	});
	if (!parsed.success) throw new Error(parsed.issues.map((issue) => issue.message).join("; "));
	return {
		publicUrl: parsed.output.PUBLIC_URL,
		appSecret: parsed.output.APP_SECRET,
		mailFrom: parsed.output.MAIL_FROM,
		outboxMaxAttempts: Math.floor(positiveNumber(env.OUTBOX_MAX_ATTEMPTS, 8)),
		resendRatePerSecond: positiveNumber(env.RESEND_RATE_PER_SECOND, 5),
		bulletins: {
			ratePerSecond: bulletinRate(env),
			batchSize: Math.min(100, Math.floor(positiveNumber(env.BULLETIN_BATCH_SIZE, 100))),
			maxAttempts: Math.floor(positiveNumber(env.BULLETIN_MAX_ATTEMPTS, 8)),
		},
		retention: {
			unconfirmedDays: positiveNumber(env.RETENTION_UNCONFIRMED_DAYS, 30),
			devMailboxDays: positiveNumber(env.RETENTION_DEV_MAILBOX_DAYS, 7),
			outboxDays: positiveNumber(env.RETENTION_OUTBOX_DAYS, 30),
		},
	};
}

const parsedConfigs = new WeakMap<Env, Config>();

/** The config of these bindings: parsed on first use, then kept for as long as the env object lives. */
export function config(env: Env): Config {
	let found = parsedConfigs.get(env);
	if (!found) {
		found = parseConfig(env);
		parsedConfigs.set(env, found);
	}
	return found;
}
