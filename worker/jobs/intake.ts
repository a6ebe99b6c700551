import { lt } from "drizzle-orm";
import { intakeDead } from "../../schema";
import type { IntakeRequest } from "../actions/action";
import { config } from "../config";
import type { Database } from "../db";
import { linkDeps } from "../deps";
import { type ConfirmRequest, confirmBatch } from "../domain/petitions/confirm-batch";
import { signBatch } from "../domain/petitions/sign-batch";
import { logEvent } from "../lib/log";
import { type DeliveryMessage, enqueueDeliveries } from "../mail/outbox";
import { writeIntakeRequest } from "./intake-writes";
import { relayBatchWebhooks } from "./webhooks";

/**
 * A public write accepted by its route (validated, guarded) and waiting to be written: the
 * intake queue's message, with its `id` given at accept (a message the queue delivers twice is
 * written once): a signing request, a click on a signature's confirmation link (only a signature
 * still pending changes), a subscription, letters, a privacy request.
 */
export type IntakeMessage = IntakeRequest & { id: string; acceptedAt: number };
type SignatureMessage = Extract<IntakeMessage, { kind: "signature" }>;
type OneByOneMessage = Extract<IntakeMessage, { kind: "subscription" | "letter" | "privacy" | "console-sign-in" }>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A message this consumer can write; anything else keeps failing, and ends in the dead-letter queue. */
function isIntakeMessage(body: unknown): body is IntakeMessage {
	const m = body as { kind?: unknown; id?: unknown; input?: Record<string, unknown> } & Record<string, unknown>;
	if (typeof m !== "object" || m === null || typeof m.id !== "string") return false;
	if (m.kind === "confirm-signature") {
		return typeof m.acceptedAt === "number" && typeof m.tokenHash === "string" && typeof m.signatureId === "string";
	}
	const input = m.input;
	if (typeof input?.email !== "string") return false;
	switch (m.kind) {
		case "signature":
			return (
				typeof m.petitionId === "string" &&
				typeof input.name === "string" &&
				typeof input.country === "string" &&
				typeof input.locale === "string"
			);
		case "subscription":
			return typeof m.listSlug === "string" && typeof input.locale === "string";
		case "letter":
			return typeof m.campaignSlug === "string" && typeof input.name === "string" && typeof input.locale === "string";
		case "privacy":
			return (input.kind === "export" || input.kind === "erase") && typeof input.locale === "string";
		case "console-sign-in":
			return true;
		default:
			return false;
	}
}

/**
 * Writes one group of messages with its batch writer and acknowledges them once it committed;
 * when the batch fails, each message is tried alone, so one that cannot be written holds up no
 * other: it is retried, and after the queue's last retry it goes to the dead-letter queue.
 */
async function writeGroup<T>(
	env: Env,
	msgs: Message<T>[],
	writer: (bodies: T[]) => Promise<{ deliveries: DeliveryMessage[] }>,
): Promise<void> {
	const write = async (group: Message<T>[]) => {
		const result = await writer(group.map((m) => m.body));
		for (const m of group) m.ack();
		if (result.deliveries.length > 0) {
			// The rows are written: a lost message here is found by the cron.
			await enqueueDeliveries(env.QUEUE, result.deliveries).catch((err) =>
				logEvent("error", "enqueue_failed", { error: String(err) }),
			);
		}
	};
	if (msgs.length === 0) return;
	try {
		await write(msgs);
	} catch (err) {
		logEvent("error", "intake.batch_failed", { messages: msgs.length, error: String(err) });
		for (const msg of msgs) {
			try {
				await write([msg]);
			} catch (err) {
				logEvent("error", "intake.write_failed", { messageId: msg.id, error: String(err) });
				msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
			}
		}
	}
}

/**
 * The intake queue's consumer: a batch of accepted requests (up to 100). Confirmation clicks and
 * signing requests are written in one D1 batch per kind (`confirmBatch`, then `signBatch`);
 * subscriptions, letters and privacy requests one by one (`writeIntakeRequest`), each with its
 * mark in its own batch; then their emails are queued. Messages are acknowledged only once their
 * batch has committed.
 */
export async function consumeIntake(batch: MessageBatch<unknown>, env: Env, db: Database): Promise<void> {
	const signing: Message<SignatureMessage>[] = [];
	const clicks: Message<ConfirmRequest>[] = [];
	const oneByOne: Message<OneByOneMessage>[] = [];
	for (const msg of batch.messages) {
		const body = msg.body;
		if (!isIntakeMessage(body)) {
			logEvent("error", "intake.malformed", { messageId: msg.id });
			msg.retry();
		} else if (body.kind === "signature") signing.push(msg as Message<SignatureMessage>);
		else if (body.kind === "confirm-signature") clicks.push(msg as Message<ConfirmRequest>);
		else oneByOne.push(msg as Message<OneByOneMessage>);
	}
	// Clicks first: a click confirms a signature an earlier batch wrote, while a signing request of
	// this batch may come through the share link of a signer whose click is in it.
	let webhooks = 0;
	await writeGroup(env, clicks, async (bodies) => {
		const result = await confirmBatch(linkDeps(env, db), bodies);
		webhooks += result.webhooks;
		return result;
	});
	await writeGroup(env, signing, (bodies) => signBatch(linkDeps(env, db), bodies));
	for (const msg of oneByOne) {
		await writeGroup(env, [msg], async ([body]) => ({
			deliveries: body ? await writeIntakeRequest(linkDeps(env, db), body) : [],
		}));
	}
	if (webhooks > 0) await relayBatchWebhooks(env, db, Date.now());
}

/**
 * The dead-letter queue's consumer: intake messages that kept failing are kept for the console
 * (/console/review), and those older than the retention of unconfirmed signatures are deleted.
 */
export async function consumeDeadIntake(batch: MessageBatch<unknown>, env: Env, db: Database): Promise<void> {
	const now = Date.now();
	const rows = batch.messages.map((msg) => {
		const body = msg.body as Record<string, unknown> | null;
		const target = body?.petitionId ?? body?.listSlug ?? body?.campaignSlug;
		return {
			id: typeof body?.id === "string" ? body.id : msg.id,
			kind: typeof body?.kind === "string" ? body.kind : "unknown",
			target: typeof target === "string" ? target : null,
			body: JSON.stringify(msg.body ?? null),
			attempts: msg.attempts,
			deadAt: now,
		};
	});
	const keepMs = config(env).retention.unconfirmedDays * DAY_MS;
	await db.batch([
		db.delete(intakeDead).where(lt(intakeDead.deadAt, now - keepMs)),
		...rows.map((row) => db.insert(intakeDead).values(row).onConflictDoNothing()),
	]);
	logEvent("error", "intake.dead", { messages: rows.length });
	batch.ackAll();
}
