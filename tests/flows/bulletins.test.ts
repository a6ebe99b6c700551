import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { bulletinDeps } from "../../worker/deps";
import {
	type BulletinDeps,
	type BulletinInput,
	type BulletinProgress,
	countAudience,
	scheduleBulletin,
} from "../../worker/domain/bulletins/bulletins";
import { suppressionKey } from "../../worker/domain/email/suppressions";
import { dbMiddleware } from "../../worker/http/db";
import { CRON_EVERY_MINUTE } from "../../worker/jobs/cron";
import { DomainError } from "../../worker/lib/errors";
import { adminBulletins } from "../../worker/routes/admin-bulletins";
import type { AppEnv } from "../../worker/types";
import {
	type CaughtEmail,
	emailsTo,
	request,
	runCron,
	subscriptionStatus,
	unique,
	waitFor,
	waitForEmail,
} from "../helpers";

const MINUTE = 60_000;
const standIn = () => env.RESEND_BASE_URL as string;

// The admin routes as the admin API mounts them (its bearer-token auth is its own concern).
const api = new Hono<AppEnv>()
	.use(dbMiddleware)
	.use(async (c, next) => {
		c.set("actor", "token:test");
		await next();
	})
	.route("/b", adminBulletins)
	.onError((err, c) => {
		if (err instanceof DomainError) return c.json(err.body(), err.status);
		throw err;
	});

function call(path: string, init: RequestInit & { json?: unknown } = {}) {
	const { json, ...rest } = init;
	return api.request(
		path,
		json === undefined
			? rest
			: { method: "POST", ...rest, headers: { "content-type": "application/json" }, body: JSON.stringify(json) },
		env,
	);
}

interface Seeded {
	email: string;
	name: string | null;
	locale: string;
	country: string;
	partner: string | null;
	/** What should happen: receives it, or why not. */
	fate: "receives" | "unsubscribed" | "pending" | "suppressed" | "erased" | "bounced";
}

const locales = ["en", "fr", "es", "ar", "uk"];
const countries = ["FR", "CD", "UA", "CO", "SY", "ES"];
const partners = [null, "partner-a", "partner-b"];

/** A fresh list at its own recipient domain (the stand-in is shared by every test file). */
async function seedList(n: number): Promise<{ listId: string; domain: string; people: Seeded[] }> {
	const listId = crypto.randomUUID();
	const domain = `${unique("d").email.split("@")[0]?.replace(/\W/g, "")}.bulletins.test`;
	const now = Date.now();
	const people: Seeded[] = Array.from({ length: n }, (_, i) => ({
		email: `p${i}@${domain}`,
		name: i % 4 === 0 ? null : `Name${i}`,
		locale: locales[i % locales.length] as string,
		country: countries[i % countries.length] as string,
		partner: partners[i % partners.length] ?? null,
		fate:
			i === 5
				? "erased"
				: i % 23 === 7
					? "suppressed"
					: i % 17 === 3
						? "unsubscribed"
						: i % 19 === 4
							? "pending"
							: i % 29 === 8
								? "bounced"
								: "receives",
	}));
	const statements = [
		env.DB.prepare(
			"INSERT INTO lists (id, slug, status, default_locale, quick_exit, created_at, updated_at) VALUES (?, ?, 'open', 'en', 1, ?, ?)",
		).bind(listId, `list-${listId}`, now, now),
	];
	for (let i = 0; i < people.length; i += 10) {
		const chunk = people.slice(i, i + 10);
		const ids = chunk.map(() => crypto.randomUUID());
		statements.push(
			env.DB.prepare(
				`INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at, erased_at) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
			).bind(
				...chunk.flatMap((p, j) => [
					ids[j],
					p.email,
					p.email,
					p.name,
					p.country,
					p.locale,
					now,
					now,
					p.fate === "erased" ? now : null,
				]),
			),
			env.DB.prepare(
				`INSERT INTO subscriptions (id, list_id, person_id, status, locale, partner, consent_hash, created_at, updated_at, confirmed_at) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, 'seed', ?, ?, ?)").join(", ")}`,
			).bind(
				...chunk.flatMap((p, j) => [
					crypto.randomUUID(),
					listId,
					ids[j],
					p.fate === "unsubscribed" || p.fate === "pending" || p.fate === "bounced" ? p.fate : "active",
					p.locale,
					p.partner,
					now,
					now,
					now,
				]),
			),
		);
	}
	// Suppressed addresses whose subscription still says active: only the check before each batch stops them.
	for (const p of people.filter((x) => x.fate === "suppressed")) {
		statements.push(
			env.DB.prepare(
				"INSERT INTO suppressions (email_hash, reason, source, created_at) VALUES (?, 'complaint', 'test', ?)",
			).bind(await suppressionKey(p.email), now),
		);
	}
	await env.DB.batch(statements);
	return { listId, domain, people };
}

