import { eq } from "drizzle-orm";
import { lists, listTexts } from "../../../schema";
import type { Database } from "../../db";

export interface ListRef {
	id: string;
	slug: string;
	status: "open" | "closed";
	defaultLocale: string;
}

export interface ListText {
	locale: string;
	name: string;
	description: string;
	consentText: string;
	consentVersion: number;
	/** Sample wording waiting for a native speaker's review. */
	sample: boolean;
}

export function findList(db: Database, slug: string): Promise<ListRef | undefined> {
	return db
		.select({ id: lists.id, slug: lists.slug, status: lists.status, defaultLocale: lists.defaultLocale })
		.from(lists)
		.where(eq(lists.slug, slug))
		.get();
}

export function findListById(db: Database, id: string): Promise<ListRef | undefined> {
	return db
		.select({ id: lists.id, slug: lists.slug, status: lists.status, defaultLocale: lists.defaultLocale })
		.from(lists)
		.where(eq(lists.id, id))
		.get();
}

/** A list's words in a locale, or in its default locale when it has none in that one. */
export async function listText(db: Database, list: ListRef, locale: string): Promise<ListText | undefined> {
	const texts = await db
		.select({
			locale: listTexts.locale,
			name: listTexts.name,
			description: listTexts.description,
			consentText: listTexts.consentText,
			consentVersion: listTexts.consentVersion,
			sample: listTexts.sample,
		})
		.from(listTexts)
		.where(eq(listTexts.listId, list.id));
	return texts.find((t) => t.locale === locale) ?? texts.find((t) => t.locale === list.defaultLocale) ?? texts[0];
}

/** Every open list, for the preference centre. */
export function openLists(db: Database) {
	return db
		.select({ id: lists.id, slug: lists.slug, status: lists.status, defaultLocale: lists.defaultLocale })
		.from(lists)
		.where(eq(lists.status, "open"));
}
