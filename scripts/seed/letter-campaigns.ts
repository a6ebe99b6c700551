// Seed statements for letter campaigns (scripts/seed/letters/*.json): campaigns are data.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface LetterCampaignSeed {
	slug: string;
	status: "open" | "closed";
	defaultLocale: string;
	targetMode: "own-state" | "named";
	targetIso2s?: string[];
	allowLinks: boolean;
	maxBodyChars: number;
	nearDuplicateLimit: number;
	list?: string;
	texts: Record<
		string,
		{
			title: string;
			subject: string;
			sample?: boolean;
			paragraphs: { text: string; when?: { instrument: string; has: boolean } }[];
		}
	>;
}

const q = (value: string | number | boolean | null) =>
	value === null
		? "NULL"
		: typeof value === "number"
			? String(Math.trunc(value))
			: typeof value === "boolean"
				? value
					? "1"
					: "0"
				: `'${value.replace(/'/g, "''")}'`;

/** INSERT … ON CONFLICT DO NOTHING statements for every letter campaign, with its texts. */
export function letterCampaignStatements(now: number): string[] {
	const dir = join(import.meta.dirname, "letters");
	return readdirSync(dir)
		.filter((f) => f.endsWith(".json"))
		.sort()
		.flatMap((f) => {
			const c = JSON.parse(readFileSync(join(dir, f), "utf8")) as LetterCampaignSeed;
			if (!/^[a-z0-9-]{1,64}$/.test(c.slug)) throw new Error(`seed: bad letter campaign slug ${c.slug}`);
			if (!c.texts[c.defaultLocale]) throw new Error(`seed: ${c.slug} has no text in its default locale`);
			const list = c.list ? `(SELECT id FROM lists WHERE slug = ${q(c.list)})` : "NULL";
			return [
				`INSERT INTO letter_campaigns (id, slug, status, default_locale, target_mode, target_iso2s, allow_links, max_body_chars, near_duplicate_limit, list_id, created_at, updated_at) VALUES (${[`lc_${c.slug}`, c.slug, c.status, c.defaultLocale, c.targetMode, JSON.stringify(c.targetIso2s ?? []), c.allowLinks, c.maxBodyChars, c.nearDuplicateLimit].map(q).join(", ")}, ${list}, ${now}, ${now}) ON CONFLICT DO NOTHING;`,
				...Object.entries(c.texts).map(
					([locale, t]) =>
						`INSERT INTO letter_campaign_texts (campaign_id, locale, title, subject, paragraphs, sample, updated_at) SELECT id, ${[locale, t.title, t.subject, JSON.stringify(t.paragraphs), Boolean(t.sample), now].map(q).join(", ")} FROM letter_campaigns WHERE slug = ${q(c.slug)} ON CONFLICT DO NOTHING;`,
				),
			];
		});
}
