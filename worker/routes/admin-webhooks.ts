import { Hono } from "hono";
import * as v from "valibot";
import type { WebhookAttempt } from "../../schema";
import {
	createWebhookEndpoint,
	getWebhookEndpoint,
	listWebhookAttempts,
	listWebhookEndpoints,
	listWebhookMessages,
	replayWebhookMessage,
	replayWebhookRange,
	rotateWebhookSecret,
	setWebhookEnabled,
	type WebhookEndpointView,
	type WebhookMessageView,
	webhookEndpointInput,
	webhookMessageCounts,
	webhookReplayRangeInput,
} from "../domain/webhooks/endpoints";
import { requireScope } from "../http/admin-auth";
import { jsonBody } from "../http/json-body";
import { isoDates } from "../http/serialize";
import { validate } from "../http/validate";
import { isLocalRun } from "../lib/environment";
import { routeDoc } from "../openapi/meta";
import type { AppEnv } from "../types";

const idParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });
const messageParam = v.object({
	id: idParam.entries.id,
	messageId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});
const limitQuery = v.object({
	limit: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,4}$/, "The limit is a number from 1 to 1000."),
			v.transform(Number),
			v.minValue(1),
			v.maxValue(1000),
		),
		"100",
	),
});

const scope = requireScope("webhooks");

// The admin surface's one JSON shape: every date ISO 8601 in UTC.
const endpointJson = (e: WebhookEndpointView) =>
	isoDates(e, ["createdAt", "updatedAt", "failingSince", "previousSecretExpiresAt"]);
const messageJson = (m: WebhookMessageView) => isoDates(m, ["createdAt", "nextAttemptAt", "deliveredAt"]);
const attemptJson = (a: WebhookAttempt) => isoDates(a, ["createdAt"]);

function actorOf(c: { var: AppEnv["Variables"] }): string {
	if (!c.var.actor) throw new Error("admin route reached without an actor");
	return c.var.actor;
}

/** Sends replayed or fresh messages to the webhook queue. */
async function enqueue(queue: Queue, messages: { messageId: string; attempts: number }[]) {
	for (let i = 0; i < messages.length; i += 100) {
		await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
	}
}

/**
 * Outgoing webhooks (Standard Webhooks v1) in the admin API, behind the `webhooks` scope:
 * endpoints (the secret is in the answer once, on create and rotate), their messages and
 * attempts, replay of one message or a time range. Every change is audited.
 */
export const adminWebhooks = new Hono<AppEnv>()
	.get("/", routeDoc("The webhook endpoints (never their secrets)"), scope, async (c) =>
		c.json({ endpoints: (await listWebhookEndpoints(c.var.db, Date.now())).map(endpointJson) }),
	)
	.post(
		"/",
		routeDoc({
			summary: "Add a webhook endpoint (its signing secret, whsec_…, is in this answer only)",
			description:
				"https only; no private, loopback or link-local address. `personalData: true` adds the email and name to every payload (audited).",
			ok: { status: 201 },
		}),
		scope,
		...jsonBody,
		validate("json", webhookEndpointInput),
		async (c) => {
			const { secret, endpoint } = await createWebhookEndpoint(c.var.db, c.req.valid("json"), {
				actor: actorOf(c),
				allowLocal: isLocalRun(c.env),
				now: Date.now(),
			});
			return c.json({ secret, ...endpointJson(endpoint) }, 201);
		},
	)
	.get(
		"/:id",
		routeDoc({ summary: "One webhook endpoint, with its messages counted by status", errors: { 404: ["not_found"] } }),
		scope,
		validate("param", idParam),
		async (c) => {
			const { id } = c.req.valid("param");
			const endpoint = await getWebhookEndpoint(c.var.db, id, Date.now());
			return c.json({ ...endpointJson(endpoint), messages: await webhookMessageCounts(c.var.db, id) });
		},
	)
	.post(
		"/:id/rotate",
		routeDoc({
			summary: "Rotate the signing secret (the new one is in this answer only; the old one signs too for 24 hours)",
			errors: { 404: ["not_found"] },
		}),
		scope,
		validate("param", idParam),
		async (c) => {
			const { secret, endpoint } = await rotateWebhookSecret(c.var.db, c.req.valid("param").id, actorOf(c), Date.now());
			return c.json({ secret, ...endpointJson(endpoint) });
		},
	)
	.post(
		"/:id/:change{enable|disable}",
		routeDoc({ summary: "Enable or disable a webhook endpoint", errors: { 404: ["not_found"] } }),
		scope,
		validate("param", v.object({ id: idParam.entries.id, change: v.picklist(["enable", "disable"]) })),
		async (c) => {
			const { id, change } = c.req.valid("param");
			return c.json(endpointJson(await setWebhookEnabled(c.var.db, id, change === "enable", actorOf(c), Date.now())));
		},
	)
	.get(
		"/:id/messages",
		routeDoc({
			summary: "The newest messages of an endpoint: status, attempts, last answer",
			errors: { 404: ["not_found"] },
		}),
		scope,
		validate("param", idParam),
		validate("query", limitQuery),
		async (c) =>
			c.json({
				messages: (await listWebhookMessages(c.var.db, c.req.valid("param").id, c.req.valid("query").limit)).map(
					messageJson,
				),
			}),
	)
	.get(
		"/:id/messages/:messageId",
		routeDoc({
			summary: "One message and its attempts (status code, latency, time)",
			errors: { 404: ["not_found"] },
		}),
		scope,
		validate("param", messageParam),
		async (c) => {
			const { id, messageId } = c.req.valid("param");
			const { message, attempts } = await listWebhookAttempts(c.var.db, id, messageId);
			return c.json({ message: messageJson(message), attempts: attempts.map(attemptJson) });
		},
	)
	.post(
		"/:id/messages/:messageId/replay",
		routeDoc({
			summary: "Send one message again (same webhook-id)",
			ok: { status: 202 },
			errors: { 404: ["not_found"], 409: ["endpoint_disabled"] },
		}),
		scope,
		validate("param", messageParam),
		async (c) => {
			const { id, messageId } = c.req.valid("param");
			const queued = await replayWebhookMessage(c.var.db, id, messageId, actorOf(c), Date.now());
			await enqueue(c.env.WEBHOOK_QUEUE, queued);
			return c.json({ status: "queued", count: queued.length }, 202);
		},
	)
	.post(
		"/:id/replay",
		routeDoc({
			summary: "Send again every message of an endpoint written in a time range",
			ok: { status: 202 },
			errors: { 404: ["not_found"], 409: ["endpoint_disabled"] },
		}),
		scope,
		...jsonBody,
		validate("param", idParam),
		validate("json", webhookReplayRangeInput),
		async (c) => {
			const queued = await replayWebhookRange(
				c.var.db,
				c.req.valid("param").id,
				c.req.valid("json"),
				actorOf(c),
				Date.now(),
			);
			await enqueue(c.env.WEBHOOK_QUEUE, queued);
			return c.json({ status: "queued", count: queued.length }, 202);
		},
	);
