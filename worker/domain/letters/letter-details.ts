import { eq } from "drizzle-orm";
import { letterCampaigns, letterCampaignTexts, letters, people, targets } from "../../../schema";
import type { Database } from "../../db";

/** A letter with its State, its writer's address and its campaign's title, for emails and pages. */
export async function letterDetails(db: Database, letterId: string) {
	const row = await db
		.select({ letter: letters, target: targets, email: people.email, campaignDefault: letterCampaigns.defaultLocale })
		.from(letters)
		.innerJoin(targets, eq(targets.id, letters.targetId))
		.innerJoin(people, eq(people.id, letters.personId))
		.innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
		.where(eq(letters.id, letterId))
		.get();
	if (!row) return undefined;
	const texts = await db
		.select({ locale: letterCampaignTexts.locale, title: letterCampaignTexts.title })
		.from(letterCampaignTexts)
		.where(eq(letterCampaignTexts.campaignId, row.letter.campaignId));
	const title =
		texts.find((t) => t.locale === row.letter.locale)?.title ??
		texts.find((t) => t.locale === row.campaignDefault)?.title ??
		texts[0]?.title ??
		"";
	return { ...row.letter, target: row.target, email: row.email, campaignTitle: title };
}
