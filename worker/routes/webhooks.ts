import { Hono } from "hono";
import { Webhook } from "standardwebhooks";
import { applyResendEvent, type ResendEvent } from "../domain/email/provider-events";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

/** Resend's events arrive through Svix; bodies are small. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

export const webhooks = new Hono<AppEnv>()
	/**
	 * Resend's webhook, verified with the Svix / Standard Webhooks scheme (svix-id,
	 * svix-timestamp, svix-signature; stale timestamps refused) before anything changes.
	 * https://resend.com/docs/dashboard/webhooks/verify-webhooks-requests
	 */
	.post("/resend", async (c) => {
		const secret = c.env.RESEND_WEBHOOK_SECRET;
		if (!secret) throw new DomainError(404, "not_found", "Nothing here.");
		const body = await c.req.text();
		if (body.length > MAX_WEBHOOK_BYTES) throw new DomainError(413, "payload_too_large", "The body is too large.");
		const id = c.req.header("svix-id") ?? c.req.header("webhook-id") ?? "";
		let event: ResendEvent;
		try {
			event = new Webhook(secret).verify(body, {
				"webhook-id": id,
				"webhook-timestamp": c.req.header("svix-timestamp") ?? c.req.header("webhook-timestamp") ?? "",
				"webhook-signature": c.req.header("svix-signature") ?? c.req.header("webhook-signature") ?? "",
			}) as ResendEvent;
		} catch {
			throw new DomainError(401, "invalid_signature", "The webhook signature does not verify.");
		}
		if (!event || typeof event.type !== "string") {
			throw new DomainError(422, "invalid_event", "The event has no type.");
		}
		const outcome = await applyResendEvent(c.var.db, id, event, Date.now());
		return c.json({ status: outcome });
	});
