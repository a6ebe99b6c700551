import { Hono } from "hono";
import * as v from "valibot";
import type { Campaigner } from "../../schema";
import {
	campaignerInput,
	disableCampaigner,
	findCampaignerByEmail,
	listCampaigners,
	saveCampaigner,
} from "../domain/console/campaigners";
import { jsonBody } from "../http/json-body";
import { operatorOnly } from "../http/operator-auth";
import { validate } from "../http/validate";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function shape(c: Campaigner) {
	return {
		email: c.email,
		name: c.name,
		role: c.role,
		locale: c.locale,
		disabled: c.disabledAt !== null,
		createdAt: iso(c.createdAt),
		lastSignInAt: iso(c.lastSignInAt),
	};
}

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
		return c.json({ campaigners: rows.map(shape) });
	})
	.put("/:email", validate("param", emailParam), ...jsonBody, validate("json", putBody), async (c) => {
		const { email } = c.req.valid("param");
		const { campaigner, created } = await saveCampaigner(c.var.db, { email, ...c.req.valid("json") }, Date.now());
		return c.json({ campaigner: shape(campaigner) }, created ? 201 : 200);
	})
	.delete("/:email", validate("param", emailParam), async (c) => {
		const { email } = c.req.valid("param");
		if (!(await disableCampaigner(c.var.db, email, Date.now()))) {
			throw new DomainError(404, "not_found", "No campaigner with this address.");
		}
		const row = await findCampaignerByEmail(c.var.db, email);
		return c.json({ campaigner: row ? shape(row) : null });
	});
