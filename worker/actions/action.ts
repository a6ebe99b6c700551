import type { Database } from "../db";
import type { LetterInput } from "../domain/letters/letters";
import type { LinkDeps } from "../domain/links/link-emails";
import type { SubscribeInput } from "../domain/lists/subscriptions";
import type { PrivacyKind } from "../domain/people/privacy";
import type { ConfirmRequest } from "../domain/petitions/confirm-batch";
import type { SignatureInput } from "../domain/petitions/signatures";
import { defaultLocale, type Locale, matchLocale } from "../i18n/locales";
import { DomainError } from "../lib/errors";

/**
 * An accepted public write for the intake queue (the queue gives it its id and time), written by
 * its consumer (jobs/intake.ts): signatures and clicks on a signature's confirmation link in
 * set-based batches, the others one by one.
 */
export type IntakeRequest =
	| { kind: "signature"; petitionId: string; input: SignatureInput; ipHash: string | null }
	| Omit<ConfirmRequest, "id" | "acceptedAt">
	| { kind: "subscription"; listSlug: string; input: SubscribeInput }
	| { kind: "letter"; campaignSlug: string; input: LetterInput; ipHash: string | null }
	| { kind: "privacy"; input: { email: string; kind: PrivacyKind; locale: string } }
	| { kind: "console-sign-in"; input: { email: string } };

/** What the checks every public write passes read from the request body. */
export interface GuardedInput {
	email: string;
	website?: unknown;
	turnstileToken?: string;
}

/**
 * What an action needs from the request that carries it, whatever its form (the JSON API, a
 * hosted page): built by `http/public-write.ts` `actionContext`. Free of Hono, so an action runs
 * the same behind a route, a page or a test.
 */
export interface ActionContext {
	db: Database;
	/** The database, APP_SECRET and the request's time, for link emails (from `deps.ts`). */
	links: LinkDeps;
	/**
	 * The checks every public write passes first (limits, honeypot, Turnstile), with the client's
	 * details: the IP hash to record, or null when a robot filled the honeypot. Throws a
	 * DomainError to refuse.
	 */
	guard: (input: GuardedInput) => Promise<{ ipHash: string } | null>;
	/**
	 * Puts an accepted request on the intake queue, whose consumer writes it (jobs/intake.ts): the
	 * same for every address, so the answer tells nothing. Resolves once the queue has it.
	 */
	intake: (message: IntakeRequest) => Promise<void>;
	/** The client's Accept-Language, for actions without a campaign language to fall back on. */
	acceptLanguage?: string;
}

/**
 * What an action did: accepted (its work may run after the answer), ignored (a robot: answered
 * as if accepted, nothing done), or refused with the error to show.
 */
export type ActionResult =
	| { outcome: "accepted" }
	| { outcome: "ignored" }
	| { outcome: "refused"; error: DomainError };

export const accepted: ActionResult = { outcome: "accepted" };
export const ignored: ActionResult = { outcome: "ignored" };

/** Runs an action's steps; a DomainError thrown by any of them (guard, domain) is its refusal. */
export async function refusing(steps: () => Promise<ActionResult>): Promise<ActionResult> {
	try {
		return await steps();
	} catch (err) {
		if (err instanceof DomainError) return { outcome: "refused", error: err };
		throw err;
	}
}

/** The language of a request for an action: the one asked for, else the action's own default. */
export function actionLocale(asked: string | undefined, actionDefault: string): Locale {
	return matchLocale(asked) ?? matchLocale(actionDefault) ?? defaultLocale;
}
