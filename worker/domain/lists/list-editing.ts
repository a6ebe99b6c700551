// Campaigners edit mailing lists: open/closed, and per language a name, a description and the
// consent wording shown on its forms. The wording is what people agree to: changing it bumps
// its version and registers the new text for the consent ledger, in the same batch, so every
// later subscription records exactly what was shown.
import { and, asc, count, eq, notInArray } from "drizzle-orm";
import * as v from "valibot";
import { lists, listTexts, subscriptions } from "../../../schema";
import type { Database, Statement } from "../../db";
import { DomainError, type FieldIssue } from "../../lib/errors";
import { auditEntry } from "../console/audit";
import {
	checkDefaultText,
	commitEdit,
	defaultText,
	invalidFields,
	lineField,
	localeField,
	openClosedField,
	proseField,
	slugField,
	slugTaken,
} from "../fields";
import { consentTextInsert } from "./consent";

const listTextField = v.object({
	name: lineField("name", 200),
	description: proseField("description", 2000),
	consentText: proseField("consent wording", 1000),
});

/** A list as a campaigner writes it. */
export const listInput = v.object({
	slug: slugField,
	status: v.optional(openClosedField, "open"),
	defaultLocale: v.optional(localeField, "en"),
	quickExit: v.optional(v.boolean("quickExit is true or false."), true),
	texts: v.pipe(
		v.record(localeField, listTextField, 'Give the texts by language, such as { "en": { … } }.'),
		v.check((t) => Object.keys(t).length > 0, "Give the text in at least one language."),
	),
});
export type ListInput = v.InferOutput<typeof listInput>;

export interface ListTextForEditing {
	name: string;
	description: string;
	consentText: string;
	consentVersion: number;
	/** Sample wording waiting for a native speaker's review. */
	sample: boolean;
	updatedAt: number;
}

export interface ListForEditing {
	list: typeof lists.$inferSelect & { active: number };
	texts: Record<string, ListTextForEditing>;
}

export interface ListSummary {
	id: string;
	slug: string;
	status: "open" | "closed";
	defaultLocale: string;
	name: string;
	locales: string[];
	/** Confirmed subscribers who have not left. */
	active: number;
	updatedAt: number;
}

function activeCounts(db: Database) {
	return db
		.select({ listId: subscriptions.listId, n: count() })
		.from(subscriptions)
		.where(eq(subscriptions.status, "active"))
		.groupBy(subscriptions.listId);
}

/** Every list with its name and active subscribers. */
export async function listListsForEditing(db: Database): Promise<ListSummary[]> {
	const [rows, texts, counts] = await db.batch([
		db.select().from(lists).orderBy(asc(lists.slug)),
		db.select({ listId: listTexts.listId, locale: listTexts.locale, name: listTexts.name }).from(listTexts),
		activeCounts(db),
	]);
	const active = new Map(counts.map((c) => [c.listId, c.n]));
	return rows.map((l) => {
		const own = texts.filter((t) => t.listId === l.id);
		return {
			id: l.id,
			slug: l.slug,
			status: l.status,
			defaultLocale: l.defaultLocale,
			name: defaultText(own, l.defaultLocale)?.name ?? l.slug,
			locales: own.map((t) => t.locale).sort(),
			active: active.get(l.id) ?? 0,
			updatedAt: l.updatedAt,
		};
	});
}

/** A list with all its texts; undefined when no such slug. */
export async function getListForEditing(db: Database, slug: string): Promise<ListForEditing | undefined> {
	const list = await db.select().from(lists).where(eq(lists.slug, slug)).get();
	if (!list) return undefined;
	const [texts, [active]] = await db.batch([
		db.select().from(listTexts).where(eq(listTexts.listId, list.id)).orderBy(listTexts.locale),
		db
			.select({ n: count() })
			.from(subscriptions)
			.where(and(eq(subscriptions.listId, list.id), eq(subscriptions.status, "active"))),
	]);
	return {
		list: { ...list, active: active?.n ?? 0 },
		texts: Object.fromEntries(
			texts.map((t) => [
				t.locale,
				{
					name: t.name,
					description: t.description,
					consentText: t.consentText,
					consentVersion: t.consentVersion,
					sample: t.sample,
					updatedAt: t.updatedAt,
				},
			]),
		),
	};
}

/**
 * Creates (slug null) or updates the list at `slug`. A list's slug never changes once made: the
 * consent ledger names lists by slug (422). Unknown slug → 404; slug taken → 409.
 */
export async function saveList(
	db: Database,
	slug: string | null,
	input: ListInput,
	actor: string,
	now: number,
): Promise<ListForEditing> {
	const existing = slug === null ? undefined : await db.select().from(lists).where(eq(lists.slug, slug)).get();
	if (slug !== null && !existing) throw new DomainError(404, "not_found", "No list with this slug.");
	const issues: FieldIssue[] = [];
	if (existing && input.slug !== existing.slug) {
		issues.push({
			path: "slug",
			message: "A list's slug cannot change: the consent ledger records agreements by it.",
		});
	}
	if (!existing) {
		const taken = await db.select({ id: lists.id }).from(lists).where(eq(lists.slug, input.slug)).get();
		if (taken) throw slugTaken("list");
	}
	checkDefaultText(input.defaultLocale, input.texts, issues);
	if (issues.length > 0) throw invalidFields(issues);

	const id = existing?.id ?? `list_${crypto.randomUUID()}`;
	const oldTexts = existing ? await db.select().from(listTexts).where(eq(listTexts.listId, id)) : [];
	const settings = {
		slug: input.slug,
		status: input.status,
		defaultLocale: input.defaultLocale,
		quickExit: input.quickExit,
		updatedAt: now,
	};
	const givenLocales = Object.keys(input.texts);
	const statements: Statement[] = [
		existing
			? db.update(lists).set(settings).where(eq(lists.id, id))
			: db.insert(lists).values({ id, ...settings, createdAt: now }),
		db.delete(listTexts).where(and(eq(listTexts.listId, id), notInArray(listTexts.locale, givenLocales))),
	];
	const wordingChanges: { locale: string; version: number }[] = [];
	for (const [locale, text] of Object.entries(input.texts)) {
		const old = oldTexts.find((t) => t.locale === locale);
		const consentVersion = !old
			? 1
			: old.consentText === text.consentText
				? old.consentVersion
				: old.consentVersion + 1;
		if (!old || consentVersion !== old.consentVersion) wordingChanges.push({ locale, version: consentVersion });
		const values = {
			name: text.name,
			description: text.description,
			consentText: text.consentText,
			consentVersion,
			// A campaigner's save is the reviewed wording.
			sample: false,
			updatedAt: now,
		};
		statements.push(
			db
				.insert(listTexts)
				.values({ listId: id, locale, ...values })
				.onConflictDoUpdate({ target: [listTexts.listId, listTexts.locale], set: values }),
		);
		// The wording as it will be shown, kept for the ledger before anyone can agree to it.
		const wording = await consentTextInsert(
			db,
			{ kind: "list", ref: input.slug, locale, version: consentVersion, text: text.consentText },
			now,
		);
		statements.push(wording.statement);
	}
	statements.push(
		auditEntry(
			db,
			{
				actor,
				action: existing ? "list.update" : "list.create",
				subject: input.slug,
				detail: { id, locales: givenLocales, ...(wordingChanges.length > 0 ? { consentWording: wordingChanges } : {}) },
			},
			now,
		).statement,
	);
	return commitEdit(db, statements, "list", () => getListForEditing(db, input.slug));
}
