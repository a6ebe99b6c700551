import { and, count, desc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import * as v from "valibot";
import {
	auditLog,
	type Bulletin,
	type BulletinAudience,
	type BulletinStatus,
	type BulletinText,
	bulletinDeliveries,
	bulletins,
	bulletinTexts,
	lists,
} from "../../../schema";
import type { Database } from "../../db";
import { isUniqueViolation, runBatch, type Statement } from "../../db";
import { locales } from "../../i18n/locales";
import { DomainError } from "../../lib/errors";
import { DAY } from "../../lib/time";
import { enqueueDeliveries, outboxInsert } from "../../mail/outbox";
import { type AuditInput, auditEntry, auditEntryIf } from "../console/audit";
import { findCampaignerByEmail } from "../console/campaigners";
import type { BulletinDeps, BulletinMessage } from "./bulletin-send";

export {
	type BulletinDeps,
	type BulletinMessage,
	previewBulletin,
	runBulletin,
} from "./bulletin-send";
export type { Bulletin, BulletinAudience, BulletinStatus, BulletinText };

export interface BulletinTextInput {
	locale: string;
	subject: string;
	preheader: string;
	bodyMarkdown: string;
}

export interface BulletinInput {
	listId: string;
	defaultLocale: string;
	audience: BulletinAudience;
	texts: BulletinTextInput[];
}

export interface BulletinProgress {
	status: BulletinStatus;
	/** Recipients selected when the send started. */
	total: number;
	queued: number;
	sending: number;
	sent: number;
	failed: number;
	skipped: number;
	startedAt: number | null;
	finishedAt: number | null;
}

const oneLine = (what: string, max: number) =>
	v.pipe(
		v.string(`${what} is text.`),
		v.trim(),
		v.maxLength(max, `${what} is at most ${max} characters.`),
		v.regex(/^[^\r\n]*$/, `${what} is one line.`),
	);

const localeField = v.picklist(locales, `The language is one of ${locales.join(", ")}.`);

const bulletinTextInput = v.object({
	locale: localeField,
	subject: v.pipe(oneLine("The subject", 200), v.minLength(1, "The subject is required.")),
	preheader: v.optional(oneLine("The preheader", 200), ""),
	bodyMarkdown: v.pipe(
		v.string("The body is text."),
		v.trim(),
		v.minLength(1, "The body is required."),
		v.maxLength(50_000, "The body is at most 50,000 characters."),
	),
});

const audienceSchema = v.object({
	locales: v.optional(v.pipe(v.array(localeField), v.maxLength(locales.length))),
	countries: v.optional(
		v.pipe(
			v.array(v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "A country is a two-letter ISO code."))),
			v.maxLength(250),
		),
	),
	partners: v.optional(
		v.pipe(
			v.array(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "A partner is named by its slug."))),
			v.maxLength(200),
		),
	),
});

/** A bulletin as a campaigner writes it: the list, who in it, and its words per language. */
export const bulletinInput = v.pipe(
	v.object({
		listId: v.pipe(v.string("The list is required."), v.trim(), v.minLength(1, "The list is required.")),
		defaultLocale: localeField,
		audience: v.optional(audienceSchema, {}),
		texts: v.pipe(
			v.array(bulletinTextInput, "The texts are a list."),
			v.minLength(1, "Write the bulletin in at least one language."),
			v.maxLength(locales.length),
			v.check((texts) => new Set(texts.map((t) => t.locale)).size === texts.length, "One text per language."),
		),
	}),
	v.forward(
		v.check(
			(input) => input.texts.some((t) => t.locale === input.defaultLocale),
			"The default language must be one of the texts' languages.",
		),
		["defaultLocale"],
	),
);

function notFound(): never {
	throw new DomainError(404, "bulletin_not_found", "There is no such bulletin.");
}

async function assertList(db: Database, listId: string): Promise<void> {
	const list = await db.select({ id: lists.id }).from(lists).where(eq(lists.id, listId)).get();
	if (!list) {
		throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "listId", message: "There is no such list." }],
		});
	}
}

