import { eq } from "drizzle-orm";
import countries from "i18n-iso-countries";
import {
	commitments,
	type DemandGroup,
	type LetterParagraph,
	letterCampaigns,
	lists,
	petitions,
	targets,
} from "../../../schema";
import type { Database } from "../../db";
import { isRtl, type Locale } from "../../i18n/locales";
import { type WidgetStrings, widgetStrings } from "../../i18n/widget";
import { campaignText, findLetterCampaign } from "../letters/letters";
import { findListById, listText } from "../lists/lists";
import { getPetitionView } from "../petitions/petitions";
import { partnerConsentLine } from "./partners";

export const actionKinds = ["petition", "letter", "subscribe"] as const;
export type ActionKind = (typeof actionKinds)[number];

/** Where the quick-exit control takes someone: a neutral page, replacing this one in the history. */
export const QUICK_EXIT_URL = "https://www.bbc.com/weather";

/** Whether an action shows the "leave this page quickly" control (on unless switched off). */
export async function quickExitFor(db: Database, kind: ActionKind, slug: string): Promise<boolean> {
	const table = { petition: petitions, letter: letterCampaigns, subscribe: lists }[kind];
	const row = await db.select({ quickExit: table.quickExit }).from(table).where(eq(table.slug, slug)).get();
	return row?.quickExit ?? true;
}

/** A letter as the widget composes it for any State, without asking again. */
export interface WidgetLetter {
	subject: string;
	paragraphs: LetterParagraph[];
	/** named: the States every writer writes to; own-state: the writer's own. */
	targetMode: "own-state" | "named";
	targets: string[];
	/** ISO code → [name in the letter's language, live instruments that change the letter]. */
	states: Record<string, [string, string[]]>;
	/** The writer's country as the request came from it, when known. */
	country?: string;
	sample: boolean;
}

/** Everything a widget shows, in one language, in one response. */
export interface WidgetData {
	kind: ActionKind;
	slug: string;
	locale: Locale;
	dir: "ltr" | "rtl";
	/** The language the action's own words are in (its default when it has none in `locale`). */
	textLocale: string;
	open: boolean;
	title: string;
	summary: string;
	demands?: DemandGroup[];
	count?: number;
	goal?: number;
	/** The list's opt-in line: a subscription form requires it ticked. */
	consent?: string;
	/** The opt-in line of the action's updates list, offered as an optional tick. */
	updates?: string;
	/** The language `updates` is in (the list's default when it has none in `locale`). */
	updatesLocale?: string;
	sample: boolean;
	countries: string[];
	letter?: WidgetLetter;
	strings: WidgetStrings;
}

const countryCodes = Object.keys(countries.getAlpha2Codes()).sort();

/** A petition, a list or a letter campaign as a widget shows it; null when there is none. */
export async function widgetData(
	db: Database,
	kind: ActionKind,
	slug: string,
	locale: Locale,
	seenCountry?: string,
): Promise<WidgetData | null> {
	const base = { kind, slug, locale, dir: isRtl(locale) ? "rtl" : "ltr", strings: widgetStrings(locale) } as const;
	if (kind === "petition") {
		const [view, row] = await Promise.all([
			getPetitionView(db, slug, locale),
			db.select({ listId: petitions.listId }).from(petitions).where(eq(petitions.slug, slug)).get(),
		]);
		if (!view || !row) return null;
		return {
			...base,
			textLocale: view.locale,
			open: view.status === "open",
			title: view.title,
			summary: view.summary,
			demands: view.demands,
			count: view.count,
			goal: view.goal,
			...(await updatesLine(db, row.listId, locale)),
			sample: view.demands.some((g) => g.demands.some((d) => d.sample)),
			countries: countryCodes,
		};
	}
	if (kind === "subscribe") {
		const list = await db
			.select({ id: lists.id, slug: lists.slug, status: lists.status, defaultLocale: lists.defaultLocale })
			.from(lists)
			.where(eq(lists.slug, slug))
			.get();
		const text = list ? await listText(db, list, locale) : undefined;
		if (!list || !text) return null;
		return {
			...base,
			textLocale: text.locale,
			open: list.status === "open",
			title: text.name,
			summary: text.description,
			consent: text.consentText,
			sample: text.sample,
			countries: countryCodes,
		};
	}
	const campaign = await findLetterCampaign(db, slug);
	const text = campaign ? await campaignText(db, campaign, locale) : undefined;
	if (!campaign || !text) return null;
	// Only instruments a paragraph depends on matter to the letter: the rest stay on the server.
	const relevant = new Set(text.paragraphs.flatMap((p) => (p.when ? [p.when.instrument] : [])));
	const [states, held, updates] = await Promise.all([
		db.select({ id: targets.id, iso2: targets.iso2, names: targets.names }).from(targets),
		relevant.size
			? db
					.select({ targetId: commitments.targetId, instrument: commitments.instrument, status: commitments.status })
					.from(commitments)
			: Promise.resolve([]),
		updatesLine(db, campaign.listId, locale),
	]);
	const live = new Map<string, Set<string>>();
	for (const c of held) {
		if (c.status === "withdrawn" || !relevant.has(c.instrument)) continue;
		const set = live.get(c.targetId) ?? new Set<string>();
		set.add(c.instrument);
		live.set(c.targetId, set);
	}
	const byIso: Record<string, [string, string[]]> = {};
	for (const s of states) {
		byIso[s.iso2] = [s.names[text.locale] ?? s.names.en ?? s.iso2, [...(live.get(s.id) ?? [])].sort()];
	}
	return {
		...base,
		textLocale: text.locale,
		open: campaign.status === "open",
		title: text.title,
		summary: base.strings.letterIntro,
		...updates,
		sample: text.sample,
		// Only States in the directory: a letter cannot go anywhere else.
		countries: Object.keys(byIso).sort(),
		letter: {
			subject: text.subject,
			paragraphs: text.paragraphs,
			targetMode: campaign.targetMode,
			targets: campaign.targetMode === "named" ? campaign.targetIso2s.filter((code) => byIso[code]) : [],
			states: byIso,
			country: seenCountry && byIso[seenCountry] ? seenCountry : undefined,
			sample: text.sample,
		},
	};
}

/** The opt-in line of an action's updates list in a locale, when it has an open one. */
async function updatesLine(
	db: Database,
	listId: string | null,
	locale: Locale,
): Promise<{ updates: string; updatesLocale: string } | undefined> {
	if (!listId) return undefined;
	const list = await findListById(db, listId);
	if (list?.status !== "open") return undefined;
	const text = await listText(db, list, locale);
	return text ? { updates: text.consentText, updatesLocale: text.locale } : undefined;
}

/** What a partner adds to its widgets: its name, its own opt-in line, its privacy policy. */
export function partnerView(
	partner: { slug: string; name: string; consentTexts: Record<string, string>; privacyUrl: string | null },
	locale: Locale,
) {
	const line = partnerConsentLine(partner as Parameters<typeof partnerConsentLine>[0], locale);
	return {
		slug: partner.slug,
		name: partner.name,
		optIn: line?.text,
		optInLocale: line?.locale,
		privacyUrl: partner.privacyUrl,
	};
}
