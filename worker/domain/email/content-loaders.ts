import type { TemplateName } from "../../mail/email-contract";
import { bulletinEmails } from "../bulletins/emails";
import { consoleEmails } from "../console/emails";
import { letterEmails } from "../letters/emails";
import { listEmails } from "../lists/emails";
import { peopleEmails } from "../people/emails";
import { petitionEmails } from "../petitions/emails";
import { webhookEmails } from "../webhooks/emails";
import type { ContentLoaders } from "./content";

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
