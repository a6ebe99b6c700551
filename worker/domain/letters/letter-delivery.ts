import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { letters, people, targets } from "../../../schema";
import { type Database, runBatch, type Statement } from "../../db";
import { DAY } from "../../lib/time";
import { type DeliveryMessage, outboxInsert } from "../../mail/outbox";
import { type LinkDeps, linkEmailWrites } from "../links/link-emails";
import { lettersSentWebhooks } from "../webhooks/events";
import { deliveryAddress } from "./targets";

/** Letters go out on weekdays from 9:00 until 17:00, the State's office time. */
const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;
/** In the office day's last hour, what is left over the daily cap goes as one digest. */
const DIGEST_HOUR = CLOSE_HOUR - 1;
/** Two weeks after a letter is sent, its writer is asked whether the State replied. */
export const FOLLOW_UP_AFTER_MS = 14 * DAY;

/** The local date, hour and weekday at `now` in a time zone. */
export function localTime(timeZone: string, now: number): { day: string; hour: number; weekday: number } {
	const parts = new Intl.DateTimeFormat("en-CA", {
		timeZone,
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		hourCycle: "h23",
		weekday: "short",
	}).formatToParts(new Date(now));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
	const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
	return { day: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")), weekday };
}

export function inOfficeHours(t: { hour: number; weekday: number }): boolean {
	return t.weekday >= 1 && t.weekday <= 5 && t.hour >= OPEN_HOUR && t.hour < CLOSE_HOUR;
}

export interface LetterDeliveryReport {
	sent: number;
	digests: number;
	held: number;
	requeued: number;
}

/**
 * Cron: hands queued letters to the outbox, State by State, in each State's office hours: one
 * by one up to its daily cap, then what is left of the day as one digest in the last office
 * hour. A State with no working address holds its letters (and the console shows them); held
 * letters come back once it has one again. Nothing is dropped.
 */
export async function deliverLetters(
	db: Database,
	now: number,
): Promise<{ report: LetterDeliveryReport; deliveries: DeliveryMessage[] }> {
	const report: LetterDeliveryReport = { sent: 0, digests: 0, held: 0, requeued: 0 };
	const deliveries: DeliveryMessage[] = [];
	const waiting = await db
		.selectDistinct({ id: targets.id, timeZone: targets.timeZone, dailyCap: targets.dailyCap })
		.from(letters)
		.innerJoin(targets, eq(targets.id, letters.targetId))
		.where(
			sql`${letters.status} = 'queued' OR (${letters.status} = 'held' AND ${letters.holdReason} IN ('no-contact', 'bouncing'))`,
		);
	for (const target of waiting) {
		const address = await deliveryAddress(db, target.id);
		if ("held" in address) {
			const held = await db
				.update(letters)
				.set({ status: "held", holdReason: address.held, updatedAt: now })
				.where(and(eq(letters.targetId, target.id), eq(letters.status, "queued")))
				.returning({ id: letters.id });
			report.held += held.length;
			continue;
		}
		// The State has an address again: letters held for the lack of one go back in line.
		const back = await db
			.update(letters)
			.set({ status: "queued", holdReason: null, updatedAt: now })
			.where(
				and(
					eq(letters.targetId, target.id),
					eq(letters.status, "held"),
					inArray(letters.holdReason, ["no-contact", "bouncing"]),
				),
			)
			.returning({ id: letters.id });
		report.requeued += back.length;
		const local = localTime(target.timeZone, now);
		if (!inOfficeHours(local)) continue;
		const [{ sentToday } = { sentToday: 0 }] = await db
			.select({ sentToday: sql<number>`count(*)` })
			.from(letters)
			.where(and(eq(letters.targetId, target.id), eq(letters.sentDay, local.day), eq(letters.inDigest, false)));
		const room = Math.max(0, target.dailyCap - sentToday);
		const queued = await db
			.select({ id: letters.id, locale: letters.locale })
			.from(letters)
			.where(and(eq(letters.targetId, target.id), eq(letters.status, "queued")))
			.orderBy(asc(letters.confirmedAt))
			.limit(room + 500);
		const alone = queued.slice(0, room);
		const rest = local.hour >= DIGEST_HOUR ? queued.slice(room) : [];
		const statements: Statement[] = [];
		for (const letter of alone) {
			const email = outboxInsert(
				db,
				{
					template: "letter-to-state",
					to: address.email,
					locale: letter.locale,
					props: { letterId: letter.id },
					dedupeKey: `letter:${letter.id}`,
				},
				now,
			);
			statements.push(email.statement, sentWrite(db, [letter.id], local.day, false, now));
			deliveries.push({ outboxId: email.id, attempts: 0 });
		}
		if (rest.length > 0) {
			const ids = rest.map((l) => l.id);
			const email = outboxInsert(
				db,
				{
					template: "letter-digest",
					to: address.email,
					locale: rest[0]?.locale ?? "en",
					props: { letterIds: ids, day: local.day },
					dedupeKey: `letter-digest:${target.id}:${local.day}:${ids[0]}`,
				},
				now,
			);
			statements.push(email.statement, sentWrite(db, ids, local.day, true, now));
			deliveries.push({ outboxId: email.id, attempts: 0 });
			report.digests++;
		}
		await runBatch(db, [
			...statements,
			lettersSentWebhooks(
				db,
				[...alone, ...rest].map((l) => l.id),
				now,
			),
		]);
		report.sent += alone.length + rest.length;
	}
	return { report, deliveries };
}

function sentWrite(db: Database, ids: string[], day: string, inDigest: boolean, now: number) {
	return db
		.update(letters)
		.set({ status: "sent", sentAt: now, sentDay: day, inDigest, updatedAt: now })
		.where(and(inArray(letters.id, ids), eq(letters.status, "queued")));
}

/**
 * Cron: two weeks after a letter went out, its writer gets one email asking whether their
 * State replied (never a second one).
 */
export async function sendFollowUps(deps: LinkDeps, limit = 200): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const due = await db
		.select({ id: letters.id, locale: letters.locale, email: people.email })
		.from(letters)
		.innerJoin(people, eq(people.id, letters.personId))
		.where(
			and(
				eq(letters.status, "sent"),
				isNull(letters.followUpSentAt),
				lte(letters.sentAt, now - FOLLOW_UP_AFTER_MS),
				isNull(people.erasedAt),
			),
		)
		.limit(limit);
	const deliveries: DeliveryMessage[] = [];
	for (const letter of due) {
		const link = await linkEmailWrites(deps, {
			template: "letter-reply-question",
			purpose: "letter-reply",
			subjectId: letter.id,
			to: letter.email,
			locale: letter.locale,
			props: { letterId: letter.id },
			dedupeKey: `letter-reply-question:${letter.id}`,
			ttlMs: 60 * DAY,
		});
		await runBatch(db, [
			db
				.update(letters)
				.set({ followUpSentAt: now, updatedAt: now })
				.where(and(eq(letters.id, letter.id), isNull(letters.followUpSentAt))),
			...link.statements,
		]);
		deliveries.push(link.delivery);
	}
	return deliveries;
}

/**
 * When the email carrying letters will never be delivered (dead, or its address suppressed),
 * those letters are failed rather than sent.
 */
export async function lettersUndelivered(
	db: Database,
	row: { template: string; props: Record<string, unknown> },
): Promise<void> {
	const ids =
		row.template === "letter-to-state"
			? [String(row.props.letterId ?? "")]
			: row.template === "letter-digest" && Array.isArray(row.props.letterIds)
				? row.props.letterIds.map(String)
				: [];
	if (ids.length === 0) return;
	await db
		.update(letters)
		.set({ status: "failed", updatedAt: Date.now() })
		.where(and(inArray(letters.id, ids), eq(letters.status, "sent")));
}
