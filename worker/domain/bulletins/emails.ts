import type { ContentLoaders } from "../email/content";
import { loadBulletin, textFor } from "./bulletin-send";

/**
 * A bulletin's test send, the one bulletin email that goes through the outbox: marked [TEST],
 * greeting the tester by the name the test was sent with (as the preview does), and a dead link.
 */
export const bulletinEmails: ContentLoaders<"bulletin"> = {
	async bulletin(db, links, email) {
		const found = await loadBulletin(db, email.props.bulletinId);
		const text = found && textFor(found.bulletin, found.texts, email.locale);
		if (!found || !text) return null;
		return {
			props: {
				locale: text.locale,
				subject: `[TEST] ${text.subject}`,
				preheader: text.preheader,
				bodyMarkdown: text.bodyMarkdown,
				name: email.props.name,
				unsubscribeUrl: `${links.publicUrl}/u/sample-link-for-test-send`,
			},
		};
	},
};
