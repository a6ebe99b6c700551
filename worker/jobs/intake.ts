import { lt } from "drizzle-orm";
import { intakeDead } from "../../schema";
import type { IntakeRequest } from "../actions/action";
import { config } from "../config";
import type { Database } from "../db";
import { linkDeps } from "../deps";
import { signBatch } from "../domain/petitions/sign-batch";
import { logEvent } from "../lib/log";
import { enqueueDeliveries } from "../mail/outbox";
import { writeIntakeRequest } from "./intake-writes";

/**
 * A public write accepted by its route (validated, guarded) and waiting to be written: the
 * intake queue's message. `id` is given at accept, so a message the queue delivers twice is
 * written once.
 */
export type IntakeMessage = IntakeRequest & { id: string; acceptedAt: number };
type SignatureMessage = Extract<IntakeMessage, { kind: "signature" }>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A message this consumer can write; anything else keeps failing, and ends in the dead-letter queue. */
function isIntakeMessage(body: unknown): body is IntakeMessage {
	const m = body as { kind?: unknown; id?: unknown; input?: Record<string, unknown> } & Record<string, unknown>;
	if (typeof m !== "object" || m === null || typeof m.id !== "string" || typeof m.input?.email !== "string") {
		return false;
	}
	const { input } = m;
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
		default:
			return false;
	}
}

/**
 * The intake queue's consumer: a batch of accepted requests (up to 100). Signatures are written
 * in one D1 batch (`signBatch`); subscriptions, letters and privacy requests one by one
 * (`writeIntakeRequest`), each with its mark in its own batch; then their emails are queued. Messages are acknowledged only once their batch has
 * committed. When a batch fails, each message is tried alone, so one that cannot be written holds
 * up no other: it is retried, and after the queue's last retry it goes to the dead-letter queue.
 */
export async function consumeIntake(batch: MessageBatch<unknown>, env: Env, db: Database): Promise<void> {
	const good: Message<SignatureMessage>[] = [];
	const others: Message<Exclude<IntakeMessage, SignatureMessage>>[] = [];
	for (const msg of batch.messages) {
		if (!isIntakeMessage(msg.body)) {
			logEvent("error", "intake.malformed", { messageId: msg.id });
			msg.retry();
		} else if (msg.body.kind === "signature") good.push(msg as Message<SignatureMessage>);
		else others.push(msg as Message<Exclude<IntakeMessage, SignatureMessage>>);
	}
	// Subscriptions, letters and privacy requests: one by one, each in its own batch with its mark.
	for (const msg of others) {
		try {
			const deliveries = await writeIntakeRequest(linkDeps(env, db), msg.body);
			msg.ack();
			if (deliveries.length > 0) {
				await enqueueDeliveries(env.QUEUE, deliveries).catch((err) =>
					logEvent("error", "enqueue_failed", { error: String(err) }),
				);
			}
		} catch (err) {
			logEvent("error", "intake.write_failed", { messageId: msg.id, kind: msg.body.kind, error: String(err) });
			msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
		}
	}
	const write = async (msgs: Message<SignatureMessage>[]) => {
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
