import { eq } from "drizzle-orm";
import { type Partner, partners } from "../../schema";
import type { Database } from "../db";

export function findPartner(db: Database, slug: string): Promise<Partner | undefined> {
	return db.select().from(partners).where(eq(partners.slug, slug)).get();
}

/** A partner's opt-in line in a locale (or English), if it offers one. */
export function partnerConsentLine(partner: Partner, locale: string): { locale: string; text: string } | undefined {
	const text = partner.consentTexts[locale] ?? partner.consentTexts.en;
	if (!text) return undefined;
	return { locale: partner.consentTexts[locale] ? locale : "en", text };
}
