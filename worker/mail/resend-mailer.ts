import { Resend } from "resend";
import type { BatchSendResult, Mailer, OutgoingEmail, SendResult } from "./mailer";

interface ResendError {
	statusCode: number | null;
	name: string;
	message: string;
}

/** A Resend error as a failed send: permanent or not, and how long the provider asked us to wait. */
function failure(error: ResendError, headers: Record<string, string> | null) {
	const status = error.statusCode ?? 0;
	const retryAfter = Number(headers?.["retry-after"]);
	return {
		ok: false as const,
		error: `resend ${status || "network"} ${error.name}: ${error.message}`,
		// Validation errors will not pass on a second try; everything else (rate limits,
		// outages, a key the operator will fix) may.
		permanent: status === 400 || status === 422,
		retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
	};
}

/** The same key was accepted before with other content (re-rendered since): it was sent. */
const alreadyAccepted = (error: ResendError) => error.statusCode === 409 && error.name === "invalid_idempotent_request";

/** Sends through Resend (or a Resend-compatible server at `baseUrl`). */
export function resendMailer(apiKey: string, baseUrl?: string): Mailer {
	const resend = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, "") } : undefined);
	return {
		name: "resend",
		async send(email: OutgoingEmail): Promise<SendResult> {
			// The SDK answers { data, error, headers } and does not throw.
			const { data, error, headers } = await resend.emails.send(
				{
					from: email.from,
					to: email.to,
					subject: email.subject,
					html: email.html,
					text: email.text,
					headers: email.headers,
					replyTo: email.replyTo,
				},
				{ idempotencyKey: email.idempotencyKey },
			);
			if (!error) return { ok: true, id: data?.id ?? null };
			if (alreadyAccepted(error)) return { ok: true, id: null };
			return failure(error, headers);
		},
		async sendBatch(emails, idempotencyKey): Promise<BatchSendResult> {
			const { data, error, headers } = await resend.batch.send(
				emails.map((email) => ({
					from: email.from,
					to: email.to,
					subject: email.subject,
					html: email.html,
					text: email.text,
					headers: email.headers,
					replyTo: email.replyTo,
				})),
				{ idempotencyKey },
			);
			if (!error) return { ok: true, ids: emails.map((_, i) => data?.data?.[i]?.id ?? null) };
			if (alreadyAccepted(error)) return { ok: true, ids: emails.map(() => null) };
			return failure(error, headers);
		},
	};
}
