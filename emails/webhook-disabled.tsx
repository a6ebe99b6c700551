import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Layout, styles } from "./_components/layout";
import { type EmailLocale, format, formatNodes, pickLocale, singleLine } from "./i18n";

export interface WebhookDisabledEmailProps {
	/** The admin's locale; unsupported ones fall back to English. */
	locale: string;
	/** The endpoint's URL, as registered. */
	url: string;
	/** Why: the receiver answered 410 Gone, or kept failing for three days. */
	reason: "gone" | "failing";
	/** The console page of the endpoint. */
	consoleUrl: string;
}

interface WebhookDisabledStrings {
	subject: string;
	preview: string;
	heading: string;
	/** {url} */
	gone: string;
	/** {url} */
	failing: string;
	kept: string;
	button: string;
	linkFallback: string;
	signoff: string;
	team: string;
	footer: string;
}

// The words of this email, in the five languages (they move to worker/i18n/catalogs with the rest).
const words: Record<EmailLocale, WebhookDisabledStrings> = {
	en: {
		subject: "A webhook endpoint was disabled",
		preview: "Events are no longer sent to one of your webhook endpoints.",
		heading: "A webhook endpoint was disabled",
		gone: "The endpoint {url} answered “410 Gone”: it asked to receive nothing more, so it was disabled.",
		failing: "The endpoint {url} has failed to accept events for three days, so it was disabled.",
		kept: "Nothing is lost: the events stay in the console. Once the receiver works again, enable the endpoint and replay the events you need.",
		button: "Open the endpoint",
		linkFallback: "If the button does not work, copy this link into your browser:",
		signoff: "Thank you,",
		team: "The Red Line team",
		footer: "You receive this email because you are an admin of the campaign's console.",
	},
	fr: {
		subject: "Un point de réception de webhooks a été désactivé",
		preview: "Les événements ne sont plus envoyés à l’un de vos points de réception.",
		heading: "Un point de réception a été désactivé",
		gone: "Le point de réception {url} a répondu « 410 Gone » : il demande à ne plus rien recevoir, il a donc été désactivé.",
		failing: "Le point de réception {url} n’accepte plus les événements depuis trois jours : il a été désactivé.",
		kept: "Rien n’est perdu : les événements restent dans la console. Quand le récepteur fonctionne de nouveau, réactivez le point de réception et renvoyez les événements utiles.",
		button: "Ouvrir le point de réception",
		linkFallback: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",
		signoff: "Merci,",
		team: "L’équipe Red Line",
		footer: "Vous recevez cet e-mail parce que vous administrez la console de la campagne.",
	},
	es: {
		subject: "Se desactivó un punto de recepción de webhooks",
		preview: "Los eventos ya no se envían a uno de sus puntos de recepción.",
		heading: "Se desactivó un punto de recepción",
		gone: "El punto de recepción {url} respondió «410 Gone»: pidió no recibir nada más, por lo que se desactivó.",
		failing: "El punto de recepción {url} lleva tres días sin aceptar eventos, por lo que se desactivó.",
		kept: "No se pierde nada: los eventos siguen en la consola. Cuando el receptor vuelva a funcionar, active el punto de recepción y reenvíe los eventos que necesite.",
		button: "Abrir el punto de recepción",
		linkFallback: "Si el botón no funciona, copie este enlace en su navegador:",
		signoff: "Gracias,",
		team: "El equipo de Red Line",
		footer: "Recibe este correo porque administra la consola de la campaña.",
	},
	ar: {
		subject: "تم إيقاف إحدى نقاط استقبال الويب هوك",
		preview: "لم تعد الأحداث تُرسل إلى إحدى نقاط الاستقبال.",
		heading: "تم إيقاف نقطة استقبال",
		gone: "أجابت نقطة الاستقبال {url} بـ «410 Gone»، أي طلب عدم استلام أي شيء بعد الآن، لذلك تم إيقافها.",
		failing: "لم تقبل نقطة الاستقبال {url} الأحداث منذ ثلاثة أيام، لذلك تم إيقافها.",
		kept: "لم يضع شيء: تبقى الأحداث في لوحة التحكم. عند عودة جهاز الاستقبال إلى العمل، يمكن تفعيل نقطة الاستقبال وإعادة إرسال الأحداث المطلوبة.",
		button: "فتح نقطة الاستقبال",
		linkFallback: "إذا لم يعمل الزر، يمكن نسخ هذا الرابط في المتصفح:",
		signoff: "مع الشكر،",
		team: "فريق Red Line",
		footer: "تصل هذه الرسالة لأن هذا العنوان من مسؤولي لوحة تحكم الحملة.",
	},
	uk: {
		subject: "Точку прийому вебхуків вимкнено",
		preview: "Події більше не надсилаються до однієї з Ваших точок прийому.",
		heading: "Точку прийому вимкнено",
		gone: "Точка прийому {url} відповіла «410 Gone»: вона просить більше нічого не надсилати, тож її вимкнено.",
		failing: "Точка прийому {url} три дні не приймає події, тож її вимкнено.",
		kept: "Нічого не втрачено: події лишаються в консолі. Коли приймач знову запрацює, увімкніть точку прийому та надішліть потрібні події повторно.",
		button: "Відкрити точку прийому",
		linkFallback: "Якщо кнопка не працює, скопіюйте це посилання у браузер:",
		signoff: "Дякуємо,",
		team: "Команда Red Line",
		footer: "Ви отримали цей лист, бо Ви адміністратор консолі кампанії.",
	},
};

export function webhookDisabledWords(locale: string): WebhookDisabledStrings {
	return words[pickLocale(locale)];
}

export function subject(props: WebhookDisabledEmailProps): string {
	return singleLine(webhookDisabledWords(props.locale).subject);
}

export function WebhookDisabledEmail(props: WebhookDisabledEmailProps) {
	const locale = pickLocale(props.locale);
	const t = words[locale];
	const url = (
		<span dir="ltr" style={{ wordBreak: "break-all" }}>
			{props.url}
		</span>
	);
	return (
		<Layout locale={locale} preview={singleLine(format(t.preview, {}))} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>{formatNodes(props.reason === "gone" ? t.gone : t.failing, { url })}</Text>
			<Text style={styles.paragraph}>{t.kept}</Text>
			<ActionButton href={props.consoleUrl} label={t.button} fallback={t.linkFallback} />
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

WebhookDisabledEmail.PreviewProps = {
	locale: "en",
	url: "https://crm.example.org/hooks/red-line",
	reason: "failing",
	consoleUrl: "https://example.org/console/webhooks/whe_preview",
} satisfies WebhookDisabledEmailProps;

export default WebhookDisabledEmail;
