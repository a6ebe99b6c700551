import { integer } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch: plain integers compare and index well in SQLite. */
export const createdAt = () => integer("created_at").notNull();
export const updatedAt = () => integer("updated_at").notNull();
