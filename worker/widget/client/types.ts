// What GET /api/v1/widget/:kind/:slug answers: the one request a widget makes for its data.
// Plain types, shared by the Worker (which builds it) and the widget (which reads it).

import type { PluralForms } from "../../i18n/plural";

export type ActionKind = "petition" | "letter" | "subscribe";

export type StringKey =
	| "quickExit"
	| "goal"
	| "formName"
	| "formNameOptional"
	| "formEmail"
	| "formCountry"
	| "formChooseCountry"
	| "formShowName"
	| "formSign"
	| "formSubscribe"
	| "formSendLetter"
	| "formLetterTo"
	| "formLetterSubject"
	| "formLetterBody"
	| "formHoneypot"
	| "letterIntro"
	| "errorSummary"
	| "errEmail"
	| "errName"
	| "errCountry"
	| "errBody"
	| "errConsent"
	| "errGeneric"
	| "renewedTitle"
	| "checkInboxSign"
	| "checkInboxSubscribe"
	| "checkInboxLetter"
	| "rateLimitedTitle"
	| "rateLimitedBody"
	| "closedTitle"
	| "closedBody"
	| "notFoundTitle"
	| "failedTitle"
	| "failedBody"
	| "sampleNotice"
	| "privacyNote"
	| "privacyNoteHidden"
	| "showDemands"
	| "sending"
	| "notRegistered"
	| "networkError"
	| "hostedLink"
	| "partnerPrivacy"
	| "progress"
	| "retryIn";

export interface WidgetParagraph {
	text: string;
	when?: { instrument: string; has: boolean };
}

export interface WidgetResponse {
	kind: ActionKind;
	slug: string;
	locale: string;
	dir: "ltr" | "rtl";
	/** The language the action's own words are in. */
	textLocale: string;
	open: boolean;
	title: string;
	summary: string;
	demands?: { heading: string; demands: { text: string }[] }[];
	count?: number;
	goal?: number;
	/** Required tick for a subscription. */
	consent?: string;
	/** Optional tick: the action's updates list. */
	updates?: string;
	/** The language `updates` is in. */
	updatesLocale?: string;
	sample: boolean;
	countries: string[];
	letter?: {
		subject: string;
		paragraphs: WidgetParagraph[];
		targetMode: "own-state" | "named";
		targets: string[];
		/** ISO code → [name, live instruments]. */
		states: Record<string, [string, string[]]>;
		country?: string;
	};
	partner?: { slug: string; name: string; optIn?: string; optInLocale?: string; privacyUrl: string | null };
	/** Whether this site may submit (the engine's own, or a registered partner's origin). */
	accepts: boolean;
	/** Where the quick-exit control goes; absent when the action switched it off. */
	quickExit?: string;
	turnstileSiteKey?: string;
	/** The same action on the engine's own page. */
	hostedUrl: string;
	/** Where the form posts. */
	submitUrl: string;
	strings: Record<StringKey, string> & { plurals: { signatures: PluralForms } };
}
