/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { isLocalRun } from "../lib/environment";
import { DomainError } from "../lib/errors";
import { getDevMailboxEmail, listDevMailbox } from "../mail/dev-mailbox";
import type { AppEnv } from "../types";

/** The dev mailbox exists only on a local run (ENVIRONMENT development or test), never by default. */
const notInProduction = createMiddleware<AppEnv>(async (c, next) => {
	if (!isLocalRun(c.env)) throw new DomainError(404, "not_found", "Nothing here.");
	await next();
});

const css = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#faf8f6}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.muted{color:#5a5a5a;font-size:.9rem}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ddd;padding:.75rem;border-radius:.3rem;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:start;vertical-align:top}`;

/**
 * The dev mailbox's own frame: a developer's tool, in English, with no quick exit and nothing
 * of the public pages (which routes do not import).
 */
function MailboxPage(props: { children: Child }) {
	return (
		<>
			{raw("<!DOCTYPE html>")}
			<html lang="en" dir="ltr">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<meta name="robots" content="noindex" />
					<title>Dev mailbox</title>
					<style>{raw(css)}</style>
				</head>
				<body>
					<main>{props.children}</main>
				</body>
			</html>
		</>
	);
}

/** Every header the email carries, as a provider would send it: the addresses, then the rest. */
function headerLines(e: {
	fromAddress: string;
	toAddress: string;
	replyTo: string | null;
	subject: string;
	headers: Record<string, string>;
}) {
	return [
		["From", e.fromAddress],
		["To", e.toAddress],
		...(e.replyTo ? [["Reply-To", e.replyTo]] : []),
		["Subject", e.subject],
		...Object.entries(e.headers),
	];
}

/** Splits text into plain runs and links, so a caught email's links can be clicked. */
function linkify(text: string) {
	return text.split(/(https?:\/\/[^\s<>"']+)/g).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));
}

export const devMailbox = new Hono<AppEnv>()
	.use(notInProduction)
	.get("/mailbox.json", async (c) => {
		const emails = await listDevMailbox(c.var.db, c.req.query("to"));
		c.header("Cache-Control", "no-store");
		return c.json(
			emails.map((e) => ({
				id: e.id,
				to: e.toAddress,
				from: e.fromAddress,
				replyTo: e.replyTo,
				subject: e.subject,
				html: e.html,
				text: e.text,
				headers: e.headers,
				createdAt: new Date(e.createdAt).toISOString(),
			})),
		);
	})
	.get("/mailbox/:id", async (c) => {
		const email = await getDevMailboxEmail(c.var.db, c.req.param("id"));
		if (!email) throw new DomainError(404, "not_found", "No such email in the dev mailbox.");
		// The email's own HTML, boxed in: no script runs, no form posts.
		c.header(
			"Content-Security-Policy",
			"sandbox allow-popups allow-top-navigation-by-user-activation; default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
		);
		c.header("Cache-Control", "no-store");
		return c.html(email.html);
	})
	.get("/mailbox", async (c) => {
		const to = c.req.query("to");
		const emails = await listDevMailbox(c.var.db, to);
		c.header("Cache-Control", "no-store");
		return c.html(
			<MailboxPage>
				<h1>Dev mailbox</h1>
				<p class="muted">
					Emails the engine would have sent, caught because RESEND_API_KEY is not set. Newest first
					{to ? ` (to ${to})` : ""}. JSON:{" "}
					<a href={`/dev/mailbox.json${to ? `?to=${encodeURIComponent(to)}` : ""}`}>/dev/mailbox.json</a>
				</p>
				{emails.length === 0 ? <p>No emails yet.</p> : null}
				{emails.map((e) => (
					<article>
						<h2>{e.subject}</h2>
						<p class="muted">
							{new Date(e.createdAt).toISOString()} · <a href={`/dev/mailbox/${e.id}`}>HTML version</a>
						</p>
						<table class="headers">
							<tbody>
								{headerLines(e).map(([name, value]) => (
									<tr>
										<th scope="row">{name}</th>
										<td>{value}</td>
									</tr>
								))}
							</tbody>
						</table>
						<pre>{linkify(e.text)}</pre>
					</article>
				))}
			</MailboxPage>,
		);
	});
