import { renderEmail, type TemplateName, templates } from "../../emails";
import type { Database } from "../db";
import { emailContent, type LinkSettings } from "../domain/email/email-content";
import { isSuppressed } from "../domain/email/suppressions";
import { lettersUndelivered } from "../domain/letters/letter-delivery";
import { logEvent } from "../lib/log";
import { assertHeaderSafe, type Mailer } from "../mail/mailer";
import { claimForDelivery, type DeliveryMessage, markFailed, markSent, markSuppressed } from "../mail/outbox";

export interface DeliveryDeps {
	db: Database;
	mailer: Mailer;
	links: LinkSettings;
	from: string;
	maxAttempts: number;
	now: () => number;
}

export type DeliveryOutcome = "sent" | "failed" | "dead" | "skipped" | "suppressed";

function isTemplate(name: string): name is TemplateName {
	return Object.hasOwn(templates, name);
}

/**
 * One delivery attempt of one outbox row: claim it, render it for its recipient's locale, send
 * it with the row's id as idempotency key, settle the row. A failure is recorded on the row and
 * tried again by the cron when due; nothing is lost and nothing sent twice.
 */
export async function deliverEmail(deps: DeliveryDeps, msg: DeliveryMessage): Promise<DeliveryOutcome> {
	const { db, mailer } = deps;
	const row = await claimForDelivery(db, msg, deps.now());
	if (!row) return "skipped";
	const fail = async (error: string, extra: { permanent?: boolean; retryAfterSeconds?: number } = {}) => {
		await markFailed(db, row, { error, ...extra }, deps.maxAttempts, deps.now());
		const dead = extra.permanent || row.attempts >= deps.maxAttempts;
		logEvent("warn", "email.failed", { outboxId: row.id, attempts: row.attempts, dead, error });
		// A letter whose email will never go is failed, not sent: the console shows it.
		if (dead) await lettersUndelivered(db, row);
		return dead ? "dead" : "failed";
	};
	if (!isTemplate(row.template)) return fail(`unknown template ${row.template}`, { permanent: true });
	// Nothing goes to an address that bounced or complained, whatever the flow.
	if (await isSuppressed(db, row.toAddress)) {
		await markSuppressed(db, row.id);
		await lettersUndelivered(db, row);
		return "suppressed";
	}
	const content = await emailContent(db, deps.links, row);
	if (!content) return fail("what this email was about no longer exists", { permanent: true });
	let email: Parameters<Mailer["send"]>[0];
	try {
		// Props are built per template by emailContent; the registry checks them at compile time.
		const rendered = await renderEmail(row.template, content.props as never);
		email = {
			from: content.from ?? deps.from,
			to: row.toAddress,
			...rendered,
			headers: content.headers,
			replyTo: content.replyTo,
			idempotencyKey: row.id,
		};
		assertHeaderSafe(email);
	} catch (err) {
		return fail(`render: ${err instanceof Error ? err.message : String(err)}`, { permanent: true });
	}
	const result = await mailer.send(email);
	if (result.ok) {
		await markSent(db, row.id, result.id, deps.now());
		return "sent";
	}
	return fail(result.error, result);
}
