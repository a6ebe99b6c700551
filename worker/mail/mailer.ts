/** One email ready to go. */
export interface OutgoingEmail {
	from: string;
	to: string;
	subject: string;
	html: string;
	text: string;
	headers?: Record<string, string>;
	replyTo?: string;
	/** The same key never sends twice (the outbox row's id). */
	idempotencyKey: string;
}

export type SendResult =
	| { ok: true; id: string | null }
	| {
			ok: false;
			error: string;
			/** The provider will never take this email: do not try again. */
			permanent: boolean;
			retryAfterSeconds?: number;
	  };

/** What a batch call answered: the provider's ids in the order sent, or why it failed (all of it). */
export type BatchSendResult =
	| { ok: true; ids: (string | null)[] }
	| {
			ok: false;
			error: string;
			/** The provider will never take this batch: do not try again. */
			permanent: boolean;
			retryAfterSeconds?: number;
	  };

/**
 * One email of a batch call. The call's key is what the provider keeps; an email's own key (its
 * outbox row's id) is only for a mailer that stores emails one by one (the dev mailbox).
 */
export type BatchEmail = Omit<OutgoingEmail, "idempotencyKey"> & { idempotencyKey?: string };

/** Where emails go: Resend in production, the dev mailbox on a laptop. */
export interface Mailer {
	readonly name: string;
	send(email: OutgoingEmail): Promise<SendResult>;
	/**
	 * Up to 100 emails in one call, all or nothing. The same key with the same emails never
	 * sends twice (the emails' own `idempotencyKey`s are not sent to the provider).
	 */
	sendBatch(emails: BatchEmail[], idempotencyKey: string): Promise<BatchSendResult>;
}

const lineBreak = /[\r\n]/;

/** Refuses any header-bound value holding a line break: nothing user-supplied can add a header. */
export function assertHeaderSafe(email: OutgoingEmail): void {
	const values = [email.from, email.to, email.subject, email.replyTo ?? "", ...Object.values(email.headers ?? {})];
	for (const [name, value] of Object.entries(email.headers ?? {})) {
		if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`unsafe email header name ${JSON.stringify(name)}`);
		values.push(value);
	}
	if (values.some((v) => lineBreak.test(v))) throw new Error("line break in an email header value");
}
