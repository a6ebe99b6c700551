import { sql } from "drizzle-orm";
import { renderEmails } from "../../emails/fill";
import type { OutboxRow } from "../../schema";
import type { Database } from "../db";
import type { EmailContent, LinkSettings, StoredEmail } from "../domain/email/content";
import { batchContentLoaders, contentLoaders } from "../domain/email/content-loaders";
import { suppressionKey } from "../domain/email/suppressions";
import { lettersUndelivered } from "../domain/letters/letter-delivery";
import { logEvent } from "../lib/log";
import { isTemplateName, readStoredProps, type TemplateName } from "../mail/email-contract";
import { assertHeaderSafe, type BatchSendResult, type Mailer, type OutgoingEmail } from "../mail/mailer";
import {
	claimBatch,
	countAttempt,
	type DeliveryMessage,
	type FailedAttempt,
	giveBack,
	markFailedMany,
	markSentMany,
	markSuppressedMany,
} from "../mail/outbox";
import { type Pace, pacedCall } from "../mail/pace";

export interface DeliveryDeps {
	db: Database;
	mailer: Mailer;
	links: LinkSettings;
	from: string;
	maxAttempts: number;
	now: () => number;
	/** The account's pace (worker/mail/pace.ts); none: calls are not paced (a test's own mailer). */
	pace?: Pace;
	sleep?: (ms: number) => Promise<void>;
	/** How long one invocation waits for the provider (429s, the pace) before giving rows back. */
	waitBudgetMs?: number;
}

export type DeliveryOutcome = "sent" | "failed" | "dead" | "skipped" | "suppressed";

/** Waiting for the provider in one invocation: well inside the rows' lease (5 minutes). */
const WAIT_BUDGET_MS = 120_000;
/**
 * Calls a failing group gets in one invocation (each an attempt, see `retryDelayMs`) before it
 * waits for the cron's backoff: a surge's confirmations are not held for minutes by an outage of
 * a few seconds. The rest of OUTBOX_MAX_ATTEMPTS stays for longer outages.
 */
const CALLS_PER_INVOCATION = 5;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One delivery attempt of one outbox row (see `deliverEmails`): claim it, render it for its
 * recipient's locale, send it with the row's id as idempotency key, settle the row.
 */
export async function deliverEmail(deps: DeliveryDeps, msg: DeliveryMessage): Promise<DeliveryOutcome> {
	const outcomes = await deliverEmails(deps, [msg]);
	return outcomes.get(msg.outboxId) ?? "skipped";
}

interface Ready {
	row: OutboxRow;
	email: OutgoingEmail;
}

/**
 * One delivery attempt of the rows of a queue batch: claim them in one statement, load each
 * one's content, render each template once per language and group (`emails/fill.ts`), and send
 * each group of one idempotency key in one provider call (the batch endpoint, up to 100 emails;
 * a lone email through the single endpoint, keyed by its row as before), paced by the account's
 * one pace. Each row gets its own outcome: sent, failed (tried again by the cron when due), dead
 * (out of attempts or refused for good), suppressed; rows of one outcome are settled in one
 * statement, so a batch of 100 costs a handful of statements in all. A 429 or a wait for the pace is not an
 * attempt. Nothing is lost and nothing sent twice (see `claimBatch` for the keys).
 */
export async function deliverEmails(
	deps: DeliveryDeps,
	messages: DeliveryMessage[],
): Promise<Map<string, DeliveryOutcome>> {
	const { db } = deps;
	const outcomes = new Map<string, DeliveryOutcome>();
	const key = messages.length > 1 ? `outbox-batch:${crypto.randomUUID()}` : null;
	const rows = await claimBatch(db, messages, deps.now(), key);
	// Failures are settled together (`settleFailures`): one statement for all of them, not one per row.
	const failures: { row: OutboxRow; failed: FailedAttempt; dead: boolean }[] = [];
	const fail = async (
		row: OutboxRow,
		error: string,
		extra: { permanent?: boolean; retryAfterSeconds?: number } = {},
	) => {
		const dead = extra.permanent || row.attempts >= deps.maxAttempts;
		logEvent("warn", "email.failed", { outboxId: row.id, attempts: row.attempts, dead, error });
		failures.push({ row, failed: { id: row.id, attempts: row.attempts, error, ...extra }, dead });
		outcomes.set(row.id, dead ? "dead" : "failed");
	};
	const settleFailures = async () => {
		const settled = failures.splice(0);
		if (settled.length === 0) return;
		await markFailedMany(
			db,
			settled.map((f) => f.failed),
			deps.maxAttempts,
			deps.now(),
		);
		// A letter whose email will never go is failed, not sent: the console shows it.
		for (const f of settled) if (f.dead) await lettersUndelivered(db, f.row);
	};
	try {
		const loaded = await loadBatch(deps, rows, fail, outcomes);
		const ready = await renderBatch(deps, loaded, fail);
		// What failed before sending is settled now, not after the sends' waits.
		await settleFailures();

		// One provider call per idempotency key: the fresh group, and any group sent before whose answer was lost.
		const groups = groupBy(ready, (r) => r.row.batchKey ?? r.row.id);
		await Promise.all([...groups].map(([groupKey, group]) => sendGroup(deps, groupKey, group, outcomes, fail)));
	} finally {
		await settleFailures();
	}
	return outcomes;
}

