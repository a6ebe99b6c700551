import { and, eq, sql } from "drizzle-orm";
import { type Bulletin, type BulletinText, bulletins, bulletinTexts } from "../../../schema";
import type { Database } from "../../db";
import { logEvent } from "../../lib/log";
import { assertHeaderSafe, type Mailer, type OutgoingEmail } from "../../mail/mailer";
import { type Pace, pacedCall } from "../../mail/pace";
import type { LinkSettings } from "../email/content";
import { suppressionKey } from "../email/suppressions";
import { oneClickHeaders, unsubscribeUrl } from "../links/unsubscribe-links";
import { bulletinFinishedWebhooks } from "../webhooks/events";

/** A queue message: carry on sending this bulletin. Any number of them is harmless. */
export interface BulletinMessage {
	bulletinId: string;
}

/** A bulletin's words in one language: what its email is rendered from. */
export type BulletinCopy = Pick<BulletinText, "locale" | "subject" | "preheader" | "bodyMarkdown">;

/** One language's bulletin, rendered once for a send. */
export interface BulletinTemplate {
	/** One recipient's email: greeting in their `locale`, `{{name}}` and the link filled in. */
	fill(locale: string, name: string | null, unsubscribeUrl: string): { subject: string; html: string; text: string };
}

/**
 * Renders bulletins, so the domain does not (the production one is `emails/bulletin-render.ts`):
 * once per language for a send, or in full for a preview.
 */
export interface BulletinRenderer {
	template(copy: BulletinCopy): Promise<BulletinTemplate>;
	/** As a subscriber in `copy.locale` named `name` sees it (null: one who gave no name). */
	preview(
		copy: BulletinCopy,
		name: string | null,
		unsubscribeUrl: string,
	): Promise<{ subject: string; html: string; text: string; preheader: string }>;
}

/** Everything sending a bulletin needs (see `bulletinDeps` for the production wiring). */
export interface BulletinDeps {
	db: Database;
	mailer: Mailer;
	renderer: BulletinRenderer;
	links: LinkSettings;
	/** MAIL_FROM. */
	from: string;
	/** Where "carry on" messages go (red-line-bulletins). */
	queue: Queue<BulletinMessage>;
	/** The transactional outbox's queue, for test sends. */
	mailQueue: Queue;
	/**
	 * The account's one pace of Resend calls (worker/mail/pace.ts): a bulletin batch takes a slot
	 * only when no transactional email is waiting for one.
	 */
	pace: Pace;
	/** Batch calls per second bulletins may make (the account's rate less what transactional emails keep): sizes the calls in flight. */
	ratePerSecond: number;
	/** Emails per batch call: at most 100 (Resend's batch limit). */
	batchSize: number;
	/** Calls a batch gets before its rows are marked failed. */
	maxAttempts: number;
	/** Wall time one queue invocation sends for before handing over to the next message. */
	budgetMs: number;
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	/** Called after each batch call with the Worker time spent on it outside the call (for the bench). */
	onBatch?: (stats: { emails: number; workMs: number; callMs: number }) => void;
}

/**
 * A claimed batch whose call has not settled for this long is taken to be lost (its Worker
 * died) and is sent again, with the same key and the same recipients. Failed calls are put back
 * by setting their time so that they fall due after their backoff.
 */
export const LEASE_MS = 2 * 60_000;
/**
 * Batch calls in flight at once in one invocation: starts stay paced, slow answers overlap (a
 * 100-email call takes its time to upload and be answered). About half a second's worth of calls.
 */
const inFlight = (rate: number) => Math.min(16, Math.max(2, Math.ceil(rate / 2)));
/** The text for a locale, or the default locale's when the bulletin has none in it. */
export function textFor(
	b: Pick<Bulletin, "defaultLocale">,
	texts: BulletinText[],
	locale: string,
): BulletinText | undefined {
	return texts.find((t) => t.locale === locale) ?? texts.find((t) => t.locale === b.defaultLocale) ?? texts[0];
}

/** A bulletin and its texts, or undefined. */
export async function loadBulletin(db: Database, id: string) {
	const bulletin = await db.select().from(bulletins).where(eq(bulletins.id, id)).get();
	if (!bulletin) return undefined;
	const texts = await db.select().from(bulletinTexts).where(eq(bulletinTexts.bulletinId, id));
	return { bulletin, texts };
}

