/**
 * One pace for the whole Resend account, held across isolates by one Durable Object
 * (`MailPace`, named "resend"). Every provider call (confirmations, letters, reminders, test
 * sends, bulletin batches) first takes a slot here and reports when its answer is in: two short
 * DO calls per provider call, never per email (a call carries up to 100).
 *
 * - A call starts only while fewer than RESEND_RATE_PER_SECOND calls are out or were answered
 *   in the last second (pace-book.ts): the provider counts each call when it reaches it, at some
 *   time between our start and its answer, so no second of the provider's ever holds one call
 *   too many, whatever the jitter of starts and answers. No margin is added to the rate.
 * - Callers wait in the object, transactional ones first: a slot goes to a bulletin batch only
 *   when no transactional call waits at the moment the slot comes (25 ms before it).
 * - A 429 (or any Retry-After) holds every slot until the time the provider gave, for at most
 *   `MAX_HOLD_MS`: a rate limit asks for a second or so; a longer Retry-After is kept by the
 *   rows of that call (they wait all of it), while the others go on probing, one call at a time.
 *
 * The state is in memory: if the object is evicted, it starts again from "free now", which is
 * what the provider would tell us too (a 429 puts it right).
 */
import { type Grant, PaceBook, type PaceKind } from "./pace-book";
import type { MailPace } from "./pace-object";

export { type Grant, LOST_CALL_MS, limitOf, MAX_HOLD_MS, PaceBook, type PaceKind, REACH_MS } from "./pace-book";

/** A slot taken: the call may start; tell the pace when it did, and when its answer is in. */
export interface PaceSlot {
	/** The call starts now (call it right before the call). */
	start(): Promise<void>;
	/** The call's answer is in (a 429's Retry-After: `holdMs`, every call waits that long). */
	done(holdMs?: number): Promise<void>;
}

/** What the mail code sees of the pace: wait for a slot, hold every slot. */
export interface Pace {
	/** Resolves when one provider call of this kind may start. */
	take(kind: PaceKind): Promise<PaceSlot>;
	/** No call starts for `ms` (the provider's Retry-After). */
	hold(ms: number): Promise<void>;
}

/**
 * One provider call in a slot of the pace (none: unpaced). Its answer time, and a 429's wait
 * (`holdOf`), go back to the pace, also when the call threw.
 */
export async function pacedCall<T>(
	pace: Pace | undefined,
	kind: PaceKind,
	call: () => Promise<T>,
	holdOf: (result: T) => number | undefined,
): Promise<T> {
	const slot = await pace?.take(kind);
	let result: T;
	try {
		// Reported while the call goes (not before it): the report is one more short hop.
		const started = slot?.start();
		result = await call();
		await started;
	} catch (err) {
		await slot?.done();
		throw err;
	}
	await slot?.done(holdOf(result));
	return result;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The account's pace through the MAIL_PACE Durable Object. */
export function durablePace(
	namespace: DurableObjectNamespace<MailPace>,
	rate: number,
	sleep: (ms: number) => Promise<void> = realSleep,
	/** One account, one name: only a test keeps a pace of its own. */
	name = "resend",
	now: () => number = Date.now,
): Pace {
	const stub = () => namespace.get(namespace.idFromName(name));
	return {
		async take(kind) {
			const grant: Grant = await stub().take(kind, rate);
			const wait = grant.at - now();
			if (wait > 0) await sleep(wait);
			return {
				async start() {
					await stub().started(grant.id, now());
				},
				async done(holdMs) {
					// The time the answer was in, by this isolate's clock: the start was by it too.
					await stub().answered(grant.id, now(), holdMs ?? 0);
				},
			};
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
	sleep: (ms: number) => Promise<void> = realSleep,
): Pace {
	const book = new PaceBook(now, (ms, then) => void sleep(ms).then(then));
	return {
		async take(kind) {
			const grant = await book.take(kind, rate);
			const wait = grant.at - now();
			if (wait > 0) await sleep(wait);
			return {
				async start() {
					book.started(grant.id, now());
				},
				async done(holdMs) {
					book.answered(grant.id, now(), holdMs ?? 0);
				},
			};
		},
		async hold(ms) {
			book.hold(ms);
		},
	};
}
