import { eq } from "drizzle-orm";
import { webhookEndpoints } from "../../../schema";
import type { ContentLoaders } from "../email/content";

/** The webhooks' email: an admin told that an endpoint was disabled (410, or 3 days failing). */
export const webhookEmails: ContentLoaders<"webhook-disabled"> = {
	async "webhook-disabled"(db, links, email) {
		const endpoint = await db
			.select({ id: webhookEndpoints.id, url: webhookEndpoints.url })
			.from(webhookEndpoints)
			.where(eq(webhookEndpoints.id, email.props.endpointId))
			.get();
		if (!endpoint) return null;
		return {
			props: {
				locale: email.locale,
				url: endpoint.url,
				reason: email.props.reason,
				consoleUrl: `${links.publicUrl}/console/webhooks/${endpoint.id}`,
			},
		};
	},
};