/**
 * The bulletin as a subscriber in `locale` named `name` would see it (null: one who gave no
 * name), with an unsubscribe link that leads nowhere: the same greeting and `{{name}}` fill as a
 * test send to that name and as the real send. Undefined when there is no such bulletin.
 */
export async function previewBulletin(
	deps: Pick<BulletinDeps, "db" | "links" | "renderer">,
	id: string,
	locale: string,
	name: string | null = null,
): Promise<{ subject: string; preheader: string; html: string; text: string } | undefined> {
	const found = await loadBulletin(deps.db, id);
	const text = found && textFor(found.bulletin, found.texts, locale);
	if (!found || !text) return undefined;
	return deps.renderer.preview(copyOf(text), name, `${deps.links.publicUrl}/u/sample-link-for-preview`);
}

const copyOf = (t: BulletinText): BulletinCopy => ({
	locale: t.locale,
	subject: t.subject,
	preheader: t.preheader,
	bodyMarkdown: t.bodyMarkdown,
});

/** Templates rendered once per language for a send, kept while the isolate lives (texts are frozen once sending). */
const templateCache = new Map<string, Map<string, BulletinTemplate>>();

async function templatesFor(
	renderer: BulletinRenderer,
	b: Bulletin,
	texts: BulletinText[],
): Promise<Map<string, BulletinTemplate>> {
	const key = `${b.id}:${b.startedAt}`;
	const cached = templateCache.get(key);
	if (cached) return cached;
	const out = new Map<string, BulletinTemplate>();
	for (const t of texts) out.set(t.locale, await renderer.template(copyOf(t)));
	if (templateCache.size >= 8) templateCache.clear();
	templateCache.set(key, out);
	return out;
}

interface Recipient {
	id: number;
	locale: string;
	subscriptionId: string;
	attempts: number;
	subStatus: string;
	email: string;
	name: string | null;
	erasedAt: number | null;
}

/** Claims the next queued rows for one batch call, under a fresh idempotency key. */
async function claimNew(deps: BulletinDeps, bulletinId: string): Promise<string | null> {
	const key = `bulletin:${bulletinId}:batch:${crypto.randomUUID()}`;
	const rows = await deps.db.all<{ id: number }>(
		sql`UPDATE bulletin_deliveries SET status = 'sending', batch_key = ${key}, attempts = attempts + 1, updated_at = ${deps.now()}
		WHERE id IN (SELECT id FROM bulletin_deliveries WHERE bulletin_id = ${bulletinId} AND status = 'queued' ORDER BY id LIMIT ${deps.batchSize})
		RETURNING id`,
	);
	return rows.length > 0 ? key : null;
}

/** Takes back a batch whose call failed (and is due again) or was lost: same key, same recipients. */
async function claimRetry(deps: BulletinDeps, bulletinId: string): Promise<string | null> {
	const now = deps.now();
	const due = now - LEASE_MS;
	const rows = await deps.db.all<{ key: string }>(
		sql`UPDATE bulletin_deliveries SET attempts = attempts + 1, updated_at = ${now}
		WHERE batch_key = (SELECT batch_key FROM bulletin_deliveries WHERE bulletin_id = ${bulletinId} AND status = 'sending' AND updated_at <= ${due} ORDER BY updated_at LIMIT 1)
		AND status = 'sending' AND updated_at <= ${due}
		RETURNING batch_key AS key`,
	);
	return rows[0]?.key ?? null;
}

function recipientsOf(db: Database, key: string) {
	return db.all<Recipient>(
		sql`SELECT d.id, d.locale, d.subscription_id AS subscriptionId, d.attempts, s.status AS subStatus, p.email, p.name, p.erased_at AS erasedAt
		FROM bulletin_deliveries d JOIN subscriptions s ON s.id = d.subscription_id JOIN people p ON p.id = d.person_id
		WHERE d.batch_key = ${key} AND d.status = 'sending' ORDER BY d.id`,
	);
}

