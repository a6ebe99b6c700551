/**
 * Registry of the email templates. The worker imports this to render:
 *
 *   const t = templates[name];
 *   const element = createElement(t.component, props);
 *   const { html, text } = await renderParts(element);
 *   const subj = t.subject(props);
 *
 * `renderEmail` below does exactly that.
 */
import { type Options, render } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import AlreadySignedEmail, { type AlreadySignedEmailProps, subject as alreadySignedSubject } from "./already-signed";
import AlreadyWrittenEmail, {
	type AlreadyWrittenEmailProps,
	subject as alreadyWrittenSubject,
} from "./already-written";
import BulletinEmail, { type BulletinEmailProps, subject as bulletinSubject } from "./bulletin";
import ConfirmLetterEmail, { type ConfirmLetterEmailProps, subject as confirmLetterSubject } from "./confirm-letter";
import ConfirmSignatureEmail, {
	type ConfirmSignatureEmailProps,
	subject as confirmSignatureSubject,
} from "./confirm-signature";
import ConfirmSubscriptionEmail, {
	type ConfirmSubscriptionEmailProps,
	subject as confirmSubscriptionSubject,
} from "./confirm-subscription";
import ConsoleSignInEmail, { type ConsoleSignInEmailProps, subject as consoleSignInSubject } from "./console-sign-in";
import LetterDigestEmail, {
	type DigestLetter,
	type LetterDigestEmailProps,
	subject as letterDigestSubject,
} from "./letter-digest";
import LetterReplyQuestionEmail, {
	type LetterReplyQuestionEmailProps,
	subject as letterReplyQuestionSubject,
} from "./letter-reply-question";
import LetterToStateEmail, { type LetterToStateEmailProps, subject as letterToStateSubject } from "./letter-to-state";
import PrivacyRequestEmail, {
	type PrivacyRequestEmailProps,
	subject as privacyRequestSubject,
} from "./privacy-request";
import SignatureConfirmedEmail, {
	type SignatureConfirmedEmailProps,
	subject as signatureConfirmedSubject,
} from "./signature-confirmed";
import SubscriptionWelcomeEmail, {
	type SubscriptionWelcomeEmailProps,
	subject as subscriptionWelcomeSubject,
} from "./subscription-welcome";
import WebhookDisabledEmail, {
	type WebhookDisabledEmailProps,
	subject as webhookDisabledSubject,
} from "./webhook-disabled";

export { type EmailLocale, emailLocales, isRtl, pickLocale } from "./i18n";
export type {
	AlreadySignedEmailProps,
	AlreadyWrittenEmailProps,
	BulletinEmailProps,
	ConfirmLetterEmailProps,
	ConfirmSignatureEmailProps,
	ConfirmSubscriptionEmailProps,
	ConsoleSignInEmailProps,
	DigestLetter,
	LetterDigestEmailProps,
	LetterReplyQuestionEmailProps,
	LetterToStateEmailProps,
	PrivacyRequestEmailProps,
	SignatureConfirmedEmailProps,
	SubscriptionWelcomeEmailProps,
	WebhookDisabledEmailProps,
};

/** Props of each template, by name. */
export interface TemplatePropsMap {
	"confirm-signature": ConfirmSignatureEmailProps;
	"already-signed": AlreadySignedEmailProps;
	"signature-confirmed": SignatureConfirmedEmailProps;
	"confirm-subscription": ConfirmSubscriptionEmailProps;
	"subscription-welcome": SubscriptionWelcomeEmailProps;
	"privacy-request": PrivacyRequestEmailProps;
	"confirm-letter": ConfirmLetterEmailProps;
	"already-written": AlreadyWrittenEmailProps;
	"letter-to-state": LetterToStateEmailProps;
	"letter-digest": LetterDigestEmailProps;
	"letter-reply-question": LetterReplyQuestionEmailProps;
	bulletin: BulletinEmailProps;
	"console-sign-in": ConsoleSignInEmailProps;
	"webhook-disabled": WebhookDisabledEmailProps;
}

export const templates = {
	"confirm-signature": {
		component: ConfirmSignatureEmail,
		subject: confirmSignatureSubject,
	},
	"already-signed": {
		component: AlreadySignedEmail,
		subject: alreadySignedSubject,
	},
	"signature-confirmed": {
		component: SignatureConfirmedEmail,
		subject: signatureConfirmedSubject,
	},
	"confirm-subscription": {
		component: ConfirmSubscriptionEmail,
		subject: confirmSubscriptionSubject,
	},
	"subscription-welcome": {
		component: SubscriptionWelcomeEmail,
		subject: subscriptionWelcomeSubject,
	},
	"privacy-request": {
		component: PrivacyRequestEmail,
		subject: privacyRequestSubject,
	},
	"confirm-letter": {
		component: ConfirmLetterEmail,
		subject: confirmLetterSubject,
	},
	"already-written": {
		component: AlreadyWrittenEmail,
		subject: alreadyWrittenSubject,
	},
	"letter-to-state": {
		component: LetterToStateEmail,
		subject: letterToStateSubject,
	},
	"letter-digest": {
		component: LetterDigestEmail,
		subject: letterDigestSubject,
	},
	"letter-reply-question": {
		component: LetterReplyQuestionEmail,
		subject: letterReplyQuestionSubject,
	},
	bulletin: {
		component: BulletinEmail,
		subject: bulletinSubject,
	},
	"console-sign-in": {
		component: ConsoleSignInEmail,
		subject: consoleSignInSubject,
	},
	"webhook-disabled": {
		component: WebhookDisabledEmail,
		subject: webhookDisabledSubject,
	},
} as const satisfies {
	[N in TemplateName]: {
		component: (props: TemplatePropsMap[N]) => ReactElement;
		subject: (props: TemplatePropsMap[N]) => string;
	};
};

/**
 * The templates' names. The worker reads this and `TemplateProps` as types only
 * (`worker/mail/email-contract.ts`), so the mail layer and the domain never load react.
 */
export type TemplateName = keyof TemplatePropsMap;
/** What template N renders: its component's props, loaded fresh at send time. */
export type TemplateProps<N extends TemplateName> = TemplatePropsMap[N];

export const templateNames = Object.keys(templates) as TemplateName[];

export interface RenderedEmail {
	subject: string;
	html: string;
	text: string;
}

/**
 * Options for the plain-text part: react-email's own converter (on html5parser), which keeps
 * headings in their own case and reads tables and lists as the html-to-text options we used
 * gave (every template, in every language, came out byte for byte the same), and leaves
 * html-to-text and its HTML parsers out of the Worker (about 24 KiB gzipped).
 */
export const plainTextOptions = { plainText: true, unstableTextConversion: true } as const satisfies Options;

/** The HTML and the plain-text parts of one email. */
export async function renderParts(element: ReactElement): Promise<{ html: string; text: string }> {
	const [html, text] = await Promise.all([render(element), render(element, plainTextOptions)]);
	return { html, text };
}

/** Renders subject, HTML and plain-text parts of one template. */
export async function renderEmail<N extends TemplateName>(name: N, props: TemplateProps<N>): Promise<RenderedEmail> {
	const entry = templates[name] as unknown as {
		component: (p: TemplateProps<N>) => ReactElement;
		subject: (p: TemplateProps<N>) => string;
	};
	const element = createElement(entry.component, props);
	const { html, text } = await renderParts(element);
	return { subject: entry.subject(props), html, text };
}
