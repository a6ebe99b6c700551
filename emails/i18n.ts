/**
 * Strings for the Red Line email templates, in every supported language.
 *
 * Placeholders are written `{name}`, `{title}` and `{count}`. They are filled
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

/** Plural forms keyed by Intl.PluralRules category; `other` is required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & {
	other: string;
};

export function plural(locale: EmailLocale, count: number, forms: PluralForms): string {
	let category: Intl.LDMLPluralRule = "other";
	try {
		category = new Intl.PluralRules(locale).select(count);
	} catch {
		// Very old runtimes without Intl: keep "other".
	}
	return forms[category] ?? forms.other;
}

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

export interface EmailStrings {
	layout: LayoutStrings;
	confirmSignature: ConfirmSignatureStrings;
	alreadySigned: AlreadySignedStrings;
}

const NBSP = "\u00a0";

export const strings: Record<EmailLocale, EmailStrings> = {
	en: {
		layout: {
			brand: "Red Line",
			tagline: "Ending conflict-related sexual violence",
			footer:
				"You received this email because someone used this address on the Red Line campaign's site. If it wasn't you, ignore it: nothing happens unless the link is used.",
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
	},

	fr: {
		layout: {
			brand: "Red Line",
			tagline: "Pour mettre fin aux violences sexuelles liées aux conflits",
			footer: `Vous avez reçu cet e-mail parce que quelqu’un a utilisé cette adresse sur le site de la campagne Red Line. Si ce n’était pas vous, ignorez-le${NBSP}: rien ne se passe tant que le lien n’est pas utilisé.`,
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
	},

	es: {
		layout: {
			brand: "Red Line",
			tagline: "Para poner fin a la violencia sexual relacionada con los conflictos",
			footer:
				"Recibió este correo porque alguien utilizó esta dirección en el sitio web de la campaña Red Line. Si no fue usted, ignórelo: no ocurrirá nada mientras no se utilice el enlace.",
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
	},

	ar: {
		layout: {
			brand: "Red Line",
			tagline: "من أجل إنهاء العنف الجنسي المرتبط بالنزاعات",
			footer:
				"وصلتك هذه الرسالة لأن شخصًا ما استخدم هذا العنوان على موقع حملة Red Line. إذا لم يكن ذلك أنت، فيمكنك تجاهلها: لن يحدث شيء ما لم يُستخدم الرابط.",
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
	},

	uk: {
		layout: {
			brand: "Red Line",
			tagline: "Щоб покласти край сексуальному насильству, пов’язаному з конфліктами",
			footer:
				"Ви отримали цей лист, бо хтось використав цю адресу на сайті кампанії Red Line. Якщо це були не Ви, просто проігноруйте його: нічого не станеться, якщо не перейти за посиланням.",
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
	},
};

export function stringsFor(locale: EmailLocale | string | undefined): EmailStrings {
	return strings[pickLocale(locale)];
}
