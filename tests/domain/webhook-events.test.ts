// Issue 14, part 3: each event is written as one message per subscribed endpoint in the batch of
// the change that makes it (and only when the change happened), with the minimal payload.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { webhookEventTypes } from "../../schema";
import { createDb } from "../../worker/db";
import { confirmSubscriptionWrites, unsubscribe } from "../../worker/domain/lists/subscriptions";
import { erasePerson } from "../../worker/domain/people/privacy";
import { recordReply } from "../../worker/domain/states/scoreboard";
import { createWebhookEndpoint } from "../../worker/domain/webhooks/endpoints";
import { bulletinFinishedWebhooks, lettersSentWebhooks } from "../../worker/domain/webhooks/events";

const db = createDb(env.DB);

async function endpoints() {
	await env.DB.prepare("UPDATE webhook_endpoints SET enabled = 0").run();
	const opts = { actor: "test", allowLocal: true, now: Date.now() };
	const all = await createWebhookEndpoint(
		db,
		{ url: "http://127.0.0.1:9/all", description: "", events: [...webhookEventTypes], personalData: true },
		opts,
	);
	const minimal = await createWebhookEndpoint(
		db,
		{ url: "http://127.0.0.1:9/min", description: "", events: [...webhookEventTypes], personalData: false },
		opts,
	);
	const other = await createWebhookEndpoint(
		db,
		{ url: "http://127.0.0.1:9/other", description: "", events: ["bulletin.finished"], personalData: false },
		opts,
	);
	return { all: all.endpoint.id, minimal: minimal.endpoint.id, other: other.endpoint.id };
}

async function messages(type: string) {
	const { results } = await env.DB.prepare(
		"SELECT endpoint_id, event_key, person_id, payload, personal FROM webhook_messages WHERE event_type = ? ORDER BY endpoint_id",
	)
		.bind(type)
		.all<{
			endpoint_id: string;
			event_key: string;
			person_id: string | null;
			payload: string;
			personal: string | null;
		}>();
	return results.map((r) => ({
		...r,
		payload: JSON.parse(r.payload) as Record<string, unknown>,
		personal: r.personal ? (JSON.parse(r.personal) as Record<string, unknown>) : null,
	}));
}

let n = 0;
async function person() {
	const id = `p_${++n}_${Date.now()}`;
	const email = `${id}@example.org`;
	await env.DB.prepare(
		"INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES (?, ?, ?, 'Nadia', 'UA', 'uk', 0, 0)",
	)
		.bind(id, email, email)
		.run();
	return { id, email };
}

async function subscription(personId: string, status: string) {
	const id = `sub_${personId}`;
	await env.DB.prepare(
		"INSERT INTO subscriptions (id, list_id, person_id, status, locale, consent_hash, created_at, updated_at) VALUES (?, 'list_red-line-updates', ?, ?, 'uk', 'x', 0, 0)",
	)
		.bind(id, personId, status)
		.run();
	return id;
}

async function sentLetter(personId: string) {
	const id = `let_${personId}`;
	await env.DB.prepare(
		"INSERT INTO letters (id, campaign_id, person_id, target_id, status, writer_name, writer_country, locale, subject, body, fingerprint, created_at, updated_at, confirmed_at, sent_at) VALUES (?, (SELECT id FROM letter_campaigns LIMIT 1), ?, (SELECT id FROM targets WHERE iso2 = 'CL'), 'sent', 'Nadia W', 'UA', 'uk', 's', 'b', '0000000000000000', 0, 0, 1000, 2000)",
	)
		.bind(id, personId)
		.run();
	return id;
}

