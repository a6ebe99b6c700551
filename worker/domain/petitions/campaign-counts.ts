// What the campaign has gathered, for campaigners: per petition and country (from the counters
// the triggers keep, so no signature is scanned), and per partner (plain aggregates: this is
// for the console and the admin API, not the hot path).
import { and, asc, count, desc, eq, gt, ne, sql } from "drizzle-orm";
import {
	letterCampaigns,
	letters,
	lists,
	partners,
	petitions,
	petitionTexts,
	signatureCounts,
	signatureDays,
	subscriptions,
} from "../../../schema";
import type { Database } from "../../db";
import { defaultText } from "../fields";

export interface PetitionCount {
	id: string;
	slug: string;
	title: string;
	status: "open" | "closed";
	goal: number;
	/** Confirmed signatures. */
	count: number;
}

/** Confirmed signatures of every petition, with its goal. */
export async function countsByPetition(db: Database): Promise<PetitionCount[]> {
	const [rows, totals, texts] = await db.batch([
		db.select().from(petitions).orderBy(asc(petitions.slug)),
		db
			.select({ petitionId: signatureCounts.petitionId, count: signatureCounts.count })
			.from(signatureCounts)
			.where(eq(signatureCounts.country, "")),
		db
			.select({ petitionId: petitionTexts.petitionId, locale: petitionTexts.locale, title: petitionTexts.title })
			.from(petitionTexts),
	]);
	const totalOf = new Map(totals.map((t) => [t.petitionId, t.count]));
	return rows.map((p) => {
		const own = texts.filter((t) => t.petitionId === p.id);
		return {
			id: p.id,
			slug: p.slug,
			title: defaultText(own, p.defaultLocale)?.title ?? p.slug,
			status: p.status,
			goal: p.goal,
			count: totalOf.get(p.id) ?? 0,
		};
	});
}

/** Confirmed signatures of one petition by country (ISO 3166-1 alpha-2), most first. */
export async function countsByCountry(db: Database, petitionId: string): Promise<{ country: string; count: number }[]> {
	return db
		.select({ country: signatureCounts.country, count: signatureCounts.count })
		.from(signatureCounts)
		.where(
			and(eq(signatureCounts.petitionId, petitionId), ne(signatureCounts.country, ""), gt(signatureCounts.count, 0)),
		)
		.orderBy(desc(signatureCounts.count), asc(signatureCounts.country));
}

/** What one partner brought, by the slug of the petition, list or letter campaign. */
export interface PartnerCounts {
	signatures: Record<string, number>;
	subscriptions: Record<string, number>;
	letters: Record<string, number>;
}

/** The key of what came without a partner. */
export const NO_PARTNER = "(none)";

/**
 * What each partner brought: confirmed signatures per petition, active subscriptions per list,
 * letters sent per campaign. Every registered partner appears, with nothing if it brought
 * nothing; "(none)" is what came without a partner.
 */
export async function countsByPartner(db: Database): Promise<Record<string, PartnerCounts>> {
	const [registered, signed, subscribed, sent] = await db.batch([
		db.select({ slug: partners.slug }).from(partners).orderBy(partners.slug),
		// From the daily rollup, not the signatures: this grows with days, not with supporters.
		db
			.select({
				partner: sql<string | null>`nullif(${signatureDays.partner}, '')`,
				slug: petitions.slug,
				n: sql<number>`sum(${signatureDays.count})`.mapWith(Number),
			})
			.from(signatureDays)
			.innerJoin(petitions, eq(petitions.id, signatureDays.petitionId))
			.where(eq(signatureDays.status, "confirmed"))
			.groupBy(signatureDays.partner, petitions.slug)
			.having(sql`sum(${signatureDays.count}) > 0`),
		db
			.select({ partner: subscriptions.partner, slug: lists.slug, n: count() })
			.from(subscriptions)
			.innerJoin(lists, eq(lists.id, subscriptions.listId))
			.where(eq(subscriptions.status, "active"))
			.groupBy(subscriptions.partner, lists.slug),
		db
			.select({ partner: letters.partner, slug: letterCampaigns.slug, n: count() })
			.from(letters)
			.innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
			.where(eq(letters.status, "sent"))
			.groupBy(letters.partner, letterCampaigns.slug),
	]);
	const byPartner: Record<string, PartnerCounts> = {};
	const entry = (partner: string | null) => {
		const key = partner ?? NO_PARTNER;
		byPartner[key] ??= { signatures: {}, subscriptions: {}, letters: {} };
		return byPartner[key];
	};
	entry(null);
	for (const { slug } of registered) entry(slug);
	for (const row of signed) entry(row.partner).signatures[row.slug] = row.n;
	for (const row of subscribed) entry(row.partner).subscriptions[row.slug] = row.n;
	for (const row of sent) entry(row.partner).letters[row.slug] = row.n;
	return byPartner;
}
