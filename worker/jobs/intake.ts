import { lt } from "drizzle-orm";
import { intakeDead } from "../../schema";
import { config } from "../config";
import type { Database } from "../db";
import { linkDeps } from "../deps";
import { type SignatureRequest, signBatch } from "../domain/petitions/sign-batch";
import { logEvent } from "../lib/log";
import { enqueueDeliveries } from "../mail/outbox";

/**
 * A public write accepted by its route (validated, guarded) and waiting to be written: the
 * intake queue's message. `id` is given at accept, so a message the queue delivers twice is
 * written once.
 */
export type IntakeMessage = { kind: "signature"; acceptedAt: number } & SignatureRequest;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A message this consumer can write; anything else keeps failing, and ends in the dead-letter queue. */
function isSignatureMessage(body: unknown): body is IntakeMessage {
	const m = body as Partial<IntakeMessage> | null;
	return (
		typeof m === "object" &&
		m !== null &&
		m.kind === "signature" &&
		typeof m.id === "string" &&
		typeof m.petitionId === "string" &&
		typeof m.input?.email === "string" &&
		typeof m.input.name === "string" &&
		typeof m.input.country === "string" &&
		typeof m.input.locale === "string"
	);
}

/**
 * The intake queue's consumer: a batch of accepted requests (up to 100) written in one D1 batch
 * (`signBatch`), then their emails queued. Messages are acknowledged only once their batch has
 * committed. When a batch fails, each message is tried alone, so one that cannot be written holds
 * up no other: it is retried, and after the queue's last retry it goes to the dead-letter queue.
 */
export async function consumeIntake(batch: MessageBatch<unknown>, env: Env, db: Database): Promise<void> {
	const good: Message<IntakeMessage>[] = [];
	for (const msg of batch.messages) {
		if (isSignatureMessage(msg.body)) good.push(msg as Message<IntakeMessage>);
		else {
			logEvent("error", "intake.malformed", { messageId: msg.id });
			msg.retry();
		}
	}
	const write = async (msgs: Message<IntakeMessage>[]) => {
		const result = await signBatch(
			linkDeps(env, db),
			msgs.map((m) => m.body),
		);
		for (const m of msgs) m.ack();
		if (result.deliveries.length > 0) {
			// The rows are written: a lost message here is found by the cron.
			await enqueueDeliveries(env.QUEUE, result.deliveries).catch((err) =>
				logEvent("error", "enqueue_failed", { error: String(err) }),
			);
		}
	};
	if (good.length === 0) return;
	try {
		await write(good);
	} catch (err) {
		logEvent("error", "intake.batch_failed", { messages: good.length, error: String(err) });
		for (const msg of good) {
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
 * The dead-letter queue's consumer: intake messages that kept failing are kept for the console
 * (/console/review), and those older than the retention of unconfirmed signatures are deleted.
 */
export async function consumeDeadIntake(batch: MessageBatch<unknown>, env: Env, db: Database): Promise<void> {
	const now = Date.now();
	const rows = batch.messages.map((msg) => {
		const body = msg.body as Partial<IntakeMessage> | null;
		return {
			id: typeof body?.id === "string" ? body.id : msg.id,
			kind: typeof body?.kind === "string" ? body.kind : "unknown",
			target: typeof body?.petitionId === "string" ? body.petitionId : null,
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
