import type { Context } from "hono";
import type { ActionContext, GuardedInput, IntakeRequest } from "../actions/action";
import { config } from "../config";
import { linkDeps } from "../deps";
import { clientIp, hashIp } from "../lib/client";
import { hmac } from "../lib/crypto";
import { canonicalEmail } from "../lib/email-address";
import { DomainError } from "../lib/errors";
import { logEvent } from "../lib/log";
import { enforceRateLimit } from "../lib/rate-limit";
import { verifyTurnstile } from "../lib/turnstile";
import { type DeliveryMessage, enqueueDeliveries } from "../mail/outbox";
import type { AppEnv } from "../types";
import { jsonBody } from "./json-body";
import { writeCors } from "./origin";

/**
 * The methods a public write route answers: its POST, and the browser's preflight (OPTIONS),
 * which `writeCors` answers before anything else runs.
 */
export const publicWriteMethods = ["POST", "OPTIONS"];

/**
 * What every public write route starts with: write CORS (the engine's and partners' origins,
 * by the route itself rather than a path list), then a JSON body under the size cap. The route
 * then validates its body and mounts `allowedOrigin`, which reads the validated partner.
 */
export const publicWrite = [writeCors, ...jsonBody] as const;

/**
 * The checks every public form submission passes, in order: rate limits per network (keyed
 * hash of the IP) and per address, the honeypot, Turnstile when configured. Returns the IP hash
 * to record, or null when a robot filled the honeypot (the caller answers as usual, and does
 * nothing).
 */
export async function guardPublicWrite(c: Context<AppEnv>, body: GuardedInput): Promise<{ ipHash: string } | null> {
	const env = c.env;
	const secret = config(env).appSecret;
	const ip = clientIp(c);
	const [ipHash, emailKey] = await Promise.all([
		hashIp(secret, ip),
		hmac(secret, `email:${canonicalEmail(body.email)}`),
	]);
	await Promise.all([
		enforceRateLimit(env.IP_LIMITER, ipHash, "from your network"),
		enforceRateLimit(env.EMAIL_LIMITER, emailKey, "for this email address"),
	]);
	if (body.website !== undefined && body.website !== null && body.website !== "") return null;
	if (env.TURNSTILE_SECRET_KEY) {
		if (!body.turnstileToken) {
			throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
				issues: [{ path: "turnstileToken", message: "Complete the check that you are not a robot." }],
			});
		}
		if (!(await verifyTurnstile(env, body.turnstileToken, ip))) {
			throw new DomainError(
				403,
				"turnstile_failed",
				"The check that you are not a robot did not pass. Please try again.",
			);
		}
	}
	return { ipHash };
}

/** Rows are written; sending is the queue's job. If this message is lost, the cron finds them. */
export function deliverLater(c: Context<AppEnv>, deliveries: DeliveryMessage[]): void {
	if (deliveries.length === 0) return;
	c.executionCtx.waitUntil(
		enqueueDeliveries(c.env.QUEUE, deliveries).catch((err) =>
			logEvent("error", "enqueue_failed", { error: String(err) }),
		),
	);
}

/**
 * Puts an accepted request on the intake queue with its id (a message delivered twice is written
 * once) and time; jobs/intake.ts writes it. Resolves once the queue has it.
 */
export async function queueIntake(c: Context<AppEnv>, message: IntakeRequest): Promise<void> {
	await c.env.INTAKE_QUEUE.send(
		{ ...message, id: crypto.randomUUID(), acceptedAt: Date.now() },
		{ contentType: "json" },
	);
}

/** The context an action runs in, from this request: its guard, its database and link deps, its scheduler. */
export function actionContext(c: Context<AppEnv>): ActionContext {
	return {
		db: c.var.db,
		links: linkDeps(c.env, c.var.db),
		guard: (input) => guardPublicWrite(c, input),
		intake: (message) => queueIntake(c, message),
		acceptLanguage: c.req.header("accept-language"),
	};
}
