/**
 * One pace for the whole Resend account, held across isolates by one Durable Object
 * (`MailPace`, named "resend"). Every provider call (confirmations, letters, reminders, test
 * sends, bulletin batches) first reserves a slot here: one DO call per provider call, never one
 * per email (a call carries up to 100).
 *
 * - Slots are spaced 1/RESEND_RATE_PER_SECOND apart, plus a 6% margin: the jitter between our
 *   start and the provider's count rarely puts one call too many in its second.
 * - Transactional callers always get the next free slot. A bulletin batch gets a slot only when
 *   the next free one is at most one slot (or 250 ms) away (nothing transactional is waiting):
 *   otherwise it is told how long to wait and asks again. So a surge of confirmations takes every slot, and a
 *   confirmation arriving during a bulletin waits for at most the slot a bulletin already holds.
 * - A 429 (or any Retry-After) holds every slot until the time the provider gave, for at most
 *   `MAX_HOLD_MS`: a rate limit asks for a second or so; a longer Retry-After is kept by the
 *   rows of that call (they wait all of it), while the others go on probing, one call at a time.
 *
 * The state is in memory: if the object is evicted, it starts again from "free now", which is
 * what the provider would tell us too (a 429 puts it right).
 */
import { PaceBook, type PaceKind } from "./pace-book";
import type { MailPace } from "./pace-object";

export { MAX_HOLD_MS, PaceBook, type PaceKind, type Reservation } from "./pace-book";

/** What the mail code sees of the pace: wait for a slot, hold every slot. */
export interface Pace {
	/** Resolves when one provider call of this kind may start. */
	take(kind: PaceKind): Promise<void>;
	/** No call starts for `ms` (the provider's Retry-After). */
	hold(ms: number): Promise<void>;
}

/** The account's pace through the MAIL_PACE Durable Object. */
export function durablePace(
	namespace: DurableObjectNamespace<MailPace>,
	rate: number,
	sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	/** One account, one name: only a test keeps a pace of its own. */
	name = "resend",
	now: () => number = Date.now,
): Pace {
	const stub = () => namespace.get(namespace.idFromName(name));
	return {
		async take(kind) {
			for (;;) {
				const answer = await stub().reserve(kind, rate);
				if ("at" in answer) {
					const wait = answer.at - now();
					if (wait > 0) await sleep(wait);
					return;
				}
				await sleep(answer.retryMs);
			}
		},
		async hold(ms) {
			await stub().hold(ms);
		},
	};
}

/** A pace held in this isolate only (tests, and callers with no Durable Object binding). */
export function localPace(
	rate: number,
	now: () => number = Date.now,
	sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Pace {
	const book = new PaceBook();
	return {
		async take(kind) {
			for (;;) {
				const answer = book.reserve(kind, rate, now());
				if ("at" in answer) {
					const wait = answer.at - now();
					if (wait > 0) await sleep(wait);
					return;
				}
				await sleep(answer.retryMs);
			}
		},
		async hold(ms) {
			book.hold(now(), ms);
		},
	};
}
