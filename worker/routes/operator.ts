import { and, count, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import {
	letterCampaigns,
	letterStatuses,
	letters,
	lists,
	outbox,
	outboxStatuses,
	partners,
	petitions,
	signatures,
	subscriptions,
	targets,
} from "../../schema";
import { ledgerOf } from "../domain/consent";
import { decideHeldLetter } from "../domain/letters";
import { findPerson } from "../domain/people";
import { ApiError } from "../lib/errors";
import { enqueueDeliveries } from "../mail/outbox";
import { operatorOnly } from "../middleware/operator-auth";
import { validate } from "../middleware/validate";
import type { AppEnv } from "../types";
import { emailField } from "./schemas";

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
	/** Letters by status; `held` ones wait for a campaigner (near-identical) or for an address. */
	.get(
		"/letters",
		validate("query", v.object({ status: v.optional(v.picklist(letterStatuses), "held") })),
		async (c) => {
			const rows = await c.var.db
				.select({
					id: letters.id,
					status: letters.status,
					holdReason: letters.holdReason,
					state: targets.iso2,
					writerName: letters.writerName,
					subject: letters.subject,
					body: letters.body,
					edited: letters.edited,
					confirmedAt: letters.confirmedAt,
				})
				.from(letters)
				.innerJoin(targets, eq(targets.id, letters.targetId))
				.where(eq(letters.status, c.req.valid("query").status))
				.orderBy(desc(letters.createdAt))
				.limit(200);
			return c.json({ letters: rows });
		},
	)
	/** A campaigner's decision on a held letter: send it after all, or not. */
	.post("/letters/:id/:decision{release|reject}", async (c) => {
		const decision = c.req.param("decision") === "release" ? "release" : "reject";
		const row = await decideHeldLetter(c.var.db, c.req.param("id"), decision, Date.now());
		if (!row) throw new ApiError(404, "not_found", "No held letter with this id.");
		return c.json(row);
	})
	/**
	 * What each partner brought: confirmed signatures per petition, active subscriptions per list,
	 * letters sent per campaign. "(none)" is what came without a partner. Plain aggregates: this
	 * is for campaigners, not the hot path.
	 */
	.get("/partners/counts", async (c) => {
		const db = c.var.db;
		const [registered, signed, subscribed, sent] = await db.batch([
			db.select({ slug: partners.slug }).from(partners).orderBy(partners.slug),
			db
				.select({ partner: signatures.partner, slug: petitions.slug, n: count() })
				.from(signatures)
				.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
				.where(eq(signatures.status, "confirmed"))
				.groupBy(signatures.partner, petitions.slug),
			db
				.select({ partner: subscriptions.partner, slug: lists.slug, n: count() })
				.from(subscriptions)
				.innerJoin(lists, eq(lists.id, subscriptions.listId))
				.where(eq(subscriptions.status, "active"))
				.groupBy(subscriptions.partner, lists.slug),
			db
				.select({ partner: letters.partner, slug: letterCampaigns.slug, n: count() })
				.from(letters)
				.innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
				.where(eq(letters.status, "sent"))
				.groupBy(letters.partner, letterCampaigns.slug),
		]);
		type Counts = {
			signatures: Record<string, number>;
			subscriptions: Record<string, number>;
			letters: Record<string, number>;
		};
		const byPartner: Record<string, Counts> = {};
		const entry = (partner: string | null) => {
			const key = partner ?? "(none)";
			byPartner[key] ??= { signatures: {}, subscriptions: {}, letters: {} };
			return byPartner[key];
		};
		entry(null);
		for (const { slug } of registered) entry(slug);
		for (const row of signed) entry(row.partner).signatures[row.slug] = row.n;
		for (const row of subscribed) entry(row.partner).subscriptions[row.slug] = row.n;
		for (const row of sent) entry(row.partner).letters[row.slug] = row.n;
		return c.json({ partners: byPartner });
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
