/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { config } from "../config";
import { linkDeps } from "../deps";
import { verifyUnsubscribeToken } from "../domain/links/unsubscribe-links";
import { listText, openLists } from "../domain/lists/lists";
import {
	leaveAllLists,
	savePreferences,
	subscriptionDetails,
	subscriptionsOf,
	unsubscribe,
} from "../domain/lists/subscriptions";
import { deliverLater } from "../http/public-write";
import { defaultLocale, languageNames, localeFromAcceptLanguage, locales, matchLocale } from "../i18n/locales";
import type { AppEnv } from "../types";
import { langOf, Page } from "./layout";
import { pageStrings } from "./strings";

/** The subscription a link names, or an answer for a link that names none. */
async function resolve(c: Context<AppEnv>) {
	const id = await verifyUnsubscribeToken(config(c.env).appSecret, c.req.param("token") ?? "");
	const sub = id ? await subscriptionDetails(c.var.db, id) : undefined;
	return { id, sub };
}

function badLink(c: Context<AppEnv>, status: 400 | 404) {
	const locale = localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
	const t = pageStrings[locale];
	c.header("Cache-Control", "no-store");
	return c.html(
		<Page locale={locale} title={t.invalidTitle}>
			<h1>{t.invalidTitle}</h1>
			<p>{t.invalidBody}</p>
		</Page>,
		status,
	);
}

type Sub = NonNullable<Awaited<ReturnType<typeof subscriptionDetails>>>;

/** The preference centre: leave this list, choose lists and language, or leave everything. */
async function preferences(c: Context<AppEnv>, sub: Sub, notice?: string) {
	const db = c.var.db;
	const locale = matchLocale(sub.locale) ?? defaultLocale;
	const t = pageStrings[locale];
	const [all, mine] = await Promise.all([openLists(db), subscriptionsOf(db, sub.personId)]);
	const status = new Map(mine.map((s) => [s.listId, s.status]));
	const names = await Promise.all(
		all.map(async (l) => {
			const text = await listText(db, l, locale);
			return { ...l, name: text?.name ?? l.slug, nameLocale: text?.locale ?? "en" };
		}),
	);
	const shown = names.find((l) => l.id === sub.listId);
	const current = shown?.name ?? sub.listSlug;
	const currentLang = langOf(shown?.nameLocale ?? "en");
	const action = `/u/${c.req.param("token")}`;
	const receiving = sub.status === "active" || sub.status === "pending";
	c.header("Cache-Control", "no-store");
	return c.html(
		<Page locale={locale} title={t.preferencesTitle}>
			<h1>{receiving ? t.preferencesTitle : t.unsubscribedTitle}</h1>
			{notice ? <p role="status">{notice}</p> : null}
			{receiving ? (
				<form method="post" action={action}>
					<p>
						{t.subscribedTo}: <strong {...currentLang}>{current}</strong>
					</p>
					<input type="hidden" name="action" value="unsubscribe" />
					<button type="submit">{t.unsubscribeButton}</button>
				</form>
			) : (
				<p>{t.unsubscribedBody}</p>
			)}
			<form method="post" action={action}>
				<input type="hidden" name="action" value="save" />
				<fieldset>
					<legend>{t.preferencesLists}</legend>
					{names.map((l) => {
						const s = status.get(l.id);
						return (
							<p>
								<label>
									<input type="checkbox" name="lists" value={l.slug} checked={s === "active" || s === "pending"} />{" "}
									<span {...langOf(l.nameLocale)}>{l.name}</span>
									{s === "pending" ? <span class="muted"> ({t.preferencesPending})</span> : null}
								</label>
							</p>
						);
					})}
					<p class="muted">{t.preferencesJoinNote}</p>
				</fieldset>
				<p>
					<label for="locale">{t.preferencesLanguage}</label>{" "}
					<select id="locale" name="locale">
						{locales.map((l) => (
							<option value={l} selected={l === locale} lang={l}>
								{languageNames[l]}
							</option>
						))}
					</select>
				</p>
				<button type="submit">{t.preferencesSave}</button>
			</form>
			<form method="post" action={action}>
				<input type="hidden" name="action" value="unsubscribe-all" />
				<p>
					<button type="submit" class="secondary">
						{t.unsubscribeAll}
					</button>
				</p>
			</form>
		</Page>,
	);
}

export const unsubscribePages = new Hono<AppEnv>()
	.get("/:token", async (c) => {
		const { id, sub } = await resolve(c);
		if (!id) return badLink(c, 400);
		if (!sub) return badLink(c, 404);
		return preferences(c, sub);
	})
	.post("/:token", async (c) => {
		const { id, sub } = await resolve(c);
		if (!id) return badLink(c, 400);
		const form = await c.req.parseBody({ all: true });
		const now = Date.now();
		// RFC 8058: a mailbox provider's one-click POST, no cookie, no other proof: leave at once.
		if (form["List-Unsubscribe"] === "One-Click") {
			if (sub) await unsubscribe(c.var.db, sub.id, "one-click-post", now);
			return c.text("Unsubscribed.", 200);
		}
		if (!sub) return badLink(c, 404);
		const db = c.var.db;
		const t = pageStrings[matchLocale(sub.locale) ?? defaultLocale];
		switch (form.action) {
			case "unsubscribe":
				await unsubscribe(db, sub.id, "unsubscribe-page", now);
				break;
			case "unsubscribe-all":
				await leaveAllLists(db, sub.personId, now);
				break;
			case "save": {
				const chosen = new Set([form.lists ?? []].flat().map(String));
				const locale = matchLocale(String(form.locale ?? "")) ?? matchLocale(sub.locale) ?? defaultLocale;
				deliverLater(c, await savePreferences(linkDeps(c.env, db, now), sub, { lists: chosen, locale }));
				const updated = await subscriptionDetails(db, sub.id);
				return preferences(c, updated ?? sub, pageStrings[locale].preferencesSaved);
			}
			default:
				break;
		}
		const updated = await subscriptionDetails(db, sub.id);
		return preferences(c, updated ?? sub, form.action === "save" ? t.preferencesSaved : undefined);
	});
