import type { Database } from "../../db";
import type { DeliveryMessage } from "../../mail/outbox";
import { confirmLetters, inspectLetterLink, renewLetterLink } from "../letters/letters";
import { confirmSubscription, inspectSubscriptionLink, renewSubscriptionLink } from "../lists/subscriptions";
import { confirmSignature, inspectSignatureLink, renewSignatureLink } from "../petitions/signatures";
import type { LinkDeps } from "./link-emails";
import type { Confirmed, LinkState } from "./link-state";
import { findToken } from "./tokens";

export type { Confirmed, LinkState };

/**
 * Confirmation links (`/confirm/:token`) for signatures, subscriptions and letters alike: the
 * token's purpose says which.
 */
async function tokenOf(db: Database, raw: string) {
	return findToken(db, raw, ["confirm-signature", "confirm-subscription", "confirm-letter"]);
}

/** What a link would do, without doing it (for the page behind GET). */
export async function inspectConfirmLink(db: Database, raw: string, now: number): Promise<LinkState> {
	const token = await tokenOf(db, raw);
	if (!token) return { state: "invalid" };
	if (token.purpose === "confirm-letter") return inspectLetterLink(db, token, now);
	return token.purpose === "confirm-signature"
		? inspectSignatureLink(db, token, now)
		: inspectSubscriptionLink(db, token, now);
}

/** Does what the link confirms; idempotent. */
export async function confirmLink(db: Database, raw: string, now: number): Promise<Confirmed> {
	const token = await tokenOf(db, raw);
	if (!token) return { link: { state: "invalid" }, deliveries: [] };
	if (token.purpose === "confirm-letter") return confirmLetters(db, token, now);
	return token.purpose === "confirm-signature" ? confirmSignature(db, token, now) : confirmSubscription(db, token, now);
}

/** A fresh link for an expired one, within the caps. The caller answers the same either way. */
export async function renewConfirmLink(deps: LinkDeps, raw: string): Promise<DeliveryMessage[]> {
	const token = await tokenOf(deps.db, raw);
	if (!token) return [];
	if (token.purpose === "confirm-letter") return renewLetterLink(deps, token);
	return token.purpose === "confirm-signature" ? renewSignatureLink(deps, token) : renewSubscriptionLink(deps, token);
}
