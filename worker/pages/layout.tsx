/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { CARD_HEIGHT, CARD_WIDTH } from "../cards/card";
import { QUICK_EXIT_URL } from "../domain/partners/widget-data";
import { defaultLocale, isRtl, matchLocale } from "../i18n/locales";
import { DOCTYPE } from "./doctype";
import { QUICK_EXIT_SCRIPT } from "./quick-exit";
import { pageStrings } from "./strings";

/** `lang` and `dir` for text in a language, e.g. campaign text that falls back to another one. */
export function langOf(locale: string): { lang: string; dir: "rtl" | "ltr" } {
	return { lang: locale, dir: isRtl(locale) ? "rtl" : "ltr" };
}

const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1b1b1b;background:#faf8f6}
main{max-width:38rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header{border-top:4px solid #b3001b;padding:.75rem 1rem;font-weight:700;letter-spacing:.02em;color:#b3001b;max-width:38rem;margin:0 auto}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
button,.button{display:inline-block;font:inherit;font-weight:600;background:#b3001b;color:#fff;border:0;border-radius:.4rem;padding:.75rem 1.25rem;min-height:44px;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#b3001b;box-shadow:inset 0 0 0 2px #b3001b}
fieldset{border:1px solid #ccc;border-radius:.4rem;margin:1.5rem 0 1rem}
button:focus-visible,a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.muted{color:#5a5a5a;font-size:.9rem}
.count{font-size:1.25rem;font-weight:700}
progress{width:100%;height:.75rem;accent-color:#b3001b}
ul{padding-inline-start:1.25rem}
li{margin:.35rem 0}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ddd;padding:.75rem;border-radius:.3rem;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:start;vertical-align:top}
.details dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:.5rem 0}.details dt{font-weight:600}.details dd{margin:0;overflow-wrap:anywhere}
.quick-exit{display:block;position:sticky;top:0;z-index:10;max-width:38rem;margin:0 auto;padding:.5rem 1rem;text-align:end;pointer-events:none}
.quick-exit a{pointer-events:auto;display:inline-block;background:#1b1b1b;color:#fff;font-weight:700;padding:.5rem 1rem;border-radius:.4rem;text-decoration:none;min-height:44px;line-height:28px}
form.action label{display:block;font-weight:600;margin:1rem 0 .25rem}
form.action input[type=text],form.action input[type=email],form.action select,form.action textarea{display:block;width:100%;font:inherit;padding:.6rem;border:2px solid #5a5a5a;border-radius:.3rem;background:#fff}
form.action textarea{min-height:20rem}
form.action .check{display:flex;gap:.5rem;align-items:flex-start;margin:1rem 0}
form.action .check label{display:inline;font-weight:400;margin:0}
form.action .check input{width:1.25rem;height:1.25rem;margin-top:.15rem;flex:none}
form.action button{margin-top:1.25rem}
[aria-invalid=true]{border-color:#b3001b!important;outline:2px solid #b3001b}
.error{color:#b3001b;font-weight:600;margin:.25rem 0}
.summary{border:3px solid #b3001b;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0;background:#fff}
.summary a{color:#b3001b}
.hp{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.share{border-top:1px solid #ddd;margin-top:2rem}.share-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}.share-links li{margin:0}.share-links a.button.secondary{background:#fff;color:#b3001b;box-shadow:inset 0 0 0 2px #b3001b}.share-copy label{display:block;font-weight:600;margin:1rem 0 .25rem}.share-copy input{display:block;width:100%;font:inherit;padding:.6rem;border:2px solid #5a5a5a;border-radius:.3rem;background:#fff}
@media (max-width:40rem){table.stack thead{display:none}table.stack tr,table.stack th,table.stack td{display:block;border:0;padding:.15rem 0}table.stack tr{border-bottom:1px solid #ddd;padding:.6rem 0}table.stack td[data-label]::before{content:attr(data-label) ": ";color:#5a5a5a}}
`;

/** The frame of every public page: language and direction set, no script, no third party. */
export function Page(props: {
	locale: string;
	title: string;
	/** The title's own language when it is not the page's (a campaign text that fell back). */
	titleLocale?: string;
	children: Child;
	robots?: string;
	/** For pages meant to be shared: their address (from PUBLIC_URL) and a description. */
	share?: { url: string; description: string; image?: string };
	/** The "leave this page quickly" control: on unless the action switched it off. */
	quickExit?: boolean;
	/** Styles of this page only (a constant of the page, never user input). */
	css?: string;
}) {
	const t = pageStrings[matchLocale(props.locale) ?? defaultLocale];
	const share = props.share;
	const titleLang = props.titleLocale && props.titleLocale !== props.locale ? langOf(props.titleLocale) : {};
	return (
		<>
			{DOCTYPE}
			<html lang={props.locale} dir={isRtl(props.locale) ? "rtl" : "ltr"}>
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<meta name="robots" content={props.robots ?? "noindex"} />
					<title {...titleLang}>{props.title}</title>
					<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
					{share ? (
						<>
							<link rel="canonical" href={share.url} />
							<meta name="description" content={share.description} />
							<meta property="og:title" content={props.title} />
							<meta property="og:description" content={share.description} />
							<meta property="og:type" content="website" />
							<meta property="og:url" content={share.url} />
							<meta property="og:locale" content={props.locale} />
							{share.image ? (
								<>
									{/* The share card (worker/pages/cards.ts): fetched by the networks' crawlers, not by this page. */}
									<meta property="og:image" content={share.image} />
									<meta property="og:image:type" content="image/png" />
									<meta property="og:image:width" content={String(CARD_WIDTH)} />
									<meta property="og:image:height" content={String(CARD_HEIGHT)} />
									<meta property="og:image:alt" content={props.title} />
									<meta name="twitter:image" content={share.image} />
								</>
							) : null}
							<meta name="twitter:card" content={share.image ? "summary_large_image" : "summary"} />
							<meta name="twitter:title" content={props.title} />
							<meta name="twitter:description" content={share.description} />
						</>
					) : null}
					{/* A constant of ours, not user input: quotes in it must stay quotes. */}
					<style>{raw(props.css ? css + props.css : css)}</style>
				</head>
				<body>
					{/* For someone who may be watched: one press takes the tab to a neutral site. */}
					{props.quickExit === false ? null : (
						<nav class="quick-exit">
							<a href={QUICK_EXIT_URL} rel="noreferrer" data-quick-exit="">
								{t.quickExit}
							</a>
							{/* Allowed by its hash in the Content-Security-Policy (worker/app.ts). */}
							<script>{raw(QUICK_EXIT_SCRIPT)}</script>
						</nav>
					)}
					<header>Red Line</header>
					<main>{props.children}</main>
				</body>
			</html>
		</>
	);
}
