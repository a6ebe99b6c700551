import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { outbox, outboxStatuses } from "../../schema";
import { ledgerOf } from "../domain/consent";
import { findPerson } from "../domain/people";
import { timingSafeEqual } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { enqueueDeliveries } from "../mail/outbox";
import { validate } from "../middleware/validate";
import type { AppEnv } from "../types";
import { emailField } from "./schemas";

/** Operator endpoints exist only when OPERATOR_TOKEN is set, and need it as a bearer token. */
const operatorOnly = createMiddleware<AppEnv>(async (c, next) => {
	const expected = c.env.OPERATOR_TOKEN;
	if (!expected) throw new ApiError(404, "not_found", "Nothing here.");
	const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
	if (!timingSafeEqual(given, expected)) {
		c.header("WWW-Authenticate", "Bearer");
		throw new ApiError(401, "unauthorized", "Send the operator token as a bearer token.");
	}
	await next();
});

export const operator = new Hono<AppEnv>()
	.use(operatorOnly)
	/** Emails by status; `dead` ones are those that ran out of attempts. No bodies, no props. */
	.get(
		"/outbox",
		validate("query", v.object({ status: v.optional(v.picklist(outboxStatuses), "dead") })),
		async (c) => {
			const { status } = c.req.valid("query");
			const rows = await c.var.db
				.select({
					id: outbox.id,
					template: outbox.template,
					to: outbox.toAddress,
					status: outbox.status,
					attempts: outbox.attempts,
					lastError: outbox.lastError,
					createdAt: outbox.createdAt,
					nextAttemptAt: outbox.nextAttemptAt,
				})
				.from(outbox)
				.where(eq(outbox.status, status))
				.orderBy(desc(outbox.createdAt))
				.limit(200);
			return c.json({ emails: rows });
		},
	)
	/**
	 * When and how an address consented: every entry of the ledger for the person behind it,
	 * with the exact wording agreed to. For showing proof of consent on request.
	 */
	.get("/consent", validate("query", v.object({ email: emailField })), async (c) => {
		const person = await findPerson(c.var.db, c.req.valid("query").email);
		if (!person) throw new ApiError(404, "not_found", "No one with this address.");
		const events = await ledgerOf(c.var.db, person.id);
		return c.json({
			email: person.email,
			events: events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
		});
	})
	/** Gives a dead email a fresh set of attempts (after the operator fixed the cause). */
	.post("/outbox/:id/retry", async (c) => {
		const [row] = await c.var.db
			.update(outbox)
			.set({ status: "failed", attempts: 0, nextAttemptAt: Date.now() })
			.where(and(eq(outbox.id, c.req.param("id")), eq(outbox.status, "dead")))
			.returning({ id: outbox.id });
		if (!row) throw new ApiError(404, "not_found", "No dead email with this id.");
		await enqueueDeliveries(c.env.QUEUE, [{ outboxId: row.id, attempts: 0 }]);
		return c.json({ status: "queued" }, 202);
	});