/** Who left (unsubscribed, bounced, suppressed, erased) since the send started: skipped, not sent. */
async function skipLeavers(deps: BulletinDeps, rows: Recipient[]): Promise<Recipient[]> {
	const hashes = await Promise.all(rows.map((r) => suppressionKey(r.email)));
	const suppressed = new Set(
		(
			await deps.db.all<{ h: string }>(
				sql`SELECT email_hash AS h FROM suppressions WHERE email_hash IN (SELECT value FROM json_each(${JSON.stringify(hashes)}))`,
			)
		).map((r) => r.h),
	);
	const skipped: [number, string][] = [];
	const keep: Recipient[] = [];
	rows.forEach((r, i) => {
		const reason =
			r.erasedAt !== null
				? "erased"
				: suppressed.has(hashes[i] as string)
					? "suppressed"
					: r.subStatus !== "active"
						? r.subStatus
						: null;
		if (reason) skipped.push([r.id, reason]);
		else keep.push(r);
	});
	if (skipped.length > 0) {
		await deps.db.run(
			sql`UPDATE bulletin_deliveries SET status = 'skipped', last_error = json_extract(j.value, '$[1]'), updated_at = ${deps.now()}
			FROM json_each(${JSON.stringify(skipped)}) AS j
			WHERE bulletin_deliveries.id = json_extract(j.value, '$[0]') AND bulletin_deliveries.status = 'sending'`,
		);
	}
	return keep;
}

type BatchOutcome = "sent" | "retry" | "failed" | "empty";

/** One batch call: build each email from its language's template, send, settle the rows. */
async function sendBatch(
	deps: BulletinDeps,
	b: Bulletin,
	templates: Map<string, BulletinTemplate>,
	key: string,
	fresh: boolean,
): Promise<BatchOutcome> {
	const started = performance.now();
	const { db, links } = deps;
	let rows = await recipientsOf(db, key);
	// A retried batch keeps exactly its recipients: the same key must carry the same emails.
	if (fresh) rows = await skipLeavers(deps, rows);
	if (rows.length === 0) return "empty";
	const fallback = templates.get(b.defaultLocale);
	const emails = await Promise.all(
		rows.map(async (r) => {
			const template = templates.get(r.locale) ?? fallback;
			if (!template) throw new Error(`bulletin ${b.id} has no text in ${r.locale} nor ${b.defaultLocale}`);
			const url = await unsubscribeUrl(links.publicUrl, links.secret, r.subscriptionId);
			const email: OutgoingEmail = {
				from: deps.from,
				to: r.email,
				...template.fill(r.locale, r.name, url),
				headers: oneClickHeaders(url),
				idempotencyKey: key,
			};
			assertHeaderSafe(email);
			const { idempotencyKey: _, ...rest } = email;
			return rest;
		}),
	);
	const ids = JSON.stringify(rows.map((r) => r.id));
	const prepared = performance.now();
	let callStart = 0;
	const result = await pacedCall(
		deps.pace,
		"bulletin",
		() => {
			callStart = performance.now();
			return deps.mailer.sendBatch(emails, key);
		},
		// A 429 is the provider asking us to wait: the whole account waits, transactional calls too.
		(r) =>
			!r.ok && !r.permanent && /^resend 429/.test(r.error)
				? Math.max((r.retryAfterSeconds ?? 0) * 1000, 1000)
				: undefined,
	);
	const callEnd = performance.now();
	const now = deps.now();
	let outcome: BatchOutcome;
	if (result.ok) {
		const settled = JSON.stringify(rows.map((r, i) => [r.id, result.ids[i] ?? null]));
		await db.run(
			sql`UPDATE bulletin_deliveries SET status = 'sent', provider_id = json_extract(j.value, '$[1]'), last_error = NULL, updated_at = ${now}
			FROM json_each(${settled}) AS j
			WHERE bulletin_deliveries.id = json_extract(j.value, '$[0]') AND bulletin_deliveries.status = 'sending'`,
		);
		outcome = "sent";
	} else {
		const attempts = Math.max(...rows.map((r) => r.attempts));
		const error = result.error.slice(0, 500);
		// A 429 is the provider asking us to wait, not a failed call: it is not an attempt.
		const rateLimited = !result.permanent && /^resend 429/.test(result.error);
		if (!rateLimited && (result.permanent || attempts >= deps.maxAttempts)) {
			await db.run(
				sql`UPDATE bulletin_deliveries SET status = 'failed', last_error = ${error}, updated_at = ${now}
				WHERE id IN (SELECT value FROM json_each(${ids})) AND status = 'sending'`,
			);
			outcome = "failed";
		} else {
			const retryAfterMs = (result.retryAfterSeconds ?? 0) * 1000;
			const wait = rateLimited
				? Math.max(retryAfterMs, 1000)
				: Math.max(retryAfterMs, Math.min(1000 * 2 ** (attempts - 1), 60_000));
			// Due again after `wait`: the lease (LEASE_MS) counts from this time.
			await db.run(
				sql`UPDATE bulletin_deliveries SET last_error = ${error}, attempts = attempts - ${rateLimited ? 1 : 0}, updated_at = ${now + wait - LEASE_MS}
				WHERE id IN (SELECT value FROM json_each(${ids})) AND status = 'sending'`,
			);
			outcome = "retry";
		}
		logEvent("warn", "bulletin.batch_failed", { bulletinId: b.id, key, attempts, outcome, error });
	}
	deps.onBatch?.({
		emails: rows.length,
		workMs: prepared - started + (performance.now() - callEnd),
		callMs: callEnd - callStart,
	});
	return outcome;
}

