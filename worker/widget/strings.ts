import type { Locale } from "../lib/locale";
import type { PluralForms } from "../lib/plural";
import { type PageStrings, pageStrings } from "../pages/strings";

/** Words only the widget needs; the rest it shares with the hosted pages. */
interface WidgetOnly {
	/** The demands, folded: "Read the demands". */
	showDemands: string;
	sending: string;
	/** Shown instead of the form on a site the campaign has not registered. */
	notRegistered: string;
	/** When the request did not get through at all. */
	networkError: string;
	/** The link to the same action on the campaign's own page. */
	hostedLink: string;
	/** "Privacy policy: {name}": no possessive, which would need the name's own grammar. */
	partnerPrivacy: string;
	/** "Signatures: {count} of {goal}": for screen readers, on the progress bar (no plural to agree). */
	progress: string;
	/** After a refused write with Retry-After: "Try again in {minutes} min." */
	retryIn: string;
}

const only: Record<Locale, WidgetOnly> = {
	en: {
		showDemands: "Read the demands",
		sending: "Sending…",
		notRegistered: "This site cannot collect signatures for the campaign. You can act on the campaign's own page.",
		networkError: "Your answer could not be sent from this site. You can act on the campaign's own page.",
		hostedLink: "Open the campaign's page",
		partnerPrivacy: "Privacy policy: {name}",
		progress: "Signatures: {count} of {goal}",
		retryIn: "Please try again in {minutes} min.",
	},
	fr: {
		showDemands: "Lire les revendications",
		sending: "Envoi…",
		notRegistered:
			"Ce site ne peut pas recueillir de signatures pour la campagne. Vous pouvez agir sur la page de la campagne.",
		networkError: "Votre réponse n'a pas pu être envoyée depuis ce site. Vous pouvez agir sur la page de la campagne.",
		hostedLink: "Ouvrir la page de la campagne",
		partnerPrivacy: "Politique de confidentialité\u00a0: {name}",
		progress: "Signatures\u00a0: {count} sur {goal}",
		retryIn: "Réessayez dans {minutes} min.",
	},
	es: {
		showDemands: "Leer las demandas",
		sending: "Enviando…",
		notRegistered: "Este sitio no puede recoger firmas para la campaña. Puede actuar en la página de la campaña.",
		networkError: "Su respuesta no se pudo enviar desde este sitio. Puede actuar en la página de la campaña.",
		hostedLink: "Abrir la página de la campaña",
		partnerPrivacy: "Política de privacidad: {name}",
		progress: "Firmas: {count} de {goal}",
		retryIn: "Vuelva a intentarlo en {minutes} min.",
	},
	ar: {
		showDemands: "اقرأ المطالب",
		sending: "جارٍ الإرسال…",
		notRegistered: "لا يمكن لهذا الموقع جمع التوقيعات للحملة. يمكنك المشاركة من صفحة الحملة.",
		networkError: "تعذّر إرسال ردك من هذا الموقع. يمكنك المشاركة من صفحة الحملة.",
		hostedLink: "افتح صفحة الحملة",
		partnerPrivacy: "سياسة الخصوصية: {name}",
		progress: "التوقيعات: {count} من {goal}",
		retryIn: "يرجى المحاولة مجددًا بعد {minutes} دقيقة.",
	},
	uk: {
		showDemands: "Прочитати вимоги",
		sending: "Надсилаємо…",
		notRegistered: "Цей сайт не може збирати підписи для кампанії. Ви можете діяти на сторінці кампанії.",
		networkError: "Вашу відповідь не вдалося надіслати з цього сайту. Ви можете діяти на сторінці кампанії.",
		hostedLink: "Відкрити сторінку кампанії",
		partnerPrivacy: "Політика конфіденційності: {name}",
		progress: "Підписи: {count} з {goal}",
		retryIn: "Спробуйте ще раз через {minutes} хв.",
	},
};

/** The hosted pages' words the widget uses too. */
const shared = [
	"quickExit",
	"goal",
	"formName",
	"formNameOptional",
	"formEmail",
	"formCountry",
	"formChooseCountry",
	"formShowName",
	"formSign",
	"formSubscribe",
	"formSendLetter",
	"formLetterTo",
	"formLetterSubject",
	"formLetterBody",
	"formHoneypot",
	"letterIntro",
	"errorSummary",
	"errEmail",
	"errName",
	"errCountry",
	"errBody",
	"errConsent",
	"errGeneric",
	"renewedTitle",
	"checkInboxSign",
	"checkInboxSubscribe",
	"checkInboxLetter",
	"rateLimitedTitle",
	"rateLimitedBody",
	"closedTitle",
	"closedBody",
	"notFoundTitle",
	"failedTitle",
	"failedBody",
	"sampleNotice",
	"privacyNote",
	"privacyNoteHidden",
] as const satisfies readonly (keyof PageStrings)[];

export type WidgetStrings = WidgetOnly &
	Pick<PageStrings, (typeof shared)[number]> & {
		/** Counted words, each in the language's plural forms. */
		plurals: { signatures: PluralForms };
	};

/** Every word the widget shows, in one language: sent with the action's data. */
export function widgetStrings(locale: Locale): WidgetStrings {
	const page = pageStrings[locale];
	const picked = Object.fromEntries(shared.map((key) => [key, page[key]])) as Pick<
		PageStrings,
		(typeof shared)[number]
	>;
	return { ...picked, ...only[locale], plurals: { signatures: page.signatures } };
}
