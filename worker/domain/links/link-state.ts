// What a confirmation link is, and what confirming it did: the words the signature, subscription
// and letter features share with the confirm page, so none of them imports another.
import type { RequestDetails } from "../../../schema";
import type { DeliveryMessage } from "../../mail/outbox";

/** Where a confirmation link stands. */
export type LinkState =
	| { state: "invalid" }
	| {
			state: "expired" | "ready" | "done";
			kind: "signature" | "subscription" | "letter";
			subjectId: string;
			/** The petition's or the list's slug. */
			slug: string;
			locale: string;
			/** The details of the request this link confirms (signatures and letters), to show them. */
			request?: RequestDetails;
	  };

/** What confirming did, and the emails it wrote (a welcome, say) for the queue. */
export interface Confirmed {
	link: LinkState;
	deliveries: DeliveryMessage[];
}

/**
 * What the page of a signature's link shows of its petition, read in the same statement as the
 * link itself: its title in each language, its quick-exit setting, and the signer's share code.
 */
export interface SignaturePage {
	titles: Record<string, string>;
	defaultLocale: string;
	quickExit: boolean;
	/** The recorded share code (a confirmed signature), or the one the consumer will record (a click just queued). */
	shareCode: string | null;
	/** A confirmed signature without a code (confirmed before sharing existed): the page gives it one. */
	needsShareCode?: boolean;
}

/** A link as read for its page: its state, and for a signature what the page shows. */
export interface ReadLink {
	link: LinkState;
	page?: SignaturePage;
}
