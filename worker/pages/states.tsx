/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { scoreboard } from "../domain/scoreboard";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../lib/locale";
import type { AppEnv } from "../types";
import { Page } from "./layout";
import { pageStrings } from "./strings";

/** The public map of States: what each has committed to, letters sent, replies reported. */
export const statesPages = new Hono<AppEnv>().get("/", async (c) => {
	const locale =
		matchLocale(c.req.query("locale")) ?? localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
	const t = pageStrings[locale];
	const states = await scoreboard(c.var.db, locale);
	const number = (n: number) => n.toLocaleString(locale);
	c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=600");
	c.header("Vary", "Accept-Language");
	return c.html(
		<Page locale={locale} title={t.statesTitle} robots="index">
			<h1>{t.statesTitle}</h1>
			<p>{t.statesIntro}</p>
			<table>
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
							<th scope="row" dir="auto">
								{s.name}
							</th>
							<td>
								{s.commitments.length === 0
									? t.statesNone
									: s.commitments.map((cm) => (
											<div>
												{cm.instrumentName}: {cm.status}
												{cm.date ? ` (${cm.date})` : ""}
											</div>
										))}
							</td>
							<td data-letters={s.lettersSent}>{number(s.lettersSent)}</td>
							<td>
								{s.repliesReported === null ? <span class="muted">{t.statesTooFew}</span> : number(s.repliesReported)}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</Page>,
	);
});
