// Campaigners edit letter campaigns: who is written to, the limits that keep letters personal,
// and the letter per language (a subject and paragraphs, some shown only when a State has or
// has not committed to an instrument). Same pattern as petition-editing.
import { and, asc, eq, inArray, notInArray, count as sqlCount } from "drizzle-orm";
import * as v from "valibot";
import { type LetterParagraph, letterCampaigns, letterCampaignTexts, letters, targets } from "../../../schema";
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

/** The merge fields a letter may use (see composeLetter). Any other {word} is a typo. */
const MERGE_FIELDS = ["state", "writer_name", "writer_country"];

const instrumentField = v.pipe(
	v.string("Give the instrument's key."),
	v.trim(),
	v.toLowerCase(),
	v.regex(
		/^[a-z0-9][a-z0-9-]{0,63}$/,
		"The instrument is a short key of letters, digits and dashes, such as psvi-declaration-2025.",
	),
);

const paragraphField = v.object({
	text: proseField("paragraph", 5000),
	when: v.optional(v.object({ instrument: instrumentField, has: v.boolean("has is true or false.") })),
});

const letterTextField = v.object({
	title: lineField("title", 200),
	subject: lineField("subject", 300),
	paragraphs: v.pipe(
		v.array(paragraphField, "Give the paragraphs as a list."),
		v.minLength(1, "Give at least one paragraph."),
		v.maxLength(50, "Keep a letter under 50 paragraphs."),
	),
});

const iso2Field = v.pipe(
	v.string(),
	v.trim(),
	v.toUpperCase(),
	v.regex(/^[A-Z]{2}$/, "Give a State as its two-letter ISO 3166-1 code, such as FR or CO."),
);

/** A letter campaign as a campaigner writes it. */
export const letterCampaignInput = v.object({
	slug: slugField,
	status: v.optional(openClosedField, "open"),
	defaultLocale: v.optional(localeField, "en"),
	/** own-state: each writer writes to their own State; named: to the States listed. */
	targetMode: v.optional(v.picklist(["own-state", "named"], "The target mode is own-state or named."), "own-state"),
	targetIso2s: v.optional(
		v.pipe(
			v.array(iso2Field),
			v.maxLength(200),
			v.transform((a) => [...new Set(a)]),
		),
		[],
	),
	allowLinks: v.optional(v.boolean("allowLinks is true or false."), false),
	maxBodyChars: v.optional(
		v.pipe(
			v.number(),
			v.integer(),
			v.minValue(200, "Allow at least 200 characters."),
			v.maxValue(20_000, "At most 20,000 characters."),
		),
		5000,
	),
	nearDuplicateLimit: v.optional(
		v.pipe(v.number(), v.integer(), v.minValue(0, "The limit is 0 or more."), v.maxValue(100_000)),
		10,
	),
	listId: listIdField,
	quickExit: v.optional(v.boolean("quickExit is true or false."), true),
	texts: v.pipe(
		v.record(localeField, letterTextField, 'Give the texts by language, such as { "en": { … } }.'),
		v.check((t) => Object.keys(t).length > 0, "Give the text in at least one language."),
	),
});
export type LetterCampaignInput = v.InferOutput<typeof letterCampaignInput>;

export interface LetterCampaignForEditing {
	campaign: typeof letterCampaigns.$inferSelect & { sent: number; held: number };
	texts: Record<
		string,
		{ title: string; subject: string; paragraphs: LetterParagraph[]; sample: boolean; updatedAt: number }
	>;
}

export interface LetterCampaignSummary {
	id: string;
	slug: string;
	status: "open" | "closed";
	targetMode: "own-state" | "named";
	defaultLocale: string;
	title: string;
	locales: string[];
	/** Letters sent, and held for a campaigner or an address. */
	sent: number;
	held: number;
	updatedAt: number;
}

async function letterCounts(db: Database, campaignIds?: string[]) {
	const rows = await db
		.select({ campaignId: letters.campaignId, status: letters.status, n: sqlCount() })
		.from(letters)
		.where(
			and(
				inArray(letters.status, ["sent", "held"]),
				campaignIds ? inArray(letters.campaignId, campaignIds) : undefined,
			),
		)
		.groupBy(letters.campaignId, letters.status);
	const out = new Map<string, { sent: number; held: number }>();
	for (const r of rows) {
		const entry = out.get(r.campaignId) ?? { sent: 0, held: 0 };
		if (r.status === "sent") entry.sent = r.n;
		if (r.status === "held") entry.held = r.n;
		out.set(r.campaignId, entry);
	}
	return out;
}

/** Every letter campaign with its title and what it has sent and holds. */
export async function listLetterCampaignsForEditing(db: Database): Promise<LetterCampaignSummary[]> {
	const [rows, texts] = await db.batch([
		db.select().from(letterCampaigns).orderBy(asc(letterCampaigns.slug)),
		db
			.select({
				campaignId: letterCampaignTexts.campaignId,
				locale: letterCampaignTexts.locale,
				title: letterCampaignTexts.title,
			})
			.from(letterCampaignTexts),
	]);
	const counts = await letterCounts(db);
	return rows.map((c) => {
		const own = texts.filter((t) => t.campaignId === c.id);
		return {
			id: c.id,
			slug: c.slug,
			status: c.status,
			targetMode: c.targetMode,
			defaultLocale: c.defaultLocale,
			title: defaultText(own, c.defaultLocale)?.title ?? c.slug,
			locales: own.map((t) => t.locale).sort(),
			sent: counts.get(c.id)?.sent ?? 0,
			held: counts.get(c.id)?.held ?? 0,
			updatedAt: c.updatedAt,
		};
	});
}

