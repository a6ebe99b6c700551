import { Hono } from "hono";
import { operatorOnly } from "../http/operator-auth";
import type { AppEnv } from "../types";
import { operatorAsAdmin, partnersApi } from "./admin";

/**
 * Partners, for operators: the admin API's partner routes (who may carry the campaign's widgets,
 * from which origins, with which opt-in line of their own) behind OPERATOR_TOKEN.
 */
export const operatorPartners = new Hono<AppEnv>().use(operatorOnly, operatorAsAdmin).route("/", partnersApi);
