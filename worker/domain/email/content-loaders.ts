import type { TemplateName } from "../../mail/email-contract";
import { bulletinEmails } from "../bulletins/emails";
import { consoleEmails } from "../console/emails";
import { letterBatchEmails, letterEmails } from "../letters/emails";
import { listBatchEmails, listEmails } from "../lists/emails";
import { peopleEmails } from "../people/emails";
import { petitionBatchEmails, petitionEmails } from "../petitions/emails";
import { webhookEmails } from "../webhooks/emails";
import type { BatchContentLoaders, ContentLoaders } from "./content";

/**
 * Every template's content loader, from the feature that owns the email. Typed over all of
 * `TemplateName`: a template without a loader does not compile.
 */
export const contentLoaders: ContentLoaders<TemplateName> = {
	...petitionEmails,
	...listEmails,
	...letterEmails,
	...peopleEmails,
	...consoleEmails,
	...bulletinEmails,
	...webhookEmails,
};

/**
 * The batch loaders features give for the emails sent many at a time (a surge's confirmations and
 * thank-yous): delivery loads a queue batch's rows of such a template in one call, a few
 * statements in all; the other templates go through their loader above, one by one.
 */
export const batchContentLoaders: Partial<BatchContentLoaders<TemplateName>> = {
	...petitionBatchEmails,
	...listBatchEmails,
	...letterBatchEmails,
};