/** A letter campaign with all its texts; undefined when no such slug. */
export async function getLetterCampaignForEditing(
	db: Database,
	slug: string,
): Promise<LetterCampaignForEditing | undefined> {
	const campaign = await db.select().from(letterCampaigns).where(eq(letterCampaigns.slug, slug)).get();
	if (!campaign) return undefined;
	const [texts, counts] = await Promise.all([
		db
			.select()
			.from(letterCampaignTexts)
			.where(eq(letterCampaignTexts.campaignId, campaign.id))
			.orderBy(letterCampaignTexts.locale),
		letterCounts(db, [campaign.id]),
	]);
	return {
		campaign: { ...campaign, sent: counts.get(campaign.id)?.sent ?? 0, held: counts.get(campaign.id)?.held ?? 0 },
		texts: Object.fromEntries(
			texts.map((t) => [
				t.locale,
				{ title: t.title, subject: t.subject, paragraphs: t.paragraphs, sample: t.sample, updatedAt: t.updatedAt },
			]),
		),
	};
}

/** Braces that are not one of the merge fields: {State} or {name} would reach a State as written. */
function checkMergeFields(input: LetterCampaignInput, issues: FieldIssue[]): void {
	for (const [locale, text] of Object.entries(input.texts)) {
		const fields: [string, string][] = [
			[`texts.${locale}.subject`, text.subject],
			...text.paragraphs.map((p, i): [string, string] => [`texts.${locale}.paragraphs.${i}.text`, p.text]),
		];
		for (const [path, value] of fields) {
			const unknown = [...value.matchAll(/\{([^{}]*)\}/g)]
				.map((m) => m[1] ?? "")
				.find((f) => !MERGE_FIELDS.includes(f));
			if (unknown !== undefined) {
				issues.push({
					path,
					message: `{${unknown}} is not a merge field: use ${MERGE_FIELDS.map((f) => `{${f}}`).join(", ")}.`,
				});
			}
		}
	}
}

/**
 * Creates (slug null) or updates the letter campaign at `slug`. Unknown slug → 404; slug taken
 * → 409; named States that are not in the directory, a "named" campaign without States, unknown
 * merge fields, a missing default text or list → 422.
 */
export async function saveLetterCampaign(
	db: Database,
	slug: string | null,
	input: LetterCampaignInput,
	actor: string,
	now: number,
): Promise<LetterCampaignForEditing> {
	const existing =
		slug === null ? undefined : await db.select().from(letterCampaigns).where(eq(letterCampaigns.slug, slug)).get();
	if (slug !== null && !existing) throw new DomainError(404, "not_found", "No letter campaign with this slug.");
	if (input.slug !== existing?.slug) {
		const taken = await db
			.select({ id: letterCampaigns.id })
			.from(letterCampaigns)
			.where(eq(letterCampaigns.slug, input.slug))
			.get();
		if (taken) throw slugTaken("letter campaign");
	}
	const issues: FieldIssue[] = [];
	checkDefaultText(input.defaultLocale, input.texts, issues);
	await checkListId(db, input.listId, issues);
	checkMergeFields(input, issues);
	if (input.targetMode === "named" && input.targetIso2s.length === 0) {
		issues.push({ path: "targetIso2s", message: "A campaign to named States needs at least one State." });
	}
	if (input.targetIso2s.length > 0) {
		const known = new Set(
			(await db.select({ iso2: targets.iso2 }).from(targets).where(inArray(targets.iso2, input.targetIso2s))).map(
				(t) => t.iso2,
			),
		);
		input.targetIso2s.forEach((iso2, i) => {
			if (!known.has(iso2))
				issues.push({ path: `targetIso2s.${i}`, message: `${iso2} is not a State in the directory.` });
		});
	}
	if (issues.length > 0) throw invalidFields(issues);

	const id = existing?.id ?? `lc_${crypto.randomUUID()}`;
	const settings = {
		slug: input.slug,
		status: input.status,
		defaultLocale: input.defaultLocale,
		targetMode: input.targetMode,
		targetIso2s: input.targetMode === "named" ? input.targetIso2s : [],
		allowLinks: input.allowLinks,
		maxBodyChars: input.maxBodyChars,
		nearDuplicateLimit: input.nearDuplicateLimit,
		listId: input.listId,
		quickExit: input.quickExit,
		updatedAt: now,
	};
	const givenLocales = Object.keys(input.texts);
	const statements: Statement[] = [
		existing
			? db.update(letterCampaigns).set(settings).where(eq(letterCampaigns.id, id))
			: db.insert(letterCampaigns).values({ id, ...settings, createdAt: now }),
		db
			.delete(letterCampaignTexts)
			.where(and(eq(letterCampaignTexts.campaignId, id), notInArray(letterCampaignTexts.locale, givenLocales))),
	];
	for (const [locale, text] of Object.entries(input.texts)) {
		const values = {
			title: text.title,
			subject: text.subject,
			paragraphs: text.paragraphs.map((p) => (p.when ? { text: p.text, when: p.when } : { text: p.text })),
			sample: false,
			updatedAt: now,
		};
		statements.push(
			db
				.insert(letterCampaignTexts)
				.values({ campaignId: id, locale, ...values })
				.onConflictDoUpdate({ target: [letterCampaignTexts.campaignId, letterCampaignTexts.locale], set: values }),
		);
	}
	statements.push(
		auditEntry(
			db,
			{
				actor,
				action: existing ? "letter-campaign.update" : "letter-campaign.create",
				subject: input.slug,
				detail: { id, ...(slug && slug !== input.slug ? { from: slug } : {}), locales: givenLocales },
			},
			now,
		).statement,
	);
	return commitEdit(db, statements, "letter campaign", () => getLetterCampaignForEditing(db, input.slug));
}
