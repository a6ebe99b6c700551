import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

/** The events an endpoint can ask for (Standard Webhooks `type`). */
export const webhookEventTypes = [
	"signature.confirmed",
	"subscription.confirmed",
	"subscription.ended",
	"letter.sent",
	"letter.reply_reported",
	"person.erased",
	"bulletin.finished",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * A CRM's receiving URL. The secrets sign (they cannot be hashed: signing needs them); during a
 * rotation the previous one signs too, until `previous_secret_expires_at`.
 */
export const webhookEndpoints = sqliteTable("webhook_endpoints", {
	id: text("id").primaryKey(),
	url: text("url").notNull(),
	description: text("description").notNull().default(""),
	events: text("events", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
	/** Payloads carry the email and name: chosen when created, audited. */
	personalData: integer("personal_data", { mode: "boolean" }).notNull().default(false),
	secret: text("secret").notNull(),
	previousSecret: text("previous_secret"),
	previousSecretExpiresAt: integer("previous_secret_expires_at"),
	enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
	/** Why it was disabled: `campaigner`, `gone` (410), `failing` (3 days of failures). */
	disabledReason: text("disabled_reason"),
	/** The first failure of the current run of failures; null after a success. */
	failingSince: integer("failing_since"),
	createdBy: text("created_by"),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
});

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/**
 * pending: written, not tried yet. sending: claimed by a consumer (until next_attempt_at).
 * failed: the last try failed, another is due at next_attempt_at. delivered: a 2xx answer.
 * dead: out of attempts, or its endpoint disabled.
 */
export const webhookMessageStatuses = ["pending", "sending", "failed", "delivered", "dead"] as const;
export type WebhookMessageStatus = (typeof webhookMessageStatuses)[number];

/**
 * One event for one endpoint (its id is the `webhook-id`), written in the same batch as the change
 * that causes it: the webhooks' outbox. `event_key` names the event, once per endpoint.
 */
export const webhookMessages = sqliteTable(
	"webhook_messages",
	{
		id: text("id").primaryKey(),
		endpointId: text("endpoint_id")
			.notNull()
			.references(() => webhookEndpoints.id, { onDelete: "cascade" }),
		eventType: text("event_type").notNull(),
		eventKey: text("event_key").notNull(),
		/** Whose event it is, for erasure. */
		personId: text("person_id"),
		payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
		/** Email and name, only for endpoints with personal data; wiped by erasure. */
		personal: text("personal", { mode: "json" }).$type<{ email?: string; name?: string | null }>(),
		status: text("status", { enum: webhookMessageStatuses }).notNull().default("pending"),
		attempts: integer("attempts").notNull().default(0),
		nextAttemptAt: integer("next_attempt_at").notNull(),
		lastStatus: integer("last_status"),
		lastError: text("last_error"),
		createdAt: createdAt(),
		deliveredAt: integer("delivered_at"),
	},
	(t) => [
		uniqueIndex("webhook_messages_endpoint_event").on(t.endpointId, t.eventKey),
		index("webhook_messages_due").on(t.status, t.nextAttemptAt),
		index("webhook_messages_endpoint_created").on(t.endpointId, t.createdAt),
		index("webhook_messages_person").on(t.personId),
	],
);

export type WebhookMessage = typeof webhookMessages.$inferSelect;

/** Every delivery attempt: status code (null: no answer), latency, when. */
export const webhookAttempts = sqliteTable(
	"webhook_attempts",
	{
		id: integer("id").primaryKey({ autoIncrement: true }),
		messageId: text("message_id")
			.notNull()
			.references(() => webhookMessages.id, { onDelete: "cascade" }),
		statusCode: integer("status_code"),
		latencyMs: integer("latency_ms").notNull(),
		error: text("error"),
		createdAt: createdAt(),
	},
	(t) => [index("webhook_attempts_message").on(t.messageId, t.id)],
);

export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
