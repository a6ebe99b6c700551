// The import rules of docs/architecture.md, section 2 ("What each part may import"), checked by
// `npm run lint` (`depcruise worker emails schema`, about 2 s, offline). One rule per line of that
// table; the map and this file change together.
//
// Type-only imports (`import type`, `import { type X }`) count like any other import, for the part
// rules (a type ties two parts as a value does) and for cycles: the map counts type-only cycles as
// exceptions to remove, and one rule over every import misses no runtime cycle (dependency-cruiser
// reports one path per cycle, which a runtime-only filter could take through a type-only edge).
//
// KNOWN below is the temporary allow-list: the exceptions listed in docs/architecture.md section 2
// that other branches are removing, each entry under its number there. A listed dependency is
// reported as "known violations ignored" instead of failing; one that no longer occurs is
// reported as a stale entry. Strike the entries of an exception (and the exception in the map)
// when it goes. To see them all: `npx depcruise worker emails schema --no-ignore-known`.

/**
 * Each entry: an exception of the map, the rule it breaks, and its dependencies as
 * [from, to, the import's own text, dependency types if not the usual ones], as dependency-cruiser
 * prints them (`--output-type baseline --no-ignore-known`). from and to decide what is let
 * through; the text and types only let dependency-cruiser tell that an entry went stale.
 * @type {{ exception: number, why: string, rule: string, pairs: [string, string, string, string[]?][], cycle?: [string, string[]][] }[]}
 */
