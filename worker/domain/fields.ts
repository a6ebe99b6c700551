// Fields shared by the editing schemas (petitions, letter campaigns, lists, States), and the
// errors a save answers with when a business rule is broken.
import { eq } from "drizzle-orm";
import * as v from "valibot";
import { lists, petitionStatuses } from "../../schema";
import { type Database, isUniqueViolation, type Statement } from "../db";
import { locales } from "../i18n/locales";
import { DomainError, type FieldIssue } from "../lib/errors";

/** A slug: what public URLs are made of. */
export const slugField = v.pipe(
	v.string("Give the slug."),
	v.trim(),
	v.toLowerCase(),
	v.regex(
		/^[a-z0-9][a-z0-9-]{0,63}$/,
		"A slug is lower-case letters, digits and dashes (up to 64), such as call-to-action.",
	),
);

/** A language the engine speaks, as the key of a text. */
export const localeField = v.picklist(locales, `The language is one of: ${locales.join(", ")}.`);

/** Text on one line (a title, a name): control characters refused, not silently dropped. */
export const lineField = (what: string, max: number) =>
	v.pipe(
		v.string(`Give the ${what}.`),
		v.trim(),
		v.nonEmpty(`Give the ${what}.`),
		v.maxLength(max, `Keep the ${what} under ${max} characters.`),
		v.check((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), `The ${what} must be one line.`),
	);

/** Running text (a summary, a paragraph): line breaks allowed, other control characters not. */
export const proseField = (what: string, max: number) =>
	v.pipe(
		v.string(`Give the ${what}.`),
		v.transform((s) => s.replace(/\r\n?/g, "\n").trim()),
		v.nonEmpty(`Give the ${what}.`),
		v.maxLength(max, `Keep the ${what} under ${max} characters.`),
		v.check(
			(s) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\t]/g, "")),
			`The ${what} has invisible control characters.`,
		),
	);

/** Open or closed: petitions, letter campaigns and lists alike. */
export const openClosedField = v.picklist(petitionStatuses, "The status is open or closed.");

/** A list's id, or null for none. */
export const listIdField = v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(100))), null);

/** A business rule broken: 422 in the one shape, an issue per field. */
export function invalidFields(issues: FieldIssue[]): DomainError {
	return new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", { issues });
}

/** The slug is someone else's: 409. */
export function slugTaken(what: string): DomainError {
	return new DomainError(409, "slug_taken", `Another ${what} already has this slug.`, {
		issues: [{ path: "slug", message: `Another ${what} already has this slug.` }],
	});
}

/** The issues of a list id that names no list. */
export async function checkListId(db: Database, listId: string | null, issues: FieldIssue[]): Promise<void> {
	if (listId === null) return;
	const list = await db.select({ id: lists.id }).from(lists).where(eq(lists.id, listId)).get();
	if (!list) issues.push({ path: "listId", message: "There is no list with this id." });
}

/** The default language must have a text: it is what every other language falls back to. */
export function checkDefaultText(defaultLocale: string, texts: Record<string, unknown>, issues: FieldIssue[]): void {
	if (!(defaultLocale in texts)) {
		issues.push({ path: `texts.${defaultLocale}`, message: "The default language needs a text." });
	}
}

/**
 * Writes an edit's statements in one batch (a slug another row took meanwhile is a 409, not a
 * 500) and reads the saved thing back, as the editor shows it.
 */
export async function commitEdit<T>(
	db: Database,
	statements: Statement[],
	what: string,
	readBack: () => Promise<T | undefined>,
): Promise<T> {
	try {
		await db.batch(statements as [Statement, ...Statement[]]);
	} catch (err) {
		if (isUniqueViolation(err)) throw slugTaken(what);
		throw err;
	}
	const saved = await readBack();
	if (!saved) throw new Error(`${what} vanished after saving`);
	return saved;
}

/** The text in a thing's default language, else its first one. */
export function defaultText<T extends { locale: string }>(texts: T[], defaultLocale: string): T | undefined {
	return texts.find((t) => t.locale === defaultLocale) ?? texts[0];
}
