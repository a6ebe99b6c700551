/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { letterDetails } from "../domain/letters/letter-details";
import { targetNameIn } from "../domain/letters/targets";
import { findToken } from "../domain/links/tokens";
import { recordReply } from "../domain/states/scoreboard";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../i18n/locales";
import type { AppEnv } from "../types";
import { langOf, Page } from "./layout";
import { pageStrings } from "./strings";

const answers = ["yes", "no", "unsatisfactory"] as const;

async function letterOf(c: Context<AppEnv>) {
	const token = await findToken(c.var.db, c.req.param("token") ?? "", "letter-reply");
	return token && token.expiresAt > Date.now() ? letterDetails(c.var.db, token.subjectId) : undefined;
}

function unknown(c: Context<AppEnv>) {
	const locale = localeFromAcceptLanguage(c.req.header("accept-language")) ?? defaultLocale;
	const t = pageStrings[locale];
	return c.html(
		<Page locale={locale} title={t.invalidTitle}>
			<h1>{t.invalidTitle}</h1>
			<p>{t.invalidBody}</p>
		</Page>,
		404,
	);
}

/** "Did your State reply?": asked once, two weeks after the letter went out; the first answer counts. */
export const replyPages = new Hono<AppEnv>()
	.get("/:token", async (c) => {
		const letter = await letterOf(c);
		if (!letter) return unknown(c);
		const locale = matchLocale(letter.locale) ?? defaultLocale;
		const t = pageStrings[locale];
		const state = targetNameIn(letter.target, locale);
		c.header("Cache-Control", "no-store");
		return c.html(
			<Page locale={locale} title={t.replyTitle}>
				<h1>{t.replyTitle}</h1>
				<p>
					{t.replyIntro} <strong {...langOf(state.locale)}>{state.text}</strong>:{" "}
					<span dir="auto">{letter.subject}</span>
				</p>
				{answers.map((answer) => (
					<form method="post" action={`/reply/${c.req.param("token")}`}>
						<input type="hidden" name="answer" value={answer} />
						<p>
							<button type="submit" class={answer === "yes" ? undefined : "secondary"}>
								{{ yes: t.replyYes, no: t.replyNo, unsatisfactory: t.replyUnsatisfactory }[answer]}
							</button>
						</p>
					</form>
				))}
			</Page>,
		);
	})
	.post("/:token", async (c) => {
		const letter = await letterOf(c);
		if (!letter) return unknown(c);
		const form = await c.req.parseBody();
		const answer = answers.find((a) => a === form.answer);
		if (answer) await recordReply(c.var.db, letter.id, answer, Date.now());
		const t = pageStrings[matchLocale(letter.locale) ?? defaultLocale];
		c.header("Cache-Control", "no-store");
		return c.html(
			<Page locale={letter.locale} title={t.replyThanksTitle}>
				<h1>{t.replyThanksTitle}</h1>
				<p>{t.replyThanksBody}</p>
				<p>
					<a href={`/states?locale=${letter.locale}`}>{t.statesTitle}</a>
				</p>
			</Page>,
			answer ? 200 : 422,
		);
	});
