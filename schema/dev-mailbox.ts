import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/** Emails caught locally when no RESEND_API_KEY is set. Never used in production. */
export const devMailbox = sqliteTable(
	"dev_mailbox",
	{
		id: text("id").primaryKey(),
		toAddress: text("to_address").notNull(),
		fromAddress: text("from_address").notNull(),
		/** The email's Reply-To, when it has one (letters to States: the writer's address). */
		replyTo: text("reply_to"),
		subject: text("subject").notNull(),
		html: text("html").notNull(),
		text: text("text").notNull(),
		headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("dev_mailbox_to").on(t.toAddress, t.createdAt)],
);