function textRows(id: string, input: BulletinInput, now: number) {
	return input.texts.map((t) => ({
		bulletinId: id,
		locale: t.locale,
		subject: t.subject,
		preheader: t.preheader,
		bodyMarkdown: t.bodyMarkdown,
		updatedAt: now,
	}));
}

/** Only what an audience may hold (the schema already checked the shapes). */
function cleanAudience(a: BulletinAudience): BulletinAudience {
	const out: BulletinAudience = {};
	if (a.locales?.length) out.locales = [...new Set(a.locales)];
	if (a.countries?.length) out.countries = [...new Set(a.countries)];
	if (a.partners?.length) out.partners = [...new Set(a.partners)];
	return out;
}

/** A new draft. */
export async function createBulletin(db: Database, input: BulletinInput, actor: string, now: number) {
	await assertList(db, input.listId);
	const id = crypto.randomUUID();
	await runBatch(db, [
		db.insert(bulletins).values({
			id,
			listId: input.listId,
			status: "draft",
			audience: cleanAudience(input.audience),
			defaultLocale: input.defaultLocale,
			createdBy: actor,
			createdAt: now,
			updatedAt: now,
		}),
		db.insert(bulletinTexts).values(textRows(id, input, now)),
		auditEntry(db, { actor, action: "bulletin.create", subject: id, detail: { listId: input.listId } }, now).statement,
	]);
	return (await getBulletin(db, id))?.bulletin as Bulletin;
}

