// What the console's charts show, read from the daily rollups (migration 0009) and never from
// the signatures, letters or deliveries themselves: the cost grows with days, partners,
// channels and States, not with the number of supporters.
import { and, desc, eq, gte, inArray, ne, sql, sum } from "drizzle-orm";
import {
	bulletinOutcomes,
	bulletins,
	bulletinTexts,
	type LetterStatus,
	letterCounts,
	letterStatuses,
	partners,
	signatureCounts,
	signatureDays,
	targets,
} from "../../../schema";
import type { Database } from "../../db";
import { DAY } from "../../lib/time";
import { defaultText } from "../fields";
import { targetName } from "../letters/targets";
import { type ShareChannel, shareChannelNames } from "../petitions/referrals";

/** How many days the daily chart covers. */
export const CHART_DAYS = 90;

export interface DayFigure {
	/** YYYY-MM-DD (UTC). */
	date: string;
	confirmed: number;
	pending: number;
}

export interface Brought {
	confirmed: number;
	/** Not confirmed yet (held-back ones included: they look pending to everyone). */
	pending: number;
}

export interface BulletinFigure {
	id: string;
	subject: string;
	sent: number;
	bounced: number;
	unsubscribed: number;
}

export interface StateLetters {
	iso2: string;
	name: string;
	byStatus: Record<LetterStatus, number>;
	total: number;
}

export interface DashboardFigures {
	days: DayFigure[];
	/** By partner slug; "" is what came without a partner. */
	partners: Array<{ partner: string; name: string } & Brought>;
	channels: Array<{ channel: ShareChannel } & Brought>;
	bulletins: BulletinFigure[];
	letters: StateLetters[];
}

const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const pendingLike = new Set(["pending", "fraudulent"]);