const KNOWN = [
	{
		exception: 1,
		why: "config helpers (publicUrl, appSecret) live in jobs/config.ts but are read everywhere",
		rule: "jobs-only-from-jobs",
		pairs: [
			["worker/http/origin.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/http/public-write.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/http/same-origin.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/pages/confirm.tsx", "worker/jobs/config.ts", "../jobs/config"],
			["worker/pages/console/sign-in.tsx", "worker/jobs/config.ts", "../../jobs/config"],
			["worker/pages/letter.tsx", "worker/jobs/config.ts", "../jobs/config"],
			["worker/pages/petition.tsx", "worker/jobs/config.ts", "../jobs/config"],
			["worker/pages/subscribe.tsx", "worker/jobs/config.ts", "../jobs/config"],
			["worker/pages/unsubscribe.tsx", "worker/jobs/config.ts", "../jobs/config"],
			["worker/routes/letters.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/routes/lists.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/routes/petitions.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/routes/privacy.ts", "worker/jobs/config.ts", "../jobs/config"],
			["worker/routes/widget.ts", "worker/jobs/config.ts", "../jobs/config"],
		],
	},
	{
		exception: 2,
		why: "domain/bulletins re-exports bulletinDeps (the production wiring) from jobs/",
		rule: "jobs-only-from-jobs",
		pairs: [
			[
				"worker/domain/bulletins/bulletins.ts",
				"worker/jobs/bulletin-deps.ts",
				"../../jobs/bulletin-deps",
				["local", "export"],
			],
		],
	},
	{
		exception: 3,
		why: "domain → widget → pages: widget-data takes the widget's words",
		rule: "domain-not-outward",
		pairs: [["worker/domain/partners/widget-data.ts", "worker/widget/strings.ts", "../../widget/strings"]],
	},
	{
		exception: 4,
		why: "domain → emails: bulletin-send renders; referrals takes the share links' words",
		rule: "domain-not-outward",
		pairs: [
			["worker/domain/bulletins/bulletin-send.ts", "emails/bulletin.tsx", "../../../emails/bulletin"],
			["worker/domain/bulletins/bulletin-send.ts", "emails/index.ts", "../../../emails"],
			["worker/domain/bulletins/bulletin-send.ts", "node_modules/react/index.js", "react"],
			[
				"worker/domain/bulletins/bulletin-send.ts",
				"node_modules/@react-email/render/dist/node/index.mjs",
				"@react-email/render",
			],
			["worker/domain/petitions/referrals.ts", "emails/i18n.ts", "../../../emails/i18n"],
			["worker/domain/petitions/referrals.ts", "emails/share-i18n.ts", "../../../emails/share-i18n"],
		],
	},
	{
		exception: 6,
		why: "pages → routes: the hosted forms take the JSON routes' request bodies",
		rule: "pages-not-routes",
		pairs: [
			["worker/pages/letter.tsx", "worker/routes/letters.ts", "../routes/letters"],
			["worker/pages/petition.tsx", "worker/routes/petitions.ts", "../routes/petitions"],
			["worker/pages/subscribe.tsx", "worker/routes/lists.ts", "../routes/lists"],
		],
	},
	{
		exception: 7,
		why: "routes/dev-mailbox.tsx renders with pages/layout.tsx (Page)",
		rule: "routes-not-pages",
		pairs: [["worker/routes/dev-mailbox.tsx", "worker/pages/layout.tsx", "../pages/layout"]],
	},
	{
		exception: 8,
		why: "pages on tables: the preference centre, /states, /console/countries",
		rule: "pages-not-tables",
		pairs: [
			["worker/pages/console/countries.tsx", "node_modules/drizzle-orm/index.js", "drizzle-orm"],
			["worker/pages/states.tsx", "node_modules/drizzle-orm/index.js", "drizzle-orm"],
			["worker/pages/unsubscribe.tsx", "node_modules/drizzle-orm/index.js", "drizzle-orm"],
			["worker/pages/unsubscribe.tsx", "worker/db.ts", "../db"],
		],
	},
	{
		exception: 9,
		why: "enqueueDeliveries outside http/public-write.ts (inside afterAnswer)",
		rule: "outbox-through-public-write",
		pairs: [
			["worker/pages/console/sign-in.tsx", "worker/mail/outbox.ts", "../../mail/outbox"],
			["worker/routes/privacy.ts", "worker/mail/outbox.ts", "../mail/outbox"],
		],
	},
	{
		exception: 10,
		why: "pages/share.tsx takes the words the thank-you email shares",
		rule: "emails-only-in-jobs",
		pairs: [["worker/pages/share.tsx", "emails/share-i18n.ts", "../../emails/share-i18n"]],
	},
	{
		exception: 11,
		why: "emails/i18n.ts takes the one plural helper from worker/lib/plural.ts",
		rule: "emails-not-worker",
		pairs: [["emails/i18n.ts", "worker/lib/plural.ts", "../worker/lib/plural", ["local", "export"]]],
	},
	{
		exception: 12,
		why: "the widget's client takes lib/plural.ts (pure, bundled into the script)",
		rule: "widget-client-alone",
		pairs: [
			["worker/widget/client/render.ts", "worker/lib/plural.ts", "../../lib/plural"],
			["worker/widget/client/types.ts", "worker/lib/plural.ts", "../../lib/plural", ["local", "type-only", "import"]],
		],
	},
	{
		exception: 13,
		why: "type-only cycle bulletin-send ↔ email-content (types EmailContent, LinkSettings)",
		rule: "no-circular",
		pairs: [
			[
				"worker/domain/bulletins/bulletin-send.ts",
				"worker/domain/email/email-content.ts",
				"../email/email-content",
				["local", "type-only", "import"],
			],
		],
		cycle: [
			["worker/domain/email/email-content.ts", ["local", "type-only", "import"]],
			["worker/domain/bulletins/bulletin-send.ts", ["local", "import"]],
		],
	},
];

/** KNOWN in the shape of dependency-cruiser's baseline (what `--output-type baseline` writes). */
const knownViolations = KNOWN.flatMap((entry) =>
	entry.pairs.map(([from, to, unresolvedTo, dependencyTypes]) => ({
		type: entry.cycle ? "cycle" : "dependency",
		from,
		to,
		unresolvedTo,
		dependencyTypes: dependencyTypes ?? [to.startsWith("node_modules/") ? "npm" : "local", "import"],
		rule: { severity: "error", name: entry.rule },
		...(entry.cycle ? { cycle: entry.cycle.map(([name, types]) => ({ name, dependencyTypes: types })) } : {}),
	})),
);

