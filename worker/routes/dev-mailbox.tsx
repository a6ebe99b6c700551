/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { isLocalRun } from "../lib/environment";
import { DomainError } from "../lib/errors";
import { getDevMailboxEmail, listDevMailbox } from "../mail/dev-mailbox";
import { Page } from "../pages/layout";
import type { AppEnv } from "../types";

/** The dev mailbox exists only on a local run (ENVIRONMENT development or test), never by default. */
const notInProduction = createMiddleware<AppEnv>(async (c, next) => {
	if (!isLocalRun(c.env)) throw new DomainError(404, "not_found", "Nothing here.");
	await next();
});

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
			<Page locale="en" title="Dev mailbox">
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
			</Page>,
		);
	});
