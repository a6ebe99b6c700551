import type { Database } from "../../db";
import { type ContentLoaders, days, linkUrl } from "../email/content";
import { CONFIRM_TOKEN_TTL_MS } from "../links/tokens";
import { oneClickHeaders, unsubscribeUrl } from "../links/unsubscribe-links";
import { findListById, listText } from "./lists";
import { subscriptionDetails } from "./subscriptions";

/** The subscription and its list's words in the email's language; undefined when either is gone. */
async function subscriptionOf(db: Database, subscriptionId: string, locale: string) {
	const sub = await subscriptionDetails(db, subscriptionId);
	const list = sub ? await findListById(db, sub.listId) : undefined;
	const text = list ? await listText(db, list, locale) : undefined;
	return sub && text ? { sub, text } : undefined;
}

/** The lists' emails: the confirmation link (or its reminder) and the welcome with the way out. */
export const listEmails: ContentLoaders<"confirm-subscription" | "subscription-welcome"> = {
	async "confirm-subscription"(db, links, email) {
		const found = await subscriptionOf(db, email.props.subscriptionId, email.locale);
		if (!found) return null;
		return {
			props: {
				locale: email.locale,
				name: found.sub.name ?? undefined,
				listName: found.text.name,
				confirmUrl: await linkUrl(links, email.id, "confirm"),
				expiresInDays: days(CONFIRM_TOKEN_TTL_MS),
				reminder: email.props.reminder === true,
			},
		};
	},
	async "subscription-welcome"(db, links, email) {
		const found = await subscriptionOf(db, email.props.subscriptionId, email.locale);
		if (!found) return null;
		const leave = await unsubscribeUrl(links.publicUrl, links.secret, found.sub.id);
		return {
			props: {
				locale: email.locale,
				name: found.sub.name ?? undefined,
				listName: found.text.name,
				listDescription: found.text.description,
				unsubscribeUrl: leave,
				preferencesUrl: leave,
			},
			headers: oneClickHeaders(leave),
		};
	},
};
