import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { IntakeMessage } from "../../worker/jobs/intake";
import { campaigner, consoleRequest, signIn } from "../console-helpers";
import { unique, waitFor } from "../helpers";
import { consumeIntake } from "../queues";

const PETITION = "pet_intake";
const CLOSING = "pet_intake_closing";

async function petitionRow(id: string, slug: string) {
	await env.DB.batch([
		env.DB.prepare(
			"INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES (?, ?, 100, 'open', 'en', 0, 0)",
		).bind(id, slug),
		env.DB.prepare(
			"INSERT INTO petition_texts (petition_id, locale, title, summary, demands, sample, updated_at) SELECT ?, locale, title, summary, demands, sample, updated_at FROM petition_texts WHERE petition_id = (SELECT id FROM petitions WHERE slug = 'call-to-action')",
		).bind(id),
	]);
}

/** An accepted signing request as the route puts it on the queue. */
function message(email: string, petitionId = PETITION, id = crypto.randomUUID()): IntakeMessage {
	return {
		kind: "signature",
		id,
		acceptedAt: Date.now(),
		petitionId,
		ipHash: "iphash",
		input: { email, name: "Amani", country: "CD", locale: "en", subscribe: false, showName: false },
	};
}

const signaturesOf = async (canonical: string, petitionId = PETITION) =>
	(
		await env.DB.prepare(
			"SELECT s.id, s.status, s.emails_sent AS emailsSent FROM signatures s JOIN people p ON p.id = s.person_id WHERE p.email_canonical = ? AND s.petition_id = ?",
		)
			.bind(canonical, petitionId)
			.all<{ id: string; status: string; emailsSent: number }>()
	).results;

const outboxTo = async (address: string) =>
	(
		await env.DB.prepare(
			"SELECT template, dedupe_key AS dedupeKey FROM outbox WHERE to_address = ? ORDER BY created_at",
		)
			.bind(address)
			.all<{ template: string; dedupeKey: string }>()
	).results;

beforeAll(async () => {
	await petitionRow(PETITION, "intake-petition");
	await petitionRow(CLOSING, "intake-closing");
});

describe("the intake consumer", () => {
	it("writes one signature for duplicates inside one batch, the others as reminders within the cap", async () => {
		const tag = unique("dup").email.split("@")[0]?.replace(/\./g, "") ?? "dup";
		// Three spellings of one Gmail address, and one other person, in one batch.
		const spellings = [`${tag}@gmail.com`, `${tag.slice(0, 3)}.${tag.slice(3)}+x@gmail.com`, `${tag}@googlemail.com`];
		const other = unique("other").email;
		const result = await consumeIntake([...spellings.map((e) => message(e)), message(other)]);
		expect(result.retryMessages).toEqual([]);
		expect(result.explicitAcks).toHaveLength(4);
		const [sig] = await signaturesOf(`${tag}@gmail.com`);
		expect((await signaturesOf(`${tag}@gmail.com`)).length).toBe(1);
		expect(sig?.emailsSent).toBe(3);
		const emails = (
			await env.DB.prepare("SELECT dedupe_key AS dedupeKey FROM outbox WHERE dedupe_key LIKE ?")
				.bind(`%:${sig?.id}:%`)
				.all<{ dedupeKey: string }>()
		).results;
		expect(emails.map((e) => e.dedupeKey).sort()).toEqual(
			[1, 2, 3].map((i) => `confirm-signature:${sig?.id}:${i}`).sort(),
		);
		expect(await signaturesOf(other)).toHaveLength(1);
	});

	it("stops at the per-signature email cap however many duplicates one batch holds", async () => {
		const email = unique("cap").email;
		await consumeIntake(Array.from({ length: 8 }, () => message(email)));
		const [sig] = await signaturesOf(email);
		expect(sig?.emailsSent).toBe(5);
		expect(await outboxTo(email)).toHaveLength(5);
	});

	it("sends an 'already signed' email to an address whose signature is confirmed, and writes no signature", async () => {
		const email = unique("already").email;
		await consumeIntake([message(email)]);
		const [sig] = await signaturesOf(email);
		await env.DB.prepare("UPDATE signatures SET status = 'confirmed', confirmed_at = 1 WHERE id = ?")
			.bind(sig?.id)
			.run();
		const result = await consumeIntake([message(email)]);
		expect(result.explicitAcks).toHaveLength(1);
		expect(await signaturesOf(email)).toHaveLength(1);
		expect((await outboxTo(email)).map((e) => e.template)).toEqual(["confirm-signature", "already-signed"]);
	});

	it("writes nothing for a petition closed between the accept and the write, and acks the message", async () => {
		const email = unique("closed").email;
		await env.DB.prepare("UPDATE petitions SET status = 'closed' WHERE id = ?").bind(CLOSING).run();
		const result = await consumeIntake([message(email, CLOSING), message(unique("open").email)]);
		expect(result.explicitAcks).toHaveLength(2);
		expect(await signaturesOf(email, CLOSING)).toHaveLength(0);
		expect(await outboxTo(email)).toHaveLength(0);
	});

	it("writes a message delivered twice once: one signature, one email (in one batch and across batches)", async () => {
		const email = unique("twice").email;
		const m = message(email);
		await consumeIntake([m, m]);
		const again = await consumeIntake([m]);
		expect(again.explicitAcks).toHaveLength(1);
		const [sig] = await signaturesOf(email);
		expect(sig?.emailsSent).toBe(1);
		expect(await outboxTo(email)).toHaveLength(1);
		// A repeat request (a reminder) delivered twice is written once too.
		const reminder = message(email);
		await consumeIntake([reminder]);
		await consumeIntake([reminder]);
		expect((await signaturesOf(email))[0]?.emailsSent).toBe(2);
		expect(await outboxTo(email)).toHaveLength(2);
	});

	it("retries a message it cannot write, without holding up the rest of its batch", async () => {
		const email = unique("fine").email;
		const result = await consumeIntake([{ kind: "signature", id: "broken" }, message(email)]);
		expect(result.retryMessages.map((r) => r.msgId)).toHaveLength(1);
		expect(result.explicitAcks).toHaveLength(1);
		expect(await signaturesOf(email)).toHaveLength(1);
	});
});

describe("through the real queue", () => {
	it("sends a message that keeps failing to the dead-letter queue, and the console shows it", async () => {
		await env.INTAKE_QUEUE.send({ kind: "signature", id: "poison", petitionId: PETITION }, { contentType: "json" });
		await waitFor(
			async () => env.DB.prepare("SELECT attempts FROM intake_dead WHERE id = 'poison'").first<{ attempts: number }>(),
			60_000,
			"the message in intake_dead",
		);
		const cookie = await signIn(await campaigner("admin", "dlq"));
		const page = await (await consoleRequest("/console/review", { headers: { cookie } })).text();
		expect(page).toContain("Requests not written (1)");
		expect(page).toContain('data-dead-intake="poison"');
		expect(page).toContain("intake-petition");
	}, 90_000);
});