/** @type {import("dependency-cruiser").IForbiddenRuleType[]} */
const forbidden = [
	{
		name: "no-circular",
		comment: "No import cycles between modules, type-only imports included (see the head of this file).",
		severity: "error",
		from: {},
		to: { circular: true },
	},
	{
		name: "jobs-only-from-jobs",
		comment: "Nothing outside jobs/ (and worker/index.ts, which wires the queue and cron handlers) imports jobs/.",
		severity: "error",
		from: { path: "^worker/", pathNot: "^worker/(jobs/|index\\.ts$)" },
		to: { path: "^worker/jobs/" },
	},
	{
		name: "domain-not-outward",
		comment:
			"The domain takes schema/, db.ts, lib/, mail/, valibot, drizzle: no HTTP, pages, widget, emails, Hono or React (jobs/: jobs-only-from-jobs).",
		severity: "error",
		from: { path: "^worker/domain/" },
		to: {
			path: [
				"^worker/(routes|pages|http|widget|actions)/",
				"^worker/(app|index|types|config|deps)\\.ts$",
				"^emails/",
				"^node_modules/(hono|react|react-dom|@react-email/[^/]+)/",
			],
		},
	},
	{
		name: "actions-not-http",
		comment:
			"actions/ (one use case per public action) are free of Hono, routes, pages, http and jobs: callers hand them a context.",
		severity: "error",
		from: { path: "^worker/actions/" },
		to: {
			path: ["^worker/(routes|pages|http|jobs)/", "^worker/(app|index|types)\\.ts$", "^node_modules/hono/"],
			pathNot: "^worker/http/schemas\\.ts$",
		},
	},
	{
		name: "actions-input-types-only",
		comment: "An action reads its input's type from http/schemas.ts (the parsed body), never its code.",
		severity: "error",
		from: { path: "^worker/actions/" },
		to: { path: "^worker/http/schemas\\.ts$", dependencyTypesNot: ["type-only"] },
	},
	{
		name: "mail-not-outward",
		comment: "mail/ takes schema/, db.ts, lib/, resend: not domain/, jobs/, routes/, pages/, http/, emails/.",
		severity: "error",
		from: { path: "^worker/mail/" },
		to: { path: ["^worker/(domain|jobs|routes|pages|http|widget)/", "^worker/(app|index)\\.ts$"] },
	},
	{
		name: "mail-emails-types-only",
		comment: "mail/ reads the templates' names and props from emails/ as types (the email contract), never their code.",
		severity: "error",
		from: { path: "^worker/mail/" },
		to: { path: "^emails/", dependencyTypesNot: ["type-only"] },
	},
	{
		name: "lib-alone",
		comment: "lib/ takes packages and other lib/ files (and the i18n leaf), nothing else of worker/.",
		severity: "error",
		from: { path: "^worker/lib/" },
		to: { path: ["^worker/", "^schema/", "^emails/"], pathNot: "^worker/(lib|i18n)/" },
	},
	{
		name: "i18n-leaf",
		comment: "worker/i18n/ (the translation catalogs and their helpers) imports only its own files and packages.",
		severity: "error",
		from: { path: "^worker/i18n/" },
		to: { path: ["^worker/", "^schema/", "^emails/"], pathNot: "^worker/i18n/" },
	},
	{
		name: "schema-alone",
		comment: "schema/ takes drizzle-orm and its own files.",
		severity: "error",
		from: { path: "^schema/" },
		to: { path: ["^worker/", "^emails/"] },
	},
	{
		name: "emails-not-worker",
		comment:
			"emails/ takes react, @react-email/*, marked, its own files and worker/i18n/: nothing else of worker/, nor schema/.",
		severity: "error",
		from: { path: "^emails/" },
		to: { path: ["^worker/", "^schema/"], pathNot: "^worker/i18n/" },
	},
	{
		name: "jobs-not-http",
		comment: "jobs/ takes domain/, mail/, emails/, db.ts, lib/: not routes/, pages/, http/.",
		severity: "error",
		from: { path: "^worker/jobs/" },
		to: { path: "^worker/(routes|pages|http)/" },
	},
	{
		name: "http-not-outward",
		comment:
			"http/ (guards, CORS, body, validate, auth) takes domain/, lib/, types.ts, Hono: not routes/, pages/ (jobs/: jobs-only-from-jobs).",
		severity: "error",
		from: { path: "^worker/http/" },
		to: { path: "^worker/(routes|pages)/" },
	},
	{
		name: "routes-not-pages",
		comment: "routes/ (JSON) do not import pages/ (HTML).",
		severity: "error",
		from: { path: "^worker/routes/" },
		to: { path: "^worker/pages/" },
	},
	{
		name: "pages-not-routes",
		comment: "pages/ do not import routes/: the shared HTTP pieces are in http/ (jobs/: jobs-only-from-jobs).",
		severity: "error",
		from: { path: "^worker/pages/" },
		to: { path: "^worker/routes/" },
	},
	{
		name: "pages-not-tables",
		comment:
			"pages/ read and write through the domain: not drizzle-orm nor db.ts (schema types and status lists are fine anywhere).",
		severity: "error",
		from: { path: "^worker/pages/" },
		to: { path: ["^node_modules/drizzle-orm/", "^worker/db\\.ts$"] },
	},
	{
		name: "emails-only-in-jobs",
		comment: "emails/ are imported only where mail is rendered (jobs/).",
		severity: "error",
		from: { path: "^worker/(pages|routes|http)/" },
		to: { path: ["^emails/", "^node_modules/@react-email/[^/]+/"] },
	},
	{
		name: "outbox-through-public-write",
		comment:
			"routes/ and pages/ reach the outbox only through http/public-write.ts; routes/ may read the dev mailbox (mail/dev-mailbox.ts).",
		severity: "error",
		from: { path: "^worker/(routes|pages)/" },
		to: { path: "^worker/mail/", pathNot: "^worker/mail/dev-mailbox\\.ts$" },
	},
	{
		name: "widget-client-alone",
		comment: "The widget's browser code runs in partners' pages: its own files and worker/i18n/plural only.",
		severity: "error",
		from: { path: "^worker/widget/client/" },
		to: { pathNot: ["^worker/widget/client/", "^worker/i18n/plural\\.ts$"] },
	},
	{
		name: "widget-strings-alone",
		comment: "widget/strings.ts takes the locale list, plurals, the pages' shared words and the i18n leaf only.",
		severity: "error",
		from: { path: "^worker/widget/strings\\.ts$" },
		to: {
			path: ["^worker/", "^schema/", "^emails/"],
			pathNot: ["^worker/widget/", "^worker/lib/(locale|plural)\\.ts$", "^worker/pages/strings\\.ts$", "^worker/i18n/"],
		},
	},
];

module.exports = {
	forbidden,
	options: {
		knownViolations,
		baseline: { staleEntriesSeverity: "warn" },
		doNotFollow: { path: "node_modules" },
		// Paths into node_modules stay as such even where node_modules is a link (the rules match them).
		preserveSymlinks: true,
		exclude: { path: "^worker/(widget|pages/map)/dist/" },
		// Type-only imports are kept (and marked "type-only") so that the part rules see them.
		tsPreCompilationDeps: true,
		tsConfig: { fileName: "tsconfig.json" },
		enhancedResolveOptions: {
			exportsFields: ["exports"],
			conditionNames: ["import", "require", "node", "default"],
			mainFields: ["module", "main", "types", "typings"],
			extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
		},
		skipAnalysisNotInRules: true,
	},
};