type Fail = (
	row: OutboxRow,
	error: string,
	extra?: { permanent?: boolean; retryAfterSeconds?: number },
) => Promise<void>;

interface Loaded {
	row: OutboxRow;
	template: TemplateName;
	content: EmailContent<TemplateName>;
}

/**
 * The claimed rows' content, fresh at send time, by the feature that owns each email: skips the
 * addresses that bounced or complained (one query for the batch, whatever the flow), and loads
 * each template's rows in one call of its batch loader when it has one (a few statements for the
 * whole batch), else one by one (their loads overlap). A row whose subject is gone fails for good.
 */
async function loadBatch(
	deps: DeliveryDeps,
	rows: OutboxRow[],
	fail: Fail,
	outcomes: Map<string, DeliveryOutcome>,
): Promise<Loaded[]> {
	const { db } = deps;
	if (rows.length === 0) return [];
	const hashes = await Promise.all(rows.map((row) => suppressionKey(row.toAddress)));
	const suppressed = new Set(
		(
			await db.all<{ h: string }>(
				sql`SELECT email_hash AS h FROM suppressions WHERE email_hash IN (SELECT value FROM json_each(${JSON.stringify(hashes)}))`,
			)
		).map((r) => r.h),
	);
	const known: { row: OutboxRow; template: TemplateName }[] = [];
	const skipped: OutboxRow[] = [];
	for (const [i, row] of rows.entries()) {
		if (!isTemplateName(row.template)) await fail(row, `unknown template ${row.template}`, { permanent: true });
		else if (suppressed.has(hashes[i] as string)) skipped.push(row);
		else known.push({ row, template: row.template });
	}
	if (skipped.length > 0) {
		await markSuppressedMany(
			db,
			skipped.map((row) => row.id),
		);
		for (const row of skipped) {
			await lettersUndelivered(db, row);
			outcomes.set(row.id, "suppressed");
		}
	}
	const contents = new Map<string, LoadResult<TemplateName>>();
	await Promise.all(
		[...groupBy(known, (k) => k.template)].map(async ([template, list]) => {
			const loaded = await loadContents(
				db,
				deps.links,
				template,
				list.map((k) => k.row),
			);
			for (const [id, result] of loaded) contents.set(id, result);
		}),
	);
	const loaded: Loaded[] = [];
	for (const row of rows) {
		const result = contents.get(row.id);
		if (!result) continue;
		if (!result.ok) await fail(row, result.error, { permanent: true });
		else loaded.push({ row, template: row.template as TemplateName, content: result.content });
	}
	return loaded;
}

/** Rendered once per template, language and group of equal props, then filled in per recipient. */
async function renderBatch(deps: DeliveryDeps, loaded: Loaded[], fail: Fail): Promise<Ready[]> {
	const ready: Ready[] = [];
	const byTemplate = groupBy(loaded, (l) => l.template);
	for (const [template, items] of byTemplate) {
		let rendered: Awaited<ReturnType<typeof renderEmails>>;
		try {
			rendered = await renderEmails(
				template,
				items.map((i) => i.content.props),
			);
		} catch (err) {
			for (const { row } of items) await fail(row, `render: ${errorText(err)}`, { permanent: true });
			continue;
		}
		for (const [i, { row, content }] of items.entries()) {
			const email: OutgoingEmail = {
				from: content.from ?? deps.from,
				to: row.toAddress,
				...(rendered[i] as (typeof rendered)[number]),
				headers: content.headers,
				replyTo: content.replyTo,
				idempotencyKey: row.id,
			};
			try {
				assertHeaderSafe(email);
			} catch (err) {
				await fail(row, `render: ${errorText(err)}`, { permanent: true });
				continue;
			}
			ready.push({ row, email });
		}
	}
	return ready;
}

type LoadResult<N extends TemplateName> = { ok: true; content: EmailContent<N> } | { ok: false; error: string };

