/**
 * Strings for the Red Line email templates, in every supported language.
 *
 * Placeholders are written `{name}`, `{title}`, `{list}` and `{count}`. They are filled
 * either as plain text (`format`, used for subjects and preview lines) or as
 * React nodes (`formatNodes`, used in the body so that user-supplied values
 * stay React text and are escaped).
 *
 * Tone: plain, calm and respectful. Some readers are survivors of sexual
 * violence: no pressure, no urgency, no marketing exclamation marks.
 * Arabic strings avoid gendered verb forms (passive or nominal phrasing);
 * Ukrainian uses the polite "Ви"; Spanish uses "usted"; French uses "vous".
 */
import { createElement, Fragment, type ReactNode } from "react";
import type { PluralForms } from "../worker/lib/plural";

export const emailLocales = ["en", "fr", "es", "ar", "uk"] as const;
export type EmailLocale = (typeof emailLocales)[number];

const rtlLocales: ReadonlySet<EmailLocale> = new Set<EmailLocale>(["ar"]);

/**
 * Picks a supported locale from a tag such as "fr", "fr-CA", "pt_BR" or
 * undefined. Anything unknown falls back to "en".
 */
export function pickLocale(x: string | undefined | null): EmailLocale {
	if (typeof x !== "string") return "en";
	const base = x.trim().toLowerCase().split(/[-_]/)[0] ?? "";
	return (emailLocales as readonly string[]).includes(base) ? (base as EmailLocale) : "en";
}

export function isRtl(locale: EmailLocale | string | undefined): boolean {
	return rtlLocales.has(pickLocale(locale));
}

// Counts: the engine's one helper (the right form per Intl.PluralRules category, `{count}`
// filled with the number formatted for the locale).
export { formatNumber, type PluralForms, plural } from "../worker/lib/plural";

/** Fills `{key}` placeholders with plain text. Unknown keys are left as is. */
export function format(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
		Object.hasOwn(values, key) ? String(values[key]) : whole,
	);
}

/**
 * Fills `{key}` placeholders with React nodes. Strings stay React text, so
 * they are escaped when rendered.
 */
export function formatNodes(template: string, values: Record<string, ReactNode>): ReactNode {
	const parts: ReactNode[] = [];
	const re = /\{(\w+)\}/g;
	let last = 0;
	for (let m = re.exec(template); m !== null; m = re.exec(template)) {
		const key = m[1] as string;
		if (!Object.hasOwn(values, key)) continue;
		if (m.index > last) parts.push(template.slice(last, m.index));
		parts.push(values[key]);
		last = m.index + m[0].length;
	}
	if (last < template.length) parts.push(template.slice(last));
	return createElement(Fragment, null, ...parts);
}

/**
 * Makes a single-line, plain-text string: no CR/LF or other line breaks,
 * no control characters, collapsed spaces. Used for subjects.
 */
export function singleLine(text: string): string {
	return (
		text
			// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
			.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
			.replace(/\s+/g, " ")
			.trim()
	);
}

/**
 * Cleans a user-supplied name for display: single line, and cut to a
 * reasonable length so that a "name" cannot carry a long message.
 */
export function displayName(name: string | undefined, max = 60): string {
	const clean = singleLine(name ?? "");
	const chars = Array.from(clean);
	return chars.length > max ? `${chars.slice(0, max).join("").trim()}…` : clean;
}

/**
 * Shows a day to people: an ISO date (YYYY-MM-DD) becomes a long date in the locale's words
 * ("3 March 2025", "1er mars 2025"), with Latin digits like the rest of the emails. Anything
 * else is shown as given, on one line.
 */
export function formatDay(locale: EmailLocale, day: string | undefined): string {
	const clean = singleLine(day ?? "");
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(clean);
	if (!m) return clean;
	const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const when = new Date(Date.UTC(year, month - 1, date));
	if (when.getUTCMonth() !== month - 1 || when.getUTCDate() !== date) return clean;
	try {
		// British English writes "3 March 2025": no comma to follow the year mid-sentence.
		const text = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
			dateStyle: "long",
			timeZone: "UTC",
			numberingSystem: "latn",
		}).format(when);
		// French writes the first of the month as an ordinal: "1er mars".
		return locale === "fr" ? text.replace(/^1 /, "1er ") : text;
	} catch {
		return clean;
	}
}

// ---------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------

export interface LayoutStrings {
	/** Campaign name shown at the top of every email. */
	brand: string;
	/** Short line under the campaign name. */
	tagline: string;
	/** Default footer: why this email was received. */
	footer: string;
	/** Label of the footer's unsubscribe link (shown only when a link is given). */
	unsubscribe: string;
}

export interface ConfirmSignatureStrings {
	subject: string; // {title}
	preview: string; // {title}
	heading: string;
	greeting: string; // {name}
	greetingNoName: string;
	intro: string; // {title}
	button: string;
	linkFallback: string;
	expiry: PluralForms; // {count}
	notYou: string;
	signoff: string;
	team: string;
}

export interface AlreadySignedStrings {
	subject: string; // {title}
	preview: string; // {title}
	heading: string;
	greeting: string; // {name}
	greetingNoName: string;
	attempt: string; // {title}
	counted: string;
	share: string;
	button: string;
	linkFallback: string;
	signoff: string;
	team: string;
	footer: string;
}

export interface ConfirmSubscriptionStrings {
	subject: string; // {list}
	subjectReminder: string; // {list}
	preview: string; // {list}
	previewReminder: string; // {list}
	heading: string;
	headingReminder: string;
	greeting: string; // {name}
	greetingNoName: string;
	intro: string; // {list}
	introReminder: string; // {list}
	button: string;
	linkFallback: string;
	expiry: PluralForms; // {count}
	notYou: string;
	notYouReminder: string;
	signoff: string;
	team: string;
}

export interface SubscriptionWelcomeStrings {
	subject: string; // {list}
	preview: string; // {list}
	heading: string;
	greeting: string; // {name}
	greetingNoName: string;
	subscribed: string; // {list}
	about: string;
	/** How often the list writes is its own description's to say: this line promises nothing about it. */
	frequency: string;
	leave: string;
	unsubscribe: string;
	preferences: string;
	preferencesLink: string;
	signoff: string;
	team: string;
	footer: string; // {list}
}

export interface PrivacyRequestStrings {
	subjectExport: string;
	subjectErase: string;
	preview: string;
	headingExport: string;
	headingErase: string;
	greeting: string;
	introExport: string;
	introErase: string;
	confirmExport: string;
	confirmErase: string;
	eraseMeans: string;
	eraseItems: readonly string[];
	button: string;
	linkFallback: string;
	expiry: PluralForms; // {count}
	notYouExport: string;
	notYouErase: string;
	signoff: string;
	team: string;
}

export interface ConfirmLetterStrings {
	subject: string; // {subject}
	preview: string;
	heading: string;
	greeting: string; // {name}
	greetingNoName: string;
	intro: string; // {state}
	subjectLine: string; // {subject}
	waiting: string;
	button: string;
	linkFallback: string;
	expiry: PluralForms; // {count}
	notYou: string;
	signoff: string;
	team: string;
}

/** The campaign's few words around a supporter's letter to a State (the letter is theirs). */
export interface LetterToStateStrings {
	/** Subject when the letter has none. */
	subjectFallback: string; // {name}
	/** Subject when the letter has none and the writer gave no name. */
	subjectNoName: string;
	/** Small print: sent on the writer's behalf; replying reaches the writer. */
	footer: string; // {name} {campaign}
	footerNoName: string; // {campaign}
}

export interface LetterDigestStrings {
	subject: PluralForms; // {count} {campaign}
	heading: PluralForms; // {count}
	recipient: string; // {state}
	intro: PluralForms; // {count} {date}
	gathered: string;
	replies: string;
	letterNumber: string; // {index} {count}
	from: string; // {writer}
	noSubject: string;
	footer: string; // {campaign}
}

export interface LetterReplyQuestionStrings {
	subject: string; // {state}
	preview: string;
	heading: string; // {state}
	greeting: string; // {name}
	greetingNoName: string;
	intro: string; // {date} {state}
	choices: string;
	button: string;
	linkFallback: string;
	scoreboard: string;
	once: string;
	signoff: string;
	team: string;
	footer: string;
}

export interface ConsoleSignInStrings {
	subject: string;
	preview: string;
	heading: string;
	intro: string;
	button: string;
	linkFallback: string;
	expiry: PluralForms; // {count}
	notYou: string;
	signoff: string;
	team: string;
	footer: string;
}

/** The answer to a letter request for a State already written to. */
export interface AlreadyWrittenStrings {
	subject: string; // {state}
	preview: string; // {state}
	heading: string;
	greeting: string; // {name}
	greetingNoName: string;
	attempt: string; // {state}
	counted: string;
	button: string;
	linkFallback: string;
	signoff: string;
	team: string;
	footer: string;
}

export interface EmailStrings {
	layout: LayoutStrings;
	confirmSignature: ConfirmSignatureStrings;
	alreadySigned: AlreadySignedStrings;
	alreadyWritten: AlreadyWrittenStrings;
	confirmSubscription: ConfirmSubscriptionStrings;
	subscriptionWelcome: SubscriptionWelcomeStrings;
	privacyRequest: PrivacyRequestStrings;
	confirmLetter: ConfirmLetterStrings;
	letterToState: LetterToStateStrings;
	letterDigest: LetterDigestStrings;
	letterReplyQuestion: LetterReplyQuestionStrings;
	consoleSignIn: ConsoleSignInStrings;
}

