import { asc } from "drizzle-orm";
import { type CommitmentStatus, commitments, targets } from "../../../schema";
import type { Database } from "../../db";
import { targetName } from "../letters/targets";

export interface DirectoryState {
	iso2: string;
	name: string;
	unStatus: "member" | "observer";
	commitments: {
		instrument: string;
		instrumentName: string;
		status: CommitmentStatus;
		date: string | null;
		source: string;
	}[];
}

/**
 * Every State with its name in a locale and what it has committed to, by name. Public: no
 * contact address, nothing about letters.
 */
export async function statesDirectory(db: Database, locale: string): Promise<DirectoryState[]> {
	const [states, held] = await db.batch([
		db.select().from(targets),
		db.select().from(commitments).orderBy(asc(commitments.date), asc(commitments.instrument)),
	]);
	const byTarget = new Map<string, DirectoryState["commitments"]>();
	for (const c of held) {
		const list = byTarget.get(c.targetId) ?? [];
		list.push({
			instrument: c.instrument,
			instrumentName: c.instrumentName,
			status: c.status,
			date: c.date,
			source: c.source,
		});
		byTarget.set(c.targetId, list);
	}
	const collator = new Intl.Collator(locale);
	return states
		.map((s) => ({
			iso2: s.iso2,
			name: targetName(s, locale),
			unStatus: s.unStatus,
			commitments: byTarget.get(s.id) ?? [],
		}))
		.sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The States letters can go to, as a country list in a locale: the directory's own name when it
 * has one in that language, else the runtime's name for the country in it (never a code).
 */
export async function stateChoices(db: Database, locale: string): Promise<{ code: string; name: string }[]> {
	const states = await db.select({ iso2: targets.iso2, names: targets.names }).from(targets);
	const runtime = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
	const collator = new Intl.Collator(locale);
	return states
		.map((s) => ({ code: s.iso2, name: s.names[locale] ?? runtime.of(s.iso2) ?? targetName(s, locale) }))
		.sort((a, b) => collator.compare(a.name, b.name));
}
