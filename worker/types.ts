import type { RequestIdVariables } from "hono/request-id";
import type { Campaigner } from "../schema/console";
import type { Database } from "./db";

export type AppEnv = {
	Bindings: Env;
	Variables: RequestIdVariables & {
		db: Database;
		/** Who is acting, for the audit log: `campaigner:<id>`, `token:<id>` or `operator`. */
		actor?: string;
		/** The signed-in campaigner, on console pages. */
		campaigner?: Campaigner;
		/** Scopes of the admin API token in use. */
		scopes?: string[];
	};
};
