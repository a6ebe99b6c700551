import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db";
import { confirmLink } from "../../worker/domain/links/confirm-links";
import { linkToken } from "../../worker/domain/links/tokens";
import { type ConfirmRequest, confirmBatch } from "../../worker/domain/petitions/confirm-batch";
import { findPetition, getPetitionView } from "../../worker/domain/petitions/petitions";
import { signPetition } from "../../worker/domain/petitions/signatures";
import { CRON_DAILY } from "../../worker/jobs/cron";
import { runCron } from "../helpers";

const db = createDb(env.DB);
const secret = env.APP_SECRET;

async function signAndConfirm(email: string, country: string) {
	const petition = await findPetition(db, "call-to-action");
	if (!petition) throw new Error("no seed");
	const { deliveries } = await signPetition(
		{ db, secret, now: Date.now() },
		petition,
		{ email, name: "N", country, locale: "en", subscribe: false, showName: false },
		null,
	);
	const outboxId = deliveries[0]?.outboxId ?? "";
	// The click goes to the intake queue; its consumer confirms (here: by hand, at once).
	const clicks: ConfirmRequest[] = [];
	const intake = async (request: Omit<ConfirmRequest, "id" | "acceptedAt">) =>
		void clicks.push({ ...request, id: crypto.randomUUID(), acceptedAt: Date.now() });
	const read = await confirmLink({ db, secret, now: Date.now(), intake }, await linkToken(secret, outboxId));
	await confirmBatch({ db, secret, now: Date.now() }, clicks);
	return read.link;
}

describe("signature counters", () => {
	it("follow confirmations, invalidations and erasures in the same transaction", async () => {
		for (const [i, c] of ["FR", "FR", "ES", "UA"].entries())
			expect((await signAndConfirm(`c${i}@example.org`, c)).state).toBe("done");
		let view = await getPetitionView(db, "call-to-action", "en");
		expect(view?.count).toBe(4);
		expect(view?.countries).toEqual({ FR: 2, ES: 1, UA: 1 });

		await env.DB.prepare("UPDATE signatures SET status = 'invalidated' WHERE country = 'ES'").run();
		await env.DB.prepare("DELETE FROM signatures WHERE country = 'UA'").run();
		view = await getPetitionView(db, "call-to-action", "en");
		expect(view?.count).toBe(2);
		expect(view?.countries).toEqual({ FR: 2 });
	});

	it("are checked and repaired by the reconcile job", async () => {
		await signAndConfirm("r1@example.org", "CO");
		await signAndConfirm("r2@example.org", "CO");
		// Drift that bypassed the triggers (a hand-run fix, a restore).
		await env.DB.prepare("UPDATE signature_counts SET count = 999 WHERE country = ''").run();
		await env.DB.prepare("DELETE FROM signature_counts WHERE country = 'CO'").run();
		await runCron(CRON_DAILY);
		const view = await getPetitionView(db, "call-to-action", "en");
		const rows = await env.DB.prepare("SELECT count(*) AS n FROM signatures WHERE status = 'confirmed'").first<{
			n: number;
		}>();
		expect(view?.count).toBe(rows?.n);
		expect(view?.countries.CO).toBe(2);
	});
});
