import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { dbMiddleware } from "./http/db";
import { apiCors } from "./http/origin";
import { DomainError, type ErrorBody } from "./lib/errors";
import { errorFields, logEvent, redactLinks } from "./lib/log";
import { apiDocs } from "./openapi/routes";
import { cards } from "./pages/cards";
import { confirmPages } from "./pages/confirm";
import { consolePages } from "./pages/console";
import { letterPages } from "./pages/letter";
import { petitionPages } from "./pages/petition";
import { privacyPages } from "./pages/privacy";
import { QUICK_EXIT_SCRIPT_HASH } from "./pages/quick-exit";
import { replyPages } from "./pages/reply";
import { statesPages } from "./pages/states";
import { subscribePages } from "./pages/subscribe";
import { unsubscribePages } from "./pages/unsubscribe";
import { adminApi } from "./routes/admin";
import { adminExports } from "./routes/admin-exports";
import { devMailbox } from "./routes/dev-mailbox";
import { favicon } from "./routes/favicon";
import { lettersApi } from "./routes/letters";
import { listsApi } from "./routes/lists";
import { operator } from "./routes/operator";
import { operatorCampaigners } from "./routes/operator-campaigners";
import { operatorPartners } from "./routes/operator-partners";
import { OSDI_BASE, osdiApi } from "./routes/osdi";
import { petitionsApi } from "./routes/petitions";
import { privacyApi } from "./routes/privacy";
import { statesApi } from "./routes/states";
import { webhooks } from "./routes/webhooks";
import { widget } from "./routes/widget";
import type { AppEnv } from "./types";

export const app = new Hono<AppEnv>();

app.use(requestId());
app.use(
	secureHeaders({
		// Pages carry one script of ours, the quick exit's, allowed by its hash; styles are inline.
		contentSecurityPolicy: {
			defaultSrc: ["'none'"],
			scriptSrc: [QUICK_EXIT_SCRIPT_HASH],
			styleSrc: ["'unsafe-inline'"],
			imgSrc: ["'self'", "data:"],
			formAction: ["'self'"],
			baseUri: ["'none'"],
			frameAncestors: ["'none'"],
		},
		referrerPolicy: "no-referrer",
		crossOriginResourcePolicy: false,
	}),
);
app.use(dbMiddleware);
app.use("/api/v1/*", apiCors);

app.route("/api/v1/petitions", petitionsApi);
app.route("/api/v1/lists", listsApi);
app.route("/api/v1/letters", lettersApi);
app.route("/api/v1/privacy", privacyApi);
app.route("/api/v1/operator/campaigners", operatorCampaigners);
app.route("/api/v1/operator", operator);
app.route("/api/v1/operator/partners", operatorPartners);
// Before the admin API: its own door (adminAuth) answers these, and the admin API's middleware never runs twice.
app.route("/api/v1/admin/exports", adminExports);
app.route("/api/v1/admin", adminApi);
app.route(OSDI_BASE, osdiApi);
app.route("/api/v1", statesApi);
app.route("/webhooks", webhooks);
app.route("/u", unsubscribePages);
app.route("/privacy", privacyPages);
app.route("/reply", replyPages);
app.route("/states", statesPages);
app.route("/confirm", confirmPages);
app.route("/", cards);
app.route("/p", petitionPages);
app.route("/s", subscribePages);
app.route("/l", letterPages);
app.route("/dev", devMailbox);
app.route("/", widget);
app.route("/", favicon);
// The OpenAPI document of this app's API routes, and its reference page (worker/openapi/).
app.route("/", apiDocs(app));
app.route("/console", consolePages);

app.get("/", (c) => c.redirect("/p/call-to-action"));

app.notFound((c) => c.json<ErrorBody>({ error: { code: "not_found", message: "Nothing here." } }, 404));

app.onError((err, c) => {
	if (err instanceof DomainError) {
		for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
		return c.json(err.body(), err.status);
	}
	if (err instanceof HTTPException) {
		// Hono's own: malformed JSON from the validator, and the like.
		const malformed = err.status === 400 && /JSON/i.test(err.message);
		return c.json<ErrorBody>(
			{
				error: {
					code: malformed ? "malformed_json" : "bad_request",
					message: malformed ? "The body is not valid JSON." : err.message || "Bad request.",
				},
			},
			err.status,
		);
	}
	logEvent("error", "unhandled_error", {
		requestId: c.get("requestId"),
		method: c.req.method,
		path: redactLinks(c.req.path),
		...errorFields(err),
	});
	return c.json<ErrorBody>(
		{ error: { code: "internal_error", message: `Something went wrong on our side (request ${c.get("requestId")}).` } },
		500,
	);
});
