// Campaigners edit petitions (console and admin API alike): the petition's settings and its
// words per language. A save replaces the petition's texts with those given (a language left
// out is removed) and writes the change and its audit row in one batch.
import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import * as v from "valibot";
import { type PetitionStatus, petitions, petitionTexts, signatureCounts } from "../../../schema";
import type { Database, Statement } from "../../db";
import { DomainError, type FieldIssue } from "../../lib/errors";
import { auditEntry } from "../console/audit";
import {
	checkDefaultText,
	checkListId,
	commitEdit,
	defaultText,
	invalidFields,
	lineField,
	listIdField,
	localeField,
	openClosedField,
	proseField,
	slugField,
	slugTaken,
} from "../fields";

// ---------------------------------------------------------------------------------------------
// Petitions

const demandGroupField = v.object({
	key: v.pipe(
		v.string("Give the group's key."),
		v.trim(),
		v.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "A group's key is lower-case letters, digits and dashes, such as prevent."),
	),
	heading: lineField("heading", 200),
	demands: v.pipe(
		v.array(
			v.object({
				text: proseField("demand", 2000),
				sample: v.optional(v.boolean()),
			}),
			"Give the demands as a list.",
		),
		v.maxLength(50, "Keep a group under 50 demands."),
	),
});

const petitionTextField = v.object({
	title: lineField("title", 200),
	summary: proseField("summary", 5000),
	demands: v.pipe(v.array(demandGroupField, "Give the demands as a list of groups."), v.maxLength(20)),
});

/** A petition as a campaigner writes it: settings, and its words by language. */
export const petitionInput = v.object({
	slug: slugField,
	goal: v.pipe(
		v.number("The goal is a number of signatures."),
		v.integer("The goal is a whole number."),
		v.minValue(1, "The goal is at least 1."),
		v.maxValue(1_000_000_000, "The goal is at most a billion."),
	),
	status: v.optional(openClosedField, "open"),
	defaultLocale: v.optional(localeField, "en"),
	listId: listIdField,
	quickExit: v.optional(v.boolean("quickExit is true or false."), true),
	texts: v.pipe(
		v.record(localeField, petitionTextField, 'Give the texts by language, such as { "en": { … } }.'),
		v.check((t) => Object.keys(t).length > 0, "Give the text in at least one language."),
	),
});
export type PetitionInput = v.InferOutput<typeof petitionInput>;

export interface PetitionTextForEditing {
	title: string;
	summary: string;
	demands: { key: string; heading: string; demands: { text: string; sample?: boolean }[] }[];
	/** Some of it is the seed's sample wording, to be replaced. */
	sample: boolean;
	updatedAt: number;
}

export interface PetitionForEditing {
	petition: {
		id: string;
		slug: string;
		goal: number;
		status: PetitionStatus;
		defaultLocale: string;
		listId: string | null;
		quickExit: boolean;
		createdAt: number;
		updatedAt: number;
		/** Confirmed signatures (from the counters). */
		count: number;
	};
	texts: Record<string, PetitionTextForEditing>;
}

export interface PetitionSummary {
	id: string;
	slug: string;
	status: PetitionStatus;
	goal: number;
	defaultLocale: string;
	quickExit: boolean;
	/** The title in the default language. */
	title: string;
	locales: string[];
	count: number;
	updatedAt: number;
}

/** Every petition with its title and confirmed count, by slug. */
export async function listPetitionsForEditing(db: Database): Promise<PetitionSummary[]> {
	const [rows, texts, counts] = await db.batch([
		db.select().from(petitions).orderBy(asc(petitions.slug)),
		db
			.select({ petitionId: petitionTexts.petitionId, locale: petitionTexts.locale, title: petitionTexts.title })
			.from(petitionTexts),
		db
			.select({ petitionId: signatureCounts.petitionId, count: signatureCounts.count })
			.from(signatureCounts)
			.where(eq(signatureCounts.country, "")),
	]);
	const countOf = new Map(counts.map((c) => [c.petitionId, c.count]));
	return rows.map((p) => {
		const own = texts.filter((t) => t.petitionId === p.id);
		const title = defaultText(own, p.defaultLocale)?.title ?? p.slug;
		return {
			id: p.id,
			slug: p.slug,
			status: p.status,
			goal: p.goal,
			defaultLocale: p.defaultLocale,
			quickExit: p.quickExit,
			title,
			locales: own.map((t) => t.locale).sort(),
			count: countOf.get(p.id) ?? 0,
			updatedAt: p.updatedAt,
		};
	});
}