/**
 * The bulletin's status, read with a heartbeat (by which the cron sees that a send is alive).
 * Null when it has nothing left to do here (sent, or gone).
 */
async function heartbeat(deps: BulletinDeps, id: string): Promise<Bulletin["status"] | null> {
	const rows = await deps.db.all<{ status: Bulletin["status"] }>(
		sql`UPDATE bulletins SET updated_at = ${deps.now()} WHERE id = ${id} AND status IN ('sending', 'paused', 'cancelled') RETURNING status`,
	);
	return rows[0]?.status ?? null;
}

/**
 * One queue invocation of a send: claims batches, sends them paced to the rate, settles them,
 * for up to `budgetMs`; then hands over to a new message, or marks the bulletin sent when every
 * row is settled. Paused or cancelled, it claims nothing new but still settles the batches
 * already claimed (retried with their key), so no row is left in doubt.
 */
export async function runBulletin(deps: BulletinDeps, msg: BulletinMessage): Promise<"sent" | "more" | "stopped"> {
	const { db } = deps;
	const found = await loadBulletin(db, msg.bulletinId);
	const first = found?.bulletin.status;
	if (!found || (first !== "sending" && first !== "paused" && first !== "cancelled")) return "stopped";
	const b = found.bulletin;
	const templates = await templatesFor(deps.renderer, b, found.texts);
	const deadline = deps.now() + deps.budgetMs;
	for (;;) {
		let status: Bulletin["status"] | null = first;
		const worker = async () => {
			while (deps.now() < deadline) {
				status = await heartbeat(deps, b.id);
				if (!status) return;
				const retry = await claimRetry(deps, b.id);
				const key = retry ?? (status === "sending" ? await claimNew(deps, b.id) : null);
				if (!key) return;
				await sendBatch(deps, b, templates, key, retry === null);
			}
		};
		await Promise.all(Array.from({ length: inFlight(deps.ratePerSecond) }, worker));
		const [left] = await db.all<{ queued: number | null; oldest: number | null }>(
			sql`SELECT (SELECT 1 FROM bulletin_deliveries WHERE bulletin_id = ${b.id} AND status = 'queued' LIMIT 1) AS queued,
			(SELECT min(updated_at) FROM bulletin_deliveries WHERE bulletin_id = ${b.id} AND status = 'sending') AS oldest`,
		);
		const now = deps.now();
		if (left?.queued && status === "sending") {
			await deps.queue.send({ bulletinId: b.id }, { contentType: "json" });
			return "more";
		}
		if (left?.oldest != null && status !== null) {
			// Batches waiting for their retry (or in flight elsewhere): wait here if it fits, else later.
			const wait = Math.max(0, left.oldest + LEASE_MS - now);
			if (now + wait < deadline) {
				await deps.sleep(wait + 10);
				continue;
			}
			await deps.queue.send(
				{ bulletinId: b.id },
				{ contentType: "json", delaySeconds: Math.min(Math.ceil(wait / 1000), 12 * 3600) },
			);
			return "more";
		}
		if (status !== "sending") return "stopped";
		await db.batch([
			db
				.update(bulletins)
				.set({ status: "sent", finishedAt: now, updatedAt: now })
				.where(and(eq(bulletins.id, b.id), eq(bulletins.status, "sending"))),
			bulletinFinishedWebhooks(db, b.id, now),
		]);
		logEvent("log", "bulletin.sent", { bulletinId: b.id, total: b.total });
		return "sent";
	}
}
