/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { eraseByLink, exportByLink, inspectPrivacyLink, type PrivacyLink } from "../domain/people/privacy";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../i18n/locales";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";
import { wantsJson } from "./confirm";
import { sameSiteForm } from "./forms";
import { Page } from "./layout";
import { type PageStrings, pageStrings } from "./strings";

/** Exactly what an erasure keeps: shown before the button and after the erasure. */
function WhatIsKept({ t }: { t: PageStrings }) {
	return (
		<section>
			<h2>{t.privacyKeptTitle}</h2>
			<ul>
				{t.privacyKept.map((item) => (
					<li>{item}</li>
				))}
			</ul>
		</section>
	);
}

/** The page for a privacy link that cannot act (unknown, expired, used). */
function unusable(c: Context<AppEnv>, link: PrivacyLink) {
	const locale = localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
	const t = pageStrings[locale];
	const [title, body, status] =
		link.state === "invalid"
			? [t.invalidTitle, t.invalidBody, 404 as const]
			: link.state === "expired"
				? [t.expiredTitle, t.privacyUsedBody, 410 as const]
				: [t.privacyUsedTitle, t.privacyUsedBody, 410 as const];
	if (wantsJson(c)) throw new DomainError(status, `link_${link.state}`, title);
	c.header("Cache-Control", "no-store");
	return c.html(
		<Page locale={locale} title={title}>
			<h1>{title}</h1>
			<p>{body}</p>
		</Page>,
		status,
	);
}

export const privacyPages = new Hono<AppEnv>()
	/** Explains what the button will do; opening the link alone does nothing. */
	.get("/:token", async (c) => {
		const link = await inspectPrivacyLink(c.var.db, c.req.param("token"), Date.now());
		if (link.state !== "ready") return unusable(c, link);
		const t = pageStrings[matchLocale(link.locale) ?? defaultLocale];
		const erase = link.kind === "erase";
		c.header("Cache-Control", "no-store");
		return c.html(
			<Page locale={link.locale} title={erase ? t.privacyEraseTitle : t.privacyExportTitle}>
				<h1>{erase ? t.privacyEraseTitle : t.privacyExportTitle}</h1>
				<p>{erase ? t.privacyEraseBody : t.privacyExportBody}</p>
				{erase ? <WhatIsKept t={t} /> : null}
				<form method="post" action={`/privacy/${c.req.param("token")}`}>
					<button type="submit">{erase ? t.privacyEraseButton : t.privacyExportButton}</button>
				</form>
			</Page>,
		);
	})
	.post("/:token", sameSiteForm, async (c) => {
		const token = c.req.param("token");
		const now = Date.now();
		const link = await inspectPrivacyLink(c.var.db, token, now);
		if (link.state !== "ready") return unusable(c, link);
		c.header("Cache-Control", "no-store");
		if (link.kind === "export") {
			const { link: spent, data } = await exportByLink(c.var.db, token, now);
			if (!data) return unusable(c, spent);
			c.header("Content-Disposition", 'attachment; filename="red-line-my-data.json"');
			return c.json(data);
		}
		await eraseByLink(c.var.db, token, now);
		const t = pageStrings[matchLocale(link.locale) ?? defaultLocale];
		if (wantsJson(c)) return c.json({ status: "erased" });
		return c.html(
			<Page locale={link.locale} title={t.privacyErasedTitle}>
				<h1>{t.privacyErasedTitle}</h1>
				<p>{t.privacyErasedBody}</p>
				<WhatIsKept t={t} />
			</Page>,
		);
	});
