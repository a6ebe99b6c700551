import { eq, sql } from "drizzle-orm";
import { lists, listTexts, people, subscriptions } from "../../../schema";
import type { Database } from "../../db";
import {
	type BatchContentLoaders,
	type ContentLoaders,
	days,
	eachEmail,
	linkUrl,
	oneByOne,
	type StoredEmail,
} from "../email/content";
import { CONFIRM_TOKEN_TTL_MS } from "../links/tokens";
import { oneClickHeaders, unsubscribeUrl } from "../links/unsubscribe-links";

type ListTemplate = "confirm-subscription" | "subscription-welcome";

/**
 * The subscriptions of many emails with their lists' words, in one D1 batch (a statement per kind
 * of read, not per email): each email's subscription and its list's words in the email's language
 * (else the list's default, else any, as `listText`); undefined when either is gone.
 */
async function readSubscriptions(db: Database, emails: StoredEmail<ListTemplate>[]) {
	const ids = JSON.stringify([...new Set(emails.map((e) => e.props.subscriptionId))]);
	const [subRows, textRows] = await db.batch([
		db
			// In a D1 batch drizzle reads rows by column name: no two columns of one select share a name.
			.select({
				id: subscriptions.id,
				name: people.name,
				listId: subscriptions.listId,
				listDefaultLocale: lists.defaultLocale,
			})
			.from(subscriptions)
			.innerJoin(lists, eq(lists.id, subscriptions.listId))
			.innerJoin(people, eq(people.id, subscriptions.personId))
			.where(sql`${subscriptions.id} IN (SELECT value FROM json_each(${ids}))`),
		db
			.select({
				listId: listTexts.listId,
				locale: listTexts.locale,
				name: listTexts.name,
				description: listTexts.description,
			})
			.from(listTexts)
			.where(
				sql`${listTexts.listId} IN (SELECT list_id FROM subscriptions WHERE id IN (SELECT value FROM json_each(${ids})))`,
			),
	]);
	const byId = new Map(subRows.map((s) => [s.id, s]));
	return (email: StoredEmail<ListTemplate>) => {
		const sub = byId.get(email.props.subscriptionId);
		if (!sub) return undefined;
		const texts = textRows.filter((t) => t.listId === sub.listId);
		const text =
			texts.find((t) => t.locale === email.locale) ?? texts.find((t) => t.locale === sub.listDefaultLocale) ?? texts[0];
		return text ? { sub, text } : undefined;
	};
}

/** The lists' emails for a queue batch's rows: the confirmation link (or its reminder) and the welcome with the way out. */
export const listBatchEmails: BatchContentLoaders<ListTemplate> = {
	async "confirm-subscription"(db, links, emails) {
		const subscriptionOf = await readSubscriptions(db, emails);
		return eachEmail(emails, async (email) => {
			const found = subscriptionOf(email);
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
		});
	},
	async "subscription-welcome"(db, links, emails) {
		const subscriptionOf = await readSubscriptions(db, emails);
		return eachEmail(emails, async (email) => {
			const found = subscriptionOf(email);
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
		});
	},
};

/** The lists' emails one by one: the batch loaders for a batch of one. */
export const listEmails: ContentLoaders<ListTemplate> = {
	"confirm-subscription": oneByOne(listBatchEmails["confirm-subscription"]),
	"subscription-welcome": oneByOne(listBatchEmails["subscription-welcome"]),
};
