import { eq } from "drizzle-orm";
import { petitions, signatures } from "../../../schema";
import type { Database } from "../../db";
import { type ContentLoaders, days, linkUrl } from "../email/content";
import { CONFIRM_TOKEN_TTL_MS, tokenOfOutbox } from "../links/tokens";
import { petitionTitle } from "./petitions";
import { shareLinksFor } from "./referrals";

function signatureOf(db: Database, signatureId: string) {
	return db
		.select({
			name: signatures.name,
			petitionId: signatures.petitionId,
			slug: petitions.slug,
			shareCode: signatures.shareCode,
		})
		.from(signatures)
		.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
		.where(eq(signatures.id, signatureId))
		.get();
}

/** The petitions' emails: the confirmation link, "you already signed", and the thank-you. */
export const petitionEmails: ContentLoaders<"confirm-signature" | "already-signed" | "signature-confirmed"> = {
	async "confirm-signature"(db, links, email) {
		const sig = await signatureOf(db, email.props.signatureId);
		if (!sig) return null;
		// A confirmation link greets with the name its own request gave, which it confirms.
		const request = (await tokenOfOutbox(db, links.secret, email.id))?.request;
		return {
			props: {
				locale: email.locale,
				name: request?.name ?? sig.name,
				petitionTitle: await petitionTitle(db, sig.petitionId, email.locale),
				confirmUrl: await linkUrl(links, email.id, "confirm"),
				expiresInDays: days(CONFIRM_TOKEN_TTL_MS),
			},
		};
	},
	async "already-signed"(db, links, email) {
		const sig = await signatureOf(db, email.props.signatureId);
		if (!sig) return null;
		return {
			props: {
				locale: email.locale,
				name: sig.name,
				petitionTitle: await petitionTitle(db, sig.petitionId, email.locale),
				petitionUrl: `${links.publicUrl}/p/${sig.slug}?locale=${email.locale}`,
			},
		};
	},
	async "signature-confirmed"(db, links, email) {
		const sig = await signatureOf(db, email.props.signatureId);
		// No code: erased (or never confirmed), nothing to send.
		if (!sig?.shareCode) return null;
		const title = await petitionTitle(db, sig.petitionId, email.locale);
		return {
			props: {
				locale: email.locale,
				name: sig.name,
				petitionTitle: title,
				shares: shareLinksFor(`${links.publicUrl}/p/${sig.slug}`, sig.shareCode, email.locale, title),
			},
		};
	},
};
