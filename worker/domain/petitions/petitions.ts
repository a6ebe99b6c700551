import { eq, inArray } from "drizzle-orm";
import { type DemandGroup, type PetitionStatus, petitions, petitionTexts, signatureCounts } from "../../../schema";
import type { Database } from "../../db";

/** What the public sees of a petition, in one language. */
export interface PetitionView {
	slug: string;
	locale: string;
	title: string;
	summary: string;
	demands: DemandGroup[];
	goal: number;
	count: number;
	countries: Record<string, number>;
	status: PetitionStatus;
}

/**
 * A petition in the requested locale (or its default one), with its counts. One round trip:
 * three reads in one batch (its row, its few texts, its counters), none of which scans signatures.
 */
export async function getPetitionView(db: Database, slug: string, locale: string): Promise<PetitionView | null> {
	const bySlug = db.select({ id: petitions.id }).from(petitions).where(eq(petitions.slug, slug));
	const [[petition], texts, counts] = await db.batch([
		db.select().from(petitions).where(eq(petitions.slug, slug)).limit(1),
		db.select().from(petitionTexts).where(inArray(petitionTexts.petitionId, bySlug)),
		db
			.select({ country: signatureCounts.country, count: signatureCounts.count })
			.from(signatureCounts)
			.where(inArray(signatureCounts.petitionId, bySlug)),
	]);
	if (!petition) return null;
	const text = texts.find((t) => t.locale === locale) ?? texts.find((t) => t.locale === petition.defaultLocale);
	if (!text) return null;
	let count = 0;
	const countries: Record<string, number> = {};
	for (const row of counts) {
		if (row.country === "") count = row.count;
		else if (row.count > 0) countries[row.country] = row.count;
	}
	return {
		slug: petition.slug,
		locale: text.locale,
		title: text.title,
		summary: text.summary,
		demands: text.demands,
		goal: petition.goal,
		count,
		countries,
		status: petition.status,
	};
}

export interface PetitionRef {
	id: string;
	slug: string;
	status: PetitionStatus;
	defaultLocale: string;
	/** The list signers join when they ask for updates. */
	listId: string | null;
}

/**
 * Petitions change rarely and signing is the hot path: each isolate keeps what it looked up
 * for a few seconds. A petition closed by a campaigner stops taking signatures within that time.
 */
const REF_TTL_MS = 5_000;
const refCache = new Map<string, { ref: PetitionRef | null; until: number }>();

/** The petition behind a slug, or null. */
export async function findPetition(db: Database, slug: string, now = Date.now()): Promise<PetitionRef | null> {
	const hit = refCache.get(slug);
	if (hit && hit.until > now) return hit.ref;
	const ref =
		(await db
			.select({
				id: petitions.id,
				slug: petitions.slug,
				status: petitions.status,
				defaultLocale: petitions.defaultLocale,
				listId: petitions.listId,
			})
			.from(petitions)
			.where(eq(petitions.slug, slug))
			.get()) ?? null;
	if (refCache.size > 1000) refCache.clear();
	refCache.set(slug, { ref, until: now + REF_TTL_MS });
	return ref;
}

/** Forgets what this isolate cached (for tests that compare what requests do). */
export function forgetPetitionRefs(): void {
	refCache.clear();
}

/** The title of a petition in a locale, falling back to its default locale. */
export async function petitionTitle(db: Database, petitionId: string, locale: string): Promise<string> {
	return (await petitionTitleIn(db, petitionId, locale)).text;
}

/** A petition's title in a locale, or in the language it falls back to, with that language. */
export async function petitionTitleIn(
	db: Database,
	petitionId: string,
	locale: string,
): Promise<{ text: string; locale: string }> {
	const rows = await db
		.select({ locale: petitionTexts.locale, title: petitionTexts.title, defaultLocale: petitions.defaultLocale })
		.from(petitionTexts)
		.innerJoin(petitions, eq(petitions.id, petitionTexts.petitionId))
		.where(eq(petitionTexts.petitionId, petitionId));
	const row = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === r.defaultLocale) ?? rows[0];
	return { text: row?.title ?? "", locale: row?.locale ?? locale };
}
