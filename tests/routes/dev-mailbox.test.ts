import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { devMailbox } from "../../schema";
import { createDb } from "../../worker/db";
import { devMailboxMailer } from "../../worker/mail/dev-mailbox";
import { countingD1 } from "../d1-counter";
import { request, requestWithEnv } from "../helpers";

describe("the dev mailbox", () => {
	const mailbox = devMailboxMailer(createDb(env.DB));
	const email = (n: number, to = "reader@example.org") => ({
		from: "Red Line <no-reply@redline.example>",
		to,
		subject: `Subject ${n} <b>`,
		html: `<p>Body ${n}</p>`,
		text: `Body ${n} https://engine.test/confirm/abc${n}`,
		headers: { "X-Test": String(n) },
		idempotencyKey: `key-${n}-${to}`,
	});

	it("keeps what would have been sent, newest first, per address, once per key", async () => {
		await mailbox.send(email(1));
		await new Promise((r) => setTimeout(r, 5));
		await mailbox.send(email(2));
		await mailbox.send(email(2));
		await mailbox.send(email(3, "other@example.org"));
		const res = await request("/dev/mailbox.json?to=Reader@Example.org");
		expect(res.status).toBe(200);
		const list =
			await res.json<
				{
					to: string;
					subject: string;
					text: string;
					html: string;
					headers: Record<string, string>;
					createdAt: string;
					from: string;
				}[]
			>();
		expect(list.map((e) => e.subject)).toEqual(["Subject 2 <b>", "Subject 1 <b>"]);
		expect(list[0]).toMatchObject({
			to: "reader@example.org",
			from: "Red Line <no-reply@redline.example>",
			headers: { "X-Test": "2" },
		});
		expect(Date.parse(list[0]?.createdAt ?? "")).not.toBeNaN();

		const page = await request("/dev/mailbox");
		const html = await page.text();
		expect(html).toContain("Subject 2 &lt;b&gt;");
		expect(html).toContain('<a href="https://engine.test/confirm/abc2">');
	});

	it("keeps and shows Reply-To and every header, for single and batch sends", async () => {
		const to = "state@example.gov";
		const headers = {
			"List-Unsubscribe": "<https://engine.test/u/t>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		};
		await mailbox.send({ ...email(4, to), headers, replyTo: "writer@example.org" });
		await mailbox.sendBatch([{ ...email(5, to), headers: {}, replyTo: "other-writer@example.org" }], "batch-reply-to");
		await mailbox.send({ ...email(6, to), headers: {} });

		const res = await request(`/dev/mailbox.json?to=${to}`);
		const list = await res.json<{ subject: string; replyTo: string | null; headers: Record<string, string> }[]>();
		const bySubject = Object.fromEntries(list.map((e) => [e.subject, e]));
		expect(bySubject["Subject 4 <b>"]).toMatchObject({ replyTo: "writer@example.org", headers });
		expect(bySubject["Subject 5 <b>"]?.replyTo).toBe("other-writer@example.org");
		expect(bySubject["Subject 6 <b>"]?.replyTo).toBeNull();

		const html = await (await request(`/dev/mailbox?to=${to}`)).text();
		const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]*)<\/td><\/tr>/g)].map(
			(m) => `${m[1]}: ${m[2]}`,
		);
		expect(rows).toContain("Reply-To: writer@example.org");
		expect(rows).toContain("Reply-To: other-writer@example.org");
		expect(rows).toContain("From: Red Line &lt;no-reply@redline.example&gt;");
		expect(rows).toContain(`To: ${to}`);
		expect(rows).toContain("List-Unsubscribe: &lt;https://engine.test/u/t&gt;");
		expect(rows).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
		// Subject 6 has no Reply-To: its header table has no such row.
		expect(rows.filter((r) => r.startsWith("Reply-To:"))).toHaveLength(2);
	});

	it("writes a batch call's emails in one statement, once per key, however many", async () => {
		const counter = countingD1(env.DB);
		const counted = devMailboxMailer(createDb(counter.db));
		const to = "batch-reader@example.org";
		const batch = Array.from({ length: 100 }, (_, n) => ({
			...email(100 + n, to),
			replyTo: n % 2 ? "w@example.org" : undefined,
		}));
		const sent = await counted.sendBatch(batch, "batch-100");
		expect(sent).toEqual({ ok: true, ids: batch.map((e) => e.idempotencyKey) });
		expect(counter.take().count).toBe(1);
		// The same call again (a lost answer): nothing lands twice.
		await counted.sendBatch(batch, "batch-100");
		const kept = await createDb(env.DB).select().from(devMailbox).where(eq(devMailbox.toAddress, to));
		expect(kept).toHaveLength(100);
		const first = kept.find((k) => k.id === batch[1]?.idempotencyKey);
		expect(first).toMatchObject({
			subject: "Subject 101 <b>",
			html: "<p>Body 101</p>",
			replyTo: "w@example.org",
			headers: { "X-Test": "101" },
		});
		expect(kept.find((k) => k.id === batch[0]?.idempotencyKey)?.replyTo).toBeNull();

		// Emails too large for one value of D1's (2 MB) go in a few statements of one batch.
		const big = Array.from({ length: 6 }, (_, n) => ({
			...email(300 + n, to),
			idempotencyKey: undefined,
			html: `<p>${"ضحايا العنف الجنسي ".repeat(12_000)}</p>`,
		}));
		await counted.sendBatch(big, "batch-big");
		expect(counter.take().count).toBeGreaterThan(1);
		const bigKept = await createDb(env.DB).select().from(devMailbox).where(eq(devMailbox.toAddress, to));
		expect(bigKept.filter((k) => k.id.startsWith("batch-big:")).map((k) => k.html.length)).toEqual(
			big.map((b) => b.html.length),
		);
	});

	it("does not exist in production", async () => {
		for (const path of ["/dev/mailbox", "/dev/mailbox.json"]) {
			const res = await requestWithEnv(path, { ENVIRONMENT: "production" });
			expect(res.status).toBe(404);
		}
	});
});
