import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

export const campaignerRoles = ["admin", "editor"] as const;
export type CampaignerRole = (typeof campaignerRoles)[number];

/**
 * The console's allow-list: only these addresses can sign in. Set by the operator
 * (operator API, or an admin in the console). Removing someone sets `disabledAt`.
 */
export const campaigners = sqliteTable("campaigners", {
	id: text("id").primaryKey(),
	/** Lower-cased address the magic link goes to. */
	email: text("email").notNull().unique(),
	name: text("name"),
	role: text("role", { enum: campaignerRoles }).notNull().default("editor"),
	locale: text("locale").notNull().default("en"),
	/** The IANA time zone the campaigner last scheduled a bulletin in (the schedule form's default). */
	timeZone: text("time_zone"),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
	disabledAt: integer("disabled_at"),
	lastSignInAt: integer("last_sign_in_at"),
});

export type Campaigner = typeof campaigners.$inferSelect;

/** A signed-in console session. The cookie carries a random id; only its SHA-256 is stored. */
export const consoleSessions = sqliteTable(
	"console_sessions",
	{
		hash: text("hash").primaryKey(),
		campaignerId: text("campaigner_id")
			.notNull()
			.references(() => campaigners.id, { onDelete: "cascade" }),
		/** Secret for the CSRF token of this session's forms. */
		csrfSecret: text("csrf_secret").notNull(),
		createdAt: createdAt(),
		expiresAt: integer("expires_at").notNull(),
		lastSeenAt: integer("last_seen_at").notNull(),
	},
	(t) => [index("console_sessions_campaigner").on(t.campaignerId)],
);

export type ConsoleSession = typeof consoleSessions.$inferSelect;

/** Bearer tokens for the admin API: stored hashed, scoped, revocable. */
export const apiTokens = sqliteTable("api_tokens", {
	id: text("id").primaryKey(),
	name: text("name").notNull(),
	/** SHA-256 of the token; the token itself is shown once, when created. */
	hash: text("hash").notNull().unique(),
	/** The first characters of the token, to tell tokens apart in the console. */
	prefix: text("prefix").notNull(),
	scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
	createdBy: text("created_by"),
	createdAt: createdAt(),
	lastUsedAt: integer("last_used_at"),
	revokedAt: integer("revoked_at"),
	expiresAt: integer("expires_at"),
});

export type ApiToken = typeof apiTokens.$inferSelect;

/** Who changed what in the console or the admin API: campaigners' edits are accountable. */
export const auditLog = sqliteTable(
	"audit_log",
	{
		id: text("id").primaryKey(),
		/** `campaigner:<id>` or `token:<id>` or `operator`. */
		actor: text("actor").notNull(),
		action: text("action").notNull(),
		subject: text("subject"),
		detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
		createdAt: createdAt(),
	},
	(t) => [index("audit_log_created").on(t.createdAt)],
);
