import { sql } from "drizzle-orm";
import { commitments, letters, targets } from "../../../schema";
import type { Database } from "../../db";
import { targetNameIn } from "../letters/targets";
import { letterReplyWebhooks } from "../webhooks/events";

/** Below this many answers, a State's reply rate is not shown: too few to tell. */
export const TOO_FEW_ANSWERS = 5;

export interface StateScore {
	iso2: string;
	name: string;
	/** The language `name` is in: the asked one, or English when the directory has none in it. */
	nameLocale: string;
	unStatus: "member" | "observer";
	commitments: { instrument: string; instrumentName: string; status: string; date: string | null; source: string }[];
	lettersSent: number;
	answers: { yes: number; no: number; unsatisfactory: number };
	/** Writers who said the State replied (satisfactorily or not), or null when too few answered. */
	repliesReported: number | null;
	tooFewToTell: boolean;
}

/**
 * The public map of States: each one's commitments, the letters sent to it (in one campaign, or
 * all), and what its writers reported. No personal data: counts only.
 */
export async function scoreboard(db: Database, locale: string, campaignId?: string): Promise<StateScore[]> {
	const inCampaign = campaignId ? sql`AND ${letters.campaignId} = ${campaignId}` : sql``;
	const [states, held, tallies] = await db.batch([
		db.select().from(targets),
		db.select().from(commitments),
		db
			.select({
				targetId: letters.targetId,
				sent: sql<number>`sum(${letters.status} = 'sent')`,
				yes: sql<number>`sum(${letters.reply} = 'yes')`,
				no: sql<number>`sum(${letters.reply} = 'no')`,
				unsatisfactory: sql<number>`sum(${letters.reply} = 'unsatisfactory')`,
			})
			.from(letters)
			.where(sql`${letters.status} = 'sent' ${inCampaign}`)
			.groupBy(letters.targetId),
	]);
	const byTarget = new Map(tallies.map((t) => [t.targetId, t]));
	return states
		.map((state) => {
			const t = byTarget.get(state.id);
			const answers = { yes: t?.yes ?? 0, no: t?.no ?? 0, unsatisfactory: t?.unsatisfactory ?? 0 };
			const total = answers.yes + answers.no + answers.unsatisfactory;
			const tooFewToTell = total < TOO_FEW_ANSWERS;
			return {
				iso2: state.iso2,
				name: targetNameIn(state, locale).text,
				nameLocale: targetNameIn(state, locale).locale,
				unStatus: state.unStatus,
				commitments: held
					.filter((c) => c.targetId === state.id)
					.map(({ instrument, instrumentName, status, date, source }) => ({
						instrument,
						instrumentName,
						status,
						date,
						source,
					})),
				lettersSent: t?.sent ?? 0,
				answers,
				repliesReported: tooFewToTell ? null : answers.yes + answers.unsatisfactory,
				tooFewToTell,
			};
		})
		.sort(
			(a, b) =>
				b.commitments.length - a.commitments.length ||
				b.lettersSent - a.lettersSent ||
				a.name.localeCompare(b.name, locale),
		);
}

/** Records a writer's answer about their letter; the first answer is the one that counts. */
export async function recordReply(
	db: Database,
	letterId: string,
	answer: "yes" | "no" | "unsatisfactory",
	now: number,
) {
	const [[row]] = await db.batch([
		db
			.update(letters)
			.set({ reply: answer, repliedAt: now, updatedAt: now })
			.where(sql`${letters.id} = ${letterId} AND ${letters.reply} IS NULL AND ${letters.status} = 'sent'`)
			.returning({ id: letters.id }),
		letterReplyWebhooks(db, letterId, now),
	]);
	return Boolean(row);
}
