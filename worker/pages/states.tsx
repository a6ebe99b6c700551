/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { scoreboard } from "../domain/scoreboard";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../lib/locale";
import { formatNumber } from "../lib/plural";
import type { AppEnv } from "../types";
import { langOf, Page } from "./layout";
import { commitmentStatusLabels, pageStrings } from "./strings";

/** The public map of States: what each has committed to, letters sent, replies reported. */
export const statesPages = new Hono<AppEnv>().get("/", async (c) => {
	const locale =
		matchLocale(c.req.query("locale")) ?? localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
	const t = pageStrings[locale];
	const states = await scoreboard(c.var.db, locale);
	const number = (n: number) => formatNumber(locale, n);
	const statusLabel = commitmentStatusLabels[locale];
	const day = (iso: string) => {
		const [y, m, d] = iso.split("-").map(Number);
		if (!y) return iso;
		const options: Intl.DateTimeFormatOptions = d
			? { dateStyle: "long", timeZone: "UTC" }
			: { year: "numeric", month: m ? "long" : undefined, timeZone: "UTC" };
		return new Intl.DateTimeFormat(locale, options).format(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
	};
	c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
	c.header("Vary", "Accept-Language");
	return c.html(
		<Page locale={locale} title={t.statesTitle} robots="index">
			<h1>{t.statesTitle}</h1>
			<p>{t.statesIntro}</p>
			<table class="stack">
				<thead>
					<tr>
						<th scope="col">{t.statesState}</th>
						<th scope="col">{t.statesCommitments}</th>
						<th scope="col">{t.statesLetters}</th>
						<th scope="col">{t.statesReplies}</th>
					</tr>
				</thead>
				<tbody>
					{states.map((s) => (
						<tr data-state={s.iso2}>
							<th scope="row" {...langOf(s.nameLocale)}>
								{s.name}
							</th>
							<td data-label={t.statesCommitments}>
								{s.commitments.length === 0
									? t.statesNone
									: s.commitments.map((cm) => (
											<div>
												{/* The instrument's name as the directory holds it, in its own direction. */}
												<bdi>{cm.instrumentName}</bdi>:{" "}
												{statusLabel[cm.status as keyof typeof statusLabel] ?? cm.status}
												{cm.date ? ` (${day(cm.date)})` : ""}
											</div>
										))}
							</td>
							<td data-label={t.statesLetters} data-letters={s.lettersSent}>
								{number(s.lettersSent)}
							</td>
							<td data-label={t.statesReplies}>
								{s.repliesReported === null ? <span class="muted">{t.statesTooFew}</span> : number(s.repliesReported)}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</Page>,
	);
});