/** Rewrites a draft or scheduled bulletin (its texts replaced as a whole). */
export async function updateBulletin(
	db: Database,
	id: string,
	input: BulletinInput,
	now: number,
	actor = "operator",
): Promise<Bulletin> {
	const found = await db.select({ status: bulletins.status }).from(bulletins).where(eq(bulletins.id, id)).get();
	if (!found) notFound();
	if (found.status !== "draft" && found.status !== "scheduled") {
		throw new DomainError(409, "bulletin_not_editable", `A bulletin that is ${found.status} can no longer be changed.`);
	}
	await assertList(db, input.listId);
	const editable = inArray(bulletins.status, ["draft", "scheduled"]);
	const writes = runBatch(db, [
		auditEntryIf(
			db,
			{ actor, action: "bulletin.update", subject: id },
			now,
			sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${id} AND status IN ('draft', 'scheduled'))`,
		).statement,
		db
			.update(bulletins)
			.set({
				listId: input.listId,
				audience: cleanAudience(input.audience),
				defaultLocale: input.defaultLocale,
				updatedAt: now,
			})
			.where(and(eq(bulletins.id, id), editable)),
		db
			.delete(bulletinTexts)
			.where(
				and(
					eq(bulletinTexts.bulletinId, id),
					inArray(bulletinTexts.bulletinId, db.select({ id: bulletins.id }).from(bulletins).where(editable)),
				),
			),
		// Fails on the key (nothing written) if the bulletin started meanwhile and kept its texts.
		db.insert(bulletinTexts).values(textRows(id, input, now)),
	]);
	await writes.catch((err) => {
		if (isUniqueViolation(err)) throw new DomainError(409, "bulletin_not_editable", "The bulletin started meanwhile.");
		throw err;
	});
	return (await getBulletin(db, id))?.bulletin as Bulletin;
}

export async function getBulletin(
	db: Database,
	id: string,
): Promise<{ bulletin: Bulletin; texts: BulletinText[] } | undefined> {
	const bulletin = await db.select().from(bulletins).where(eq(bulletins.id, id)).get();
	if (!bulletin) return undefined;
	const texts = await db.select().from(bulletinTexts).where(eq(bulletinTexts.bulletinId, id));
	return { bulletin, texts };
}

type Counts = Pick<BulletinProgress, "queued" | "sending" | "sent" | "failed" | "skipped">;
const noCounts = (): Counts => ({ queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 });

function progressOf(b: Bulletin, c: Counts): BulletinProgress {
	return { status: b.status, total: b.total, ...c, startedAt: b.startedAt, finishedAt: b.finishedAt };
}

/** Every bulletin, newest first, with its figures. */
export async function listBulletins(db: Database): Promise<Array<Bulletin & { progress: BulletinProgress }>> {
	const all = await db.select().from(bulletins).orderBy(desc(bulletins.createdAt));
	const started = all.filter((b) => b.startedAt !== null).map((b) => b.id);
	const counts = new Map<string, Counts>();
	for (let i = 0; i < started.length; i += 90) {
		const rows = await db
			.select({ id: bulletinDeliveries.bulletinId, status: bulletinDeliveries.status, n: count() })
			.from(bulletinDeliveries)
			.where(inArray(bulletinDeliveries.bulletinId, started.slice(i, i + 90)))
			.groupBy(bulletinDeliveries.bulletinId, bulletinDeliveries.status);
		for (const r of rows) {
			const c = counts.get(r.id) ?? noCounts();
			c[r.status === "queued" ? "queued" : r.status] = r.n;
			counts.set(r.id, c);
		}
	}
	return all.map((b) => ({ ...b, progress: progressOf(b, counts.get(b.id) ?? noCounts()) }));
}

/** Where a bulletin is: its status and its deliveries counted by state (read from the index). */
export async function bulletinProgress(db: Database, id: string): Promise<BulletinProgress> {
	const b = await db.select().from(bulletins).where(eq(bulletins.id, id)).get();
	if (!b) notFound();
	const c = noCounts();
	if (b.startedAt !== null) {
		const rows = await db
			.select({ status: bulletinDeliveries.status, n: count() })
			.from(bulletinDeliveries)
			.where(eq(bulletinDeliveries.bulletinId, id))
			.groupBy(bulletinDeliveries.status);
		for (const r of rows) c[r.status] = r.n;
	}
	return progressOf(b, c);
}

/**
 * Who a list's bulletin goes to, as SQL over `subscriptions s JOIN people p`: active
 * subscriptions of people not erased, narrowed by language, country and partner. (Suppressed
 * addresses are checked again before each batch: their subscriptions are ended when they are
 * suppressed, and the list is keyed by a hash SQL cannot compute.)
 */
export function audienceWhere(listId: string, audience: BulletinAudience): SQL {
	const parts = [sql`s.list_id = ${listId}`, sql`s.status = 'active'`, sql`p.erased_at IS NULL`];
	// One bound parameter per filter, however long: D1 binds at most 100.
	if (audience.locales?.length)
		parts.push(sql`s.locale IN (SELECT value FROM json_each(${JSON.stringify(audience.locales)}))`);
	if (audience.countries?.length)
		parts.push(sql`p.country IN (SELECT value FROM json_each(${JSON.stringify(audience.countries)}))`);
	if (audience.partners?.length)
		parts.push(sql`s.partner IN (SELECT value FROM json_each(${JSON.stringify(audience.partners)}))`);
	return sql.join(parts, sql` AND `);
}

/** How many people a bulletin to this list and audience would reach now. */
export async function countAudience(db: Database, listId: string, audience: BulletinAudience): Promise<number> {
	const [row] = await db.all<{ n: number }>(
		sql`SELECT count(*) AS n FROM subscriptions s JOIN people p ON p.id = s.person_id WHERE ${audienceWhere(listId, cleanAudience(audience))}`,
	);
	return row?.n ?? 0;
}

/** One language of a bulletin's audience: how many subscribers read it, and which version they get. */
export interface AudienceLanguage {
	/** The subscribers' language. */
	locale: string;
	count: number;
	/** The version sent to them: their own, or the default one when the bulletin has none in it. */
	version: string;
	fallback: boolean;
	subject: string;
}

/**
 * Who a bulletin would reach now, language by language, with the version and subject each gets
 * (the same choice the send makes when it writes the delivery rows).
 */
export async function audienceByLanguage(
	db: Database,
	b: Pick<Bulletin, "listId" | "audience" | "defaultLocale">,
	texts: Pick<BulletinText, "locale" | "subject">[],
): Promise<AudienceLanguage[]> {
	const rows = await db.all<{ locale: string; n: number }>(
		sql`SELECT s.locale AS locale, count(*) AS n FROM subscriptions s JOIN people p ON p.id = s.person_id WHERE ${audienceWhere(b.listId, cleanAudience(b.audience))} GROUP BY s.locale ORDER BY n DESC, s.locale`,
	);
	const fallback = texts.find((t) => t.locale === b.defaultLocale) ?? texts[0];
	return rows.map((r) => {
		const own = texts.find((t) => t.locale === r.locale);
		const text = own ?? fallback;
		return {
			locale: r.locale,
			count: r.n,
			version: text?.locale ?? b.defaultLocale,
			fallback: own === undefined,
			subject: text?.subject ?? "",
		};
	});
}

/**
 * Deletes a draft (its texts with it), audited in the same batch. A bulletin that is scheduled,
 * sending or done is refused with a 409: unschedule it first, or keep its report.
 */
export async function deleteBulletinDraft(db: Database, id: string, actor: string, now: number): Promise<void> {
	const b = await mustGet(db, id);
	if (b.status !== "draft") {
		throw new DomainError(
			409,
			"bulletin_not_draft",
			b.status === "scheduled"
				? "A scheduled bulletin cannot be deleted: unschedule it first (it becomes a draft again)."
				: `A bulletin that is ${b.status} cannot be deleted: its report stays.`,
		);
	}
	const isDraft = sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${id} AND status = 'draft')`;
	const [, , gone] = await db.batch([
		auditEntryIf(db, { actor, action: "bulletin.delete", subject: id }, now, isDraft).statement,
		db.delete(bulletinTexts).where(and(eq(bulletinTexts.bulletinId, id), isDraft)),
		db
			.delete(bulletins)
			.where(and(eq(bulletins.id, id), eq(bulletins.status, "draft")))
			.returning({ id: bulletins.id }),
	]);
	if (gone.length === 0) {
		throw new DomainError(
			409,
			"bulletin_not_draft",
			"The bulletin left its draft state meanwhile: nothing was deleted.",
		);
	}
}

/** A scheduled bulletin back to a draft (its time forgotten), audited in the same batch. */
export async function unscheduleBulletin(db: Database, id: string, actor: string, now: number): Promise<void> {
	const b = await mustGet(db, id);
	if (b.status === "draft") return;
	if (b.status !== "scheduled") conflict(b, "unscheduled");
	await runBatch(db, [
		auditEntry(db, { actor, action: "bulletin.unschedule", subject: id }, now).statement,
		db
			.update(bulletins)
			.set({ status: "draft", sendAt: null, sendZone: null, updatedAt: now })
			.where(and(eq(bulletins.id, id), eq(bulletins.status, "scheduled"))),
	]);
}

/** Test sends a day, per campaigner or token: nobody floods an inbox through the engine. */
export const MAX_TEST_SENDS_PER_DAY = 20;

/**
 * A test of the bulletin to one address, through the outbox; subject marked [TEST]. Only to an
 * enabled campaigner on the allow-list, and at most MAX_TEST_SENDS_PER_DAY a day per actor
 * (counted from the audit rows, so the cap holds across isolates).
 */
export async function sendTestBulletin(
	deps: Pick<BulletinDeps, "db" | "mailQueue">,
	id: string,
	toEmail: string,
	locale: string,
	now: number,
	/** Whom the test greets (and fills `{{name}}` with): the tester's own name, as the preview shows it. */
	name: string | null = null,
	actor = "operator",
): Promise<void> {
	const found = await getBulletin(deps.db, id);
	if (!found) notFound();
	const recipient = await findCampaignerByEmail(deps.db, toEmail);
	if (!recipient || recipient.disabledAt !== null) {
		throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "email", message: "Tests go only to campaigners on the console's allow-list." }],
		});
	}
	const sent = await deps.db
		.select({ n: count() })
		.from(auditLog)
		.where(
			and(eq(auditLog.action, "bulletin.test"), eq(auditLog.actor, actor), sql`${auditLog.createdAt} > ${now - DAY}`),
		)
		.get();
	if ((sent?.n ?? 0) >= MAX_TEST_SENDS_PER_DAY) {
		throw new DomainError(
			429,
			"rate_limited",
			`At most ${MAX_TEST_SENDS_PER_DAY} test sends a day. Try again tomorrow.`,
			{
				headers: { "Retry-After": String(60 * 60) },
			},
		);
	}
	const row = outboxInsert(
		deps.db,
		{
			template: "bulletin",
			to: toEmail,
			locale,
			props: { bulletinId: id, test: true, name },
			dedupeKey: `bulletin-test:${id}:${crypto.randomUUID()}`,
		},
		now,
	);
	await runBatch(deps.db, [
		row.statement,
		auditEntry(
			deps.db,
			{ actor, action: "bulletin.test", subject: id, detail: { to: `campaigner:${recipient.id}`, locale } },
			now,
		).statement,
	]);
	await enqueueDeliveries(deps.mailQueue, [{ outboxId: row.id, attempts: 0 }]);
}