const NBSP = "\u00a0";

export const strings: Record<EmailLocale, EmailStrings> = {
	en: {
		layout: {
			brand: "Red Line",
			tagline: "Ending conflict-related sexual violence",
			footer:
				"You received this email because someone used this address on the Red Line campaign's site. If it wasn't you, ignore it: nothing happens unless the link is used.",
			unsubscribe: "Unsubscribe",
		},
		confirmSignature: {
			subject: "Please confirm your signature: {title}",
			preview: "One last step: please confirm your signature of “{title}”.",
			heading: "Please confirm your signature",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			intro:
				"Thank you for signing {title}. Please confirm your signature with the button below so that it can be counted.",
			button: "Confirm my signature",
			linkFallback: "If the button does not work, copy this link into your browser:",
			expiry: {
				one: "This link works for {count} day.",
				other: "This link works for {count} days.",
			},
			notYou: "If you did not sign, you can ignore this email. Nothing will be recorded.",
			signoff: "With gratitude,",
			team: "The Red Line team",
		},
		alreadySigned: {
			subject: "Your signature is already counted: {title}",
			preview: "Your signature of “{title}” is already counted. There is nothing else to do.",
			heading: "Your signature is already counted",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			attempt: "Someone, probably you, just tried to sign {title} again with this email address.",
			counted: "Your signature is already counted, so there is nothing else to do. Thank you for your support.",
			share: "If you wish, you can share the petition with people around you:",
			button: "See the petition",
			linkFallback: "If the button does not work, copy this link into your browser:",
			signoff: "With gratitude,",
			team: "The Red Line team",
			footer:
				"You received this email because someone used this address on the Red Line campaign's site. If it wasn't you, you can ignore it: nothing has changed.",
		},
		alreadyWritten: {
			subject: "You have already written to {state}",
			preview: "Your letter to {state} is already confirmed. There is nothing else to do.",
			heading: "Your letter is already on its way",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			attempt: "Someone, probably you, just tried to write to {state} again with this email address.",
			counted:
				"You have already written to this State in this campaign and confirmed your letter, so nothing has changed and there is nothing else to do. Thank you for writing.",
			button: "See the States and their answers",
			linkFallback: "If the button does not work, copy this link into your browser:",
			signoff: "With gratitude,",
			team: "The Red Line team",
			footer:
				"You received this email because someone used this address on the Red Line campaign's site. If it wasn't you, ignore it: nothing has changed.",
		},
		confirmSubscription: {
			subject: "Please confirm your subscription: {list}",
			subjectReminder: "Only reminder – please confirm your subscription: {list}",
			preview: "One step left: please confirm that you want to receive “{list}”.",
			previewReminder: "This is the only reminder. Without your confirmation, we will not add your address.",
			heading: "Please confirm your subscription",
			headingReminder: "A reminder to confirm your subscription",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			intro:
				"Someone, probably you, asked to receive {list} at this email address. Please confirm your subscription with the button below.",
			introReminder:
				"We sent you a link two days ago to confirm your subscription to {list}. This is the only reminder: we will not write to you about it again.",
			button: "Confirm my subscription",
			linkFallback: "If the button does not work, copy this link into your browser:",
			expiry: {
				one: "This link works for {count} day.",
				other: "This link works for {count} days.",
			},
			notYou:
				"If you did not ask for this, you can ignore this email. We will not add your address to the list, and apart from one reminder at most, you will receive nothing more from us.",
			notYouReminder:
				"If you did not ask for this, you can ignore this email. We will not add your address to the list, and you will receive nothing more from us.",
			signoff: "With gratitude,",
			team: "The Red Line team",
		},
		subscriptionWelcome: {
			subject: "Your subscription is confirmed: {list}",
			preview: "Your subscription to “{list}” is confirmed. You can unsubscribe at any time.",
			heading: "Your subscription is confirmed",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			subscribed: "Thank you. You are now subscribed to {list}.",
			about: "What you will receive:",
			frequency: "We write only when there is something worth sharing.",
			leave: "You can unsubscribe at any time, without giving a reason:",
			unsubscribe: "Unsubscribe from this list",
			preferences: "To change the language of these emails or the lists you receive:",
			preferencesLink: "Manage your preferences (language, lists)",
			signoff: "With gratitude,",
			team: "The Red Line team",
			footer: "You receive this email because you confirmed your subscription to {list}.",
		},
		privacyRequest: {
			subjectExport: "Your request for a copy of your data",
			subjectErase: "Your request to erase your data",
			preview: "To go ahead, confirm the request on the page linked in this email. Nothing happens until you do.",
			headingExport: "Your request for a copy of your data",
			headingErase: "Your request to erase your data",
			greeting: "Hello,",
			introExport:
				"Someone, probably you, asked to download a copy of everything the Red Line campaign holds about this email address.",
			introErase:
				"Someone, probably you, asked to erase everything the Red Line campaign holds about this email address.",
			confirmExport:
				"The button below leads to a page where you can confirm the request and download the copy. Opening the link alone does nothing.",
			confirmErase:
				"The button below leads to a page where you can confirm the request. Opening the link alone does nothing.",
			eraseMeans: "What erasing means:",
			eraseItems: [
				"Your name, email address and other details will be removed.",
				"Your signatures will stay counted, without any personal data.",
				"Your subscriptions will end: you will no longer receive our emails.",
				"This cannot be undone.",
			],
			button: "Review and confirm",
			linkFallback: "If the button does not work, copy this link into your browser:",
			expiry: {
				one: "This link works for {count} day.",
				other: "This link works for {count} days.",
			},
			notYouExport:
				"If you did not ask for this, you can ignore this email. Nothing will happen, and no data will be sent.",
			notYouErase:
				"If you did not ask for this, you can ignore this email. Nothing will happen, and nothing will be erased.",
			signoff: "Kind regards,",
			team: "The Red Line team",
		},
		confirmLetter: {
			subject: "Please confirm your letter: {subject}",
			preview: "One last step: your letter will not be sent until you confirm your email address.",
			heading: "Please confirm your letter",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			intro:
				"Thank you for writing. Please confirm your email address with the button below so that your letter to {state} can be sent.",
			subjectLine: "Subject of your letter: {subject}",
			waiting: "Your letter will not be sent until you confirm.",
			button: "Confirm my letter",
			linkFallback: "If the button does not work, copy this link into your browser:",
			expiry: {
				one: "This link works for {count} day.",
				other: "This link works for {count} days.",
			},
			notYou: "If you did not write this letter, you can ignore this email. Nothing will be sent.",
			signoff: "With gratitude,",
			team: "The Red Line team",
		},
		letterToState: {
			subjectFallback: "A letter from {name}",
			subjectNoName: "A letter from a member of the public",
			footer:
				"This letter was sent through the Red Line campaign's letter tool ({campaign}) on behalf of {name}, who confirmed their email address. Replying to this email reaches them directly.",
			footerNoName:
				"This letter was sent through the Red Line campaign's letter tool ({campaign}) on behalf of the person who wrote it, who confirmed their email address. Replying to this email reaches them directly.",
		},
		letterDigest: {
			subject: {
				one: "{count} letter from the public: {campaign}",
				other: "{count} letters from the public: {campaign}",
			},
			heading: {
				one: "{count} letter from the public",
				other: "{count} letters from the public",
			},
			recipient: "To: {state}",
			intro: {
				one: "{count} person wrote to you on {date} through the Red Line campaign.",
				other: "{count} people wrote to you on {date} through the Red Line campaign.",
			},
			gathered: "To keep your inbox usable, the day's letters are gathered in this one email.",
			replies:
				"Each writer confirmed their email address. Replies to this email do not reach the writers, whose addresses are not included here; the letters below give their names.",
			letterNumber: "Letter {index} of {count}",
			from: "From: {writer}",
			noSubject: "(no subject)",
			footer:
				"This email was sent through the Red Line campaign's letter tool ({campaign}). It carries each letter exactly as its writer confirmed it.",
		},
		letterReplyQuestion: {
			subject: "Did {state} reply to your letter?",
			preview: "One question, asked only once: did you receive a reply to your letter?",
			heading: "Did {state} reply?",
			greeting: "Hello {name},",
			greetingNoName: "Hello,",
			intro: "Two weeks ago, on {date}, you wrote to {state} through the Red Line campaign. Did they reply?",
			choices:
				"The button below leads to a page where you can choose one answer: yes, they replied; no reply; or they replied, but did not answer your letter.",
			button: "Give my answer",
			linkFallback: "If the button does not work, copy this link into your browser:",
			scoreboard:
				"We record only your answer, never what a reply said. The answers feed a public scoreboard of States: for each one, how many letters were sent and how many received a reply.",
			once: "This is the only time we ask: there will be no reminder. If you prefer not to answer, there is nothing to do.",
			signoff: "With gratitude,",
			team: "The Red Line team",
			footer: "You receive this email because you wrote a letter through the Red Line campaign's site.",
		},
		consoleSignIn: {
			subject: "Your link to sign in to the Red Line console",
			preview: "Sign in to the campaign console with the button in this email.",
			heading: "Sign in to the console",
			intro:
				"Someone, probably you, asked to sign in to the Red Line campaign console with this address. The button below leads to a page where you press “Sign in”.",
			button: "Sign in",
			linkFallback: "If the button does not work, copy this link into your browser:",
			expiry: {
				one: "This link works once, for {count} minute.",
				few: "This link works once, for {count} minutes.",
				many: "This link works once, for {count} minutes.",
				other: "This link works once, for {count} minutes.",
			},
			notYou: "If you did not ask for this, ignore this email: nobody can sign in without the link.",
			signoff: "Thank you,",
			team: "The Red Line team",
			footer: "You receive this email because your address is on the list of the campaign's console users.",
		},
	},

	fr: {
		layout: {
			brand: "Red Line",
			tagline: "Pour mettre fin aux violences sexuelles liées aux conflits",
			footer: `Vous avez reçu cet e-mail parce que quelqu’un a utilisé cette adresse sur le site de la campagne Red Line. Si ce n’était pas vous, ignorez-le${NBSP}: rien ne se passe tant que le lien n’est pas utilisé.`,
			unsubscribe: "Se désabonner",
		},
		confirmSignature: {
			subject: `Merci de confirmer votre signature${NBSP}: {title}`,
			preview: `Dernière étape${NBSP}: merci de confirmer votre signature de «${NBSP}{title}${NBSP}».`,
			heading: "Merci de confirmer votre signature",
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			intro:
				"Merci d’avoir signé {title}. Pour que votre signature soit prise en compte, veuillez la confirmer avec le bouton ci-dessous.",
			button: "Confirmer ma signature",
			linkFallback: `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:`,
			expiry: {
				one: "Ce lien est valable {count} jour.",
				other: "Ce lien est valable {count} jours.",
			},
			notYou: "Si vous n’avez pas signé, vous pouvez ignorer cet e-mail. Rien ne sera enregistré.",
			signoff: "Avec toute notre gratitude,",
			team: "L’équipe Red Line",
		},
		alreadySigned: {
			subject: `Votre signature est déjà comptabilisée${NBSP}: {title}`,
			preview: `Votre signature de «${NBSP}{title}${NBSP}» est déjà comptabilisée. Vous n’avez rien d’autre à faire.`,
			heading: "Votre signature est déjà comptabilisée",
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			attempt: "Quelqu’un, probablement vous, vient d’essayer de signer à nouveau {title} avec cette adresse e-mail.",
			counted: "Votre signature est déjà comptabilisée, vous n’avez donc rien d’autre à faire. Merci de votre soutien.",
			share: `Si vous le souhaitez, vous pouvez partager la pétition autour de vous${NBSP}:`,
			button: "Voir la pétition",
			linkFallback: `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:`,
			signoff: "Avec toute notre gratitude,",
			team: "L’équipe Red Line",
			footer: `Vous avez reçu cet e-mail parce que quelqu’un a utilisé cette adresse sur le site de la campagne Red Line. Si ce n’était pas vous, vous pouvez l’ignorer${NBSP}: rien n’a changé.`,
		},
		alreadyWritten: {
			subject: "Vous avez déjà écrit à {state}",
			preview: "Votre lettre à {state} est déjà confirmée. Vous n'avez rien d'autre à faire.",
			heading: "Votre lettre est déjà en route",
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			attempt: "Quelqu'un, sans doute vous, vient d'essayer d'écrire de nouveau à {state} avec cette adresse e-mail.",
			counted:
				"Vous avez déjà écrit à cet État dans cette campagne et confirmé votre lettre : rien n'a changé et vous n'avez rien d'autre à faire. Merci d'avoir écrit.",
			button: "Voir les États et leurs réponses",
			linkFallback: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",
			signoff: "Avec gratitude,",
			team: "L'équipe Red Line",
			footer:
				"Vous recevez cet e-mail parce que quelqu'un a utilisé cette adresse sur le site de la campagne Red Line. Si ce n'était pas vous, ignorez-le : rien n'a changé.",
		},
		confirmSubscription: {
			subject: `Merci de confirmer votre abonnement${NBSP}: {list}`,
			subjectReminder: `Unique rappel – merci de confirmer votre abonnement${NBSP}: {list}`,
			preview: `Une dernière étape${NBSP}: merci de confirmer que vous souhaitez recevoir «${NBSP}{list}${NBSP}».`,
			previewReminder:
				"Ceci est l’unique rappel. Sans confirmation de votre part, nous n’ajouterons pas votre adresse.",
			heading: "Merci de confirmer votre abonnement",
			headingReminder: "Un rappel pour confirmer votre abonnement",
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			intro:
				"Quelqu’un, probablement vous, a demandé à recevoir {list} à cette adresse e-mail. Merci de confirmer votre abonnement avec le bouton ci-dessous.",
			introReminder: `Nous vous avons envoyé il y a deux jours un lien pour confirmer votre abonnement à {list}. Ceci est l’unique rappel${NBSP}: nous ne vous écrirons plus à ce sujet.`,
			button: "Confirmer mon abonnement",
			linkFallback: `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:`,
			expiry: {
				one: "Ce lien est valable {count} jour.",
				other: "Ce lien est valable {count} jours.",
			},
			notYou:
				"Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail. Nous n’ajouterons pas votre adresse à la liste et, en dehors d’un seul rappel au plus, vous ne recevrez plus rien de notre part.",
			notYouReminder:
				"Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail. Nous n’ajouterons pas votre adresse à la liste et vous ne recevrez plus rien de notre part.",
			signoff: "Avec toute notre gratitude,",
			team: "L’équipe Red Line",
		},
		subscriptionWelcome: {
			subject: `Votre abonnement est confirmé${NBSP}: {list}`,
			preview: `Votre abonnement à «${NBSP}{list}${NBSP}» est confirmé. Vous pouvez vous désabonner à tout moment.`,
			heading: "Votre abonnement est confirmé",
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			subscribed: "Merci. Votre abonnement à {list} est désormais actif.",
			about: `Ce que vous recevrez${NBSP}:`,
			frequency: "Nous n’écrivons que lorsque nous avons quelque chose d’utile à partager.",
			leave: `Vous pouvez vous désabonner à tout moment, sans avoir à vous justifier${NBSP}:`,
			unsubscribe: "Me désabonner de cette liste",
			preferences: `Pour changer la langue de ces e-mails ou les listes que vous recevez${NBSP}:`,
			preferencesLink: "Gérer mes préférences (langue, listes)",
			signoff: "Avec toute notre gratitude,",
			team: "L’équipe Red Line",
			footer: "Vous recevez cet e-mail parce que vous avez confirmé votre abonnement à {list}.",
		},
		privacyRequest: {
			subjectExport: "Votre demande de copie de vos données",
			subjectErase: "Votre demande d’effacement de vos données",
			preview:
				"Pour y donner suite, confirmez la demande sur la page indiquée dans cet e-mail. Rien ne se passe tant que vous ne l’avez pas fait.",
			headingExport: "Votre demande de copie de vos données",
			headingErase: "Votre demande d’effacement de vos données",
			greeting: "Bonjour,",
			introExport:
				"Quelqu’un, probablement vous, a demandé à télécharger une copie de tout ce que la campagne Red Line détient au sujet de cette adresse e-mail.",
			introErase:
				"Quelqu’un, probablement vous, a demandé à effacer tout ce que la campagne Red Line détient au sujet de cette adresse e-mail.",
			confirmExport:
				"Le bouton ci-dessous mène à une page où vous pourrez confirmer la demande et télécharger la copie. Ouvrir le lien ne déclenche rien à lui seul.",
			confirmErase:
				"Le bouton ci-dessous mène à une page où vous pourrez confirmer la demande. Ouvrir le lien ne déclenche rien à lui seul.",
			eraseMeans: `Ce que signifie l’effacement${NBSP}:`,
			eraseItems: [
				"Votre nom, votre adresse e-mail et vos autres informations seront supprimés.",
				"Vos signatures resteront comptabilisées, sans aucune donnée personnelle.",
				`Vos abonnements prendront fin${NBSP}: vous ne recevrez plus nos e-mails.`,
				"L’effacement ne peut pas être annulé.",
			],
			button: "Vérifier et confirmer",
			linkFallback: `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:`,
			expiry: {
				one: "Ce lien est valable {count} jour.",
				other: "Ce lien est valable {count} jours.",
			},
			notYouExport:
				"Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail. Rien ne se passera et aucune donnée ne sera transmise.",
			notYouErase:
				"Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail. Rien ne se passera et rien ne sera effacé.",
			signoff: "Bien cordialement,",
			team: "L’équipe Red Line",
		},
		confirmLetter: {
			subject: `Merci de confirmer votre lettre${NBSP}: {subject}`,
			preview: `Dernière étape${NBSP}: votre lettre ne partira pas tant que vous n’aurez pas confirmé votre adresse e-mail.`,
			heading: "Merci de confirmer votre lettre",
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			intro: `Merci d’avoir écrit. Pour que votre lettre puisse être envoyée (destinataire${NBSP}: {state}), veuillez confirmer votre adresse e-mail avec le bouton ci-dessous.`,
			subjectLine: `Objet de votre lettre${NBSP}: {subject}`,
			waiting: "Votre lettre ne partira pas tant que vous n’aurez pas confirmé.",
			button: "Confirmer ma lettre",
			linkFallback: `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:`,
			expiry: {
				one: "Ce lien est valable {count} jour.",
				other: "Ce lien est valable {count} jours.",
			},
			notYou: "Si vous n’avez pas écrit cette lettre, vous pouvez ignorer cet e-mail. Rien ne sera envoyé.",
			signoff: "Avec toute notre gratitude,",
			team: "L’équipe Red Line",
		},
		letterToState: {
			subjectFallback: "Une lettre de {name}",
			subjectNoName: "Une lettre d’un membre du public",
			footer: `Cette lettre, écrite par {name}, a été envoyée en son nom au moyen de l’outil d’envoi de lettres de la campagne Red Line ({campaign}). Cette personne a confirmé son adresse e-mail${NBSP}; en répondant à cet e-mail, vous lui écrivez directement.`,
			footerNoName: `Cette lettre a été envoyée au nom de la personne qui l’a écrite, au moyen de l’outil d’envoi de lettres de la campagne Red Line ({campaign}). Cette personne a confirmé son adresse e-mail${NBSP}; en répondant à cet e-mail, vous lui écrivez directement.`,
		},
		letterDigest: {
			subject: {
				one: `{count} lettre du public${NBSP}: {campaign}`,
				other: `{count} lettres du public${NBSP}: {campaign}`,
			},
			heading: {
				one: "{count} lettre du public",
				other: "{count} lettres du public",
			},
			recipient: `Destinataire${NBSP}: {state}`,
			intro: {
				one: "{count} personne vous a écrit le {date} par l’intermédiaire de la campagne Red Line.",
				other: "{count} personnes vous ont écrit le {date} par l’intermédiaire de la campagne Red Line.",
			},
			gathered:
				"Pour que votre boîte de réception reste utilisable, les lettres de la journée sont regroupées dans ce seul e-mail.",
			replies: `Chaque personne a confirmé son adresse e-mail. Les réponses à cet e-mail ne parviennent pas aux personnes qui ont écrit, dont les adresses ne figurent pas ici${NBSP}; chaque lettre ci-dessous indique leur nom.`,
			letterNumber: "Lettre {index} sur {count}",
			from: `De${NBSP}: {writer}`,
			noSubject: "(sans objet)",
			footer:
				"Cet e-mail a été envoyé au moyen de l’outil d’envoi de lettres de la campagne Red Line ({campaign}). Chaque lettre y figure exactement telle que la personne qui l’a écrite l’a confirmée.",
		},
		letterReplyQuestion: {
			subject: `Votre lettre a-t-elle reçu une réponse${NBSP}?`,
			preview: `Une seule question, posée une seule fois${NBSP}: votre lettre a-t-elle reçu une réponse${NBSP}?`,
			heading: `Avez-vous reçu une réponse${NBSP}?`,
			greeting: "Bonjour {name},",
			greetingNoName: "Bonjour,",
			intro: `Il y a deux semaines, le {date}, vous avez écrit une lettre par l’intermédiaire de la campagne Red Line (destinataire${NBSP}: {state}). Avez-vous reçu une réponse${NBSP}?`,
			choices: `Le bouton ci-dessous mène à une page où vous pourrez choisir une réponse${NBSP}: oui, une réponse est arrivée${NBSP}; pas de réponse${NBSP}; ou une réponse est arrivée, mais sans répondre sur le fond.`,
			button: "Donner ma réponse",
			linkFallback: `Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:`,
			scoreboard: `Nous n’enregistrons que votre réponse, jamais le contenu d’une réponse reçue. Les réponses alimentent un tableau public des États${NBSP}: pour chacun, le nombre de lettres envoyées et le nombre de celles qui ont reçu une réponse.`,
			once: `C’est la seule fois que nous vous posons la question${NBSP}: il n’y aura pas de rappel. Si vous préférez ne pas répondre, vous n’avez rien à faire.`,
			signoff: "Avec toute notre gratitude,",
			team: "L’équipe Red Line",
			footer: "Vous recevez cet e-mail parce que vous avez écrit une lettre sur le site de la campagne Red Line.",
		},
		consoleSignIn: {
			subject: "Votre lien pour vous connecter à la console Red Line",
			preview: "Connectez-vous à la console de la campagne avec le bouton de ce message.",
			heading: "Connexion à la console",
			intro:
				"Quelqu’un, probablement vous, a demandé à se connecter à la console de la campagne Red Line avec cette adresse. Le bouton ci-dessous mène à une page où vous appuierez sur « Se connecter ».",
			button: "Se connecter",
			linkFallback: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",
			expiry: {
				one: "Ce lien fonctionne une seule fois, pendant {count} minute.",
				few: "Ce lien fonctionne une seule fois, pendant {count} minutes.",
				many: "Ce lien fonctionne une seule fois, pendant {count} minutes.",
				other: "Ce lien fonctionne une seule fois, pendant {count} minutes.",
			},
			notYou: "Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.",
			signoff: "Merci,",
			team: "L’équipe Red Line",
			footer:
				"Vous recevez ce message car votre adresse figure parmi les personnes autorisées à utiliser la console de la campagne.",
		},
	},

	es: {
		layout: {
			brand: "Red Line",
			tagline: "Para poner fin a la violencia sexual relacionada con los conflictos",
			footer:
				"Recibió este correo porque alguien utilizó esta dirección en el sitio web de la campaña Red Line. Si no fue usted, ignórelo: no ocurrirá nada mientras no se utilice el enlace.",
			unsubscribe: "Darse de baja",
		},
		confirmSignature: {
			subject: "Confirme su firma, por favor: {title}",
			preview: "Un último paso: confirme, por favor, su firma de «{title}».",
			heading: "Confirme su firma, por favor",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			intro:
				"Gracias por firmar {title}. Para que su firma se contabilice, confírmela con el botón que aparece a continuación.",
			button: "Confirmar mi firma",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			expiry: {
				one: "Este enlace es válido durante {count} día.",
				other: "Este enlace es válido durante {count} días.",
			},
			notYou: "Si usted no firmó, puede ignorar este correo. No se registrará nada.",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
		},
		alreadySigned: {
			subject: "Su firma ya está contabilizada: {title}",
			preview: "Su firma de «{title}» ya está contabilizada. No necesita hacer nada más.",
			heading: "Su firma ya está contabilizada",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			attempt:
				"Alguien, probablemente usted, acaba de intentar firmar de nuevo {title} con esta dirección de correo electrónico.",
			counted: "Su firma ya está contabilizada, así que no necesita hacer nada más. Gracias por su apoyo.",
			share: "Si lo desea, puede compartir la petición con las personas de su entorno:",
			button: "Ver la petición",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
			footer:
				"Recibió este correo porque alguien utilizó esta dirección en el sitio web de la campaña Red Line. Si no fue usted, puede ignorarlo: no ha cambiado nada.",
		},
		alreadyWritten: {
			subject: "Ya ha escrito a {state}",
			preview: "Su carta a {state} ya está confirmada. No tiene que hacer nada más.",
			heading: "Su carta ya está en camino",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			attempt:
				"Alguien, probablemente usted, acaba de intentar escribir de nuevo a {state} con esta dirección de correo.",
			counted:
				"Ya ha escrito a este Estado en esta campaña y ha confirmado su carta: nada ha cambiado y no tiene que hacer nada más. Gracias por escribir.",
			button: "Ver los Estados y sus respuestas",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
			footer:
				"Recibe este correo porque alguien usó esta dirección en el sitio de la campaña Red Line. Si no fue usted, ignórelo: nada ha cambiado.",
		},
		confirmSubscription: {
			subject: "Confirme su suscripción, por favor: {list}",
			subjectReminder: "Único recordatorio – confirme su suscripción, por favor: {list}",
			preview: "Un último paso: confirme, por favor, que desea recibir «{list}».",
			previewReminder: "Este es el único recordatorio. Si no lo confirma, no añadiremos su dirección.",
			heading: "Confirme su suscripción, por favor",
			headingReminder: "Un recordatorio para confirmar su suscripción",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			intro:
				"Alguien, probablemente usted, pidió recibir {list} en esta dirección de correo electrónico. Confirme su suscripción, por favor, con el botón que aparece a continuación.",
			introReminder:
				"Hace dos días le enviamos un enlace para confirmar su suscripción a {list}. Este es el único recordatorio: no volveremos a escribirle sobre esto.",
			button: "Confirmar mi suscripción",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			expiry: {
				one: "Este enlace es válido durante {count} día.",
				other: "Este enlace es válido durante {count} días.",
			},
			notYou:
				"Si usted no lo pidió, puede ignorar este correo. No añadiremos su dirección a la lista y, aparte de un único recordatorio como máximo, no recibirá nada más de nuestra parte.",
			notYouReminder:
				"Si usted no lo pidió, puede ignorar este correo. No añadiremos su dirección a la lista y no recibirá nada más de nuestra parte.",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
		},
		subscriptionWelcome: {
			subject: "Su suscripción está confirmada: {list}",
			preview: "Su suscripción a «{list}» está confirmada. Puede darse de baja en cualquier momento.",
			heading: "Su suscripción está confirmada",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			subscribed: "Gracias. Su suscripción a {list} ya está activa.",
			about: "Qué recibirá:",
			frequency: "Solo escribimos cuando hay algo que merezca la pena compartir.",
			leave: "Puede darse de baja en cualquier momento, sin tener que dar explicaciones:",
			unsubscribe: "Darme de baja de esta lista",
			preferences: "Para cambiar el idioma de estos correos o las listas que recibe:",
			preferencesLink: "Gestionar mis preferencias (idioma, listas)",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
			footer: "Recibe este correo porque confirmó su suscripción a {list}.",
		},
		privacyRequest: {
			subjectExport: "Su solicitud de una copia de sus datos",
			subjectErase: "Su solicitud de borrado de sus datos",
			preview:
				"Para continuar, confirme la solicitud en la página enlazada en este correo. No ocurrirá nada hasta que lo haga.",
			headingExport: "Su solicitud de una copia de sus datos",
			headingErase: "Su solicitud de borrado de sus datos",
			greeting: "Hola:",
			introExport:
				"Alguien, probablemente usted, pidió descargar una copia de todo lo que la campaña Red Line conserva sobre esta dirección de correo electrónico.",
			introErase:
				"Alguien, probablemente usted, pidió borrar todo lo que la campaña Red Line conserva sobre esta dirección de correo electrónico.",
			confirmExport:
				"El botón de abajo lleva a una página donde podrá confirmar la solicitud y descargar la copia. Abrir el enlace, por sí solo, no hace nada.",
			confirmErase:
				"El botón de abajo lleva a una página donde podrá confirmar la solicitud. Abrir el enlace, por sí solo, no hace nada.",
			eraseMeans: "Qué significa el borrado:",
			eraseItems: [
				"Se eliminarán su nombre, su dirección de correo electrónico y sus demás datos.",
				"Sus firmas seguirán contabilizadas, sin ningún dato personal.",
				"Sus suscripciones terminarán: dejará de recibir nuestros correos.",
				"El borrado no se puede deshacer.",
			],
			button: "Revisar y confirmar",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			expiry: {
				one: "Este enlace es válido durante {count} día.",
				other: "Este enlace es válido durante {count} días.",
			},
			notYouExport: "Si usted no lo pidió, puede ignorar este correo. No ocurrirá nada y no se enviará ningún dato.",
			notYouErase: "Si usted no lo pidió, puede ignorar este correo. No ocurrirá nada y no se borrará nada.",
			signoff: "Atentamente,",
			team: "El equipo de Red Line",
		},
		confirmLetter: {
			subject: "Confirme su carta, por favor: {subject}",
			preview: "Un último paso: su carta no se enviará hasta que confirme su dirección de correo electrónico.",
			heading: "Confirme su carta, por favor",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			intro:
				"Gracias por escribir. Confirme, por favor, su dirección de correo electrónico con el botón que aparece a continuación para que su carta a {state} pueda enviarse.",
			subjectLine: "Asunto de su carta: {subject}",
			waiting: "Su carta no se enviará hasta que usted lo confirme.",
			button: "Confirmar mi carta",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			expiry: {
				one: "Este enlace es válido durante {count} día.",
				other: "Este enlace es válido durante {count} días.",
			},
			notYou: "Si usted no escribió esta carta, puede ignorar este correo. No se enviará nada.",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
		},
		letterToState: {
			subjectFallback: "Una carta de {name}",
			subjectNoName: "Una carta de un miembro del público",
			footer:
				"Esta carta se envió en nombre de {name} mediante la herramienta de cartas de la campaña Red Line ({campaign}). Esta persona confirmó su dirección de correo electrónico; si responde a este correo, su respuesta le llegará directamente.",
			footerNoName:
				"Esta carta se envió en nombre de la persona que la escribió mediante la herramienta de cartas de la campaña Red Line ({campaign}). Esta persona confirmó su dirección de correo electrónico; si responde a este correo, su respuesta le llegará directamente.",
		},
		letterDigest: {
			subject: {
				one: "{count} carta del público: {campaign}",
				other: "{count} cartas del público: {campaign}",
			},
			heading: {
				one: "{count} carta del público",
				other: "{count} cartas del público",
			},
			recipient: "Destinatario: {state}",
			intro: {
				one: "{count} persona le escribió el {date} a través de la campaña Red Line.",
				other: "{count} personas le escribieron el {date} a través de la campaña Red Line.",
			},
			gathered:
				"Para que su bandeja de entrada siga siendo manejable, las cartas del día se reúnen en este único correo.",
			replies:
				"Cada persona confirmó su dirección de correo electrónico. Las respuestas a este correo no llegan a quienes escribieron, cuyas direcciones no figuran aquí; cada carta de abajo indica su nombre.",
			letterNumber: "Carta {index} de {count}",
			from: "De: {writer}",
			noSubject: "(sin asunto)",
			footer:
				"Este correo se envió mediante la herramienta de cartas de la campaña Red Line ({campaign}). Contiene cada carta exactamente como la confirmó la persona que la escribió.",
		},
		letterReplyQuestion: {
			subject: "¿Respondió {state} a su carta?",
			preview: "Una sola pregunta, que le hacemos una única vez: ¿recibió respuesta a su carta?",
			heading: "¿Le respondió {state}?",
			greeting: "Hola, {name}:",
			greetingNoName: "Hola:",
			intro:
				"Hace dos semanas, el {date}, usted escribió a {state} a través de la campaña Red Line. ¿Recibió respuesta?",
			choices:
				"El botón de abajo lleva a una página donde podrá elegir una respuesta: sí, respondieron; no hubo respuesta; o respondieron, pero no contestaron a su carta.",
			button: "Dar mi respuesta",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			scoreboard:
				"Solo registramos su respuesta, nunca el contenido de lo que le hayan contestado. Las respuestas alimentan un marcador público de los Estados: para cada uno, cuántas cartas se enviaron y cuántas recibieron respuesta.",
			once: "Es la única vez que se lo preguntamos: no habrá recordatorios. Si prefiere no responder, no tiene que hacer nada.",
			signoff: "Con gratitud,",
			team: "El equipo de Red Line",
			footer: "Recibe este correo porque escribió una carta en el sitio web de la campaña Red Line.",
		},
		consoleSignIn: {
			subject: "Su enlace para entrar en la consola de Red Line",
			preview: "Entre en la consola de la campaña con el botón de este mensaje.",
			heading: "Entrar en la consola",
			intro:
				"Alguien, probablemente usted, pidió entrar en la consola de la campaña Red Line con esta dirección. El botón de abajo lleva a una página donde debe pulsar «Entrar».",
			button: "Entrar",
			linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
			expiry: {
				one: "Este enlace funciona una sola vez, durante {count} minuto.",
				few: "Este enlace funciona una sola vez, durante {count} minutos.",
				many: "Este enlace funciona una sola vez, durante {count} minutos.",
				other: "Este enlace funciona una sola vez, durante {count} minutos.",
			},
			notYou: "Si no lo pidió, ignore este mensaje: nadie puede entrar sin el enlace.",
			signoff: "Gracias,",
			team: "El equipo de Red Line",
			footer:
				"Recibe este mensaje porque su dirección figura entre las personas autorizadas a usar la consola de la campaña.",
		},
	},

	ar: {
		layout: {
			brand: "Red Line",
			tagline: "من أجل إنهاء العنف الجنسي المرتبط بالنزاعات",
			footer:
				"وصلتك هذه الرسالة لأن شخصًا ما استخدم هذا العنوان على موقع حملة Red Line. إذا لم يكن ذلك أنت، فيمكنك تجاهلها: لن يحدث شيء ما لم يُستخدم الرابط.",
			unsubscribe: "إلغاء الاشتراك",
		},
		confirmSignature: {
			subject: "يُرجى تأكيد توقيعك: {title}",
			preview: "خطوة أخيرة: يُرجى تأكيد توقيعك على «{title}».",
			heading: "يُرجى تأكيد توقيعك",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			intro: "شكرًا لتوقيعك على {title}. لكي يُحتسب توقيعك، يُرجى تأكيده باستخدام الزر أدناه.",
			button: "تأكيد توقيعي",
			linkFallback: "إذا لم يعمل الزر، يمكنك نسخ هذا الرابط ولصقه في المتصفح:",
			expiry: {
				one: "هذا الرابط صالح لمدة يوم واحد.",
				two: "هذا الرابط صالح لمدة يومين.",
				few: "هذا الرابط صالح لمدة {count} أيام.",
				many: "هذا الرابط صالح لمدة {count} يومًا.",
				other: "هذا الرابط صالح لمدة {count} يوم.",
			},
			notYou: "إذا لم يصدر هذا التوقيع عنك، فيمكنك تجاهل هذه الرسالة، ولن يُسجَّل أي شيء.",
			signoff: "مع خالص الامتنان،",
			team: "فريق Red Line",
		},
		alreadySigned: {
			subject: "توقيعك محتسب بالفعل: {title}",
			preview: "توقيعك على «{title}» محتسب بالفعل، ولا حاجة إلى أي إجراء آخر.",
			heading: "توقيعك محتسب بالفعل",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			attempt: "حاول شخص ما، على الأرجح أنت، التوقيع مرة أخرى على {title} باستخدام عنوان البريد الإلكتروني هذا.",
			counted: "توقيعك محتسب بالفعل، فلا حاجة إلى القيام بأي شيء آخر. شكرًا لدعمك.",
			share: "إذا رغبت، يمكنك مشاركة العريضة مع من حولك:",
			button: "عرض العريضة",
			linkFallback: "إذا لم يعمل الزر، يمكنك نسخ هذا الرابط ولصقه في المتصفح:",
			signoff: "مع خالص الامتنان،",
			team: "فريق Red Line",
			footer:
				"وصلتك هذه الرسالة لأن شخصًا ما استخدم هذا العنوان على موقع حملة Red Line. إذا لم يكن ذلك أنت، فيمكنك تجاهلها: لم يتغير شيء.",
		},
		alreadyWritten: {
			subject: "لقد كتبتَ بالفعل إلى {state}",
			preview: "رسالتك إلى {state} مؤكدة بالفعل. لا يلزمك فعل أي شيء آخر.",
			heading: "رسالتك في طريقها بالفعل",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			attempt: "حاول شخص ما، ربما أنت، الكتابة مجددًا إلى {state} باستخدام عنوان البريد الإلكتروني هذا.",
			counted:
				"لقد كتبتَ بالفعل إلى هذه الدولة في هذه الحملة وأكدتَ رسالتك، لذلك لم يتغير شيء ولا يلزمك فعل أي شيء آخر. شكرًا لك على الكتابة.",
			button: "عرض الدول وردودها",
			linkFallback: "إذا لم يعمل الزر، انسخ هذا الرابط في متصفحك:",
			signoff: "مع الامتنان،",
			team: "فريق Red Line",
			footer:
				"تلقيتَ هذه الرسالة لأن شخصًا ما استخدم هذا العنوان على موقع حملة Red Line. إن لم تكن أنت، فتجاهلها: لم يتغير شيء.",
		},
		confirmSubscription: {
			subject: "يُرجى تأكيد اشتراكك: {list}",
			subjectReminder: "تذكير وحيد – يُرجى تأكيد اشتراكك: {list}",
			preview: "خطوة أخيرة: يُرجى تأكيد الرغبة في تلقي «{list}».",
			previewReminder: "هذا هو التذكير الوحيد. من دون تأكيد، لن يُضاف عنوانك.",
			heading: "يُرجى تأكيد اشتراكك",
			headingReminder: "تذكير بتأكيد اشتراكك",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			intro:
				"طلب شخص ما، على الأرجح أنت، تلقي {list} على عنوان البريد الإلكتروني هذا. يُرجى تأكيد الاشتراك باستخدام الزر أدناه.",
			introReminder:
				"أُرسل إليك قبل يومين رابط لتأكيد اشتراكك في {list}. هذا هو التذكير الوحيد، ولن نراسلك بشأن هذا الأمر مرة أخرى.",
			button: "تأكيد اشتراكي",
			linkFallback: "إذا لم يعمل الزر، يمكنك نسخ هذا الرابط ولصقه في المتصفح:",
			expiry: {
				one: "هذا الرابط صالح لمدة يوم واحد.",
				two: "هذا الرابط صالح لمدة يومين.",
				few: "هذا الرابط صالح لمدة {count} أيام.",
				many: "هذا الرابط صالح لمدة {count} يومًا.",
				other: "هذا الرابط صالح لمدة {count} يوم.",
			},
			notYou:
				"إذا لم يصدر هذا الطلب عنك، فيمكنك تجاهل هذه الرسالة. لن يُضاف عنوانك إلى القائمة، ولن تصلك منا أي رسالة أخرى سوى تذكير واحد على الأكثر.",
			notYouReminder:
				"إذا لم يصدر هذا الطلب عنك، فيمكنك تجاهل هذه الرسالة. لن يُضاف عنوانك إلى القائمة، ولن تصلك منا أي رسالة أخرى.",
			signoff: "مع خالص الامتنان،",
			team: "فريق Red Line",
		},
		subscriptionWelcome: {
			subject: "تم تأكيد اشتراكك: {list}",
			preview: "تم تأكيد اشتراكك في «{list}». يمكنك إلغاء الاشتراك في أي وقت.",
			heading: "تم تأكيد اشتراكك",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			subscribed: "شكرًا لك. اشتراكك في {list} مفعَّل الآن.",
			about: "ما الذي سيصلك:",
			frequency: "لا نراسلك إلا عندما يكون هناك ما يستحق المشاركة.",
			leave: "يمكنك إلغاء الاشتراك في أي وقت، من دون الحاجة إلى ذكر أي سبب:",
			unsubscribe: "إلغاء الاشتراك في هذه القائمة",
			preferences: "لتغيير لغة هذه الرسائل أو القوائم التي تصلك:",
			preferencesLink: "إدارة التفضيلات (اللغة، القوائم)",
			signoff: "مع خالص الامتنان،",
			team: "فريق Red Line",
			footer: "تصلك هذه الرسالة بعد تأكيد اشتراكك في {list}.",
		},
		privacyRequest: {
			subjectExport: "طلبك الحصول على نسخة من بياناتك",
			subjectErase: "طلبك محو بياناتك",
			preview: "للمتابعة، يُرجى تأكيد الطلب في الصفحة المرتبطة بهذه الرسالة. لن يحدث شيء قبل ذلك.",
			headingExport: "طلبك الحصول على نسخة من بياناتك",
			headingErase: "طلبك محو بياناتك",
			greeting: "مرحبًا،",
			introExport:
				"طلب شخص ما، على الأرجح أنت، تنزيل نسخة من كل ما تحتفظ به حملة Red Line بشأن عنوان البريد الإلكتروني هذا.",
			introErase: "طلب شخص ما، على الأرجح أنت، محو كل ما تحتفظ به حملة Red Line بشأن عنوان البريد الإلكتروني هذا.",
			confirmExport:
				"يؤدي الزر أدناه إلى صفحة يمكن فيها تأكيد الطلب وتنزيل النسخة. مجرد فتح الرابط لا يؤدي إلى أي شيء.",
			confirmErase: "يؤدي الزر أدناه إلى صفحة يمكن فيها تأكيد الطلب. مجرد فتح الرابط لا يؤدي إلى أي شيء.",
			eraseMeans: "ما يعنيه المحو:",
			eraseItems: [
				"سيُحذف اسمك وعنوان بريدك الإلكتروني وسائر بياناتك.",
				"ستبقى توقيعاتك محتسبة، ولكن من دون أي بيانات شخصية.",
				"ستنتهي اشتراكاتك، فلن تصلك رسائلنا بعد ذلك.",
				"لا يمكن التراجع عن المحو.",
			],
			button: "المراجعة والتأكيد",
			linkFallback: "إذا لم يعمل الزر، يمكنك نسخ هذا الرابط ولصقه في المتصفح:",
			expiry: {
				one: "هذا الرابط صالح لمدة يوم واحد.",
				two: "هذا الرابط صالح لمدة يومين.",
				few: "هذا الرابط صالح لمدة {count} أيام.",
				many: "هذا الرابط صالح لمدة {count} يومًا.",
				other: "هذا الرابط صالح لمدة {count} يوم.",
			},
			notYouExport: "إذا لم يصدر هذا الطلب عنك، فيمكنك تجاهل هذه الرسالة. لن يحدث شيء، ولن تُرسَل أي بيانات.",
			notYouErase: "إذا لم يصدر هذا الطلب عنك، فيمكنك تجاهل هذه الرسالة. لن يحدث شيء، ولن يُمحى أي شيء.",
			signoff: "مع أطيب التحيات،",
			team: "فريق Red Line",
		},
		confirmLetter: {
			subject: "يُرجى تأكيد خطابك: {subject}",
			preview: "خطوة أخيرة: لن يُرسَل خطابك قبل تأكيد عنوان بريدك الإلكتروني.",
			heading: "يُرجى تأكيد خطابك",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			intro: "شكرًا على خطابك. لكي يُرسَل خطابك إلى {state}، يُرجى تأكيد عنوان بريدك الإلكتروني باستخدام الزر أدناه.",
			subjectLine: "موضوع خطابك: {subject}",
			waiting: "لن يُرسَل خطابك قبل التأكيد.",
			button: "تأكيد خطابي",
			linkFallback: "إذا لم يعمل الزر، يمكنك نسخ هذا الرابط ولصقه في المتصفح:",
			expiry: {
				one: "هذا الرابط صالح لمدة يوم واحد.",
				two: "هذا الرابط صالح لمدة يومين.",
				few: "هذا الرابط صالح لمدة {count} أيام.",
				many: "هذا الرابط صالح لمدة {count} يومًا.",
				other: "هذا الرابط صالح لمدة {count} يوم.",
			},
			notYou: "إذا لم يصدر هذا الخطاب عنك، فيمكنك تجاهل هذه الرسالة، ولن يُرسَل أي شيء.",
			signoff: "مع خالص الامتنان،",
			team: "فريق Red Line",
		},
		letterToState: {
			subjectFallback: "خطاب من {name}",
			subjectNoName: "خطاب من أحد أفراد الجمهور",
			footer:
				"أُرسل هذا الخطاب نيابةً عن {name} عبر أداة الخطابات في حملة Red Line ({campaign})، بعد تأكيد عنوان البريد الإلكتروني المرتبط به. ويصل الرد على هذه الرسالة إلى {name} مباشرةً.",
			footerNoName:
				"أُرسل هذا الخطاب نيابةً عن الشخص الذي كتبه عبر أداة الخطابات في حملة Red Line ({campaign})، بعد تأكيد عنوان البريد الإلكتروني المرتبط به. ويصل الرد على هذه الرسالة إلى هذا الشخص مباشرةً.",
		},
		letterDigest: {
			subject: {
				one: "خطاب واحد من الجمهور: {campaign}",
				two: "خطابان من الجمهور: {campaign}",
				few: "{count} خطابات من الجمهور: {campaign}",
				many: "{count} خطابًا من الجمهور: {campaign}",
				other: "{count} خطاب من الجمهور: {campaign}",
			},
			heading: {
				one: "خطاب واحد من الجمهور",
				two: "خطابان من الجمهور",
				few: "{count} خطابات من الجمهور",
				many: "{count} خطابًا من الجمهور",
				other: "{count} خطاب من الجمهور",
			},
			recipient: "إلى: {state}",
			intro: {
				one: "كتب إليكم شخص واحد بتاريخ {date} عبر حملة Red Line.",
				two: "كتب إليكم شخصان بتاريخ {date} عبر حملة Red Line.",
				few: "كتب إليكم {count} أشخاص بتاريخ {date} عبر حملة Red Line.",
				many: "كتب إليكم {count} شخصًا بتاريخ {date} عبر حملة Red Line.",
				other: "كتب إليكم {count} شخص بتاريخ {date} عبر حملة Red Line.",
			},
			gathered: "وحرصًا على أن يبقى صندوق بريدكم سهل الاستخدام، جُمعت خطابات هذا اليوم في هذه الرسالة الواحدة.",
			replies:
				"جرى تأكيد عنوان البريد الإلكتروني المرتبط بكل خطاب. ولا تصل الردود على هذه الرسالة إلى من كتب هذه الخطابات، إذ لا ترد فيها عناوين البريد الإلكتروني؛ ويُذكر مع كل خطاب أدناه اسم من كتبه.",
			letterNumber: "الخطاب {index} من {count}",
			from: "من: {writer}",
			noSubject: "(بلا موضوع)",
			footer:
				"أُرسلت هذه الرسالة عبر أداة الخطابات في حملة Red Line ({campaign}). ويَرِد فيها كل خطاب كما جرى تأكيده تمامًا.",
		},
		letterReplyQuestion: {
			subject: "هل وصلك رد من {state} على خطابك؟",
			preview: "سؤال واحد لن يتكرر: هل وصلك رد على خطابك؟",
			heading: "هل وصلك رد من {state}؟",
			greeting: "مرحبًا {name}،",
			greetingNoName: "مرحبًا،",
			intro: "قبل أسبوعين، بتاريخ {date}، أُرسل خطابك إلى {state} عبر حملة Red Line. هل وصلك رد؟",
			choices:
				"يؤدي الزر أدناه إلى صفحة يمكن فيها اختيار إجابة واحدة: نعم، وصل رد؛ أو لم يصل أي رد؛ أو وصل رد لكنه لم يُجب عن الخطاب.",
			button: "الإجابة عن السؤال",
			linkFallback: "إذا لم يعمل الزر، يمكنك نسخ هذا الرابط ولصقه في المتصفح:",
			scoreboard:
				"لا نسجّل إلا إجابتك، ولا نسجّل أبدًا مضمون أي رد. وتُبنى على هذه الإجابات لوحة عامة لنتائج الدول: لكل دولة، عدد الخطابات المرسلة إليها وعدد ما تلقّى منها ردًا.",
			once: "هذه هي المرة الوحيدة التي نسأل فيها، ولن يصلك أي تذكير. وإذا لم تكن هناك رغبة في الإجابة، فلا حاجة إلى القيام بأي شيء.",
			signoff: "مع خالص الامتنان،",
			team: "فريق Red Line",
			footer: "تصلك هذه الرسالة بعد إرسال خطاب من هذا العنوان عبر موقع حملة Red Line.",
		},
		consoleSignIn: {
			subject: "رابط الدخول إلى لوحة تحكم Red Line",
			preview: "الدخول إلى لوحة تحكم الحملة عبر الزر في هذه الرسالة.",
			heading: "الدخول إلى لوحة التحكم",
			intro: "طُلب الدخول إلى لوحة تحكم حملة Red Line بهذا العنوان. يؤدي الزر أدناه إلى صفحة فيها زر «الدخول».",
			button: "الدخول",
			linkFallback: "إن لم يعمل الزر، يمكن نسخ هذا الرابط إلى المتصفح:",
			expiry: {
				one: "يعمل هذا الرابط مرة واحدة، لمدة {count} دقيقة.",
				few: "يعمل هذا الرابط مرة واحدة، لمدة {count} دقيقة.",
				many: "يعمل هذا الرابط مرة واحدة، لمدة {count} دقيقة.",
				other: "يعمل هذا الرابط مرة واحدة، لمدة {count} دقيقة.",
			},
			notYou: "إن لم يكن هذا الطلب منكم، يمكن تجاهل هذه الرسالة: لا يمكن الدخول دون الرابط.",
			signoff: "مع الشكر،",
			team: "فريق Red Line",
			footer: "وصلت هذه الرسالة لأن هذا العنوان مدرج ضمن مستخدمي لوحة تحكم الحملة.",
		},
	},

	uk: {
		layout: {
			brand: "Red Line",
			tagline: "Щоб покласти край сексуальному насильству, пов’язаному з конфліктами",
			footer:
				"Ви отримали цей лист, бо хтось використав цю адресу на сайті кампанії Red Line. Якщо це були не Ви, просто проігноруйте його: нічого не станеться, якщо не перейти за посиланням.",
			unsubscribe: "Відписатися",
		},
		confirmSignature: {
			subject: "Підтвердьте, будь ласка, свій підпис: {title}",
			preview: "Останній крок: підтвердьте, будь ласка, свій підпис під «{title}».",
			heading: "Підтвердьте, будь ласка, свій підпис",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			intro:
				"Дякуємо, що підписали {title}. Щоб Ваш підпис було враховано, підтвердьте його, будь ласка, кнопкою нижче.",
			button: "Підтвердити підпис",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			expiry: {
				one: "Посилання діє {count} день.",
				few: "Посилання діє {count} дні.",
				many: "Посилання діє {count} днів.",
				other: "Посилання діє {count} дня.",
			},
			notYou: "Якщо Ви нічого не підписували, просто проігноруйте цей лист. Нічого не буде збережено.",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
		},
		alreadySigned: {
			subject: "Ваш підпис уже враховано: {title}",
			preview: "Ваш підпис під «{title}» уже враховано. Більше нічого робити не потрібно.",
			heading: "Ваш підпис уже враховано",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			attempt:
				"Хтось (імовірно, Ви) щойно знову спробував підписати {title}, використавши цю адресу електронної пошти.",
			counted: "Ваш підпис уже враховано, тож більше нічого робити не потрібно. Дякуємо за підтримку.",
			share: "Якщо бажаєте, можете поділитися петицією з людьми довкола:",
			button: "Переглянути петицію",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
			footer:
				"Ви отримали цей лист, бо хтось використав цю адресу на сайті кампанії Red Line. Якщо це були не Ви, можете його проігнорувати: нічого не змінилося.",
		},
		alreadyWritten: {
			subject: "Ви вже написали до {state}",
			preview: "Ваш лист до {state} уже підтверджено. Більше нічого робити не потрібно.",
			heading: "Ваш лист уже в дорозі",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			attempt: "Хтось, імовірно ви, щойно спробував знову написати до {state} з цієї електронної адреси.",
			counted:
				"Ви вже написали до цієї держави в межах цієї кампанії та підтвердили свій лист, тож нічого не змінилося і більше нічого робити не потрібно. Дякуємо, що написали.",
			button: "Переглянути держави та їхні відповіді",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
			footer:
				"Ви отримали цей лист, бо хтось використав цю адресу на сайті кампанії Red Line. Якщо це були не ви, проігноруйте його: нічого не змінилося.",
		},
		confirmSubscription: {
			subject: "Підтвердьте, будь ласка, підписку: {list}",
			subjectReminder: "Єдине нагадування – підтвердьте, будь ласка, підписку: {list}",
			preview: "Останній крок: підтвердьте, будь ласка, що бажаєте отримувати «{list}».",
			previewReminder: "Це єдине нагадування. Без Вашого підтвердження ми не додамо Вашу адресу.",
			heading: "Підтвердьте, будь ласка, підписку",
			headingReminder: "Нагадування про підтвердження підписки",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			intro:
				"Хтось (імовірно, Ви) попросив надсилати {list} на цю адресу електронної пошти. Підтвердьте, будь ласка, підписку кнопкою нижче.",
			introReminder:
				"Два дні тому ми надіслали Вам посилання для підтвердження підписки на {list}. Це єдине нагадування: більше ми не писатимемо Вам про це.",
			button: "Підтвердити підписку",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			expiry: {
				one: "Посилання діє {count} день.",
				few: "Посилання діє {count} дні.",
				many: "Посилання діє {count} днів.",
				other: "Посилання діє {count} дня.",
			},
			notYou:
				"Якщо Ви нічого не просили, просто проігноруйте цей лист. Ми не додамо Вашу адресу до списку, і, крім щонайбільше одного нагадування, Ви більше нічого від нас не отримаєте.",
			notYouReminder:
				"Якщо Ви нічого не просили, просто проігноруйте цей лист. Ми не додамо Вашу адресу до списку, і Ви більше нічого від нас не отримаєте.",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
		},
		subscriptionWelcome: {
			subject: "Вашу підписку підтверджено: {list}",
			preview: "Вашу підписку на «{list}» підтверджено. Ви можете відписатися будь-коли.",
			heading: "Вашу підписку підтверджено",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			subscribed: "Дякуємо. Ваша підписка на {list} тепер активна.",
			about: "Що Ви отримуватимете:",
			frequency: "Ми пишемо лише тоді, коли є чим поділитися.",
			leave: "Ви можете відписатися будь-коли, без жодних пояснень:",
			unsubscribe: "Відписатися від цього списку",
			preferences: "Щоб змінити мову цих листів або списки, які Ви отримуєте:",
			preferencesLink: "Керувати налаштуваннями (мова, списки)",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
			footer: "Ви отримуєте цей лист, бо підтвердили підписку на {list}.",
		},
		privacyRequest: {
			subjectExport: "Ваш запит на копію Ваших даних",
			subjectErase: "Ваш запит на видалення Ваших даних",
			preview: "Щоб продовжити, підтвердьте запит на сторінці за посиланням у цьому листі. Доти нічого не станеться.",
			headingExport: "Ваш запит на копію Ваших даних",
			headingErase: "Ваш запит на видалення Ваших даних",
			greeting: "Вітаємо!",
			introExport:
				"Хтось (імовірно, Ви) попросив завантажити копію всього, що кампанія Red Line зберігає про цю адресу електронної пошти.",
			introErase:
				"Хтось (імовірно, Ви) попросив видалити все, що кампанія Red Line зберігає про цю адресу електронної пошти.",
			confirmExport:
				"Кнопка нижче веде на сторінку, де можна підтвердити запит і завантажити копію. Саме лише відкриття посилання нічого не робить.",
			confirmErase:
				"Кнопка нижче веде на сторінку, де можна підтвердити запит. Саме лише відкриття посилання нічого не робить.",
			eraseMeans: "Що означає видалення:",
			eraseItems: [
				"Ваше ім’я, адресу електронної пошти та інші дані буде видалено.",
				"Ваші підписи й далі враховуватимуться, але без жодних персональних даних.",
				"Ваші підписки буде припинено: Ви більше не отримуватимете наших листів.",
				"Цю дію неможливо скасувати.",
			],
			button: "Переглянути й підтвердити",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			expiry: {
				one: "Посилання діє {count} день.",
				few: "Посилання діє {count} дні.",
				many: "Посилання діє {count} днів.",
				other: "Посилання діє {count} дня.",
			},
			notYouExport:
				"Якщо Ви нічого не просили, просто проігноруйте цей лист. Нічого не станеться, і жодних даних не буде надіслано.",
			notYouErase:
				"Якщо Ви нічого не просили, просто проігноруйте цей лист. Нічого не станеться, і нічого не буде видалено.",
			signoff: "З повагою,",
			team: "Команда Red Line",
		},
		confirmLetter: {
			subject: "Підтвердьте, будь ласка, свій лист: {subject}",
			preview: "Останній крок: Ваш лист не буде надіслано, доки Ви не підтвердите свою адресу електронної пошти.",
			heading: "Підтвердьте, будь ласка, свій лист",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			intro:
				"Дякуємо, що написали. Щоб Ваш лист (адресат: {state}) можна було надіслати, підтвердьте, будь ласка, свою адресу електронної пошти кнопкою нижче.",
			subjectLine: "Тема Вашого листа: {subject}",
			waiting: "Доки Ви не підтвердите адресу, лист не буде надіслано.",
			button: "Підтвердити лист",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			expiry: {
				one: "Посилання діє {count} день.",
				few: "Посилання діє {count} дні.",
				many: "Посилання діє {count} днів.",
				other: "Посилання діє {count} дня.",
			},
			notYou: "Якщо цього листа писали не Ви, просто проігноруйте це повідомлення: нічого не буде надіслано.",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
		},
		letterToState: {
			subjectFallback: "Лист — {name}",
			subjectNoName: "Лист від громадськості",
			footer:
				"Цей лист надіслано через сервіс надсилання листів кампанії Red Line ({campaign}) від імені людини, яка його підписала: {name}. Ця людина підтвердила свою адресу електронної пошти, тож Ваша відповідь на цей лист надійде їй безпосередньо.",
			footerNoName:
				"Цей лист надіслано через сервіс надсилання листів кампанії Red Line ({campaign}) від імені людини, яка його написала. Ця людина підтвердила свою адресу електронної пошти, тож Ваша відповідь на цей лист надійде їй безпосередньо.",
		},
		letterDigest: {
			subject: {
				one: "{count} лист від громадськості: {campaign}",
				few: "{count} листи від громадськості: {campaign}",
				many: "{count} листів від громадськості: {campaign}",
				other: "{count} листа від громадськості: {campaign}",
			},
			heading: {
				one: "{count} лист від громадськості",
				few: "{count} листи від громадськості",
				many: "{count} листів від громадськості",
				other: "{count} листа від громадськості",
			},
			recipient: "Адресат: {state}",
			intro: {
				one: "{count} людина написала Вам {date} через кампанію Red Line.",
				few: "{count} людини написали Вам {date} через кампанію Red Line.",
				many: "{count} людей написали Вам {date} через кампанію Red Line.",
				other: "{count} людини написали Вам {date} через кампанію Red Line.",
			},
			gathered:
				"Щоб Вашою поштовою скринькою було зручно користуватися, листи за цей день зібрано в одному повідомленні.",
			replies:
				"Кожна людина, яка написала листа, підтвердила свою адресу електронної пошти. Відповіді на це повідомлення не дійдуть до тих, хто писав, бо їхніх адрес тут немає; біля кожного листа нижче вказано ім’я людини, яка його написала.",
			letterNumber: "Лист {index} з {count}",
			from: "Від: {writer}",
			noSubject: "(без теми)",
			footer:
				"Це повідомлення надіслано через сервіс надсилання листів кампанії Red Line ({campaign}). Кожен лист наведено саме в тому вигляді, у якому його підтвердила людина, що його написала.",
		},
		letterReplyQuestion: {
			subject: "Чи надійшла відповідь на Ваш лист?",
			preview: "Одне запитання, яке ми ставимо лише раз: чи надійшла відповідь на Ваш лист?",
			heading: "Чи надійшла Вам відповідь?",
			greeting: "Вітаємо, {name}!",
			greetingNoName: "Вітаємо!",
			intro:
				"Два тижні тому, {date}, Ви надіслали листа через кампанію Red Line (адресат: {state}). Чи надійшла відповідь?",
			choices:
				"Кнопка нижче веде на сторінку, де можна обрати одну відповідь: так, відповідь надійшла; відповіді немає; або відповідь надійшла, але не по суті.",
			button: "Відповісти",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			scoreboard:
				"Ми зберігаємо лише Вашу відповідь і ніколи — зміст отриманої відповіді. З цих відповідей складається публічна таблиця держав: для кожної — скільки листів їй надіслано і на скільки з них надійшла відповідь.",
			once: "Ми запитуємо про це лише один раз: нагадувань не буде. Якщо не бажаєте відповідати, нічого робити не потрібно.",
			signoff: "З вдячністю,",
			team: "Команда Red Line",
			footer: "Ви отримали це повідомлення, бо написали листа на сайті кампанії Red Line.",
		},
		consoleSignIn: {
			subject: "Ваше посилання для входу до консолі Red Line",
			preview: "Увійдіть до консолі кампанії за допомогою кнопки в цьому листі.",
			heading: "Вхід до консолі",
			intro:
				"Хтось, імовірно Ви, попросив увійти до консолі кампанії Red Line з цією адресою. Кнопка нижче веде на сторінку, де потрібно натиснути «Увійти».",
			button: "Увійти",
			linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у свій браузер:",
			expiry: {
				one: "Посилання діє один раз, протягом {count} хвилини.",
				few: "Посилання діє один раз, протягом {count} хвилин.",
				many: "Посилання діє один раз, протягом {count} хвилин.",
				other: "Посилання діє один раз, протягом {count} хвилин.",
			},
			notYou: "Якщо Ви цього не просили, просто проігноруйте лист: без посилання увійти неможливо.",
			signoff: "Дякуємо,",
			team: "Команда Red Line",
			footer: "Ви отримали цей лист, бо Ваша адреса є в списку користувачів консолі кампанії.",
		},
	},
};

export function stringsFor(locale: EmailLocale | string | undefined): EmailStrings {
	return strings[pickLocale(locale)];
}