describe("webhook events", () => {
	it("subscription.confirmed and subscription.ended, once each, with the list and the language", async () => {
		const ids = await endpoints();
		const p = await person();
		const sub = await subscription(p.id, "pending");
		const now = Date.now();
		const writes = confirmSubscriptionWrites(
			db,
			{ id: sub, listSlug: "red-line-updates", email: p.email, locale: "uk" },
			"test",
			now,
		);
		await db.batch(writes.statements as [never, ...never[]]);
		const confirmed = (await messages("subscription.confirmed")).filter((m) => m.person_id === p.id);
		expect(confirmed.map((m) => m.endpoint_id).sort()).toEqual([ids.all, ids.minimal].sort());
		expect(confirmed[0]?.payload).toMatchObject({
			subscriptionId: sub,
			personId: p.id,
			list: "red-line-updates",
			country: "UA",
			language: "uk",
			confirmedAt: new Date(now).toISOString(),
		});
		expect(confirmed.find((m) => m.endpoint_id === ids.all)?.personal).toEqual({ email: p.email, name: "Nadia" });
		expect(confirmed.find((m) => m.endpoint_id === ids.minimal)?.personal).toBeNull();

		await unsubscribe(db, sub, "test", now + 1);
		await unsubscribe(db, sub, "test", now + 2); // already ended: no second event
		const ended = (await messages("subscription.ended")).filter((m) => m.person_id === p.id);
		expect(ended).toHaveLength(2);
		expect(ended[0]?.payload).toMatchObject({ list: "red-line-updates", reason: "unsubscribed" });
	});

	it("letter.sent and letter.reply_reported, with the State and the answer", async () => {
		const ids = await endpoints();
		const p = await person();
		const letter = await sentLetter(p.id);
		await env.DB.prepare("UPDATE letters SET sent_at = 5000 WHERE id = ?").bind(letter).run();
		await db.batch([lettersSentWebhooks(db, [letter], 5000)]);
		const sent = (await messages("letter.sent")).filter((m) => m.person_id === p.id);
		expect(sent).toHaveLength(2);
		expect(sent[0]?.payload).toMatchObject({ letterId: letter, state: "CL", country: "UA", inDigest: false });
		expect(sent.find((m) => m.endpoint_id === ids.all)?.personal).toEqual({ email: p.email, name: "Nadia W" });

		const now = Date.now();
		expect(await recordReply(db, letter, "yes", now)).toBe(true);
		expect(await recordReply(db, letter, "no", now + 1)).toBe(false); // the first answer counts
		const replies = (await messages("letter.reply_reported")).filter((m) => m.person_id === p.id);
		expect(replies).toHaveLength(2);
		expect(replies[0]?.payload).toMatchObject({ reply: "yes", repliedAt: new Date(now).toISOString() });
	});

	it("person.erased tells the CRM, and the person's other messages lose their email and name", async () => {
		const ids = await endpoints();
		const p = await person();
		const sub = await subscription(p.id, "pending");
		const now = Date.now();
		const writes = confirmSubscriptionWrites(
			db,
			{ id: sub, listSlug: "red-line-updates", email: p.email, locale: "uk" },
			"test",
			now,
		);
		await db.batch(writes.statements as [never, ...never[]]);
		await erasePerson(db, p.id, now + 1);
		await erasePerson(db, p.id, now + 2); // already erased: nothing more
		const erased = (await messages("person.erased")).filter((m) => m.person_id === p.id);
		expect(erased).toHaveLength(2);
		expect(erased[0]?.payload).toEqual({ personId: p.id, erasedAt: new Date(now + 1).toISOString() });
		expect(erased.find((m) => m.endpoint_id === ids.all)?.personal).toEqual({ email: p.email, name: "Nadia" });
		const before = (await messages("subscription.confirmed")).filter((m) => m.person_id === p.id);
		expect(before.every((m) => m.personal === null)).toBe(true);
	});

	it("bulletin.finished only once it is sent, for the endpoints that asked for it", async () => {
		const ids = await endpoints();
		const id = `bul_${Date.now()}`;
		await env.DB.prepare(
			"INSERT INTO bulletins (id, list_id, status, audience, default_locale, created_at, updated_at, started_at, total) VALUES (?, 'list_red-line-updates', 'sending', '{}', 'fr', 0, 0, 1000, 42)",
		)
			.bind(id)
			.run();
		await db.batch([bulletinFinishedWebhooks(db, id, 9000)]);
		expect((await messages("bulletin.finished")).filter((m) => m.event_key.endsWith(id))).toEqual([]);
		await env.DB.prepare("UPDATE bulletins SET status = 'sent', finished_at = 9000 WHERE id = ?").bind(id).run();
		await db.batch([bulletinFinishedWebhooks(db, id, 9000)]);
		await db.batch([bulletinFinishedWebhooks(db, id, 9000)]); // written twice: still one per endpoint
		const finished = (await messages("bulletin.finished")).filter((m) => m.event_key.endsWith(id));
		expect(finished.map((m) => m.endpoint_id).sort()).toEqual([ids.all, ids.minimal, ids.other].sort());
		expect(finished[0]?.payload).toMatchObject({
			bulletinId: id,
			list: "red-line-updates",
			language: "fr",
			recipients: 42,
		});
	});
});
