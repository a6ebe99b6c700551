// The words of the API reference, per route as Hono registers it ("METHOD path"): a summary, the
// success answer when it is not a plain 200 with JSON, and the refusals that only the handler or
// the domain knows (a closed petition, a taken slug). Everything else (parameters, bodies, auth,
// scopes, the refusals of validation, auth and public writes) is read from the routes' own
// middleware. A route may instead name itself with `routeDoc()` (worker/openapi/meta.ts).
// tests/routes/openapi.test.ts fails for an API route that has neither.

import type { RouteSuccess, RouteWords } from "./meta";

const pending: RouteSuccess = {
	status: 202,
	description: "Accepted: an email asks the owner of the address to confirm. The same answer for every address.",
	schema: { type: "object", properties: { status: { const: "pending" } }, required: ["status"] },
};
const created = (description: string): RouteSuccess[] => [
	{ status: 200, description: `${description} replaced.` },
	{ status: 201, description: `${description} created.` },
];
const csv: RouteSuccess = { status: 200, type: "text/csv", description: "A CSV file (UTF-8, with a header row)." };
/** A bulletin named by its id in the path. */
const bulletin = (errors: Record<number, string[]> = {}) => ({ 404: ["bulletin_not_found"], ...errors });
const queued: RouteSuccess = {
	status: 202,
	schema: { type: "object", properties: { status: { const: "queued" } }, required: ["status"] },
};

const HAL = "application/hal+json";
const hal: RouteSuccess = { status: 200, type: HAL };
const halPage = (what: string): RouteWords["ok"] => ({
	status: 200,
	type: HAL,
	description: `A page of ${what} (HAL+JSON): \`page\`, \`per_page\`, \`_links\` (\`next\` while there are more) and \`_embedded\`, in a stable order.`,
});
const halPending: RouteSuccess = {
	status: 202,
	type: HAL,
	description: "Accepted: the person gets a confirmation email; nothing counts until its link is clicked.",
};
/** A file streamed as CSV or, with `format=jsonl`, JSON Lines. */
const exportFile: RouteSuccess[] = [
	{ status: 200, type: "text/csv", description: "CSV (the default), streamed." },
	{ status: 200, type: "application/x-ndjson", description: "JSON Lines with `format=jsonl`, streamed." },
];