const texts = {
	en: {
		locale: "en",
		subject: "News from Red Line",
		preheader: "What changed",
		bodyMarkdown: "Three **States** signed.",
	},
	fr: {
		locale: "fr",
		subject: "Nouvelles de Red Line",
		preheader: "Ce qui a changé",
		bodyMarkdown: "Trois **États**.",
	},
	es: { locale: "es", subject: "Noticias de Red Line", preheader: "Qué cambió", bodyMarkdown: "Tres **Estados**." },
};
const expectedSubject = (locale: string) => (texts[locale as keyof typeof texts] ?? texts.en).subject;

function input(listId: string, extra: Partial<BulletinInput> = {}): BulletinInput {
	return { listId, defaultLocale: "en", audience: {}, texts: [texts.en, texts.fr, texts.es], ...extra };
}

async function create(listId: string, extra: Partial<BulletinInput> = {}): Promise<string> {
	const res = await call("/b", { json: input(listId, extra) });
	expect(res.status).toBe(201);
	return ((await res.json()) as { bulletin: { id: string } }).bulletin.id;
}

/** A bulletin's progress as JSON shows it: its dates in ISO 8601. */
type ProgressJson = Omit<BulletinProgress, "startedAt" | "finishedAt"> & {
	startedAt: string | null;
	finishedAt: string | null;
};

async function progress(id: string): Promise<ProgressJson> {
	const res = await call(`/b/${id}/progress`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { progress: ProgressJson }).progress;
}

function finished(id: string, status = "sent", ms = 25_000) {
	return waitFor(
		async () => {
			const p = await progress(id);
			return p.status === status && p.sending === 0 ? p : undefined;
		},
		ms,
		`bulletin ${status}`,
	);
}

type Summary = Omit<CaughtEmail, "html" | "text">;

/** Everything the stand-in took for a domain (without bodies). */
async function emailsAt(domain: string): Promise<Summary[]> {
	const res = await fetch(`${standIn()}/_stand-in/emails?domain=${domain}&summary=1`);
	return ((await res.json()) as { emails: Summary[] }).emails;
}

function perAddress(emails: Summary[]): Map<string, Summary[]> {
	const out = new Map<string, Summary[]>();
	for (const e of emails) for (const to of e.to) out.set(to, [...(out.get(to) ?? []), e]);
	return out;
}

async function chaos(rule: Record<string, unknown>) {
	const res = await fetch(`${standIn()}/_stand-in/chaos`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(rule),
	});
	expect(res.status).toBe(200);
}

async function chaosCounts(domain: string) {
	const res = await fetch(`${standIn()}/_stand-in/chaos?domain=${domain}`);
	return ((await res.json()) as { counts: Record<string, number> }).counts;
}

/** Exactly one email to each who should receive it, none to anyone else. */
function expectExactlyOnce(emails: Summary[], people: Seeded[], receives: (p: Seeded) => boolean = () => true) {
	const got = perAddress(emails);
	for (const p of people) {
		const n = got.get(p.email)?.length ?? 0;
		expect({ email: p.email, fate: p.fate, n }).toEqual({
			email: p.email,
			fate: p.fate,
			n: p.fate === "receives" && receives(p) ? 1 : 0,
		});
	}
}

/** Deps whose queue drops every message: a send whose messages were lost. */
function depsLosingMessages(): BulletinDeps {
	const deps = bulletinDeps(env, createDb(env.DB));
	const lost = { send: async () => {}, sendBatch: async () => {} } as unknown as Queue<never>;
	return { ...deps, queue: lost };
}

