import { findList } from "../domain/lists/lists";
import { subscribe } from "../domain/lists/subscriptions";
import type { SubscriptionBody } from "../http/schemas";
import { DomainError } from "../lib/errors";
import { type ActionContext, type ActionResult, accepted, actionLocale, ignored, refusing } from "./action";

export const listNotFound = () => new DomainError(404, "list_not_found", "There is no list at this address.");

export const listClosed = () => new DomainError(409, "list_closed", "This list no longer takes subscriptions.");

/**
 * Subscribing to a list (double opt-in), for the API and the list page alike: the guard, the
 * list (404), open (409), then the subscription; its email is queued after the answer.
 */
export function subscribeAction(ctx: ActionContext, slug: string, input: SubscriptionBody): Promise<ActionResult> {
	return refusing(async () => {
		if (!(await ctx.guard(input))) return ignored;
		const list = await findList(ctx.db, slug);
		if (!list) throw listNotFound();
		if (list.status !== "open") throw listClosed();
		const result = await subscribe(ctx.links, list, {
			...input,
			locale: actionLocale(input.locale, list.defaultLocale),
		});
		ctx.later("subscription", async () => result.deliveries);
		return accepted;
	});
}
