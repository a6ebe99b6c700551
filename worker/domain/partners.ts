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

/**
 * An origin as browsers send it: scheme://host[:port], host lower-cased, no path, no trailing
 * slash, default ports dropped. Null when it is not an http(s) origin (or "null").
 */
export function normaliseOrigin(value: string | null | undefined): string | null {
	if (!value) return null;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return null;
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") return null;
	return url.origin.toLowerCase();
}

interface PartnerDirectory {
	/** Normalised origin → the slug of the partner whose widgets submit from it. */
	byOrigin: Map<string, string>;
	slugs: Set<string>;
}

/**
 * Partners change rarely and every widget submission asks: each isolate keeps the directory
 * for a few seconds. A partner added or an origin removed takes effect within that time.
 */
const DIRECTORY_TTL_MS = 5_000;
let directoryCache: { directory: PartnerDirectory; until: number } | null = null;

async function partnerDirectory(db: Database, now: number): Promise<PartnerDirectory> {
	if (directoryCache && directoryCache.until > now) return directoryCache.directory;
	const rows = await db.select({ slug: partners.slug, allowedOrigins: partners.allowedOrigins }).from(partners);
	const directory: PartnerDirectory = { byOrigin: new Map(), slugs: new Set() };
	for (const row of rows) {
		directory.slugs.add(row.slug);
		for (const origin of Array.isArray(row.allowedOrigins) ? row.allowedOrigins : []) {
			const normal = typeof origin === "string" ? normaliseOrigin(origin) : null;
			if (normal && !directory.byOrigin.has(normal)) directory.byOrigin.set(normal, row.slug);
		}
	}
	directoryCache = { directory, until: now + DIRECTORY_TTL_MS };
	return directory;
}

/** The slug of the partner whose widgets may submit from this origin, or null. */
export async function partnerForOrigin(db: Database, origin: string, now = Date.now()): Promise<string | null> {
	const normal = normaliseOrigin(origin);
	if (!normal) return null;
	return (await partnerDirectory(db, now)).byOrigin.get(normal) ?? null;
}

/** Whether a partner with this slug is registered. */
export async function isKnownPartner(db: Database, slug: string, now = Date.now()): Promise<boolean> {
	return (await partnerDirectory(db, now)).slugs.has(slug);
}

/** Forgets what this isolate cached (for tests that add partners). */
export function forgetPartnerDirectory(): void {
	directoryCache = null;
}
