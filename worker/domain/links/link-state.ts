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
