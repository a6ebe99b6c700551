// The Durable Object that holds the account's one pace of Resend calls (see pace.ts), apart from
// the pace's code so that only the Worker's entry loads the runtime's `cloudflare:workers` (the app,
// its deps and the OpenAPI document also load in Node).
import { DurableObject } from "cloudflare:workers";
import { PaceBook, type PaceKind, type Reservation } from "./pace-book";

/** The Durable Object holding the account's pace (exported from worker/index.ts). */
export class MailPace extends DurableObject<Env> {
	private readonly book = new PaceBook();

	/** A slot for one provider call at `rate` calls a second: how long to wait before making it. */
	reserve(kind: PaceKind, rate: number): Reservation {
		return this.book.reserve(kind, rate, Date.now());
	}

	/** The provider asked us to wait (429, Retry-After): no call starts for `ms`. */
	hold(ms: number): void {
		this.book.hold(Date.now(), ms);
	}
}
