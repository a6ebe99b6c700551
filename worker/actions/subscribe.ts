import { findList } from "../domain/lists/lists";
import type { SubscriptionBody } from "../http/schemas";
import { DomainError } from "../lib/errors";
import { type ActionContext, type ActionResult, accepted, actionLocale, ignored, refusing } from "./action";

export const listNotFound = () => new DomainError(404, "list_not_found", "There is no list at this address.");

export const listClosed = () => new DomainError(409, "list_closed", "This list no longer takes subscriptions.");

/**
 * Subscribing to a list (double opt-in), for the API and the list page alike: the guard, the
 * list (404), open (409), then the request goes onto the intake queue, whose consumer writes it
 * and queues its email (jobs/intake.ts): the answer is the same, in the same time, whether the
 * address is new, pending or subscribed.
 */
export function subscribeAction(ctx: ActionContext, slug: string, input: SubscriptionBody): Promise<ActionResult> {
	return refusing(async () => {
		if (!(await ctx.guard(input))) return ignored;
		const list = await findList(ctx.db, slug);
		if (!list) throw listNotFound();
		if (list.status !== "open") throw listClosed();
		await ctx.intake({
			kind: "subscription",
			listSlug: list.slug,
			input: { ...input, locale: actionLocale(input.locale, list.defaultLocale) },
		});
		return accepted;
	});
}
