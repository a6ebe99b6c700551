import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

/** A partner organisation that carries the campaign's forms on its own site. */
export const partners = sqliteTable("partners", {
	id: text("id").primaryKey(),
	slug: text("slug").notNull().unique(),
	name: text("name").notNull(),
	/** Origins its widgets may submit from. */
	allowedOrigins: text("allowed_origins", { mode: "json" }).$type<string[]>().notNull().default([]),
	/** Its own opt-in line by locale, offered next to the campaign's: a separate consent. */
	consentTexts: text("consent_texts", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
	privacyUrl: text("privacy_url"),
	createdAt: createdAt(),
	updatedAt: updatedAt(),
});

export type Partner = typeof partners.$inferSelect;
