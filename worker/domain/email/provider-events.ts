import { and, eq } from "drizzle-orm";
import { bulletinDeliveries, webhookEvents } from "../../../schema";
import { type Database, isUniqueViolation, runBatch, type Statement } from "../../db";
import { markContactBouncing } from "../letters/targets";
import { suppressWrites } from "./suppressions";

/** The part of a Resend webhook event the engine acts on. */
export interface ResendEvent {
	type: string;
	created_at?: string;
	data?: { to?: string[] | string; email_id?: string; bounce?: { type?: string; subType?: string } };
}

export type WebhookOutcome = "applied" | "ignored" | "duplicate";

/**
 * Applies a verified Resend event: a hard bounce or a complaint suppresses the address and ends
 * its subscriptions. The message id is recorded in the same batch, so a replay changes nothing.
 */
export async function applyResendEvent(
	db: Database,
	messageId: string,
	event: ResendEvent,
	now: number,
): Promise<WebhookOutcome> {
	const recipients = Array.isArray(event.data?.to) ? event.data.to : event.data?.to ? [event.data.to] : [];
	const reason =
		event.type === "email.complained"
			? "complaint"
			: (event.type === "email.bounced" && event.data?.bounce?.type === "Permanent") ||
					event.type === "email.suppressed"
				? "bounce"
				: null;
	const effects: Statement[] = [];
	const emailId = event.data?.email_id;
	if (reason === "bounce" && emailId) {
		// A bulletin that bounced counts as such in its outcomes (the console's chart).
		effects.push(
			db
				.update(bulletinDeliveries)
				.set({ bounced: true })
				.where(and(eq(bulletinDeliveries.providerId, emailId), eq(bulletinDeliveries.bounced, false))),
		);
	}
	if (reason) {
		for (const to of recipients) {
			effects.push(...(await suppressWrites(db, to, reason, `webhook:${messageId}`, now)));
			// A State's address that bounces holds that State's letters until a campaigner fixes it.
			effects.push(markContactBouncing(db, to, now));
		}
	}
	try {
		await runBatch(db, [
			db.insert(webhookEvents).values({ id: messageId, type: event.type, createdAt: now }),
			...effects,
		]);
	} catch (err) {
		if (isUniqueViolation(err)) return "duplicate";
		throw err;
	}
	return effects.length > 0 ? "applied" : "ignored";
}
