import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL; wrangler applies it (`npm run db:migrate`), so there is one
// record of what ran. Flat NNNN_name.sql files, as wrangler expects.
export default defineConfig({
	dialect: "sqlite",
	schema: "./schema/index.ts",
	out: "./schema/migrations",
	migrations: { prefix: "index" },
});