describe("bulletins", () => {
	it("reaches every confirmed subscriber exactly once through 429s, 500s and lost answers", async () => {
		const { listId, domain, people } = await seedList(240);
		await chaos({ domain, ratePerSecond: 20, share429: 0.12, share500: 0.12, shareLost: 0.12, seed: 42 });
		const id = await create(listId);
		const res = await call(`/b/${id}/send`, { json: {} });
		expect(res.status).toBe(202);
		const done = await finished(id);

		const emails = await emailsAt(domain);
		expectExactlyOnce(emails, people);
		const receivers = people.filter((p) => p.fate === "receives");
		// Suppressed addresses were selected (their subscription looked active) and skipped at their batch.
		const suppressed = people.filter((p) => p.fate === "suppressed").length;
		expect(done).toMatchObject({
			status: "sent",
			total: receivers.length + suppressed,
			sent: receivers.length,
			skipped: suppressed,
			failed: 0,
			queued: 0,
			sending: 0,
		});
		expect(Date.parse(done.finishedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(done.startedAt ?? ""));
		// The faults really happened.
		const counts = await chaosCounts(domain);
		expect(counts.chaos429).toBeGreaterThan(0);
		expect(counts.chaos500).toBeGreaterThan(0);
		expect(counts.lost).toBeGreaterThan(0);

		// Each language got its version; Arabic and Ukrainian readers the default (English) one.
		const byAddress = perAddress(emails);
		for (const p of receivers) expect(byAddress.get(p.email)?.[0]?.subject).toBe(expectedSubject(p.locale));

		// RFC 8058 headers, a visible unsubscribe link, the person's own name; and the link works.
		const reader = receivers.find((p) => p.locale === "fr" && p.name) as Seeded;
		const [mail] = await emailsTo(reader.email);
		if (!mail) throw new Error("no email");
		expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
		const link = mail.headers["List-Unsubscribe"]?.match(/^<(https:\/\/engine\.test\/u\/[^>]+)>$/)?.[1];
		expect(link).toBeTruthy();
		expect(mail.html).toContain(`href="${link}"`);
		expect(mail.text).toContain(link);
		expect(mail.html).toContain(`Bonjour ${reader.name},`);
		expect(mail.html).toContain("<strong>États</strong>");
		expect(mail.idempotencyKey).toMatch(new RegExp(`^bulletin:${id}:batch:`));
		const leave = await request(new URL(link as string).pathname, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "List-Unsubscribe=One-Click",
		});
		expect(leave.status).toBeLessThan(400);
		expect(await subscriptionStatus(reader.email, `list-${listId}`)).toBe("unsubscribed");
	});

	it("skips who left during the send, and the cron restarts a send whose queue messages were lost", async () => {
		const { listId, domain, people } = await seedList(60);
		const id = await create(listId);
		// Started, but its message never reaches the queue.
		const started = await scheduleBulletin(depsLosingMessages(), id, null, Date.now());
		expect(started.status).toBe("sending");
		expect(started.queued).toBe(started.total);
		const [leaver, bouncer, eraser] = people.filter((p) => p.fate === "receives");
		if (!leaver || !bouncer || !eraser) throw new Error("seed too small");
		// One unsubscribes, one bounces (suppressed), one asks to be erased: all while the send is under way.
		await env.DB.prepare(
			"UPDATE subscriptions SET status = 'unsubscribed' WHERE person_id = (SELECT id FROM people WHERE email = ?)",
		)
			.bind(leaver.email)
			.run();
		await env.DB.prepare(
			"INSERT INTO suppressions (email_hash, reason, source, created_at) VALUES (?, 'bounce', 'test', ?)",
		)
			.bind(await suppressionKey(bouncer.email), Date.now())
			.run();
		await env.DB.prepare("UPDATE people SET erased_at = ? WHERE email = ?").bind(Date.now(), eraser.email).run();

		// Nothing moves until the cron finds the stalled send.
		await runCron(CRON_EVERY_MINUTE, Date.now());
		await new Promise((r) => setTimeout(r, 1000));
		expect((await progress(id)).sent).toBe(0);
		await runCron(CRON_EVERY_MINUTE, Date.now() + 10 * MINUTE);
		const done = await finished(id);

		const left = new Set([leaver.email, bouncer.email, eraser.email]);
		expectExactlyOnce(await emailsAt(domain), people, (p) => !left.has(p.email));
		const suppressed = people.filter((p) => p.fate === "suppressed").length;
		expect(done.skipped).toBe(suppressed + 3);
		expect(done.sent).toBe(people.filter((p) => p.fate === "receives").length - 3);
	});

	it("pauses and resumes without losing or doubling anyone", async () => {
		const { listId, domain, people } = await seedList(200);
		// A slow account (4 calls a second): the send lasts long enough to be paused midway.
		await chaos({ domain, ratePerSecond: 4, seed: 3 });
		const id = await create(listId);
		await call(`/b/${id}/send`, { json: {} });
		await waitFor(async () => (await progress(id)).sent >= 20, 20_000, "some sent");
		const paused = await call(`/b/${id}/pause`, { method: "POST" });
		expect(paused.status).toBe(200);
		const held = await finished(id, "paused");
		expect(held.queued).toBeGreaterThan(0);
		// Paused: nothing more goes out, even when the cron runs.
		await runCron(CRON_EVERY_MINUTE, Date.now() + 10 * MINUTE);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await progress(id)).sent).toBe(held.sent);
		expect(perAddress(await emailsAt(domain)).size).toBe(held.sent);

		const resumed = await call(`/b/${id}/resume`, { method: "POST" });
		expect(resumed.status).toBe(200);
		const done = await finished(id, "sent", 60_000);
		expectExactlyOnce(await emailsAt(domain), people);
		expect(done.sent).toBe(people.filter((p) => p.fate === "receives").length);
	}, 90_000);

	it("cancels: whoever was still waiting is skipped and nothing more is sent", async () => {
		const { listId, domain } = await seedList(150);
		await chaos({ domain, ratePerSecond: 4, seed: 5 });
		const id = await create(listId);
		await call(`/b/${id}/send`, { json: {} });
		await waitFor(async () => (await progress(id)).sent >= 10, 20_000, "some sent");
		expect((await call(`/b/${id}/cancel`, { method: "POST" })).status).toBe(200);
		const done = await finished(id, "cancelled");
		expect(done.queued).toBe(0);
		expect(done.sent + done.skipped + done.failed).toBe(done.total);
		expect(done.skipped).toBeGreaterThan(0);
		await runCron(CRON_EVERY_MINUTE, Date.now() + 10 * MINUTE);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await emailsAt(domain)).length).toBe(done.sent);
		// A cancelled bulletin cannot be sent again or resumed.
		expect((await call(`/b/${id}/send`, { json: {} })).status).toBe(409);
		expect((await call(`/b/${id}/resume`, { method: "POST" })).status).toBe(409);
	});

	it("refuses a send whose body is a list, not an object (every field of it is optional), and sends nothing", async () => {
		const { listId } = await seedList(3);
		const id = await create(listId);
		for (const json of [[], [{ sendAt: null }]]) {
			const res = await call(`/b/${id}/send`, { json });
			expect(res.status).toBe(422);
			expect(await res.json()).toEqual({
				error: {
					code: "invalid_fields",
					message: "Some fields are missing or not valid.",
					issues: [{ path: "(body)", message: "The body is a JSON object, not a list." }],
				},
			});
		}
		expect((await progress(id)).status).toBe("draft");
	});

	it("narrows the audience by language, country and partner", async () => {
		const { listId, domain, people } = await seedList(120);
		const db = createDb(env.DB);
		const active = people.filter((p) => p.fate === "receives" || p.fate === "suppressed");
		expect(await countAudience(db, listId, {})).toBe(active.length);
		expect(await countAudience(db, listId, { locales: ["fr"] })).toBe(active.filter((p) => p.locale === "fr").length);
		expect(await countAudience(db, listId, { countries: ["UA", "CD"] })).toBe(
			active.filter((p) => p.country === "UA" || p.country === "CD").length,
		);
		expect(await countAudience(db, listId, { partners: ["partner-a"] })).toBe(
			active.filter((p) => p.partner === "partner-a").length,
		);
		const audience = {
			locales: ["fr", "es"],
			countries: ["FR", "CO", "ES", "CD"],
			partners: ["partner-a", "partner-b"],
		};
		const inAudience = (p: Seeded) =>
			audience.locales.includes(p.locale) &&
			audience.countries.includes(p.country) &&
			audience.partners.includes(p.partner ?? "");
		const count = await call(
			`/b/audience?listId=${listId}&locales=fr,es&countries=FR,CO,ES,CD&partners=partner-a,partner-b`,
		);
		expect(await count.json()).toEqual({ count: active.filter(inAudience).length });

		const id = await create(listId, { audience });
		await call(`/b/${id}/send`, { json: {} });
		await finished(id);
		expectExactlyOnce(await emailsAt(domain), people, inAudience);
		expect(active.filter(inAudience).length).toBeGreaterThan(3);
	});

	it("previews with a sample name and escapes raw HTML; a test send goes to one address marked [TEST]", async () => {
		const { listId } = await seedList(3);
		const id = await create(listId, {
			texts: [
				{
					...texts.en,
					bodyMarkdown:
						'Read [the scoreboard](https://example.org/states).\n\n<script>alert(1)</script> <img src="https://tracker.example/x">',
				},
				texts.fr,
			],
		});
		const res = await call(`/b/${id}/preview?locale=uk&name=Amina`);
		expect(res.status).toBe(200);
		const preview = (await res.json()) as { subject: string; html: string; text: string };
		expect(preview.subject).toBe(texts.en.subject);
		expect(preview.html).toContain("Hello Amina,");
		expect(preview.html).toContain('href="https://example.org/states"');
		expect(preview.html).toContain("&lt;script&gt;");
		expect(preview.html).not.toContain("<script");
		expect(preview.html).not.toContain("<img");
		expect(preview.html).toContain("Unsubscribe");

		const { email } = unique("campaigner");
		// Tests go only to campaigners on the allow-list.
		await env.DB.prepare(
			"INSERT INTO campaigners (id, email, role, locale, created_at, updated_at) VALUES (?, ?, 'editor', 'en', 0, 0)",
		)
			.bind(crypto.randomUUID(), email)
			.run();
		const test = await call(`/b/${id}/test`, { json: { email, locale: "fr", name: "Amina" } });
		expect(test.status).toBe(202);
		const mail = await waitForEmail(email);
		expect(mail.subject).toBe(`[TEST] ${texts.fr.subject}`);
		// The test greets by the name given, as the preview does.
		expect(mail.html).toContain("Bonjour Amina,");
		expect(mail.html).toContain("Trois <strong>États</strong>");
		// A test send leaves the bulletin a draft.
		expect((await progress(id)).status).toBe("draft");
	});

	it("starts a scheduled bulletin from the cron when its time comes", async () => {
		const { listId, domain, people } = await seedList(30);
		const id = await create(listId);
		const at = Date.now() + 60 * MINUTE;
		const res = await call(`/b/${id}/send`, { json: { sendAt: new Date(at).toISOString() } });
		expect(res.status).toBe(202);
		expect(((await res.json()) as { progress: BulletinProgress }).progress.status).toBe("scheduled");
		// Still editable while scheduled.
		expect((await call(`/b/${id}`, { method: "PUT", json: input(listId) })).status).toBe(200);
		await runCron(CRON_EVERY_MINUTE, at - 5 * MINUTE);
		expect((await progress(id)).status).toBe("scheduled");
		await runCron(CRON_EVERY_MINUTE, at + MINUTE);
		await finished(id);
		expectExactlyOnce(await emailsAt(domain), people);
		// Sent: no more changes.
		const late = await call(`/b/${id}`, { method: "PUT", json: input(listId) });
		expect(late.status).toBe(409);
		expect(((await late.json()) as { error: { code: string } }).error.code).toBe("bulletin_not_editable");
	});

	it("refuses bad input with 422 and the fields at fault", async () => {
		const { listId } = await seedList(1);
		const bad = async (body: unknown) => {
			const res = await call("/b", { json: body });
			expect(res.status).toBe(422);
			const json = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
			expect(json.error.code).toBe("invalid_fields");
			return json.error.issues.map((i) => i.path);
		};
		expect(await bad({ ...input(listId), texts: [] })).toContain("texts");
		expect(await bad({ ...input(listId), defaultLocale: "de" })).toContain("defaultLocale");
		expect(await bad({ ...input(listId), defaultLocale: "uk" })).toContain("defaultLocale");
		expect(await bad({ ...input(listId), texts: [{ ...texts.en, subject: "Hi\r\nBcc: x@example.org" }] })).toContain(
			"texts.0.subject",
		);
		expect(await bad({ ...input(listId), texts: [{ ...texts.en, subject: "x".repeat(201) }] })).toContain(
			"texts.0.subject",
		);
		expect(await bad({ ...input(listId), texts: [texts.en, texts.en] })).toContain("texts");
		expect(await bad({ ...input(listId), listId: "no-such-list" })).toContain("listId");
		expect(await bad({ ...input(listId), audience: { countries: ["France"] } })).toContain("audience.countries.0");
		const notJson = await call("/b", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
		expect(notJson.status).toBe(415);
		expect((await call("/b/nope/progress")).status).toBe(404);
		expect((await call("/b/nope/pause", { method: "POST" })).status).toBe(404);
		const id = await create(listId);
		expect((await call(`/b/${id}/pause`, { method: "POST" })).status).toBe(409);
		expect((await call(`/b/${id}/send`, { json: { sendAt: "tomorrow" } })).status).toBe(422);
		const listed = (await (await call("/b")).json()) as { bulletins: { id: string; progress: BulletinProgress }[] };
		expect(listed.bulletins.find((b) => b.id === id)?.progress.status).toBe("draft");
	});
});
