// The words of "share after signing", in every supported language: the block on the
// confirmation page (worker/pages/share.tsx) and the thank-you email (signature-confirmed.tsx)
// say the same. Kept apart from i18n.ts so the share feature's strings stay in one place.
import type { EmailLocale } from "./i18n";

export type ShareChannelName = "whatsapp" | "telegram" | "signal" | "email" | "x" | "facebook" | "copy";

export interface ShareStrings {
	/** Heading of the share block. */
	heading: string;
	intro: string;
	/** The text a share pre-fills: {title}. */
	message: string;
	/** The subject of a shared email: {title}. */
	emailSubject: string;
	/** The label of each link. */
	channels: Record<ShareChannelName, string>;
	/** Under Signal, which has no share address. */
	signalHint: string;
	/** What the links do and do not tell. */
	privacy: string;
	/** The thank-you email. */
	thanksSubject: string; // {title}
	thanksPreview: string; // {title}
	thanksHeading: string;
	thanksBody: string; // {title}
	footer: string;
}

export const shareStrings: Record<EmailLocale, ShareStrings> = {
	en: {
		heading: "Ask others to sign",
		intro: "Petitions grow when people pass them on. Share it with people you trust:",
		message: "I signed “{title}”. Will you sign too?",
		emailSubject: "Will you sign “{title}”?",
		channels: {
			whatsapp: "WhatsApp",
			telegram: "Telegram",
			signal: "Signal: copy this link",
			email: "Email",
			x: "X",
			facebook: "Facebook",
			copy: "Copy the link",
		},
		signalHint: "Signal has no share button: select the link, copy it and paste it into a chat.",
		privacy:
			"Nothing is loaded from these networks until you choose one. The code at the end of each link only tells the campaign that a share brought someone; it tells nobody who shared.",
		thanksSubject: "Thank you for signing: {title}",
		thanksPreview: "Your signature of “{title}” is confirmed. Will you ask others to sign?",
		thanksHeading: "Thank you, your signature counts",
		thanksBody: "Your signature of {title} is confirmed and counted.",
		footer: "You received this email because you confirmed your signature on the Red Line campaign's site.",
	},
	fr: {
		heading: "Invitez d’autres personnes à signer",
		intro: "Une pétition grandit quand on la fait circuler. Partagez-la avec des personnes de confiance :",
		message: "J’ai signé « {title} ». Signerez-vous aussi ?",
		emailSubject: "Signerez-vous « {title} » ?",
		channels: {
			whatsapp: "WhatsApp",
			telegram: "Telegram",
			signal: "Signal : copiez ce lien",
			email: "E-mail",
			x: "X",
			facebook: "Facebook",
			copy: "Copier le lien",
		},
		signalHint:
			"Signal n’a pas de bouton de partage : sélectionnez le lien, copiez-le et collez-le dans une conversation.",
		privacy:
			"Rien n’est chargé depuis ces réseaux tant que vous n’en choisissez pas un. Le code à la fin de chaque lien indique seulement à la campagne qu’un partage a amené quelqu’un ; il ne dit à personne qui a partagé.",
		thanksSubject: "Merci d’avoir signé : {title}",
		thanksPreview: "Votre signature de « {title} » est confirmée. Inviterez-vous d’autres personnes à signer ?",
		thanksHeading: "Merci, votre signature compte",
		thanksBody: "Votre signature de {title} est confirmée et comptée.",
		footer: "Vous recevez cet e-mail parce que vous avez confirmé votre signature sur le site de la campagne Red Line.",
	},
	es: {
		heading: "Pida a otras personas que firmen",
		intro: "Las peticiones crecen cuando la gente las comparte. Compártala con personas de confianza:",
		message: "Firmé «{title}». ¿Firmará usted también?",
		emailSubject: "¿Firmará «{title}»?",
		channels: {
			whatsapp: "WhatsApp",
			telegram: "Telegram",
			signal: "Signal: copie este enlace",
			email: "Correo electrónico",
			x: "X",
			facebook: "Facebook",
			copy: "Copiar el enlace",
		},
		signalHint: "Signal no tiene botón para compartir: seleccione el enlace, cópielo y péguelo en un chat.",
		privacy:
			"No se carga nada de estas redes hasta que usted elija una. El código al final de cada enlace solo indica a la campaña que alguien llegó por un enlace compartido; no dice a nadie quién lo compartió.",
		thanksSubject: "Gracias por firmar: {title}",
		thanksPreview: "Su firma de «{title}» está confirmada. ¿Pedirá a otras personas que firmen?",
		thanksHeading: "Gracias, su firma cuenta",
		thanksBody: "Su firma de {title} está confirmada y contada.",
		footer: "Recibe este correo porque confirmó su firma en el sitio de la campaña Red Line.",
	},
	ar: {
		heading: "ادعُ آخرين إلى التوقيع",
		intro: "تكبر العرائض حين يتناقلها الناس. شاركها مع أشخاص تثق بهم:",
		message: "وقّعتُ على «{title}». هل توقّع أنت أيضًا؟",
		emailSubject: "هل توقّع على «{title}»؟",
		channels: {
			whatsapp: "واتساب",
			telegram: "تيليغرام",
			signal: "سيغنال: انسخ هذا الرابط",
			email: "البريد الإلكتروني",
			x: "إكس",
			facebook: "فيسبوك",
			copy: "انسخ الرابط",
		},
		signalHint: "لا يوجد في سيغنال زر للمشاركة: حدّد الرابط وانسخه والصقه في محادثة.",
		privacy:
			"لا يُحمَّل أي شيء من هذه الشبكات قبل أن تختار إحداها. الرمز في آخر كل رابط يخبر الحملة فقط بأن مشاركةً جلبت شخصًا ما؛ ولا يخبر أحدًا بمن شارك.",
		thanksSubject: "شكرًا لتوقيعك: {title}",
		thanksPreview: "تم تأكيد توقيعك على «{title}». هل تدعو آخرين إلى التوقيع؟",
		thanksHeading: "شكرًا، توقيعك محسوب",
		thanksBody: "تم تأكيد توقيعك على {title} واحتسابه.",
		footer: "وصلتك هذه الرسالة لأنك أكّدت توقيعك على موقع حملة Red Line.",
	},
	uk: {
		heading: "Попросіть інших підписати",
		intro: "Петиції зростають, коли люди передають їх далі. Поділіться нею з людьми, яким довіряєте:",
		message: "Я підписав(ла) «{title}». Підпишете й ви?",
		emailSubject: "Підпишете «{title}»?",
		channels: {
			whatsapp: "WhatsApp",
			telegram: "Telegram",
			signal: "Signal: скопіюйте це посилання",
			email: "Електронна пошта",
			x: "X",
			facebook: "Facebook",
			copy: "Скопіювати посилання",
		},
		signalHint: "У Signal немає кнопки «поділитися»: виділіть посилання, скопіюйте його та вставте в чат.",
		privacy:
			"Нічого не завантажується з цих мереж, доки ви не оберете одну з них. Код у кінці кожного посилання лише повідомляє кампанії, що когось привело поширення; він нікому не каже, хто поширив.",
		thanksSubject: "Дякуємо за підпис: {title}",
		thanksPreview: "Ваш підпис під «{title}» підтверджено. Попросите інших підписати?",
		thanksHeading: "Дякуємо, ваш підпис враховано",
		thanksBody: "Ваш підпис під {title} підтверджено й враховано.",
		footer: "Ви отримали цей лист, бо підтвердили свій підпис на сайті кампанії Red Line.",
	},
};