export const routeWords: Record<string, RouteWords> = {
	// Public
	"GET /api/v1/petitions/:slug": {
		summary: "A petition: its words in a language, its count and the count per country",
		errors: { 404: ["petition_not_found"] },
	},
	"POST /api/v1/petitions/:slug/signatures": {
		summary: "Sign a petition (double opt-in: counted once the signer confirms by email)",
		ok: pending,
		errors: { 404: ["petition_not_found"], 409: ["petition_closed"] },
	},
	"GET /api/v1/lists/:slug": {
		summary: "A mailing list's words, with the exact consent line a form must show",
		errors: { 404: ["list_not_found"] },
	},
	"POST /api/v1/lists/:slug/subscriptions": {
		summary: "Subscribe to a list (double opt-in; the consent is recorded in the ledger)",
		ok: pending,
		errors: { 404: ["list_not_found"], 409: ["list_closed"] },
	},
	"GET /api/v1/letters/:slug/draft": {
		summary: "The letter(s) as the writer will send them to their State",
		errors: { 404: ["letter_campaign_not_found"] },
	},
	"POST /api/v1/letters/:slug": {
		summary: "Write to a State: the letter is sent once the writer confirms by email",
		ok: pending,
		errors: { 404: ["letter_campaign_not_found"], 409: ["letter_campaign_closed"] },
	},
	"GET /api/v1/letters/:slug/scoreboard": {
		summary: "The public scoreboard of States for a letter campaign",
		errors: { 404: ["letter_campaign_not_found"] },
	},
	"POST /api/v1/privacy/requests": {
		summary: "Ask for a copy of one's data, or its erasure (confirmed by a link sent to the address)",
		ok: {
			status: 202,
			schema: { type: "object", properties: { status: { const: "requested" } }, required: ["status"] },
		},
	},
	"GET /api/v1/states": { summary: "The States with their commitments (no contact address)" },
	"GET /api/v1/widget/:kind/:slug": {
		summary: "What a partner's widget shows for an action",
		errors: { 404: ["not_found"] },
	},

	// Webhooks
	"POST /webhooks/resend": {
		summary: "Resend's delivery events (bounces, complaints), signed with Standard Webhooks / Svix headers",
		description:
			"Verified with the `svix-id`, `svix-timestamp` and `svix-signature` headers (or their `webhook-*` names) before anything changes. 404 while no RESEND_WEBHOOK_SECRET is set.",
		errors: { 401: ["invalid_signature"], 404: ["not_found"], 413: ["payload_too_large"], 422: ["invalid_event"] },
	},

	// Operator
	"GET /api/v1/operator/campaigners": { summary: "The console's allow-list: who may sign in" },
	"PUT /api/v1/operator/campaigners/:email": {
		summary: "Allow someone into the console, as admin or editor (or change their role)",
		ok: created("The campaigner"),
	},
	"DELETE /api/v1/operator/campaigners/:email": { summary: "Disable a campaigner and end their sessions" },
	"GET /api/v1/operator/outbox": { summary: "Emails by status (no bodies, no props)" },
	"GET /api/v1/operator/consent": { summary: "Proof of consent: the ledger entries for the person behind an address" },
	"GET /api/v1/operator/letters": { summary: "Letters by status" },
	"POST /api/v1/operator/letters/:id/:decision{release|reject}": {
		summary: "Release or reject a held letter",
		errors: { 409: ["letter_needs_address"] },
	},
	"GET /api/v1/operator/partners/counts": { summary: "What each partner brought: signatures, subscriptions, letters" },
	"POST /api/v1/operator/outbox/:id/retry": { summary: "Give a dead email a fresh set of attempts", ok: queued },
	"POST /api/v1/operator/api-tokens": {
		summary: "Create an admin API token (the secret is in this answer only)",
		ok: { status: 201 },
	},
	"GET /api/v1/operator/partners": { summary: "The partners who may carry the campaign's widgets" },
	"GET /api/v1/operator/partners/:slug": { summary: "One partner" },
	"PUT /api/v1/operator/partners/:slug": {
		summary: "Register a partner or replace what is known of it",
		ok: created("The partner"),
	},
	"GET /api/v1/operator/states/:file{[a-z]+\\.csv}": {
		summary: "The States directory as a CSV file: states.csv, contacts.csv or commitments.csv",
		ok: csv,
	},
	"POST /api/v1/operator/states/:kind": {
		summary: "Import a CSV file of the States directory (all or nothing; ?dryRun=1 checks only)",
		description: "The body is the CSV file itself, with `Content-Type: text/csv` (at most 2 MB).",
		errors: { 404: ["not_found"], 413: ["payload_too_large"], 415: ["unsupported_media_type"], 422: ["invalid_rows"] },
	},

	// Admin
	"GET /api/v1/admin/petitions": { summary: "The petitions, for editing" },
	"POST /api/v1/admin/petitions": {
		summary: "Create a petition",
		ok: { status: 201 },
		errors: { 409: ["slug_taken"] },
	},
	"GET /api/v1/admin/petitions/:slug": { summary: "A petition with its words in every language" },
	"PUT /api/v1/admin/petitions/:slug": { summary: "Change a petition", errors: { 409: ["slug_taken"] } },
	"GET /api/v1/admin/petitions/:slug/counts": { summary: "A petition's count, and the count per country" },
	"GET /api/v1/admin/petitions/:slug/signatures.csv": {
		summary: "Confirmed signatures for delivery to a State (only what signers agreed to share; audited)",
		ok: csv,
	},
	"GET /api/v1/admin/letter-campaigns": { summary: "The letter campaigns, for editing" },
	"POST /api/v1/admin/letter-campaigns": {
		summary: "Create a letter campaign",
		ok: { status: 201 },
		errors: { 409: ["slug_taken"] },
	},
	"GET /api/v1/admin/letter-campaigns/:slug": { summary: "A letter campaign with its words in every language" },
	"PUT /api/v1/admin/letter-campaigns/:slug": { summary: "Change a letter campaign", errors: { 409: ["slug_taken"] } },
	"GET /api/v1/admin/lists": { summary: "The mailing lists, for editing" },
	"POST /api/v1/admin/lists": {
		summary: "Create a mailing list",
		ok: { status: 201 },
		errors: { 409: ["slug_taken"] },
	},
	"GET /api/v1/admin/lists/:slug": { summary: "A mailing list with its words in every language" },
	"PUT /api/v1/admin/lists/:slug": { summary: "Change a mailing list", errors: { 409: ["slug_taken"] } },
	"GET /api/v1/admin/partners": { summary: "The partners" },
	"GET /api/v1/admin/partners/:slug": { summary: "One partner" },
	"PUT /api/v1/admin/partners/:slug": {
		summary: "Register a partner or replace what is known of it",
		ok: created("The partner"),
	},
	"GET /api/v1/admin/states": { summary: "The States directory, for editing" },
	"GET /api/v1/admin/states/:iso2": { summary: "One State with its contacts and commitments" },
	"PUT /api/v1/admin/states/:iso2": { summary: "Change a State's entry in the directory" },
	"GET /api/v1/admin/counts": { summary: "Confirmed counts per petition and per partner" },
	"GET /api/v1/admin/letters/held": { summary: "Letters held for review" },
	"POST /api/v1/admin/letters/:id/:decision{release|reject}": {
		summary: "Release or reject a held letter",
		errors: { 409: ["letter_needs_address"] },
	},
	"GET /api/v1/admin/outbox/dead": { summary: "Emails that ran out of attempts" },
	"POST /api/v1/admin/outbox/:id/retry": { summary: "Give a dead email a fresh set of attempts", ok: queued },
	"GET /api/v1/admin/api-tokens": { summary: "The API tokens (never their secrets)" },
	"POST /api/v1/admin/api-tokens": {
		summary: "Create an API token with at most the scopes of the token in use (the secret is in this answer only)",
		ok: { status: 201 },
	},
	"DELETE /api/v1/admin/api-tokens/:id": { summary: "Revoke an API token" },
	"GET /api/v1/admin/audit": { summary: "The audit log, newest first" },
	"GET /api/v1/admin/bulletins": { summary: "The bulletins" },
	"POST /api/v1/admin/bulletins": { summary: "Compose a bulletin (a draft)", ok: { status: 201 } },
	"GET /api/v1/admin/bulletins/audience": {
		summary: "How many people a list reaches now",
		description: "Narrowed by `locales`, `countries` and `partners` in the query, each comma-separated.",
	},
	"GET /api/v1/admin/bulletins/:id": { summary: "A bulletin with its progress", errors: bulletin() },
	"DELETE /api/v1/admin/bulletins/:id": {
		summary: "Delete a draft (a bulletin that is scheduled, sending or done is kept)",
		ok: { status: 204 },
		errors: bulletin({ 409: ["bulletin_not_editable"] }),
	},
	"PUT /api/v1/admin/bulletins/:id": {
		summary: "Change a draft bulletin",
		errors: bulletin({ 409: ["bulletin_not_editable"] }),
	},
	"GET /api/v1/admin/bulletins/:id/preview": {
		summary: "A bulletin as one subscriber will read it",
		errors: bulletin(),
	},
	"POST /api/v1/admin/bulletins/:id/test": {
		summary: "Send a bulletin to one address as a test",
		errors: bulletin(),
		ok: { status: 202, schema: { type: "object", properties: { queued: { const: true } }, required: ["queued"] } },
	},
	"POST /api/v1/admin/bulletins/:id/send": {
		summary: "Send a bulletin now or at a time (paced to the provider's rate)",
		ok: { status: 202 },
		errors: bulletin({ 409: ["bulletin_state", "bulletin_not_editable"] }),
	},
	"POST /api/v1/admin/bulletins/:id/pause": {
		summary: "Pause a bulletin that is sending",
		errors: bulletin({ 409: ["bulletin_state"] }),
	},
	"POST /api/v1/admin/bulletins/:id/resume": {
		summary: "Resume a paused bulletin",
		errors: bulletin({ 409: ["bulletin_state"] }),
	},
	"POST /api/v1/admin/bulletins/:id/cancel": {
		summary: "Cancel a bulletin",
		errors: bulletin({ 409: ["bulletin_state"] }),
	},
	"GET /api/v1/admin/bulletins/:id/progress": {
		summary: "A bulletin's progress: sent, failed, to go",
		errors: bulletin(),
	},

	// Exports (admin)
	"GET /api/v1/admin/exports/signatures": {
		summary: "Export confirmed signatures (names and addresses only with people:read; audited)",
		ok: exportFile,
	},
	"GET /api/v1/admin/exports/subscribers": {
		summary: "Export subscribers with the proof of their consent (audited)",
		ok: exportFile,
	},
	"GET /api/v1/admin/exports/letters": {
		summary: "Export confirmed letters (writers' details only with people:read; audited)",
		ok: exportFile,
	},

	// OSDI 1.1
	"GET /api/osdi/v1": { summary: "The OSDI entry point: what this server offers, as links", ok: hal },
	"GET /api/osdi/v1/people": { summary: "People (erased people never appear)", ok: halPage("people") },
	"GET /api/osdi/v1/people/:id": { summary: "One person", ok: hal },
	"POST /api/osdi/v1/people": {
		summary: "person_signup_helper: subscribe someone to a list, by double opt-in",
		ok: halPending,
		errors: { 404: ["list_not_found"], 409: ["list_closed"], 429: ["rate_limited"] },
	},
	"GET /api/osdi/v1/petitions": { summary: "Petitions", ok: halPage("petitions") },
	"GET /api/osdi/v1/petitions/:slug": { summary: "One petition", ok: hal },
	"GET /api/osdi/v1/petitions/:slug/signatures": {
		summary: "A petition's confirmed signatures (names where shown publicly, or with people:read)",
		ok: halPage("signatures"),
	},
	"GET /api/osdi/v1/petitions/:slug/signatures/:id": { summary: "One signature", ok: hal },
	"POST /api/osdi/v1/petitions/:slug/signatures": {
		summary: "record_signature_helper: a pending signature and its confirmation email",
		ok: halPending,
		errors: { 404: ["petition_not_found"], 409: ["petition_closed"], 429: ["rate_limited"] },
	},
	"GET /api/osdi/v1/advocacy_campaigns": { summary: "Letter campaigns", ok: halPage("advocacy campaigns") },
	"GET /api/osdi/v1/advocacy_campaigns/:slug": { summary: "One letter campaign", ok: hal },
	"GET /api/osdi/v1/advocacy_campaigns/:slug/outreaches": {
		summary: "A letter campaign's letters, each with its State target (ISO code and name)",
		ok: halPage("outreaches"),
	},
	"GET /api/osdi/v1/advocacy_campaigns/:slug/outreaches/:id": { summary: "One letter", ok: hal },
	"GET /api/osdi/v1/lists": { summary: "Mailing lists", ok: halPage("lists") },
	"GET /api/osdi/v1/lists/:slug": { summary: "One mailing list", ok: hal },
	"GET /api/osdi/v1/lists/:slug/items": {
		summary: "Who is on a list: confirmed subscriptions, active or ended (personal data)",
		ok: halPage("list items"),
	},
	"GET /api/osdi/v1/lists/:slug/items/:id": { summary: "One list item", ok: hal },
	"GET /api/osdi/v1/tags": { summary: "Tags", ok: halPage("tags") },
	"GET /api/osdi/v1/tags/:slug": { summary: "One tag", ok: hal },
};
