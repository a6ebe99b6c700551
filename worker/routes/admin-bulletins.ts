import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { bulletinDeps } from "../deps";
import {
	bulletinInput,
	bulletinProgress,
	cancelBulletin,
	countAudience,
	createBulletin,
	deleteBulletinDraft,
	listBulletins,
	pauseBulletin,
	previewBulletin,
	resumeBulletin,
	scheduleBulletin,
	sendTestBulletin,
	updateBulletin,
} from "../domain/bulletins/bulletins";
import { bulletinOr404, orNotFound } from "../domain/console/find-or-404";
import { emailField } from "../http/schemas";
import { bulletinJson, bulletinTextJson, progressJson } from "../http/serialize";
import { validate } from "../http/validate";
import { locales } from "../i18n/locales";
import { DomainError } from "../lib/errors";
import type { AppEnv } from "../types";

/** A bulletin in five languages is larger than a public form: its own cap. */
const MAX_BULLETIN_BYTES = 512 * 1024;

const jsonBulletinBody = [
	createMiddleware(async (c, next) => {
		if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
			throw new DomainError(
				415,
				"unsupported_media_type",
				"Send the body as JSON, with Content-Type: application/json.",
			);
		}
		await next();
	}),
	bodyLimit({
		maxSize: MAX_BULLETIN_BYTES,
		onError: () => {
			throw new DomainError(413, "payload_too_large", `The body is larger than ${MAX_BULLETIN_BYTES / 1024} KB.`);
		},
	}),
] as const;

const idParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });
/** Whom a preview or a test greets and fills `{{name}}` with (absent: someone who gave no name). */
const nameField = v.optional(
	v.pipe(v.string("The name is text."), v.trim(), v.maxLength(200, "The name is at most 200 characters.")),
);
const localeQuery = v.object({
	locale: v.optional(v.picklist(locales, `The language is one of ${locales.join(", ")}.`)),
	name: nameField,
});
const testBody = v.object({
	email: emailField,
	locale: v.optional(v.picklist(locales, `The language is one of ${locales.join(", ")}.`)),
	name: nameField,
});
const sendBody = v.object({
	/** Milliseconds since the epoch, or an ISO date; absent or null: now. */
	sendAt: v.optional(
		v.nullable(
			v.union(
				[
					v.pipe(v.number(), v.integer(), v.minValue(0)),
					v.pipe(v.string(), v.isoTimestamp("sendAt is a date and time (ISO 8601)."), v.transform(Date.parse)),
				],
				"sendAt is a date and time (ISO 8601) or milliseconds since the epoch.",
			),
		),
		null,
	),
});
const audienceQuery = v.object({ listId: v.pipe(v.string(), v.minLength(1)) });

/** Who acts, for the audit rows: the admin API token in use. */
const actorOf = (c: Context<AppEnv>) => c.var.actor ?? "operator";

/**
 * Bulletins for the admin API (mounted behind bearer-token auth with scope "bulletins"; no auth
 * of its own): compose, preview, test, send, pause, resume, cancel, delete a draft, and progress.
 */
export const adminBulletins = new Hono<AppEnv>()
	.get("/", async (c) =>
		c.json({
			bulletins: (await listBulletins(c.var.db)).map((b) => ({
				...bulletinJson(b),
				progress: progressJson(b.progress),
			})),
		}),
	)
	.post("/", ...jsonBulletinBody, validate("json", bulletinInput), async (c) => {
		const bulletin = await createBulletin(c.var.db, c.req.valid("json"), actorOf(c), Date.now());
		return c.json({ bulletin: bulletinJson(bulletin) }, 201);
	})
	/** How many people a list (narrowed by ?locales=&countries=&partners=, comma-separated) reaches now. */
	.get("/audience", validate("query", audienceQuery), async (c) => {
		const split = (name: string) =>
			c.req
				.query(name)
				?.split(",")
				.map((s) => s.trim())
				.filter(Boolean);
		const audience = { locales: split("locales"), countries: split("countries"), partners: split("partners") };
		return c.json({ count: await countAudience(c.var.db, c.req.valid("query").listId, audience) });
	})
	.get("/:id", validate("param", idParam), async (c) => {
		const found = await bulletinOr404(c.var.db, c.req.valid("param").id);
		return c.json({
			bulletin: bulletinJson(found.bulletin),
			texts: found.texts.map(bulletinTextJson),
			progress: progressJson(await bulletinProgress(c.var.db, found.bulletin.id)),
		});
	})
	/** Deletes a draft (204); a bulletin that is scheduled, sending or done is kept (409). */
	.delete("/:id", validate("param", idParam), async (c) => {
		await deleteBulletinDraft(c.var.db, c.req.valid("param").id, c.var.actor ?? "operator", Date.now());
		return c.body(null, 204);
	})
	.put("/:id", validate("param", idParam), ...jsonBulletinBody, validate("json", bulletinInput), async (c) => {
		const bulletin = await updateBulletin(
			c.var.db,
			c.req.valid("param").id,
			c.req.valid("json"),
			Date.now(),
			actorOf(c),
		);
		return c.json({ bulletin: bulletinJson(bulletin) });
	})
	.get("/:id/preview", validate("param", idParam), validate("query", localeQuery), async (c) => {
		const deps = bulletinDeps(c.env, c.var.db);
		const { locale, name } = c.req.valid("query");
		const preview = await previewBulletin(deps, c.req.valid("param").id, locale ?? "en", name || null);
		return c.json(orNotFound(preview, "bulletin"));
	})
	.post("/:id/test", validate("param", idParam), ...jsonBulletinBody, validate("json", testBody), async (c) => {
		const { email, locale, name } = c.req.valid("json");
		const deps = bulletinDeps(c.env, c.var.db);
		await sendTestBulletin(deps, c.req.valid("param").id, email, locale ?? "en", Date.now(), name || null, actorOf(c));
		return c.json({ queued: true }, 202);
	})
	.post("/:id/send", validate("param", idParam), ...jsonBulletinBody, validate("json", sendBody), async (c) => {
		const deps = bulletinDeps(c.env, c.var.db);
		const progress = await scheduleBulletin(
			deps,
			c.req.valid("param").id,
			c.req.valid("json").sendAt,
			Date.now(),
			null,
			actorOf(c),
		);
		return c.json({ progress: progressJson(progress) }, 202);
	})
	.post("/:id/pause", validate("param", idParam), async (c) =>
		c.json({
			progress: progressJson(
				await pauseBulletin(bulletinDeps(c.env, c.var.db), c.req.valid("param").id, Date.now(), actorOf(c)),
			),
		}),
	)
	.post("/:id/resume", validate("param", idParam), async (c) =>
		c.json({
			progress: progressJson(
				await resumeBulletin(bulletinDeps(c.env, c.var.db), c.req.valid("param").id, Date.now(), actorOf(c)),
			),
		}),
	)
	.post("/:id/cancel", validate("param", idParam), async (c) =>
		c.json({
			progress: progressJson(
				await cancelBulletin(bulletinDeps(c.env, c.var.db), c.req.valid("param").id, Date.now(), actorOf(c)),
			),
		}),
	)
	.get("/:id/progress", validate("param", idParam), async (c) => {
		c.header("Cache-Control", "no-store");
		return c.json({ progress: progressJson(await bulletinProgress(c.var.db, c.req.valid("param").id)) });
	});