/** Writes one delivery row per recipient (in SQL: no rows through the Worker) and starts sending. */
async function startBulletin(deps: BulletinDeps, b: Bulletin, now: number, actor: string): Promise<void> {
	const { db } = deps;
	const startable = sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${b.id} AND status IN ('draft', 'scheduled'))`;
	const locale = sql`CASE WHEN s.locale IN (SELECT locale FROM bulletin_texts WHERE bulletin_id = ${b.id}) THEN s.locale ELSE ${b.defaultLocale} END`;
	await runBatch(db, [
		auditEntryIf(db, { actor, action: "bulletin.send", subject: b.id }, now, startable).statement,
		db
			.insert(bulletinDeliveries)
			.select(
				sql`SELECT NULL, ${b.id}, s.person_id, s.id, ${locale}, 'queued', NULL, 0, NULL, NULL, ${now}, 0, 0
				FROM subscriptions s JOIN people p ON p.id = s.person_id
				WHERE ${audienceWhere(b.listId, b.audience)} AND ${startable}
				ORDER BY s.id`,
			)
			.onConflictDoNothing(),
		db
			.update(bulletins)
			.set({
				status: "sending",
				startedAt: now,
				updatedAt: now,
				total: sql`(SELECT count(*) FROM bulletin_deliveries WHERE bulletin_id = ${b.id})`,
			})
			.where(and(eq(bulletins.id, b.id), inArray(bulletins.status, ["draft", "scheduled"]))),
	]);
	await deps.queue.send({ bulletinId: b.id } satisfies BulletinMessage, { contentType: "json" });
}

async function mustGet(db: Database, id: string): Promise<Bulletin> {
	const b = await db.select().from(bulletins).where(eq(bulletins.id, id)).get();
	if (!b) notFound();
	return b;
}

function conflict(b: Bulletin, what: string): never {
	throw new DomainError(409, "bulletin_state", `A bulletin that is ${b.status} cannot be ${what}.`);
}

/** Sends now (`sendAt` null or past) or at a set time (the every-minute cron starts it). */
export async function scheduleBulletin(
	deps: BulletinDeps,
	id: string,
	sendAt: number | null,
	now: number,
	/** The IANA zone the time was chosen in (shown back next to UTC). */
	sendZone: string | null = null,
	actor = "operator",
): Promise<BulletinProgress> {
	const b = await mustGet(deps.db, id);
	if (b.status !== "draft" && b.status !== "scheduled") conflict(b, "sent again");
	if (sendAt !== null && sendAt > now) {
		const { db } = deps;
		await runBatch(db, [
			auditEntryIf(
				db,
				{ actor, action: "bulletin.schedule", subject: id, detail: { sendAt } },
				now,
				sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${id} AND status IN ('draft', 'scheduled'))`,
			).statement,
			db
				.update(bulletins)
				.set({ status: "scheduled", sendAt, sendZone, updatedAt: now })
				.where(and(eq(bulletins.id, id), inArray(bulletins.status, ["draft", "scheduled"]))),
		]);
	} else {
		await startBulletin(deps, b, now, actor);
	}
	return bulletinProgress(deps.db, id);
}

