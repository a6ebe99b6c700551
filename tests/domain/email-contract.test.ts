import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { renderEmail, templateNames } from "../../emails";
import { outbox } from "../../schema";
import { createDb } from "../../worker/db";
import type { ContentLoader, ContentLoaders } from "../../worker/domain/email/content";
import { contentLoaders } from "../../worker/domain/email/content-loaders";
import { linkToken } from "../../worker/domain/links/tokens";
import { petitionEmails } from "../../worker/domain/petitions/emails";
import { deliverEmail } from "../../worker/jobs/deliver-email";
import { isTemplateName, readStoredProps } from "../../worker/mail/email-contract";
import type { Mailer, OutgoingEmail } from "../../worker/mail/mailer";
import { outboxInsert } from "../../worker/mail/outbox";

const db = createDb(env.DB);
const links = {
	secret: env.APP_SECRET,
	publicUrl: "https://engine.example.org",
	mailFrom: "Red Line <hi@example.org>",
};

/** A mailer that keeps what it is given. */
function keepingMailer(): Mailer & { sent: OutgoingEmail[] } {
	const sent: OutgoingEmail[] = [];
	return {
		name: "keeping",
		sent,
		async send(email) {
			sent.push(email);
			return { ok: true, id: `re_${sent.length}` };
		},
		async sendBatch() {
			throw new Error("not for outbox rows");
		},
	};
}

const deps = (mailer: Mailer) => ({ db, mailer, links, from: links.mailFrom, maxAttempts: 8, now: Date.now });

describe("the typed email contract", () => {
	it("does not compile an outbox row whose props are not its template's stored props", () => {
		const base = { to: "a@example.org", locale: "en", dedupeKey: "contract:type-test" };
		const fine = outboxInsert(
			db,
			{ ...base, template: "letter-digest", props: { letterIds: ["l1"], day: "2026-01-01" } },
			0,
		);
		// @ts-expect-error letter-digest keeps letterIds and day, not one letterId
		outboxInsert(db, { ...base, template: "letter-digest", props: { letterId: "l1" } }, 0);
		// @ts-expect-error confirm-signature keeps a signatureId
		outboxInsert(db, { ...base, template: "confirm-signature", props: { signatureId: 7 } }, 0);
		// @ts-expect-error no such template
		outboxInsert(db, { ...base, template: "confirm-petition", props: { signatureId: "s1" } }, 0);
		const either = "letter-to-state" as "letter-to-state" | "letter-digest";
		// @ts-expect-error a template that may be either still needs each one's own props
		outboxInsert(db, { ...base, template: either, props: { letterId: "l1" } }, 0);
		// Statements only: nothing above ran against the database.
		expect(fine.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	it("does not compile a loader or a render whose props are not the template's", () => {
		// @ts-expect-error confirm-signature renders a confirmUrl, not a petitionUrl
		const wrong: ContentLoader<"confirm-signature"> = async (_db, _links, email) => ({
			props: { locale: email.locale, name: "A", petitionTitle: "P", petitionUrl: "x", expiresInDays: 7 },
		});
		// @ts-expect-error a registry with a template left out
		const missing: ContentLoaders = { ...petitionEmails };
		// @ts-expect-error console-sign-in needs expiresInMinutes
		const render = () => renderEmail("console-sign-in", { locale: "en", signInUrl: "https://x" });
		expect([typeof wrong, typeof missing, typeof render]).toEqual(["function", "object", "function"]);
	});

	it("has one loader and one stored-props schema for every template", () => {
		expect(Object.keys(contentLoaders).sort()).toEqual([...templateNames].sort());
		expect(templateNames.every(isTemplateName)).toBe(true);
		expect(isTemplateName("signature-confirm")).toBe(false);
	});

	it("checks a row's stored props when it is read back", () => {
		expect(readStoredProps("letter-digest", { letterIds: ["a"], day: "2026-01-01" })).toEqual({
			ok: true,
			props: { letterIds: ["a"], day: "2026-01-01" },
		});
		expect(readStoredProps("bulletin", { bulletinId: "b", test: true, name: null }).ok).toBe(true);
		const bad = readStoredProps("privacy-request", { privacyRequestId: "p", kind: "delete" });
		expect(bad).toMatchObject({ ok: false, error: expect.stringContaining("privacy-request") });
	});

	it("sends a row through its feature's loader, and gives up on one whose stored props do not fit", async () => {
		const mailer = keepingMailer();
		const now = Date.now();
		const good = outboxInsert(
			db,
			{
				template: "console-sign-in",
				to: "campaigner@example.org",
				locale: "en",
				props: { campaignerId: "c1" },
				dedupeKey: `contract:${crypto.randomUUID()}`,
			},
			now,
		);
		await good.statement;
		expect(await deliverEmail(deps(mailer), { outboxId: good.id, attempts: 0 })).toBe("sent");
		expect(mailer.sent).toHaveLength(1);
		const token = await linkToken(links.secret, good.id);
		expect(mailer.sent[0]?.html).toContain(`${links.publicUrl}/console/sign-in/${token}`);
		expect(mailer.sent[0]?.idempotencyKey).toBe(good.id);

		const badId = crypto.randomUUID();
		await env.DB.prepare(
			"INSERT INTO outbox (id, dedupe_key, template, to_address, locale, props, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'confirm-signature', 'someone@example.org', 'en', '{}', 'pending', 0, 0, 0)",
		)
			.bind(badId, `contract:${badId}`)
			.run();
		expect(await deliverEmail(deps(mailer), { outboxId: badId, attempts: 0 })).toBe("dead");
		const row = await db.select().from(outbox).where(eq(outbox.id, badId)).get();
		expect(row?.lastError).toContain("stored props do not fit confirm-signature");
		expect(mailer.sent).toHaveLength(1);
	});
});
