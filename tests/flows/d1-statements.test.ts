import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { forgetPetitionRefs } from "../../worker/domain/petitions/petitions";
import worker from "../../worker/index";
import { countingD1 } from "../d1-counter";
import { confirmToken, ENGINE, petition, unique, waitForEmail } from "../helpers";
import { batchOf, capturingQueue } from "../queues";

const N = 100;

describe("D1 statements per signature's life", () => {
	it(`accept, write, deliver, confirm: counted over a batch of ${N} (docs/scale.md, npm run bench)`, async () => {
		const counter = countingD1(env.DB);
		const intake = capturingQueue();
		const mail = capturingQueue();
		const counted = { ...env, DB: counter.db, INTAKE_QUEUE: intake.queue, QUEUE: mail.queue };
		const fetch = async (path: string, init: RequestInit & { ip?: string } = {}) => {
			const ctx = createExecutionContext();
			const headers = new Headers(init.headers);
			if (init.ip) headers.set("cf-connecting-ip", init.ip);
			const res = await app.fetch(new Request(`${ENGINE}${path}`, { ...init, headers }), counted, ctx);
			await waitOnExecutionContext(ctx);
			return res;
		};
		const before = (await petition()).count;
		counter.take();

		// Accept: the route, up to the queue (the petition is looked up once per isolate and 5 s).
		forgetPetitionRefs();
		const people = Array.from({ length: N }, () => unique("life"));
		for (const p of people) {
			const res = await fetch("/api/v1/petitions/call-to-action/signatures", {
				method: "POST",
				ip: p.ip,
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ email: p.email, name: "Amani", country: "CD", locale: "en" }),
			});
			expect(res.status).toBe(202);
		}
		const accept = counter.take();

		// Write: the intake consumer, one batch of N.
		await worker.queue(batchOf("red-line-intake", intake.take()), counted);
		const write = counter.take();

		// Deliver: the confirmation emails.
		const confirmations = mail.take();
		expect(confirmations).toHaveLength(N);
		await worker.queue(batchOf("red-line-mail", confirmations), counted);
		const deliverConfirmation = counter.take();

		// Confirm: the page the link opens (GET), then its button (POST).
		const tokens = [];
		for (const p of people) tokens.push(confirmToken(await waitForEmail(p.email)));
		counter.take();
		for (const token of tokens) expect((await fetch(`/confirm/${token}`)).status).toBe(200);
		const confirmPage = counter.take();
		for (const token of tokens) expect((await fetch(`/confirm/${token}`, { method: "POST" })).status).toBe(200);
		const click = counter.take();
		// The clicks went to the intake queue: its consumer confirms them, one batch of N.
		const clicks = intake.take();
		expect(clicks).toHaveLength(N);
		expect(mail.take()).toHaveLength(0);
		await worker.queue(batchOf("red-line-intake", clicks), counted);
		const confirmWrite = counter.take();
		const confirm = { count: click.count + confirmWrite.count, sql: [...click.sql, ...confirmWrite.sql] };

		// Deliver: the thank-you each confirmation sends.
		const thanks = mail.take();
		expect(thanks).toHaveLength(N);
		await worker.queue(batchOf("red-line-mail", thanks), counted);
		const deliverThanks = counter.take();

		expect((await petition()).count).toBe(before + N);
		const per = (x: { count: number }) => x.count / N;
		const figures = {
			signatures: N,
			accept: per(accept),
			write: per(write),
			deliverConfirmation: per(deliverConfirmation),
			confirmPage: per(confirmPage),
			confirm: per(confirm),
			confirmClick: per(click),
			confirmWrite: per(confirmWrite),
			deliverThanks: per(deliverThanks),
			total: per(accept) + per(write) + per(deliverConfirmation) + per(confirmPage) + per(confirm) + per(deliverThanks),
			sql: {
				write: write.sql,
				deliver: deliverConfirmation.sql.slice(0, 8),
				confirmPage: confirmPage.sql.slice(0, 3),
				confirmClick: click.sql.slice(0, 2),
				confirmWrite: confirmWrite.sql,
			},
		};
		// The figures for docs/scale.md and the bench row (scripts/bench/d1-statements.ts reads this line).
		console.log(`D1-STATEMENTS ${JSON.stringify(figures)}`);
		// The write is set-based: a handful of statements for the whole batch.
		expect(write.count).toBeLessThanOrEqual(10);
		// So is delivery: claim, suppressions, the batch's content in one D1 batch, sent (not reads per email).
		expect(deliverConfirmation.count, deliverConfirmation.sql.join("\n")).toBeLessThanOrEqual(10);
		expect(deliverThanks.count, deliverThanks.sql.join("\n")).toBeLessThanOrEqual(10);
		// A click stays cheap (issue 13): the page one read, the button one read and its share of
		// the consumer's set-based batch.
		expect(confirmPage.count / N).toBeLessThanOrEqual(1);
		expect(confirm.count / N).toBeLessThanOrEqual(2);
		expect(confirmWrite.count).toBeLessThanOrEqual(10);
	}, 120_000);
});
