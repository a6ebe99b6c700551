// Issue 10, item 4: no answer tells whether an address is known. Before it answers, a signature
// or letter request (JSON API or hosted form) does the very same work for a known address as for
// an unknown one: here, the same D1 statements in the same order. What differs runs after the
// answer. (Timing itself is measured by `npm run bench`, known against unknown.)
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { forgetPartnerDirectory } from "../../worker/domain/partners/partners";
import { forgetPetitionRefs } from "../../worker/domain/petitions/petitions";
import { confirmClick, confirmToken, ENGINE, emailsTo, postJson, sign, unique, waitForEmail } from "../helpers";

/** The DB binding, recording each statement prepared and each batch, in order. */
function recording(db: D1Database, log: string[]): D1Database {
	return new Proxy(db, {
		get(target, prop) {
			if (prop === "prepare") {
				return (sql: string) => {
					log.push(sql);
					return target.prepare(sql);
				};
			}
			if (prop === "batch") {
				return (statements: D1PreparedStatement[]) => {
					log.push(`batch of ${statements.length}`);
					return target.batch(statements);
				};
			}
			const value = Reflect.get(target, prop);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

/** What the request did with D1 before its answer was handed back, and the answer. */
async function requestPath(path: string, init: { body: string; type: string }) {
	const log: string[] = [];
	// Petitions and partners are cached for seconds: start every request from the same caches.
	forgetPartnerDirectory();
	forgetPetitionRefs();
	const ctx = createExecutionContext();
	// Signatures are written by the intake queue's consumer: count what the request queued.
	let queued = 0;
	const intake = {
		send: async (body: unknown, options?: QueueSendOptions) => {
			queued++;
			return env.INTAKE_QUEUE.send(body, options);
		},
	} as Queue;
	const headers = {
		"content-type": init.type,
		"cf-connecting-ip": unique().ip,
		"sec-fetch-site": "same-origin",
	};
	const res = await app.fetch(
		new Request(`${ENGINE}${path}`, { method: "POST", headers, body: init.body }),
		{ ...env, DB: recording(env.DB, log), INTAKE_QUEUE: intake },
		ctx,
	);
	const before = [...log];
	const answer = { status: res.status, body: await res.text() };
	await waitOnExecutionContext(ctx);
	return { before, answer, after: log.length - before.length + queued };
}

const json = (body: Record<string, unknown>) => ({ body: JSON.stringify(body), type: "application/json" });
const form = (body: Record<string, string>) => ({
	body: new URLSearchParams(body).toString(),
	type: "application/x-www-form-urlencoded",
});

async function signedAndConfirmed() {
	const { email } = unique("known-signer");
	await sign({ email });
	await confirmClick(confirmToken(await waitForEmail(email)));
	return email;
}

async function signedOnly() {
	const { email } = unique("pending-signer");
	await sign({ email });
	await waitForEmail(email);
	return email;
}

async function wroteAndConfirmed() {
	const { email } = unique("known-writer");
	await postJson("/api/v1/letters/write-to-your-state", { email, name: "Amani", country: "FR" }, { ip: unique().ip });
	await confirmClick(confirmToken(await waitForEmail(email)));
	return email;
}

async function expectSamePath(
	path: string,
	make: (email: string) => { body: string; type: string },
	known: string[],
	status: number,
) {
	const fresh = await requestPath(path, make(unique("unknown").email));
	expect(fresh.answer.status).toBe(status);
	// The write did happen, after the answer (or the request was queued for it).
	expect(fresh.after).toBeGreaterThan(0);
	for (const email of known) {
		const seen = await requestPath(path, make(email));
		expect(seen.answer).toEqual(fresh.answer);
		expect(seen.before).toEqual(fresh.before);
	}
}

describe("known and unknown addresses: the same work before the answer", () => {
	it("signing through the API", async () => {
		const known = [await signedAndConfirmed(), await signedOnly()];
		await expectSamePath(
			"/api/v1/petitions/call-to-action/signatures",
			(email) => json({ email, name: "Amani", country: "CD" }),
			known,
			202,
		);
		// And the known signer still got what a repeat gets: an "already signed" email.
		await waitForEmail(known[0] as string, 3); // confirmation, thank-you, "already signed"
		const subjects = (await emailsTo(known[0] as string)).map((m) => m.subject);
		expect(subjects.some((subject) => subject.includes("already counted"))).toBe(true);
	});

	it("writing a letter through the API", async () => {
		const known = [await wroteAndConfirmed(), await signedOnly()];
		await expectSamePath(
			"/api/v1/letters/write-to-your-state",
			(email) => json({ email, name: "Amani", country: "FR" }),
			known,
			202,
		);
	});

	it("signing and writing through the hosted forms", async () => {
		const known = [await signedAndConfirmed(), await wroteAndConfirmed()];
		await expectSamePath(
			"/p/call-to-action",
			(email) => form({ email, name: "Amani", country: "CD", locale: "en" }),
			known,
			200,
		);
		await expectSamePath(
			"/l/write-to-your-state",
			(email) =>
				form({
					email,
					name: "Amani",
					country: "FR",
					drafted: "FR",
					locale: "en",
					body: "Dear Minister, please act for the survivors of conflict-related sexual violence.",
				}),
			known,
			200,
		);
	});
});
