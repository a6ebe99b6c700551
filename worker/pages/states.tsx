/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { campaignText, openLetterCampaigns } from "../domain/letters/letters";
import { type StateScore, scoreboard } from "../domain/states/scoreboard";
import type { Locale } from "../i18n/locales";
import type { AppEnv } from "../types";
import { pageLocale } from "./forms";
import { Page } from "./layout";
import { type MapMark, mapCss, regionKeys, stateRegions, WorldMap } from "./map/world-map";
import { type MapStrings, mapStrings } from "./map-strings";
import { commitmentStatusLabels, pageStrings } from "./strings";

/** The instrument the map colours by. */
export const DECLARATION = "psvi-declaration-2025";
/** Rows of the table per page. */
export const PAGE_SIZE = 25;

const statuses = ["endorsed", "not-yet", "replied"] as const;
type StatusFilter = (typeof statuses)[number];

/**
 * The table's filters, from the query string. Nothing here can fail the page: a value that is
 * not one of the choices is ignored (all), a page out of range is the nearest page, a long name
 * is cut. A search form is typed by hand; it gets results, never an error.
 */
const filterQuery = v.object({
	q: v.fallback(v.pipe(v.string(), v.trim(), v.maxLength(100)), ""),
	region: v.fallback(v.union([v.picklist(regionKeys as string[]), v.literal("")]), ""),
	status: v.fallback(v.union([v.picklist(statuses), v.literal("")]), ""),
	page: v.fallback(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1)), 1),
});

interface Filters {
	q: string;
	region: string;
	status: StatusFilter | "";
	page: number;
}

function filtersOf(c: Context<AppEnv>): Filters {
	const raw = { q: c.req.query("q") ?? "", region: c.req.query("region") ?? "", status: c.req.query("status") ?? "" };
	const parsed = v.parse(filterQuery, { ...raw, page: c.req.query("page") ?? "1", q: raw.q.slice(0, 100) });
	return parsed as Filters;
}

