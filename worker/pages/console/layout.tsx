/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Campaigner } from "../../../schema";
import { CSRF_FIELD } from "../../http/console-auth";
import { DOCTYPE } from "../doctype";
import { chartCss } from "./charts";

const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1b1b1b;background:#faf8f6}
.bar{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;border-top:4px solid #b3001b;background:#fff;border-bottom:1px solid #ddd;padding:.5rem 1rem}
.bar .brand{font-weight:700;color:#b3001b;text-decoration:none;margin-inline-end:auto}
.bar nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;width:100%;order:3}
.bar nav a{color:#1b1b1b;padding:.35rem 0;min-height:32px}
.bar nav a[aria-current=page]{font-weight:700;color:#b3001b}
.bar form{margin:0}
main{max-width:64rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
h3{font-size:1rem;margin:1.25rem 0 .25rem}
a{color:#8a0015}
button,.button{display:inline-block;font:inherit;font-weight:600;background:#b3001b;color:#fff;border:0;border-radius:.4rem;padding:.6rem 1.1rem;min-height:44px;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#b3001b;box-shadow:inset 0 0 0 2px #b3001b}
button.link{background:none;color:#8a0015;text-decoration:underline;padding:0;min-height:0;font-weight:400}
button:focus-visible,a:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.muted{color:#5a5a5a;font-size:.9rem}
.notice{border-inline-start:4px solid #1d6b2f;background:#fff;padding:.6rem 1rem;margin:1rem 0}
.empty{background:#fff;border:1px dashed #999;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}
.problem{border-inline-start:4px solid #b3001b;background:#fff;padding:.6rem 1rem;margin:1rem 0}
.field-error{color:#b3001b;font-weight:600;margin:.25rem 0 .5rem}
[aria-invalid=true]{border-color:#b3001b;border-width:2px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:1rem 0}
.card{background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.75rem}
.card .n{font-size:1.5rem;font-weight:700}
table{border-collapse:collapse;width:100%;font-size:.95rem;background:#fff}
td,th{border-bottom:1px solid #ddd;padding:.45rem;text-align:start;vertical-align:top}
label{display:block;font-weight:600;margin:.9rem 0 .25rem}
input[type=text],input[type=email],input[type=number],input[type=datetime-local],select,textarea{display:block;width:100%;font:inherit;padding:.55rem;border:2px solid #5a5a5a;border-radius:.3rem;background:#fff}
textarea{min-height:12rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem}
.check{display:flex;gap:.5rem;align-items:center;margin:.75rem 0}
.check label{display:inline;margin:0;font-weight:400}
.check input{width:1.2rem;height:1.2rem}
fieldset{border:1px solid #ccc;border-radius:.4rem;margin:1rem 0;padding:.5rem 1rem 1rem;background:#fff}
legend{font-weight:700;padding:0 .25rem}
details{background:#fff;border:1px solid #ddd;border-radius:.4rem;margin:.75rem 0;padding:.5rem 1rem}
summary{font-weight:700;cursor:pointer;min-height:32px}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}
.row form{margin:0}
.error{color:#b3001b;font-weight:600;margin:.25rem 0}
progress{width:100%;height:1rem;accent-color:#b3001b}
iframe.preview{width:100%;height:36rem;border:1px solid #ccc;background:#fff}
code,.token{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
@media (max-width:40rem){table.stack thead{display:none}table.stack tr,table.stack td{display:block;border:0;padding:.15rem 0}table.stack tr{border-bottom:1px solid #ddd;padding:.6rem .4rem}table.stack td[data-label]::before{content:attr(data-label) ": ";color:#5a5a5a}}
${chartCss}
`;

const sections: [string, string, "admin" | "editor"][] = [
	["/console", "Dashboard", "editor"],
	["/console/bulletins", "Bulletins", "editor"],
	["/console/petitions", "Petitions", "editor"],
	["/console/letter-campaigns", "Letter campaigns", "editor"],
	["/console/lists", "Lists", "editor"],
	["/console/partners", "Partners", "editor"],
	["/console/states", "States", "editor"],
	["/console/countries", "Countries", "editor"],
	["/console/review", "Review", "editor"],
	["/console/campaigners", "Campaigners", "admin"],
	["/console/tokens", "API tokens", "admin"],
	["/console/webhooks", "Webhooks", "admin"],
];

/** The hidden field every console form carries. */
export function Csrf(props: { token: string | undefined }) {
	return <input type="hidden" name={CSRF_FIELD} value={props.token ?? ""} />;
}

/** A one-button form that posts to `action` (with the CSRF token). */
export function PostButton(props: {
	action: string;
	label: string;
	csrf: string | undefined;
	secondary?: boolean;
	fields?: Record<string, string>;
}) {
	return (
		<form method="post" action={props.action}>
			<Csrf token={props.csrf} />
			{Object.entries(props.fields ?? {}).map(([name, value]) => (
				<input type="hidden" name={name} value={value} />
			))}
			<button type="submit" class={props.secondary ? "secondary" : undefined}>
				{props.label}
			</button>
		</form>
	);
}

/** The frame of every console page: no script, a menu that wraps on a phone, sign-out. */
export function ConsolePage(props: {
	title: string;
	children: Child;
	campaigner?: Campaigner;
	csrf?: string;
	/** Highlights this menu entry. */
	section?: string;
	/** Seconds after which the page reloads itself (a send in progress). */
	refresh?: number;
	/** Styles of this page only (a constant of the page, never user input). */
	css?: string;
}) {
	const who = props.campaigner;
	return (
		<>
			{DOCTYPE}
			<html lang="en" dir="ltr">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<meta name="robots" content="noindex" />
					{props.refresh ? <meta http-equiv="refresh" content={String(props.refresh)} /> : null}
					<title>{`${props.title} · Red Line console`}</title>
					<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
					{/* A constant of ours, not user input. */}
					<style>{raw(props.css ? css + props.css : css)}</style>
				</head>
				<body>
					<header class="bar">
						<a class="brand" href="/console">
							Red Line console
						</a>
						{who ? (
							<>
								<span class="muted">
									{who.email} ({who.role})
								</span>
								<form method="post" action="/console/sign-out">
									<Csrf token={props.csrf} />
									<button type="submit" class="link">
										Sign out
									</button>
								</form>
								<nav aria-label="Console">
									{sections
										.filter(([, , role]) => role === "editor" || who.role === "admin")
										.map(([href, label]) => (
											<a href={href} aria-current={props.section === href ? "page" : undefined}>
												{label}
											</a>
										))}
								</nav>
							</>
						) : null}
					</header>
					<main>{props.children}</main>
				</body>
			</html>
		</>
	);
}
