// The Durable Object that holds the account's one pace of Resend calls (see pace.ts), apart from
// the pace's code so that only the Worker's entry loads the runtime's `cloudflare:workers` (the app,
// its deps and the OpenAPI document also load in Node).
import { DurableObject } from "cloudflare:workers";
import { type Grant, PaceBook, type PaceKind } from "./pace-book";

/** The Durable Object holding the account's pace (exported from worker/index.ts). */
export class MailPace extends DurableObject<Env> {
	private readonly book = new PaceBook(
		() => Date.now(),
		(ms, then) => setTimeout(then, ms),
	);

	/**
	 * A slot for one provider call at `rate` calls a second. The answer waits here until the slot
	 * is about to come (transactional callers first), then says when to start.
	 */
	take(kind: PaceKind, rate: number): Promise<Grant> {
		return this.book.take(kind, rate);
	}

	/** The call of slot `id` really started at `at` (the caller's clock). */
	started(id: number, at: number): void {
		this.book.started(id, at);
	}

	/** The call of slot `id` was answered at `at` (a 429: no call starts for `holdMs`). */
	answered(id: number, at: number, holdMs: number): void {
		this.book.answered(id, at, holdMs);
	}

	/** The provider asked us to wait (429, Retry-After): no call starts for `ms`. */
	hold(ms: number): void {
		this.book.hold(ms);
	}
}
