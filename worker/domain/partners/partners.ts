import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { type Partner, partners } from "../../../schema";
import type { Database } from "../../db";
import { isLocale, locales } from "../../i18n/locales";
import { auditEntry } from "../console/audit";

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

/** Whether a value is an origin and nothing more: http(s), a host, no path, query, fragment or user. */
function isBareOrigin(value: string): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	return (
		(url.protocol === "https:" || url.protocol === "http:") &&
		url.hostname !== "" &&
		!url.username &&
		!url.password &&
		url.pathname === "/" &&
		!url.search &&
		!url.hash &&
		!/[?#]/.test(value)
	);
}

const originField = v.pipe(
	v.string("Give each origin as text."),
	v.trim(),
	v.check(isBareOrigin, "Give an origin such as https://partner.example or http://127.0.0.1:8080, without a path."),
	v.transform((value) => normaliseOrigin(value) ?? value),
);

/** What a campaigner gives to register a partner or change one (the slug comes from the URL). */
export const partnerInput = v.object({
	slug: v.pipe(
		v.string("Give the partner's slug."),
		v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "A slug is lower-case letters, digits and dashes (at most 64)."),
	),
	name: v.pipe(
		v.string("Give the partner's name."),
		v.trim(),
		v.nonEmpty("Give the partner's name."),
		v.maxLength(200, "Keep the name under 200 characters."),
	),
	allowedOrigins: v.pipe(
		v.optional(v.array(originField, "Give the origins as a list."), []),
		v.maxLength(50, "At most 50 origins per partner."),
		v.transform((origins) => [...new Set(origins)]),
	),
	consentTexts: v.optional(
		v.record(
			v.pipe(v.string(), v.check(isLocale, `Give opt-in lines by language: ${locales.join(", ")}.`)),
			v.pipe(
				v.string("Give the opt-in line as text."),
				v.trim(),
				v.nonEmpty("An opt-in line cannot be empty; leave the language out instead."),
				v.maxLength(500, "Keep the opt-in line under 500 characters."),
			),
		),
		{},
	),
	privacyUrl: v.optional(
		v.nullable(
			v.pipe(
				v.string("Give the privacy policy's address as text."),
				v.trim(),
				v.url("Give the privacy policy's full address, such as https://partner.example/privacy."),
				v.check(
					(value) => /^https?:\/\//i.test(value),
					"The privacy policy's address must start with https:// or http://.",
				),
				v.maxLength(500, "Keep the address under 500 characters."),
			),
		),
		null,
	),
});

export type PartnerInput = v.InferOutput<typeof partnerInput>;

/** Registers a partner, or replaces what is known of the one with this slug. Takes effect at once here. */
export async function savePartner(db: Database, input: PartnerInput, now: number, actor: string): Promise<Partner> {
	const values = {
		name: input.name,
		allowedOrigins: input.allowedOrigins,
		consentTexts: input.consentTexts,
		privacyUrl: input.privacyUrl ?? null,
		updatedAt: now,
	};
	const existed = (await findPartner(db, input.slug)) !== undefined;
	const [rows] = await db.batch([
		db
			.insert(partners)
			.values({ id: crypto.randomUUID(), slug: input.slug, createdAt: now, ...values })
			.onConflictDoUpdate({ target: partners.slug, set: values })
			.returning(),
		auditEntry(
			db,
			{
				actor,
				action: existed ? "partner.update" : "partner.create",
				subject: input.slug,
				detail: { allowedOrigins: input.allowedOrigins },
			},
			now,
		).statement,
	]);
	forgetPartnerDirectory();
	const row = rows[0];
	if (!row) throw new Error(`Saving partner ${input.slug} returned nothing.`);
	return row;
}

/** Every registered partner, by slug. */
export function listPartners(db: Database): Promise<Partner[]> {
	return db.select().from(partners).orderBy(asc(partners.slug)).all();
}

/** The partner with this slug, if registered. */
export function getPartner(db: Database, slug: string): Promise<Partner | undefined> {
	return findPartner(db, slug);
}
