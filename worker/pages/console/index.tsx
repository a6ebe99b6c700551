/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { endSession } from "../../domain/console/console-sessions";
import {
	type ConsoleEnv,
	clearSessionCookie,
	csrfProtect,
	loadSession,
	noStore,
	requireSignedIn,
	sameOrigin,
	sessionCookie,
} from "../../http/console-auth";
import { DomainError } from "../../lib/errors";
import { errorFields, logEvent, redactLinks } from "../../lib/log";
import { bulletinPages } from "./bulletins";
import { campaignerPages } from "./campaigners";
import { countryPages } from "./countries";
import { dashboard } from "./dashboard";
import { ConsolePage } from "./layout";
import { letterCampaignPages } from "./letter-campaigns";
import { listPages } from "./lists";
import { partnerPages } from "./partners";
import { petitionPages } from "./petitions";
import { reviewPages } from "./review";
import { signInPages } from "./sign-in";
import { statePages } from "./states";
import { tokenPages } from "./tokens";
import { webhookPages } from "./webhooks";

const titles: Record<number, string> = {
	400: "Bad request",
	403: "Not allowed",
	404: "Not found",
	410: "Gone",
	413: "Too large",
	422: "Some fields need a fix",
	429: "Too many requests",
};

/**
 * The campaigners' console, server-rendered with no script. Order matters: the sign-in pages
 * come before the checks that need a session; every write after them carries the CSRF token.
 */
export const consolePages = new Hono<ConsoleEnv>()
	.use(noStore, sameOrigin, loadSession)
	.route("/", signInPages)
	.use(requireSignedIn, csrfProtect)
	.post("/sign-out", async (c) => {
		await endSession(c.var.db, sessionCookie(c), c.var.actor);
		clearSessionCookie(c);
		return c.html(
			<ConsolePage title="Signed out">
				<h1>You are signed out</h1>
				<p>
					<a href="/console/sign-in">Sign in again</a>
				</p>
			</ConsolePage>,
		);
	})
	.route("/", dashboard)
	.route("/bulletins", bulletinPages)
	.route("/petitions", petitionPages)
	.route("/review", reviewPages)
	.route("/letter-campaigns", letterCampaignPages)
	.route("/lists", listPages)
	.route("/partners", partnerPages)
	.route("/states", statePages)
	.route("/countries", countryPages)
	.route("/campaigners", campaignerPages)
	.route("/tokens", tokenPages)
	.route("/webhooks", webhookPages);

/** Errors as pages: a refused check is a clear 4xx page, and anything else a 500 page with the request id. */
consolePages.onError((err, c) => {
	c.header("Cache-Control", "no-store");
	if (err instanceof HTTPException || err instanceof DomainError) {
		const status = err.status;
		if (err instanceof DomainError)
			for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
		const title = titles[status] ?? "Request refused";
		return c.html(
			<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf}>
				<h1>{title}</h1>
				<p class="problem" role="alert">
					{err.message}
				</p>
				<p>
					<a href="/console">Back to the console</a>
				</p>
			</ConsolePage>,
			status,
		);
	}
	logEvent("error", "unhandled_error", {
		requestId: c.get("requestId"),
		method: c.req.method,
		path: redactLinks(c.req.path),
		...errorFields(err),
	});
	return c.html(
		<ConsolePage title="Something went wrong">
			<h1>Something went wrong on our side</h1>
			<p>Nothing was lost. Try again in a moment (request {c.get("requestId")}).</p>
		</ConsolePage>,
		500,
	);
});
