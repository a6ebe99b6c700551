import { type ContentLoaders, linkUrl } from "../email/content";
import { SIGN_IN_TOKEN_TTL_MS } from "./campaigners";

/** The console's email: a campaigner's sign-in link. */
export const consoleEmails: ContentLoaders<"console-sign-in"> = {
	async "console-sign-in"(_db, links, email) {
		return {
			props: {
				locale: email.locale,
				signInUrl: await linkUrl(links, email.id, "console/sign-in"),
				expiresInMinutes: Math.round(SIGN_IN_TOKEN_TTL_MS / 60_000),
			},
		};
	},
};
