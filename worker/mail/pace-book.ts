// The pace's bookkeeping, pure (no runtime, no I/O): the calls made and when they were answered,
// the provider's hold, and the callers waiting for a slot (transactional first). The Durable
// Object (pace-object.ts) and the in-isolate pace (pace.ts) both keep one.
//
// Why calls are counted past their start: the provider counts a call in its sliding second at
// the time the call reaches it, which we never see. It is after the call really started (which
// the caller reports: a busy isolate starts it late), and before its answer is in; in practice
// within a short while of the start (the upload of the headers, the provider's own queue). So a
// call may start at `t` only while fewer than `limit` calls reach past `t − window`, each counted
// until `min(answer, real start + reach)`, unknown ones until they are known. Spacing starts
// 1/rate apart (plus a margin) did not hold: a call whose start lagged and the next ones on time
// put rate + 1 arrivals in one of the provider's seconds (scripts/bench/pace-trace.ts). The reach
// starts at `REACH_MS` and doubles after each 429 (the provider saw calls later than we
// thought), then comes back down slowly as calls go through (a fifth of a percent of the excess each).

export type PaceKind = "transactional" | "bulletin";

/** The longest a Retry-After holds the whole account's pace. */
export const MAX_HOLD_MS = 5_000;
/** A call whose answer was never reported (its Worker died) counts as answered this long after its start. */
export const LOST_CALL_MS = 15_000;
/**
 * A slot is given to a waiting caller this long before its time, so that the answer reaches the
 * caller by then; which caller gets it (transactional first) is decided at that moment.
 */
export const LEAD_MS = 25;
/** Between two isolates' clocks (a call's answer time and another call's start). */
const SKEW_MS = 3;
/** How long after its real start a call is taken to have reached the provider, at least (see the head). */
export const REACH_MS = 50;
/** The most the reach grows to after 429s. */
const MAX_REACH_MS = 1_000;

/** What a caller waiting for a slot gets: start the call at `at` (epoch ms), then report its answer by `id`. */
export interface Grant {
	id: number;
	at: number;
}

/** How many calls in how long: `rate` calls a second, or one call every 1/rate s below one a second. */
export function limitOf(rate: number): { calls: number; windowMs: number } {
	const r = Math.max(rate, 0.01);
	return r >= 1 ? { calls: Math.floor(r), windowMs: 1000 } : { calls: 1, windowMs: Math.ceil(1000 / r) };
}

interface Call {
	id: number;
	/** The slot's time. */
	start: number;
	/** The reported real start; Infinity until reported. */
	started: number;
	/** When its answer was in; Infinity while it is out. */
	end: number;
}

interface Waiter {
	rate: number;
	resolve: (grant: Grant) => void;
}

/**
 * The account's pace, apart from the runtime so that it can be tested with any clock. `wake(ms)`
 * asks to be called back (`pump`) in `ms`; an early or extra call back is harmless.
 */
export class PaceBook {
	private calls: Call[] = [];
	private holdUntil = 0;
	private seq = 0;
	private lastStart = 0;
	private readonly waiting: Record<PaceKind, Waiter[]> = { transactional: [], bulletin: [] };
	private wakeAt = Number.POSITIVE_INFINITY;
	/** How long after its real start a call may reach the provider (see the head). */
	reachMs = REACH_MS;

	constructor(
		private readonly now: () => number,
		private readonly wake: (ms: number, then: () => void) => void,
	) {}

	/** Resolves with a slot for one call: transactional callers before bulletin ones, each in turn. */
	take(kind: PaceKind, rate: number): Promise<Grant> {
		return new Promise((resolve) => {
			this.waiting[kind].push({ rate, resolve });
			this.pump();
		});
	}

	/** The call of slot `id` really started at `at` (its caller's clock). */
	started(id: number, at: number): void {
		const call = this.calls.find((c) => c.id === id);
		if (call) call.started = Math.max(call.start, at);
		this.pump();
	}

	/** The call's answer is in at `at` (a 429's Retry-After: `holdMs` more for every call). */
	answered(id: number, at: number, holdMs = 0): void {
		const call = this.calls.find((c) => c.id === id);
		if (call) call.end = Math.max(call.start, Math.min(call.end, at));
		if (holdMs > 0) {
			// The provider counted more calls in a second than we did: count each one longer.
			this.reachMs = Math.min(MAX_REACH_MS, this.reachMs * 2);
			this.hold(holdMs);
		} else {
			this.reachMs = REACH_MS + (this.reachMs - REACH_MS) * 0.998;
			this.pump();
		}
	}

	/** The provider asked us to wait (429, Retry-After): no call starts for `ms`. */
	hold(ms: number): void {
		this.holdUntil = Math.max(this.holdUntil, this.now() + Math.min(ms, MAX_HOLD_MS));
		this.pump();
	}

	/** Callers waiting for a slot (for tests and logs). */
	get waitingCount(): number {
		return this.waiting.transactional.length + this.waiting.bulletin.length;
	}

	/** The earliest a call may start at `rate`: see the file's head. */
	nextStart(rate: number, now: number): number {
		const { calls: limit, windowMs } = limitOf(rate);
		const ends = this.calls.map((c) => Math.min(c.end, c.started + this.reachMs, c.start + LOST_CALL_MS));
		// Calls answered a window ago bound nothing any more.
		this.calls = this.calls.filter((_, i) => (ends[i] as number) + windowMs + SKEW_MS > now);
		const open = ends.filter((e) => e + windowMs + SKEW_MS > now).sort((a, b) => b - a);
		// Evenly spread too: a burst of calls queues at the provider, which then counts the last ones late.
		let t = Math.max(now, this.holdUntil, this.lastStart + windowMs / limit);
		const bound = open[limit - 1];
		if (bound !== undefined) t = Math.max(t, bound + windowMs + SKEW_MS);
		return Math.ceil(t);
	}

	/** Gives out every slot whose time has come, transactional callers first. */
	pump(): void {
		for (;;) {
			const queue = this.waiting.transactional.length > 0 ? this.waiting.transactional : this.waiting.bulletin;
			const next = queue[0];
			if (!next) return;
			const now = this.now();
			const at = this.nextStart(next.rate, now);
			if (at - now > LEAD_MS) {
				const when = at - LEAD_MS;
				if (when < this.wakeAt) {
					this.wakeAt = when;
					this.wake(when - now, () => {
						this.wakeAt = Number.POSITIVE_INFINITY;
						this.pump();
					});
				}
				return;
			}
			queue.shift();
			const id = ++this.seq;
			this.lastStart = at;
			this.calls.push({ id, start: at, started: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY });
			next.resolve({ id, at });
		}
	}
}
