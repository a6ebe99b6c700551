import type { RequestIdVariables } from "hono/request-id";
import type { Database } from "./db";

export type AppEnv = {
	Bindings: Env;
	Variables: RequestIdVariables & { db: Database };
};
