import { type ContentLoaders, days, linkUrl } from "../email/content";
import { PRIVACY_TOKEN_TTL_MS } from "../links/tokens";

/** The privacy email: the link that confirms an export or an erasure. */
export const peopleEmails: ContentLoaders<"privacy-request"> = {
	async "privacy-request"(_db, links, email) {
		return {
			props: {
				locale: email.locale,
				kind: email.props.kind,
				actionUrl: await linkUrl(links, email.id, "privacy"),
				expiresInDays: days(PRIVACY_TOKEN_TTL_MS),
			},
		};
	},
};