/** The dashboard's figures, for every petition or one (by id). */
export async function dashboardFigures(db: Database, now: number, petitionId?: string): Promise<DashboardFigures> {
	const today = Math.floor(now / DAY);
	const first = today - CHART_DAYS + 1;
	const ofPetition = petitionId ? eq(signatureDays.petitionId, petitionId) : undefined;
	const n = sql<number>`sum(${signatureDays.count})`.mapWith(Number);
	const [daily, bySource, registered, outcomes, letterRows] = await db.batch([
		db
			.select({ day: signatureDays.day, status: signatureDays.status, n })
			.from(signatureDays)
			.where(and(gte(signatureDays.day, first), ofPetition))
			.groupBy(signatureDays.day, signatureDays.status),
		// Partners and channels from one pass over the rollup.
		db
			.select({ partner: signatureDays.partner, channel: signatureDays.channel, status: signatureDays.status, n })
			.from(signatureDays)
			.where(ofPetition)
			.groupBy(signatureDays.partner, signatureDays.channel, signatureDays.status),
		db.select({ slug: partners.slug, name: partners.name }).from(partners).orderBy(partners.slug),
		db
			.select({
				id: bulletins.id,
				defaultLocale: bulletins.defaultLocale,
				outcome: bulletinOutcomes.outcome,
				n: bulletinOutcomes.count,
			})
			.from(bulletinOutcomes)
			.innerJoin(bulletins, eq(bulletins.id, bulletinOutcomes.bulletinId))
			.where(inArray(bulletinOutcomes.outcome, ["sent", "bounced", "unsubscribed"]))
			.orderBy(desc(bulletins.createdAt)),
		db
			.select({
				target: letterCounts.targetId,
				status: letterCounts.status,
				n: sum(letterCounts.count).mapWith(Number),
			})
			.from(letterCounts)
			.groupBy(letterCounts.targetId, letterCounts.status),
	]);

	const days = new Map<number, DayFigure>();
	for (let d = first; d <= today; d++) days.set(d, { date: isoDay(d), confirmed: 0, pending: 0 });
	for (const r of daily) {
		const f = days.get(r.day);
		if (!f) continue;
		if (r.status === "confirmed") f.confirmed += r.n;
		else if (pendingLike.has(r.status)) f.pending += r.n;
	}

	const brought = () => ({ confirmed: 0, pending: 0 });
	const add = (b: Brought, status: string, count: number) => {
		if (status === "confirmed") b.confirmed += count;
		else if (pendingLike.has(status)) b.pending += count;
	};
	const partnerMap = new Map<string, { partner: string; name: string } & Brought>();
	partnerMap.set("", { partner: "", name: "(none)", ...brought() });
	for (const p of registered) partnerMap.set(p.slug, { partner: p.slug, name: p.name, ...brought() });
	for (const r of bySource) {
		const entry = partnerMap.get(r.partner) ?? { partner: r.partner, name: r.partner, ...brought() };
		add(entry, r.status, r.n);
		partnerMap.set(r.partner, entry);
	}

	const channels = shareChannelNames.map((channel) => ({ channel, ...brought() }));
	for (const r of bySource) {
		const entry = r.channel ? channels.find((c) => c.channel === r.channel) : undefined;
		if (entry) add(entry, r.status, r.n);
	}

	// Bulletins that have outcomes, newest first (at most 12), with their subject.
	const bulletinMap = new Map<string, BulletinFigure & { locale: string }>();
	for (const r of outcomes) {
		if (!bulletinMap.has(r.id) && bulletinMap.size >= 12) continue;
		const b = bulletinMap.get(r.id) ?? {
			id: r.id,
			subject: r.id,
			locale: r.defaultLocale,
			sent: 0,
			bounced: 0,
			unsubscribed: 0,
		};
		if (r.outcome === "sent" || r.outcome === "bounced" || r.outcome === "unsubscribed") b[r.outcome] = r.n;
		bulletinMap.set(r.id, b);
	}
	const ids = [...bulletinMap.keys()];
	if (ids.length > 0) {
		const texts = await db
			.select({ id: bulletinTexts.bulletinId, locale: bulletinTexts.locale, subject: bulletinTexts.subject })
			.from(bulletinTexts)
			.where(inArray(bulletinTexts.bulletinId, ids));
		for (const b of bulletinMap.values()) {
			const own = texts.filter((t) => t.id === b.id);
			b.subject = defaultText(own, b.locale)?.subject ?? b.id;
		}
	}

	const stateIds = [...new Set(letterRows.filter((r) => r.n > 0).map((r) => r.target))];
	const names = new Map<string, { iso2: string; name: string }>();
	for (let i = 0; i < stateIds.length; i += 90) {
		const rows = await db
			.select({ id: targets.id, iso2: targets.iso2, names: targets.names })
			.from(targets)
			.where(inArray(targets.id, stateIds.slice(i, i + 90)));
		for (const t of rows) names.set(t.id, { iso2: t.iso2, name: targetName(t, "en") });
	}
	const states = new Map<string, StateLetters>();
	for (const r of letterRows) {
		if (r.n <= 0) continue;
		const { iso2, name } = names.get(r.target) ?? { iso2: r.target, name: r.target };
		const s = states.get(r.target) ?? {
			iso2,
			name,
			byStatus: Object.fromEntries(letterStatuses.map((x) => [x, 0])) as Record<LetterStatus, number>,
			total: 0,
		};
		s.byStatus[r.status] += r.n;
		s.total += r.n;
		states.set(r.target, s);
	}

	return {
		days: [...days.values()],
		partners: [...partnerMap.values()],
		channels,
		bulletins: [...bulletinMap.values()].map(({ locale: _, ...b }) => b),
		letters: [...states.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
	};
}

/**
 * Confirmed signatures per country (ISO code), of one petition or of all, from the per-country
 * counters the triggers keep: O(countries) rows read, no signature scanned. Countries with none
 * (and signatures without a country) are left out.
 */
export async function signaturesByCountry(db: Database, petitionId?: string): Promise<Map<string, number>> {
	const rows = await db
		.select({ country: signatureCounts.country, count: sql<number>`sum(${signatureCounts.count})` })
		.from(signatureCounts)
		.where(
			petitionId
				? and(eq(signatureCounts.petitionId, petitionId), ne(signatureCounts.country, ""))
				: ne(signatureCounts.country, ""),
		)
		.groupBy(signatureCounts.country);
	return new Map(rows.filter((r) => r.count > 0).map((r) => [r.country, r.count]));
}