/** The content of one template's rows: its batch loader once for all of them, else its loader per row. */
async function loadContents<N extends TemplateName>(
	db: Database,
	links: LinkSettings,
	template: N,
	rows: OutboxRow[],
): Promise<Map<string, LoadResult<N>>> {
	const out = new Map<string, LoadResult<N>>();
	const emails: StoredEmail<N>[] = [];
	for (const row of rows) {
		const stored = readStoredProps(template, row.props);
		if (stored.ok) emails.push({ id: row.id, locale: row.locale, props: stored.props });
		else out.set(row.id, stored);
	}
	if (emails.length === 0) return out;
	const many = batchContentLoaders[template];
	const one = contentLoaders[template];
	const contents = many
		? await many(db, links, emails)
		: new Map(await Promise.all(emails.map(async (email) => [email.id, await one(db, links, email)] as const)));
	for (const email of emails) {
		const content = contents.get(email.id);
		out.set(
			email.id,
			content ? { ok: true, content } : { ok: false, error: "what this email was about no longer exists" },
		);
	}
	return out;
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		const list = out.get(key);
		if (list) list.push(item);
		else out.set(key, [item]);
	}
	return out;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The provider asked us to wait: not a failure of the email. */
const isRateLimited = (result: Extract<BatchSendResult, { ok: false }>) =>
	/^resend 429\b/.test(result.error) || result.retryAfterSeconds !== undefined;

/**
 * One group's call, made until it is answered: a 429 holds the whole pace for its Retry-After
 * and is made again (no attempt counted) while the invocation's wait budget lasts; a real
 * failure is an attempt, made again (`retryDelayMs`, at the pace's next free slot) up to
 * `CALLS_PER_INVOCATION` calls, then left to the cron's backoff. A lone row keyed by its own id
 * goes through the single endpoint.
 */
async function sendGroup(
	deps: DeliveryDeps,
	groupKey: string,
	group: Ready[],
	outcomes: Map<string, DeliveryOutcome>,
	fail: (row: OutboxRow, error: string, extra?: { permanent?: boolean; retryAfterSeconds?: number }) => Promise<void>,
): Promise<void> {
	const { db, mailer } = deps;
	const sleep = deps.sleep ?? realSleep;
	const started = deps.now();
	const deadline = started + (deps.waitBudgetMs ?? WAIT_BUDGET_MS);
	const ids = group.map((g) => g.row.id);
	const lone = group.length === 1 && group[0]?.row.id === groupKey;
	let calls = 1;
	for (;;) {
		const result = await pacedCall(
			deps.pace,
			"transactional",
			(): Promise<BatchSendResult> =>
				lone
					? mailer.send((group[0] as Ready).email).then((r) => (r.ok ? { ok: true, ids: [r.id] } : r))
					: mailer.sendBatch(
							group.map((g) => g.email),
							groupKey,
						),
			holdOf,
		);
		const now = deps.now();
		if (result.ok) {
			await markSentMany(
				db,
				group.map((g, i) => [g.row.id, result.ids[i] ?? null]),
				now,
			);
			for (const id of ids) outcomes.set(id, "sent");
			return;
		}
		const waitMs = holdOf(result);
		if (waitMs !== undefined) {
			if (now + waitMs < deadline) {
				// Without a shared pace (a test's mailer), wait here; the pace holds its callers itself.
				if (!deps.pace) await sleep(waitMs);
				continue;
			}
			await giveBack(db, ids, `${result.error} (not an attempt)`, now, waitMs);
			logEvent("warn", "email.rate_limited", { key: groupKey, emails: ids.length, waitMs });
			for (const id of ids) outcomes.set(id, "failed");
			return;
		}
		const attempts = Math.max(...group.map((g) => g.row.attempts));
		const delay = retryDelayMs(calls + 1);
		if (
			!lone &&
			!result.permanent &&
			calls < CALLS_PER_INVOCATION &&
			attempts < deps.maxAttempts &&
			now + delay < deadline
		) {
			// A batch call that failed for now (an outage, a lost answer) carries up to 100 people's
			// emails: made again soon, with the same key and the same emails, as another attempt.
			// A lone email waits for its backoff (the cron), as it always has.
			if (delay > 0) await sleep(delay);
			await countAttempt(db, ids, deps.now());
			for (const g of group) g.row.attempts += 1;
			calls += 1;
			continue;
		}
		logEvent("warn", "email.batch_failed", {
			key: groupKey,
			emails: ids.length,
			calls,
			attempts,
			lone,
			spentMs: now - started,
		});
		for (const g of group) await fail(g.row, result.error, result);
		return;
	}
}

/** How long a 429 (or any Retry-After) holds the pace: at least a second. */
const holdOf = (result: BatchSendResult) =>
	!result.ok && !result.permanent && isRateLimited(result)
		? Math.max((result.retryAfterSeconds ?? 0) * 1000, 1000)
		: undefined;

/**
 * Before the n-th call of a batch that failed for now (n ≥ 2): none up to the fourth, which each
 * take the pace's next free slot behind the calls already waiting (the slot is what the provider
 * lets us make anyway, and a sleep here holds the whole queue batch: locally a queue's batches
 * run one at a time); 1 s before the fifth. Then the cron's backoff takes over (an outage).
 */
const retryDelayMs = (call: number) => (call <= 4 ? 0 : 1000 * 2 ** (call - 5));
