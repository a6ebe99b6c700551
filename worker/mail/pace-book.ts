// The pace's bookkeeping, pure (no runtime, no I/O): the slots handed out and the provider's hold.
// The Durable Object (pace-object.ts) and the in-isolate pace (pace.ts) both keep one.

export type PaceKind = "transactional" | "bulletin";

/** Added to each second of pacing (see `worker/domain/bulletins/bulletin-send.ts`' history). */
const MARGIN = 1.06;

/**
 * How far ahead a bulletin batch may reserve: one slot, or a quarter of a second when slots are
 * shorter (at 20 calls a second, bulletin workers would otherwise ask again every 50 ms). A
 * transactional email waits behind at most this much bulletin.
 */
const BULLETIN_LOOKAHEAD_MS = 250;

/** The longest a Retry-After holds the whole account's pace. */
export const MAX_HOLD_MS = 5_000;

/**
 * What a reservation answered: go at `at` (epoch ms), or (a bulletin only) ask again after
 * `retryMs`. A time, not a wait: the answer's own way back does not move the call.
 */
export type Reservation = { at: number } | { retryMs: number };

/** The pace's bookkeeping, apart from the Durable Object so that it can be tested with any clock. */
export class PaceBook {
	private next = 0;
	private holdUntil = 0;

	reserve(kind: PaceKind, rate: number, now: number): Reservation {
		const interval = (1000 * MARGIN) / Math.max(rate, 0.01);
		const free = Math.max(this.next, this.holdUntil, now);
		const ahead = Math.max(interval, BULLETIN_LOOKAHEAD_MS);
		if (kind === "bulletin" && free > now + ahead) return { retryMs: Math.ceil(free - now - ahead) };
		this.next = free + interval;
		return { at: Math.ceil(free) };
	}

	hold(now: number, ms: number): void {
		this.holdUntil = Math.max(this.holdUntil, now + Math.min(ms, MAX_HOLD_MS));
	}
}
