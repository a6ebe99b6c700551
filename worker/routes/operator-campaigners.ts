import { Hono } from "hono";
import * as v from "valibot";
import {
	campaignerInput,
	disableCampaigner,
	findCampaignerByEmail,
	listCampaigners,
	saveCampaigner,
} from "../domain/console/campaigners";
import { notFound } from "../domain/console/find-or-404";
import { jsonBody } from "../http/json-body";
import { operatorOnly } from "../http/operator-auth";
import { campaignerJson } from "../http/serialize";
import { validate } from "../http/validate";
import type { AppEnv } from "../types";

const { email: emailSchema, ...rest } = campaignerInput.entries;
const emailParam = v.object({ email: emailSchema });
const putBody = v.object(rest);

/**
 * The console's allow-list, set by the operator: who may sign in, as admin or editor.
 * Removing someone disables them and ends their sessions at once.
 */
export const operatorCampaigners = new Hono<AppEnv>()
	.use(operatorOnly)
	.get("/", async (c) => {
		const rows = await listCampaigners(c.var.db);
		return c.json({ campaigners: rows.map(campaignerJson) });
	})
	.put("/:email", validate("param", emailParam), ...jsonBody, validate("json", putBody), async (c) => {
		const { email } = c.req.valid("param");
		const { campaigner, created } = await saveCampaigner(c.var.db, { email, ...c.req.valid("json") }, Date.now());
		return c.json({ campaigner: campaignerJson(campaigner) }, created ? 201 : 200);
	})
	.delete("/:email", validate("param", emailParam), async (c) => {
		const { email } = c.req.valid("param");
		if (!(await disableCampaigner(c.var.db, email, Date.now()))) throw notFound("campaigner");
		const row = await findCampaignerByEmail(c.var.db, email);
		return c.json({ campaigner: row ? campaignerJson(row) : null });
	});
