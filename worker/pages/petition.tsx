/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { getPetitionView } from "../domain/petitions";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../lib/locale";
import type { AppEnv } from "../types";
import { Page } from "./layout";
import { pageStrings } from "./strings";

/** The public page of a petition: its text, its demands and its count, without any script. */
export const petitionPages = new Hono<AppEnv>().get("/:slug", async (c) => {
	const locale =
		matchLocale(c.req.query("locale")) ?? localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
	const view = await getPetitionView(c.var.db, c.req.param("slug"), locale);
	const t = pageStrings[locale];
	if (!view) {
		return c.html(
			<Page locale={locale} title="404">
				<h1>404</h1>
			</Page>,
			404,
		);
	}
	const sample = view.demands.some((g) => g.demands.some((d) => d.sample));
	// Shared caches may keep it briefly; browsers ask again, so that someone who has just
	// confirmed sees their signature counted when they come back to the page.
	c.header("Cache-Control", "public, max-age=0, s-maxage=10, stale-while-revalidate=60");
	c.header("Vary", "Accept-Language");
	return c.html(
		<Page locale={view.locale} title={view.title} robots="index">
			<h1>{view.title}</h1>
			<p>{view.summary}</p>
			<p>
				<span class="count" data-count={view.count}>
					{view.count.toLocaleString(view.locale)}
				</span>{" "}
				{t.signatures} · {t.goal} {view.goal.toLocaleString(view.locale)}
			</p>
			<progress max={view.goal} value={Math.min(view.count, view.goal)} />
			{view.demands.map((group) => (
				<section>
					<h2>{group.heading}</h2>
					<ul>
						{group.demands.map((d) => (
							<li>{d.text}</li>
						))}
					</ul>
				</section>
			))}
			{sample ? <p class="muted">{t.sampleNotice}</p> : null}
			<p class="muted">{t.privacyNote}</p>
		</Page>,
	);
});
