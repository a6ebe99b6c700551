import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/** A person's request to export or erase what the engine holds about them. */
export const privacyRequests = sqliteTable("privacy_requests", {
	id: text("id").primaryKey(),
	personId: text("person_id").notNull(),
	kind: text("kind", { enum: ["export", "erase"] }).notNull(),
	/** The language the request was made in: its email and page use it. */
	locale: text("locale").notNull().default("en"),
	status: text("status", { enum: ["pending", "done"] })
		.notNull()
		.default("pending"),
	createdAt: createdAt(),
	completedAt: integer("completed_at"),
});