const fold = (s: string) =>
	s
		.normalize("NFD")
		.replace(/\p{M}/gu, "")
		.toLocaleLowerCase()
		.replace(/[’'`-]/g, " ");

/** A State's name in the page's language: the directory's, else the runtime's own, else English. */
function nameIn(state: StateScore, locale: Locale, names: Intl.DisplayNames): string {
	if (locale === "en" || locale === "fr" || locale === "es") return state.name;
	try {
		return names.of(state.iso2) ?? state.name;
	} catch {
		return state.name;
	}
}

/** Whether a State endorsed the declaration, and whether its writers reported a reply. */
export function stateStatus(s: Pick<StateScore, "commitments" | "repliesReported">) {
	const endorsed = s.commitments.some((cm) => cm.instrument === DECLARATION && cm.status !== "withdrawn");
	const replied = (s.repliesReported ?? 0) > 0;
	return { endorsed, replied };
}

function markFor(s: StateScore, name: string, m: MapStrings, locale: string): MapMark {
	const { endorsed, replied } = stateStatus(s);
	const status = [endorsed ? m.endorsed : m.notYet, replied ? m.replied : ""].filter(Boolean).join(", ");
	return {
		href: `/states/${s.iso2.toLowerCase()}${locale === "en" ? "" : `?locale=${locale}`}`,
		label: m.markLabel(name, status),
		tone: endorsed ? "endorsed" : "not-yet",
		hatch: replied,
	};
}

/** A legend swatch: the same fill (and hatch) as on the map, described by the text beside it. */
function Swatch(props: { fill: string; hatch?: boolean }) {
	return (
		<svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">
			<rect width="22" height="16" fill={props.fill} />
			{props.hatch ? <rect width="22" height="16" fill="url(#states-hatch)" /> : null}
		</svg>
	);
}

const wideCss = `main,header,.quick-exit{max-width:60rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:1.5rem 0 1rem;padding:.75rem;background:#fff;border:1px solid #ddd;border-radius:.4rem}
form.filters label{display:block;font-weight:600;font-size:.9rem}
form.filters input,form.filters select{font:inherit;padding:.5rem;border:2px solid #5a5a5a;border-radius:.3rem;background:#fff;min-height:44px}
form.filters button{margin:0}
nav.pager ul{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0}
nav.pager a,nav.pager span{display:inline-block;min-width:44px;min-height:44px;line-height:44px;text-align:center;padding:0 .5rem;border:1px solid #ccc;border-radius:.3rem;color:#1b1b1b}
nav.pager [aria-current]{background:#1b1b1b;color:#fff;font-weight:700}
a.skip{display:inline-block;margin:.25rem 0}
${mapCss}`;

/** The query string of a filtered, paged view: empty filters left out. */
function queryOf(f: Filters, locale: Locale, page: number): string {
	const params = new URLSearchParams();
	if (locale !== "en") params.set("locale", locale);
	if (f.q) params.set("q", f.q);
	if (f.region) params.set("region", f.region);
	if (f.status) params.set("status", f.status);
	if (page > 1) params.set("page", String(page));
	const s = params.toString();
	return s ? `?${s}` : "";
}

function dayIn(locale: string, iso: string) {
	const [y, m, d] = iso.split("-").map(Number);
	if (!y) return iso;
	const options: Intl.DateTimeFormatOptions = d
		? { dateStyle: "long", timeZone: "UTC" }
		: { year: "numeric", month: m ? "long" : undefined, timeZone: "UTC" };
	return new Intl.DateTimeFormat(locale, options).format(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
}

function statesList(c: Context<AppEnv>, locale: Locale, states: StateScore[]) {
	const t = pageStrings[locale];
	const m = mapStrings[locale];
	const f = filtersOf(c);
	const displayNames = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
	const named = states.map((s) => ({ s, name: nameIn(s, locale, displayNames), ...stateStatus(s) }));
	const byCode = new Map(named.map((n) => [n.s.iso2, n]));
	const wanted = fold(f.q);
	const collator = new Intl.Collator(locale);
	const shown = named
		.filter((n) => !wanted || fold(n.name).includes(wanted) || n.s.iso2.toLowerCase() === wanted)
		.filter((n) => !f.region || stateRegions.get(n.s.iso2) === f.region)
		.filter(
			(n) =>
				!f.status ||
				(f.status === "endorsed" && n.endorsed) ||
				(f.status === "not-yet" && !n.endorsed) ||
				(f.status === "replied" && n.replied),
		)
		.sort((a, b) => collator.compare(a.name, b.name));
	const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
	const page = Math.min(f.page, pages);
	const rows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
	const number = (n: number) => n.toLocaleString(locale);
	const statusLabel = (n: { endorsed: boolean }) => (n.endorsed ? m.endorsed : m.notYet);
	const local = locale === "en" ? "" : `?locale=${locale}`;

	c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
	c.header("Vary", "Accept-Language");
	return c.html(
		<Page locale={locale} title={t.statesTitle} robots="index" css={wideCss}>
			<h1>{t.statesTitle}</h1>
			<p>{t.statesIntro}</p>
			<a class="skip" href="#states-table">
				{m.skipMap}
			</a>
			<ul class="legend" aria-label={m.legend}>
				<li>
					<Swatch fill="#1d5f6b" />
					{m.endorsed}
				</li>
				<li>
					<Swatch fill="#e7c9b9" />
					{m.notYet}
				</li>
				<li>
					<Swatch fill="#e7c9b9" hatch />
					{m.replied}
				</li>
			</ul>
			<WorldMap
				id="states"
				title={m.mapTitle}
				desc={m.mapDesc}
				marks={(iso2) => {
					const n = byCode.get(iso2);
					if (!n) return { href: `/states/${iso2.toLowerCase()}${local}`, label: iso2, tone: "not-yet" };
					return markFor(n.s, n.name, m, locale);
				}}
			/>
			<div id="states-table">
				<search aria-label={m.search}>
					<form class="filters" method="get" action="/states#states-table">
						{locale === "en" ? null : <input type="hidden" name="locale" value={locale} />}
						<div>
							<label for="f-q">{m.searchName}</label>
							<input id="f-q" type="search" name="q" value={f.q} maxlength={100} autocomplete="off" dir="auto" />
						</div>
						<div>
							<label for="f-region">{m.region}</label>
							<select id="f-region" name="region">
								<option value="">{m.all}</option>
								{regionKeys.map((r) => (
									<option value={r} selected={f.region === r}>
										{m.regions[r] ?? r}
									</option>
								))}
							</select>
						</div>
						<div>
							<label for="f-status">{m.status}</label>
							<select id="f-status" name="status">
								<option value="">{m.all}</option>
								<option value="endorsed" selected={f.status === "endorsed"}>
									{m.endorsed}
								</option>
								<option value="not-yet" selected={f.status === "not-yet"}>
									{m.notYet}
								</option>
								<option value="replied" selected={f.status === "replied"}>
									{m.replied}
								</option>
							</select>
						</div>
						<button type="submit">{m.apply}</button>
						{f.q || f.region || f.status ? <a href={`/states${local}#states-table`}>{m.clear}</a> : null}
					</form>
				</search>
				<p id="states-results" role="status">
					<strong>{m.results(shown.length)}</strong>
					{pages > 1 ? ` · ${m.pageOf(page, pages)}` : ""}
				</p>
				{rows.length === 0 ? (
					<p>{m.noResults}</p>
				) : (
					<table class="stack" aria-describedby="states-results">
						<thead>
							<tr>
								<th scope="col">{t.statesState}</th>
								<th scope="col">{m.region}</th>
								<th scope="col">{m.declaration}</th>
								<th scope="col">{t.statesLetters}</th>
								<th scope="col">{t.statesReplies}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((n) => (
								<tr data-state={n.s.iso2}>
									<th scope="row" dir="auto">
										<a href={`/states/${n.s.iso2.toLowerCase()}${local}`}>{n.name}</a>
									</th>
									<td data-label={m.region}>{m.regions[stateRegions.get(n.s.iso2) ?? ""] ?? ""}</td>
									<td data-label={m.declaration} data-status={n.endorsed ? "endorsed" : "not-yet"}>
										{statusLabel(n)}
									</td>
									<td data-label={t.statesLetters} data-letters={n.s.lettersSent}>
										{number(n.s.lettersSent)}
									</td>
									<td data-label={t.statesReplies}>
										{n.s.repliesReported === null ? (
											<span class="muted">{t.statesTooFew}</span>
										) : (
											number(n.s.repliesReported)
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				{pages > 1 ? (
					<nav class="pager" aria-label={m.pages}>
						<ul>
							{page > 1 ? (
								<li>
									<a href={`/states${queryOf(f, locale, page - 1)}#states-table`} rel="prev">
										{m.previous}
									</a>
								</li>
							) : null}
							{Array.from({ length: pages }, (_, i) => i + 1).map((p) => (
								<li>
									{p === page ? (
										<span aria-current="page">{number(p)}</span>
									) : (
										<a href={`/states${queryOf(f, locale, p)}#states-table`} aria-label={m.pageOf(p, pages)}>
											{number(p)}
										</a>
									)}
								</li>
							))}
							{page < pages ? (
								<li>
									<a href={`/states${queryOf(f, locale, page + 1)}#states-table`} rel="next">
										{m.next}
									</a>
								</li>
							) : null}
						</ul>
					</nav>
				) : null}
			</div>
		</Page>,
	);
}

/** Open letter campaigns that write to this State: own-state ones (the State chosen), and named ones that list it. */
async function campaignsFor(c: Context<AppEnv>, iso2: string, locale: Locale) {
	const open = await openLetterCampaigns(c.var.db);
	const reach = open.filter((lc) => lc.targetMode === "own-state" || lc.targetIso2s.includes(iso2));
	return Promise.all(
		reach.map(async (lc) => {
			const text = await campaignText(c.var.db, lc, locale);
			const params = new URLSearchParams();
			if (lc.targetMode === "own-state") params.set("country", iso2);
			if (locale !== lc.defaultLocale) params.set("locale", locale);
			const q = params.toString();
			return { href: `/l/${lc.slug}${q ? `?${q}` : ""}`, title: text?.title ?? lc.slug };
		}),
	);
}

async function statePage(c: Context<AppEnv>, locale: Locale, state: StateScore) {
	const t = pageStrings[locale];
	const m = mapStrings[locale];
	const name = nameIn(state, locale, new Intl.DisplayNames([locale], { type: "region", fallback: "none" }));
	const { endorsed, replied } = stateStatus(state);
	const statusLabel = commitmentStatusLabels[locale];
	const campaigns = await campaignsFor(c, state.iso2, locale);
	const local = locale === "en" ? "" : `?locale=${locale}`;
	const number = (n: number) => n.toLocaleString(locale);
	c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
	c.header("Vary", "Accept-Language");
	return c.html(
		<Page locale={locale} title={`${name} · ${t.statesTitle}`} robots="index" css={wideCss}>
			<p>
				<a href={`/states${local}`}>{m.back}</a>
			</p>
			<h1 dir="auto">{name}</h1>
			<p class="muted">
				{state.unStatus === "observer" ? m.unObserver : m.unMember} · {m.regions[stateRegions.get(state.iso2) ?? ""]}
			</p>
			<p data-status={endorsed ? "endorsed" : "not-yet"}>
				<strong>{endorsed ? m.endorsed : m.notYet}</strong>
				{replied ? ` · ${m.replied}` : ""}
			</p>
			<h2>{m.commitments}</h2>
			{state.commitments.length === 0 ? (
				<p>{m.noCommitments}</p>
			) : (
				<ul class="commitments">
					{state.commitments.map((cm) => (
						<li>
							{cm.instrumentName}: {statusLabel[cm.status as keyof typeof statusLabel] ?? cm.status}
							{cm.date ? ` (${dayIn(locale, cm.date)})` : ""}
							<div class="muted">
								{m.source}:{" "}
								{/^https?:\/\//.test(cm.source) ? (
									<a href={cm.source} rel="noreferrer">
										{cm.source}
									</a>
								) : (
									cm.source
								)}
							</div>
						</li>
					))}
				</ul>
			)}
			<h2>{m.letters}</h2>
			<p data-letters={state.lettersSent}>{m.lettersSent(state.lettersSent)}</p>
			<h2>{m.repliesTitle}</h2>
			{state.tooFewToTell ? (
				<p>{m.tooFew}</p>
			) : (
				<ul class="replies">
					<li>
						{m.replyYes}: {number(state.answers.yes)}
					</li>
					<li>
						{m.replyUnsatisfactory}: {number(state.answers.unsatisfactory)}
					</li>
					<li>
						{m.replyNo}: {number(state.answers.no)}
					</li>
				</ul>
			)}
			<h2>{m.write}</h2>
			{campaigns.length === 0 ? (
				<p>{m.noCampaign}</p>
			) : (
				<ul class="write">
					{campaigns.map((lc) => (
						<li>
							<a class="button" href={lc.href}>
								{m.writeIn(lc.title)}
							</a>
						</li>
					))}
				</ul>
			)}
		</Page>,
	);
}

/** The public map of States: what each has committed to, letters sent, replies reported. */
export const statesPages = new Hono<AppEnv>()
	.get("/", async (c) => {
		const locale = pageLocale(c, "");
		return statesList(c, locale, await scoreboard(c.var.db, locale));
	})
	.get("/:iso2", async (c) => {
		const locale = pageLocale(c, "");
		const code = c.req.param("iso2");
		const states = /^[A-Za-z]{2}$/.test(code) ? await scoreboard(c.var.db, locale) : [];
		const state = states.find((s) => s.iso2 === code.toUpperCase());
		if (!state) {
			const m = mapStrings[locale];
			c.header("Cache-Control", "public, max-age=60");
			return c.html(
				<Page locale={locale} title={pageStrings[locale].notFoundTitle}>
					<h1>{pageStrings[locale].notFoundTitle}</h1>
					<p>{m.unknownState}</p>
					<p>
						<a href={`/states${locale === "en" ? "" : `?locale=${locale}`}`}>{m.back}</a>
					</p>
				</Page>,
				404,
			);
		}
		return statePage(c, locale, state);
	});
