import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	listTexts,
	outbox,
	people,
	petitions,
	petitionTexts,
	signatures,
	subscriptions,
	suppressions,
} from "../../schema";
import { createDb, runBatch } from "../../worker/db";
import { batchContentLoaders, contentLoaders } from "../../worker/domain/email/content-loaders";
import { suppressionKey } from "../../worker/domain/email/suppressions";
import { linkToken, tokenInsert } from "../../worker/domain/links/tokens";
import { unsubscribeUrl } from "../../worker/domain/links/unsubscribe-links";
import { deliverEmails } from "../../worker/jobs/deliver-email";
import type { BatchSendResult, Mailer } from "../../worker/mail/mailer";
import { outboxInsert } from "../../worker/mail/outbox";
import { countingD1 } from "../d1-counter";
import { unique } from "../helpers";

const db = createDb(env.DB);
const links = { secret: env.APP_SECRET, publicUrl: "https://engine.test", mailFrom: "Red Line <hi@example.org>" };
const now = Date.now();
const id = () => crypto.randomUUID();

/** A mailer that keeps what it is given, and takes every call. */
function keepingMailer(): Mailer & { sent: { to: string; subject: string; html: string }[] } {
	const sent: { to: string; subject: string; html: string }[] = [];
	return {
		name: "keeping",
		sent,
		async send(email) {
			sent.push(email);
			return { ok: true, id: `re_${sent.length}` };
		},
		async sendBatch(emails): Promise<BatchSendResult> {
			sent.push(...emails);
			return { ok: true, ids: emails.map((_, i) => `re_${sent.length}_${i}`) };
		},
	};
}

/**
 * Two petitions (one in French by default with an English text too, one in English only), and a
 * signature on them for each case: what a batch's emails are about.
 */
async function seed() {
	const tag = id().slice(0, 8);
	const p = { id: id(), slug: `batch-p-${tag}` };
	const q = { id: id(), slug: `batch-q-${tag}` };
	const person = (name: string) => ({
		id: id(),
		email: unique("batch").email,
		emailCanonical: `${id()}@example.org`,
		name,
		createdAt: now,
		updatedAt: now,
	});
	const signer = (petitionId: string, personId: string, name: string, shareCode: string | null = null) => ({
		id: id(),
		petitionId,
		personId,
		status: shareCode ? ("confirmed" as const) : ("pending" as const),
		name,
		country: "CD",
		locale: "en",
		shareCode,
		createdAt: now,
		updatedAt: now,
	});
	const folk = { a: person("Amani"), b: person("Béatrice"), c: person("Chiara"), d: person("Dina"), e: person("Esi") };
	const { a, b, c, d, e } = folk;
	const sigs = {
		a: signer(p.id, a.id, "Amani"),
		b: signer(p.id, b.id, "Béatrice"),
		c: signer(q.id, c.id, "Chiara"),
		d: signer(p.id, d.id, "Dina", `code${tag}`),
		e: signer(p.id, e.id, "Esi"),
	};
	const text = (petitionId: string, locale: string, title: string) => ({
		petitionId,
		locale,
		title,
		summary: "…",
		demands: [],
		updatedAt: now,
	});
	await runBatch(db, [
		db.insert(petitions).values([
			{ ...p, goal: 10, defaultLocale: "fr", createdAt: now, updatedAt: now },
			{ ...q, goal: 10, defaultLocale: "en", createdAt: now, updatedAt: now },
		]),
		db
			.insert(petitionTexts)
			.values([
				text(p.id, "en", "Stop it, in English"),
				text(p.id, "fr", "Arrêtez, en français"),
				text(q.id, "en", "The other one"),
			]),
		db.insert(people).values(Object.values(folk)),
		db.insert(signatures).values(Object.values(sigs)),
	]);
	return { p, q, folk, sigs };
}