/** Stops claiming new batches; the batch in flight settles. */
export async function pauseBulletin(
	deps: BulletinDeps,
	id: string,
	now: number,
	actor = "operator",
): Promise<BulletinProgress> {
	const b = await mustGet(deps.db, id);
	if (b.status === "paused") return bulletinProgress(deps.db, id);
	if (b.status !== "sending") conflict(b, "paused");
	await moveBulletin(deps.db, id, ["sending"], "paused", { actor, action: "bulletin.pause", subject: id }, now);
	return bulletinProgress(deps.db, id);
}

/** Carries on where a pause stopped: nobody already sent to is sent to again. */
export async function resumeBulletin(
	deps: BulletinDeps,
	id: string,
	now: number,
	actor = "operator",
): Promise<BulletinProgress> {
	const b = await mustGet(deps.db, id);
	if (b.status === "sending") return bulletinProgress(deps.db, id);
	if (b.status !== "paused") conflict(b, "resumed");
	await moveBulletin(deps.db, id, ["paused"], "sending", { actor, action: "bulletin.resume", subject: id }, now);
	await deps.queue.send({ bulletinId: id } satisfies BulletinMessage, { contentType: "json" });
	return bulletinProgress(deps.db, id);
}

/** Stops for good: whoever is still waiting is skipped; the report remains. */
export async function cancelBulletin(
	deps: BulletinDeps,
	id: string,
	now: number,
	actor = "operator",
): Promise<BulletinProgress> {
	const { db } = deps;
	const b = await mustGet(db, id);
	if (b.status === "cancelled") return bulletinProgress(db, id);
	if (b.status === "sent") conflict(b, "cancelled");
	await moveBulletin(
		db,
		id,
		["draft", "scheduled", "sending", "paused"],
		"cancelled",
		{ actor, action: "bulletin.cancel", subject: id },
		now,
		db
			.update(bulletinDeliveries)
			.set({ status: "skipped", lastError: "cancelled", updatedAt: now })
			.where(and(eq(bulletinDeliveries.bulletinId, id), eq(bulletinDeliveries.status, "queued"))),
	);
	return bulletinProgress(db, id);
}

