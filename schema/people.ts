import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

/** One row per person, matched on the canonical form of their email address. */
export const people = sqliteTable(
	"people",
	{
		id: text("id").primaryKey(),
		/** As given, trimmed, with the domain lower-cased: where emails are sent. */
		email: text("email").notNull(),
		/** Lower-cased, without the dots and +tags that the provider ignores: what identifies a person. */
		emailCanonical: text("email_canonical").notNull().unique(),
		name: text("name"),
		country: text("country"),
		locale: text("locale"),
		createdAt: createdAt(),
		updatedAt: updatedAt(),
		/** Set when the person asked to be erased: the row remains, emptied, so counts stay right. */
		erasedAt: integer("erased_at"),
	},
	// OSDI sync pages by modified date then id (migration 0014).
	(t) => [index("people_updated").on(t.updatedAt, t.id)],
);

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