describe("delivery loads a batch's content in a few statements", () => {
	it("gives each email of a batch the content it would have alone: titles in its language, its link's name, what is gone", async () => {
		const { p, q, sigs } = await seed();
		const rows = {
			// Greets with the name its own request gave, in English.
			confirmA: { id: id(), locale: "en", props: { signatureId: sigs.a.id } },
			// Spanish: the petition has none, its default (French) is used.
			confirmB: { id: id(), locale: "es", props: { signatureId: sigs.b.id } },
			confirmGone: { id: id(), locale: "en", props: { signatureId: "no-such-signature" } },
		};
		await (
			await tokenInsert(
				db,
				links.secret,
				{
					purpose: "confirm-signature",
					subjectId: sigs.a.id,
					outboxId: rows.confirmA.id,
					ttlMs: 60_000,
					request: {
						name: "Amani Request",
						country: "CD",
						locale: "en",
						subscribe: false,
						partner: null,
						source: null,
					},
				},
				now,
			)
		).statement;
		const loadMany = batchContentLoaders["confirm-signature"];
		expect(loadMany).toBeDefined();
		const many = await loadMany?.(db, links, Object.values(rows));
		const token = await linkToken(links.secret, rows.confirmA.id);
		expect(many?.get(rows.confirmA.id)?.props).toEqual({
			locale: "en",
			name: "Amani Request",
			petitionTitle: "Stop it, in English",
			confirmUrl: `${links.publicUrl}/confirm/${token}`,
			expiresInDays: 7,
		});
		expect(many?.get(rows.confirmB.id)?.props).toMatchObject({
			name: "Béatrice",
			petitionTitle: "Arrêtez, en français",
		});
		expect(many?.get(rows.confirmGone.id)).toBeNull();
		// The same as the one-email loader gives (the path of a lone email).
		for (const row of Object.values(rows)) {
			expect(await contentLoaders["confirm-signature"](db, links, row)).toEqual(many?.get(row.id));
		}

		const already = await batchContentLoaders["already-signed"]?.(db, links, [
			{ id: id(), locale: "fr", props: { signatureId: sigs.c.id } },
		]);
		expect([...(already?.values() ?? [])][0]?.props).toEqual({
			locale: "fr",
			name: "Chiara",
			petitionTitle: "The other one",
			petitionUrl: `${links.publicUrl}/p/${q.slug}?locale=fr`,
		});
		const thanks = { id: id(), locale: "fr", props: { signatureId: sigs.d.id } };
		const unconfirmed = { id: id(), locale: "en", props: { signatureId: sigs.e.id } };
		const thanked = await batchContentLoaders["signature-confirmed"]?.(db, links, [thanks, unconfirmed]);
		expect(thanked?.get(thanks.id)?.props).toMatchObject({ name: "Dina", petitionTitle: "Arrêtez, en français" });
		expect(JSON.stringify(thanked?.get(thanks.id)?.props.shares)).toContain(`${links.publicUrl}/p/${p.slug}`);
		// No share code: not confirmed (or erased), nothing to send.
		expect(thanked?.get(unconfirmed.id)).toBeNull();
	});

	it("gives a batch's subscription emails their list's words in each one's language, in one D1 batch", async () => {
		const folk = ["Farah", null].map((name) => ({
			id: id(),
			email: unique("batch-list").email,
			emailCanonical: `${id()}@example.org`,
			name,
			createdAt: now,
			updatedAt: now,
		}));
		const subs = folk.map((p) => ({
			id: id(),
			listId: "list_red-line-updates",
			personId: p.id,
			locale: "en",
			consentHash: "h",
			createdAt: now,
			updatedAt: now,
		}));
		await runBatch(db, [db.insert(people).values(folk), db.insert(subscriptions).values(subs)]);
		const texts = await db.select().from(listTexts).all();
		const nameIn = (locale: string) => texts.find((t) => t.locale === locale)?.name;
		const [farah, nameless] = subs as [(typeof subs)[0], (typeof subs)[0]];
		const rows = {
			fr: { id: id(), locale: "fr", props: { subscriptionId: farah.id, reminder: true } },
			// No words in German: the list's default language (English).
			de: { id: id(), locale: "de", props: { subscriptionId: nameless.id, reminder: false } },
			gone: { id: id(), locale: "en", props: { subscriptionId: "no-such-subscription", reminder: false } },
		};
		const counter = countingD1(env.DB);
		const confirm = await batchContentLoaders["confirm-subscription"]?.(
			createDb(counter.db),
			links,
			Object.values(rows),
		);
		expect(counter.take().count).toBe(2);
		expect(confirm?.get(rows.fr.id)?.props).toEqual({
			locale: "fr",
			name: "Farah",
			listName: nameIn("fr"),
			confirmUrl: `${links.publicUrl}/confirm/${await linkToken(links.secret, rows.fr.id)}`,
			expiresInDays: 7,
			reminder: true,
		});
		expect(confirm?.get(rows.de.id)?.props).toMatchObject({ name: undefined, listName: nameIn("en"), reminder: false });
		expect(confirm?.get(rows.gone.id)).toBeNull();
		const welcome = { id: id(), locale: "ar", props: { subscriptionId: farah.id } };
		const welcomed = await batchContentLoaders["subscription-welcome"]?.(db, links, [welcome]);
		const leave = await unsubscribeUrl(links.publicUrl, links.secret, farah.id);
		expect(welcomed?.get(welcome.id)).toMatchObject({
			props: { listName: nameIn("ar"), unsubscribeUrl: leave, preferencesUrl: leave },
			headers: { "List-Unsubscribe": `<${leave}>` },
		});
	});

	it("settles a mixed batch as one by one would, in a handful of statements: sent, gone, suppressed", async () => {
		const { sigs, folk } = await seed();
		const suppressedTo = unique("batch-suppressed").email;
		await db
			.insert(suppressions)
			.values({ emailHash: await suppressionKey(suppressedTo), reason: "bounce", createdAt: now });
		const email = (template: "confirm-signature" | "signature-confirmed", signatureId: string, to: string) =>
			outboxInsert(db, { template, to, locale: "en", props: { signatureId }, dedupeKey: `batch:${id()}` }, now);
		const { a, b, d, e } = folk;
		const signInTo = unique("batch-sign-in").email;
		const made = {
			confirmA: email("confirm-signature", sigs.a.id, a.email),
			confirmB: email("confirm-signature", sigs.b.id, b.email),
			gone: email("confirm-signature", "no-such-signature", unique("batch-gone").email),
			thanks: email("signature-confirmed", sigs.d.id, d.email),
			unconfirmed: email("signature-confirmed", sigs.e.id, e.email),
			suppressed: email("confirm-signature", sigs.a.id, suppressedTo),
			signIn: outboxInsert(
				db,
				{
					template: "console-sign-in",
					to: signInTo,
					locale: "en",
					props: { campaignerId: "c1" },
					dedupeKey: `batch:${id()}`,
				},
				now,
			),
		};
		await runBatch(
			db,
			Object.values(made).map((m) => m.statement),
		);
		const counter = countingD1(env.DB);
		const mailer = keepingMailer();
		const outcomes = await deliverEmails(
			{ db: createDb(counter.db), mailer, links, from: links.mailFrom, maxAttempts: 8, now: Date.now },
			Object.values(made).map((m) => ({ outboxId: m.id, attempts: 0 })),
		);
		const statements = counter.take();
		expect(Object.fromEntries(Object.entries(made).map(([k, m]) => [k, outcomes.get(m.id)]))).toEqual({
			confirmA: "sent",
			confirmB: "sent",
			gone: "dead",
			thanks: "sent",
			unconfirmed: "dead",
			suppressed: "suppressed",
			signIn: "sent",
		});
		expect(mailer.sent.map((m) => m.to).sort()).toEqual([a.email, b.email, d.email, signInTo].sort());
		expect(mailer.sent.find((m) => m.to === d.email)?.html).toContain("Stop it, in English");
		const stored = await db.select().from(outbox).all();
		const of = (m: { id: string }) => stored.find((r) => r.id === m.id);
		expect(of(made.gone)).toMatchObject({ status: "dead", lastError: "what this email was about no longer exists" });
		expect(of(made.unconfirmed)?.status).toBe("dead");
		expect(of(made.suppressed)?.status).toBe("suppressed");
		expect(of(made.thanks)).toMatchObject({ status: "sent", attempts: 1 });
		// Claim, suppressions, the two petition templates' reads (3 + 2), the failures, the
		// suppressed, the sent: the same whatever the batch's size.
		expect(statements.count, statements.sql.join("\n")).toBeLessThanOrEqual(10);
	});
});
