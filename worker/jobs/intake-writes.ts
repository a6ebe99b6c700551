import { eq } from "drizzle-orm";
import { intakeSeen } from "../../schema";
import type { IntakeRequest } from "../actions/action";
import { requestSignIn } from "../domain/console/campaigners";
import { findLetterCampaign, writeLetters } from "../domain/letters/letters";
import type { LinkDeps } from "../domain/links/link-emails";
import { findList } from "../domain/lists/lists";
import { subscribe } from "../domain/lists/subscriptions";
import { requestPrivacy } from "../domain/people/privacy";
import { DomainError } from "../lib/errors";
import { logEvent } from "../lib/log";
import type { DeliveryMessage } from "../mail/outbox";

type OneByOne = Extract<IntakeRequest, { kind: "subscription" | "letter" | "privacy" | "console-sign-in" }> & {
	id: string;
};

/**
 * Writes one accepted subscription, letter, privacy request or console sign-in request from the
 * intake queue, with the
 * rules it always had (the domain function's), and returns its emails to queue. Exactly once:
 * the message's id is marked in `intake_seen` in the same batch as the write, and a message
 * already marked writes nothing. A list or campaign closed (or gone) since the accept takes
 * nothing, like a petition closed between accept and write.
 */
export async function writeIntakeRequest(deps: LinkDeps, message: OneByOne): Promise<DeliveryMessage[]> {
	const { db, now } = deps;
	const seen = await db.select({ id: intakeSeen.id }).from(intakeSeen).where(eq(intakeSeen.id, message.id)).get();
	if (seen) return [];
	const marked: LinkDeps = { ...deps, commitWith: [db.insert(intakeSeen).values({ id: message.id, at: now })] };
	try {
		switch (message.kind) {
			case "subscription": {
				const list = await findList(db, message.listSlug);
				if (list?.status !== "open") return [];
				return (await subscribe(marked, list, message.input)).deliveries;
			}
			case "letter": {
				const campaign = await findLetterCampaign(db, message.campaignSlug);
				if (campaign?.status !== "open") return [];
				return (await writeLetters(marked, campaign, message.input, message.ipHash)).deliveries;
			}
			case "privacy":
				return await requestPrivacy(marked, message.input);
			case "console-sign-in":
				return await requestSignIn(marked, message.input.email);
		}
	} catch (err) {
		// Refused now for what was accepted then (the campaign's text limits changed in between):
		// nothing to write, and retrying would not change it.
		if (err instanceof DomainError) {
			logEvent("warn", "intake.refused_at_write", { messageId: message.id, kind: message.kind, code: err.code });
			return [];
		}
		throw err;
	}
}
