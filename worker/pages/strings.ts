import type { Locale } from "../lib/locale";

/** The engine's own words on its pages, in every supported language. */
export interface PageStrings {
	confirmTitle: string;
	confirmIntro: string;
	confirmButton: string;
	thanksTitle: string;
	thanksBody: string;
	expiredTitle: string;
	expiredBody: string;
	expiredButton: string;
	renewedTitle: string;
	renewedBody: string;
	invalidTitle: string;
	invalidBody: string;
	signatures: string;
	goal: string;
	sampleNotice: string;
	privacyNote: string;
	petitionLink: string;
}

export const pageStrings: Record<Locale, PageStrings> = {
	en: {
		confirmTitle: "Confirm your signature",
		confirmIntro: "One last step: press the button to confirm that you sign",
		confirmButton: "Confirm my signature",
		thanksTitle: "Thank you, your signature counts",
		thanksBody: "Your signature is confirmed. Thank you for standing with survivors.",
		expiredTitle: "This link has expired",
		expiredBody: "Confirmation links work for 7 days. We can send you a fresh one.",
		expiredButton: "Send me a new link",
		renewedTitle: "Check your inbox",
		renewedBody: "If this signature is still waiting for confirmation, a new link is on its way to you.",
		invalidTitle: "This link does not work",
		invalidBody: "It may have been copied incompletely. Open the link from the email again, or sign once more.",
		signatures: "signatures",
		goal: "Goal",
		sampleNotice: "Some of this text is sample wording that the campaign will replace.",
		privacyNote: "Your name is never shown publicly unless you chose so.",
		petitionLink: "Read the Call to Action",
	},
	fr: {
		confirmTitle: "Confirmez votre signature",
		confirmIntro: "Dernière étape : appuyez sur le bouton pour confirmer que vous signez",
		confirmButton: "Confirmer ma signature",
		thanksTitle: "Merci, votre signature compte",
		thanksBody: "Votre signature est confirmée. Merci de vous tenir aux côtés des survivant·es.",
		expiredTitle: "Ce lien a expiré",
		expiredBody: "Les liens de confirmation sont valables 7 jours. Nous pouvons vous en envoyer un nouveau.",
		expiredButton: "M'envoyer un nouveau lien",
		renewedTitle: "Consultez votre boîte de réception",
		renewedBody: "Si cette signature attend encore sa confirmation, un nouveau lien vous a été envoyé.",
		invalidTitle: "Ce lien ne fonctionne pas",
		invalidBody:
			"Il a peut-être été copié de façon incomplète. Ouvrez à nouveau le lien depuis l'e-mail, ou signez une nouvelle fois.",
		signatures: "signatures",
		goal: "Objectif",
		sampleNotice: "Une partie de ce texte est un exemple que la campagne remplacera.",
		privacyNote: "Votre nom n'est jamais affiché publiquement sans votre accord.",
		petitionLink: "Lire l'Appel à l'action",
	},
	es: {
		confirmTitle: "Confirme su firma",
		confirmIntro: "Último paso: pulse el botón para confirmar que firma",
		confirmButton: "Confirmar mi firma",
		thanksTitle: "Gracias, su firma cuenta",
		thanksBody: "Su firma está confirmada. Gracias por estar del lado de las y los sobrevivientes.",
		expiredTitle: "Este enlace ha caducado",
		expiredBody: "Los enlaces de confirmación sirven durante 7 días. Podemos enviarle uno nuevo.",
		expiredButton: "Enviarme un enlace nuevo",
		renewedTitle: "Revise su bandeja de entrada",
		renewedBody: "Si esta firma sigue esperando confirmación, le hemos enviado un enlace nuevo.",
		invalidTitle: "Este enlace no funciona",
		invalidBody: "Puede que se haya copiado incompleto. Vuelva a abrir el enlace desde el correo, o firme de nuevo.",
		signatures: "firmas",
		goal: "Meta",
		sampleNotice: "Parte de este texto es un ejemplo que la campaña sustituirá.",
		privacyNote: "Su nombre nunca se muestra públicamente si usted no lo ha elegido.",
		petitionLink: "Leer el Llamado a la Acción",
	},
	ar: {
		confirmTitle: "تأكيد التوقيع",
		confirmIntro: "خطوة أخيرة: اضغط على الزر لتأكيد التوقيع على",
		confirmButton: "تأكيد توقيعي",
		thanksTitle: "شكرًا، توقيعك محسوب",
		thanksBody: "تم تأكيد توقيعك. شكرًا لوقوفك إلى جانب الناجين والناجيات.",
		expiredTitle: "انتهت صلاحية هذا الرابط",
		expiredBody: "تبقى روابط التأكيد صالحة لمدة 7 أيام. يمكننا إرسال رابط جديد.",
		expiredButton: "أرسلوا لي رابطًا جديدًا",
		renewedTitle: "تحقق من بريدك الوارد",
		renewedBody: "إذا كان هذا التوقيع لا يزال بانتظار التأكيد، فقد أُرسل إليك رابط جديد.",
		invalidTitle: "هذا الرابط لا يعمل",
		invalidBody: "ربما نُسخ بشكل غير كامل. افتح الرابط من البريد الإلكتروني مرة أخرى، أو وقّع من جديد.",
		signatures: "توقيعًا",
		goal: "الهدف",
		sampleNotice: "جزء من هذا النص مثال ستستبدله الحملة.",
		privacyNote: "لا يُعرض اسمك علنًا أبدًا إلا إذا اخترت ذلك.",
		petitionLink: "اقرأ نداء العمل",
	},
	uk: {
		confirmTitle: "Підтвердіть свій підпис",
		confirmIntro: "Останній крок: натисніть кнопку, щоб підтвердити, що Ви підписуєте",
		confirmButton: "Підтвердити мій підпис",
		thanksTitle: "Дякуємо, Ваш підпис враховано",
		thanksBody: "Ваш підпис підтверджено. Дякуємо, що Ви на боці тих, хто пережив насильство.",
		expiredTitle: "Термін дії посилання минув",
		expiredBody: "Посилання для підтвердження діють 7 днів. Ми можемо надіслати Вам нове.",
		expiredButton: "Надіслати нове посилання",
		renewedTitle: "Перевірте свою пошту",
		renewedBody: "Якщо цей підпис ще чекає на підтвердження, нове посилання вже надіслано.",
		invalidTitle: "Це посилання не працює",
		invalidBody: "Можливо, його скопійовано не повністю. Відкрийте посилання з листа ще раз або підпишіть знову.",
		signatures: "підписів",
		goal: "Мета",
		sampleNotice: "Частина цього тексту — зразок, який кампанія замінить.",
		privacyNote: "Ваше ім'я ніколи не показується публічно без Вашої згоди.",
		petitionLink: "Прочитати Заклик до дії",
	},
};