/**
 * Moves a bulletin from one of `from` to `to`, with its audit row, in one batch: the row is
 * written only if the move happens (a concurrent change wins and leaves no false audit), and
 * `also` (statements of the same move) goes with it.
 */
async function moveBulletin(
	db: Database,
	id: string,
	from: BulletinStatus[],
	to: BulletinStatus,
	entry: AuditInput,
	now: number,
	...also: Statement[]
): Promise<void> {
	const stillThere = sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${id} AND status IN (${sql.join(
		from.map((f) => sql`${f}`),
		sql`, `,
	)}))`;
	await runBatch(db, [
		auditEntryIf(db, entry, now, stillThere).statement,
		db
			.update(bulletins)
			.set({ status: to, updatedAt: now, ...(to === "cancelled" ? { finishedAt: now } : {}) })
			.where(and(eq(bulletins.id, id), inArray(bulletins.status, from))),
		...also,
	]);
}

/** A send counts as stalled (its queue messages lost) when it has shown no sign of life for this long. */
export const STALL_MS = 3 * 60_000;

/**
 * Every-minute cron: starts the scheduled bulletins whose time has come, and puts a stalled
 * send back on the queue (it carries on where it stopped: rows already sent stay sent).
 */
export async function startDueBulletins(
	deps: BulletinDeps,
	now: number,
): Promise<{ started: number; restarted: number }> {
	const { db } = deps;
	const due = await db
		.select()
		.from(bulletins)
		.where(and(eq(bulletins.status, "scheduled"), lte(bulletins.sendAt, now)));
	for (const b of due) await startBulletin(deps, b, now, "cron");
	// Sending, or paused/cancelled with batches still unsettled: a runner should be at work.
	const stalled = await db.all<{ id: string }>(
		sql`UPDATE bulletins SET updated_at = ${now}
		WHERE updated_at < ${now - STALL_MS} AND (status = 'sending' OR (status IN ('paused', 'cancelled')
			AND EXISTS (SELECT 1 FROM bulletin_deliveries d WHERE d.bulletin_id = bulletins.id AND d.status = 'sending')))
		RETURNING id`,
	);
	for (const { id } of stalled) {
		await deps.queue.send({ bulletinId: id } satisfies BulletinMessage, { contentType: "json" });
	}
	return { started: due.length, restarted: stalled.length };
}