/** A petition with all its texts, as the edit form shows it; undefined when no such slug. */
export async function getPetitionForEditing(db: Database, slug: string): Promise<PetitionForEditing | undefined> {
	const bySlug = db.select({ id: petitions.id }).from(petitions).where(eq(petitions.slug, slug));
	const [[petition], texts, [total]] = await db.batch([
		db.select().from(petitions).where(eq(petitions.slug, slug)).limit(1),
		db.select().from(petitionTexts).where(inArray(petitionTexts.petitionId, bySlug)).orderBy(petitionTexts.locale),
		db
			.select({ count: signatureCounts.count })
			.from(signatureCounts)
			.where(and(inArray(signatureCounts.petitionId, bySlug), eq(signatureCounts.country, ""))),
	]);
	if (!petition) return undefined;
	return {
		petition: { ...petition, count: total?.count ?? 0 },
		texts: Object.fromEntries(
			texts.map((t) => [
				t.locale,
				{ title: t.title, summary: t.summary, demands: t.demands, sample: t.sample, updatedAt: t.updatedAt },
			]),
		),
	};
}

/**
 * Creates (slug null) or updates the petition at `slug`. Unknown slug → 404; the new slug taken
 * → 409; a list that does not exist or no text in the default language → 422.
 */
export async function savePetition(
	db: Database,
	slug: string | null,
	input: PetitionInput,
	actor: string,
	now: number,
): Promise<PetitionForEditing> {
	const existing = slug === null ? undefined : await db.select().from(petitions).where(eq(petitions.slug, slug)).get();
	if (slug !== null && !existing) throw new DomainError(404, "not_found", "No petition with this slug.");
	if (input.slug !== existing?.slug) {
		const taken = await db.select({ id: petitions.id }).from(petitions).where(eq(petitions.slug, input.slug)).get();
		if (taken) throw slugTaken("petition");
	}
	const issues: FieldIssue[] = [];
	checkDefaultText(input.defaultLocale, input.texts, issues);
	await checkListId(db, input.listId, issues);
	if (issues.length > 0) throw invalidFields(issues);

	const id = existing?.id ?? `pet_${crypto.randomUUID()}`;
	const settings = {
		slug: input.slug,
		goal: input.goal,
		status: input.status,
		defaultLocale: input.defaultLocale,
		listId: input.listId,
		quickExit: input.quickExit,
		updatedAt: now,
	};
	const givenLocales = Object.keys(input.texts);
	const statements: Statement[] = [
		existing
			? db.update(petitions).set(settings).where(eq(petitions.id, id))
			: db.insert(petitions).values({ id, ...settings, createdAt: now }),
		db
			.delete(petitionTexts)
			.where(and(eq(petitionTexts.petitionId, id), notInArray(petitionTexts.locale, givenLocales))),
	];
	for (const [locale, text] of Object.entries(input.texts)) {
		const values = {
			title: text.title,
			summary: text.summary,
			demands: text.demands,
			sample: text.demands.some((g) => g.demands.some((d) => d.sample)),
			updatedAt: now,
		};
		statements.push(
			db
				.insert(petitionTexts)
				.values({ petitionId: id, locale, ...values })
				.onConflictDoUpdate({ target: [petitionTexts.petitionId, petitionTexts.locale], set: values }),
		);
	}
	const changed = existing
		? Object.entries(settings)
				.filter(([k, val]) => k !== "updatedAt" && existing[k as keyof typeof existing] !== val)
				.map(([k]) => k)
		: undefined;
	statements.push(
		auditEntry(
			db,
			{
				actor,
				action: existing ? "petition.update" : "petition.create",
				subject: input.slug,
				detail: {
					id,
					...(changed ? { changed } : {}),
					...(slug !== input.slug && slug ? { from: slug } : {}),
					locales: givenLocales,
				},
			},
			now,
		).statement,
	);
	return commitEdit(db, statements, "petition", () => getPetitionForEditing(db, input.slug));
}
