import { renderEmail } from "../../emails";
import type { OutboxRow } from "../../schema";
import type { Database } from "../db";
import type { LinkSettings } from "../domain/email/content";
import { contentLoaders } from "../domain/email/content-loaders";
import { isSuppressed } from "../domain/email/suppressions";
import { lettersUndelivered } from "../domain/letters/letter-delivery";
import { logEvent } from "../lib/log";
import { isTemplateName, readStoredProps, type TemplateName } from "../mail/email-contract";
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

type Fail = (error: string, extra?: { permanent?: boolean; retryAfterSeconds?: number }) => Promise<DeliveryOutcome>;

/**
 * One delivery attempt of one outbox row: claim it, render it for its recipient's locale, send
 * it with the row's id as idempotency key, settle the row. A failure is recorded on the row and
 * tried again by the cron when due; nothing is lost and nothing sent twice.
 */
export async function deliverEmail(deps: DeliveryDeps, msg: DeliveryMessage): Promise<DeliveryOutcome> {
	const { db } = deps;
	const row = await claimForDelivery(db, msg, deps.now());
	if (!row) return "skipped";
	const fail: Fail = async (error, extra = {}) => {
		await markFailed(db, row, { error, ...extra }, deps.maxAttempts, deps.now());
		const dead = extra.permanent || row.attempts >= deps.maxAttempts;
		logEvent("warn", "email.failed", { outboxId: row.id, attempts: row.attempts, dead, error });
		// A letter whose email will never go is failed, not sent: the console shows it.
		if (dead) await lettersUndelivered(db, row);
		return dead ? "dead" : "failed";
	};
	if (!isTemplateName(row.template)) return fail(`unknown template ${row.template}`, { permanent: true });
	// Nothing goes to an address that bounced or complained, whatever the flow.
	if (await isSuppressed(db, row.toAddress)) {
		await markSuppressed(db, row.id);
		await lettersUndelivered(db, row);
		return "suppressed";
	}
	return deliverAs(deps, row, row.template, fail);
}

/**
 * The rest of the attempt for a row of template N: its stored props checked, its content loaded
 * by the feature that owns the email (`contentLoaders`), rendered and sent. The loader returns
 * exactly the props `renderEmail<N>` takes, so a wrong prop does not compile.
 */
async function deliverAs<N extends TemplateName>(
	deps: DeliveryDeps,
	row: OutboxRow,
	template: N,
	fail: Fail,
): Promise<DeliveryOutcome> {
	const { db, mailer } = deps;
	const stored = readStoredProps(template, row.props);
	if (!stored.ok) return fail(stored.error, { permanent: true });
	const load = contentLoaders[template];
	const content = await load(db, deps.links, { id: row.id, locale: row.locale, props: stored.props });
	if (!content) return fail("what this email was about no longer exists", { permanent: true });
	let email: Parameters<Mailer["send"]>[0];
	try {
		const rendered = await renderEmail(template, content.props);
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
