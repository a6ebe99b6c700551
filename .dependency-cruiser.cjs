// The import rules of docs/architecture.md, section 2 ("What each part may import"), checked by
// `npm run lint` (`depcruise worker emails schema`, about 2 s, offline). One rule per line of that
// table; the map and this file change together.
//
// Type-only imports (`import type`, `import { type X }`) count like any other import, for the part
// rules (a type ties two parts as a value does) and for cycles: the map counts type-only cycles as
// exceptions to remove, and one rule over every import misses no runtime cycle (dependency-cruiser
// reports one path per cycle, which a runtime-only filter could take through a type-only edge).

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
		name: "cards-alone",
		comment: "worker/cards/ (drawing the share cards) takes packages and its own files: pages give it the words.",
		severity: "error",
		from: { path: "^worker/cards/" },
		to: { path: ["^worker/", "^schema/", "^emails/"], pathNot: "^worker/cards/" },
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
