import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { devMailboxMailer } from "../../worker/mail/dev-mailbox";
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

	it("does not exist in production", async () => {
		for (const path of ["/dev/mailbox", "/dev/mailbox.json"]) {
			const res = await requestWithEnv(path, { ENVIRONMENT: "production" });
			expect(res.status).toBe(404);
		}
	});
});
