/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { ConsoleEnv } from "../../middleware/console-auth";
import { ConsolePage } from "./layout";

/** The console's first page: counts, what waits for review, bulletins in flight. */
export const dashboard = new Hono<ConsoleEnv>().get("/", async (c) => {
	return c.html(
		<ConsolePage title="Dashboard" campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console">
			<h1>Dashboard</h1>
		</ConsolePage>,
	);
});
