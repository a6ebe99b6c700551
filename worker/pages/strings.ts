import type { CommitmentStatus } from "../../schema";
import type { Locale } from "../lib/locale";
import type { PluralForms } from "../lib/plural";

/** The engine's own words on its pages, in every supported language. */
export interface PageStrings {
	confirmTitle: string;
	confirmIntro: string;
	confirmButton: string;
	/** Above the details the link confirms (name, country…), as that request gave them. */
	confirmDetails: string;
	confirmNameShown: string;
	confirmNameHidden: string;
	thanksTitle: string;
	thanksBody: string;
	expiredTitle: string;
	expiredBody: string;
	expiredButton: string;
	renewedTitle: string;
	renewedBody: string;
	invalidTitle: string;
	invalidBody: string;
	/** The noun after a count of signatures, in each plural form of the language. */
	signatures: PluralForms;
	goal: string;
	sampleNotice: string;
	/** Under a petition: the name is public only if the signer ticks the box. */
	privacyNote: string;
	/** Under a subscription or a letter: nothing of the person is public. */
	privacyNoteHidden: string;
	petitionLink: string;
	subscribeConfirmTitle: string;
	subscribeConfirmIntro: string;
	subscribeConfirmButton: string;
	subscribedTitle: string;
	subscribedBody: string;
	preferencesTitle: string;
	subscribedTo: string;
	unsubscribeButton: string;
	unsubscribedTitle: string;
	unsubscribedBody: string;
	preferencesLists: string;
	preferencesPending: string;
	preferencesJoinNote: string;
	preferencesLanguage: string;
	preferencesSave: string;
	preferencesSaved: string;
	unsubscribeAll: string;
	privacyExportTitle: string;
	privacyExportBody: string;
	privacyExportButton: string;
	privacyEraseTitle: string;
	privacyEraseBody: string;
	privacyEraseButton: string;
	privacyErasedTitle: string;
	privacyErasedBody: string;
	/** A form sent from another site's page, refused (403). */
	crossSiteTitle: string;
	crossSiteBody: string;
	/** Heading of the list of what an erasure keeps. */
	privacyKeptTitle: string;
	/** Exactly what an erasure keeps, one item a line. */
	privacyKept: string[];
	privacyUsedTitle: string;
	privacyUsedBody: string;
	letterConfirmTitle: string;
	letterConfirmIntro: string;
	letterConfirmButton: string;
	letterSentTitle: string;
	letterSentBody: string;
	replyTitle: string;
	replyIntro: string;
	replyYes: string;
	replyNo: string;
	replyUnsatisfactory: string;
	replyThanksTitle: string;
	replyThanksBody: string;
	statesTitle: string;
	statesIntro: string;
	statesState: string;
	statesCommitments: string;
	statesLetters: string;
	statesReplies: string;
	statesTooFew: string;
	statesNone: string;
	quickExit: string;
	formName: string;
	formNameOptional: string;
	formEmail: string;
	formCountry: string;
	formChooseCountry: string;
	formShowName: string;
	formSign: string;
	formSubscribe: string;
	formLetterTo: string;
	formLetterSubject: string;
	formLetterBody: string;
	formSendLetter: string;
	formShowLetter: string;
	formHoneypot: string;
	letterIntro: string;
	letterChooseIntro: string;
	letterRedrafted: string;
	errorSummary: string;
	errEmail: string;
	errName: string;
	errCountry: string;
	errBody: string;
	errConsent: string;
	errGeneric: string;
	checkInboxSign: string;
	checkInboxSubscribe: string;
	checkInboxLetter: string;
	rateLimitedTitle: string;
	rateLimitedBody: string;
	closedTitle: string;
	closedBody: string;
	notFoundTitle: string;
	failedTitle: string;
	failedBody: string;
}

export const pageStrings: Record<Locale, PageStrings> = {
	en: {
		confirmTitle: "Confirm your signature",
		confirmIntro: "One last step: press the button to confirm that you sign",
		confirmButton: "Confirm my signature",
		confirmDetails: "What this link confirms:",
		confirmNameShown: "Your name will be shown publicly.",
		confirmNameHidden: "Your name will not be shown publicly.",
		thanksTitle: "Thank you, your signature counts",
		thanksBody: "Your signature is confirmed. Thank you for standing with survivors.",
		expiredTitle: "This link has expired",
		expiredBody: "Confirmation links work for 7 days. We can send you a fresh one.",
		expiredButton: "Send me a new link",
		renewedTitle: "Check your inbox",
		renewedBody: "If this signature is still waiting for confirmation, a new link is on its way to you.",
		invalidTitle: "This link does not work",
		invalidBody: "It may have been copied incompletely. Open the link from the email again, or sign once more.",
		signatures: { one: "signature", other: "signatures" },
		goal: "Goal",
		sampleNotice: "Some of this text is sample wording that the campaign will replace.",
		privacyNote: "Your name is shown publicly only if you tick the box to show it.",
		privacyNoteHidden: "Your name and your email address are never shown publicly.",
		petitionLink: "Read the Call to Action",
		subscribeConfirmTitle: "Confirm your subscription",
		subscribeConfirmIntro: "One last step: press the button to confirm that you want to receive",
		subscribeConfirmButton: "Yes, send me updates",
		subscribedTitle: "You are subscribed",
		subscribedBody: "Thank you. Every email we send you has a link to leave, at any time.",
		preferencesTitle: "Your email preferences",
		subscribedTo: "This address receives",
		unsubscribeButton: "Unsubscribe",
		unsubscribedTitle: "You are unsubscribed",
		unsubscribedBody:
			"You will not receive these emails any more. You can subscribe again whenever you like: we will ask you to confirm.",
		preferencesLists: "Lists",
		preferencesPending: "waiting for your confirmation",
		preferencesJoinNote: "Ticking a new list sends you an email to confirm it.",
		preferencesLanguage: "Language of our emails",
		preferencesSave: "Save my preferences",
		preferencesSaved: "Your preferences are saved.",
		unsubscribeAll: "Unsubscribe from everything",
		privacyExportTitle: "Download your data",
		privacyExportBody:
			"Press the button to download, as a file, everything the campaign holds about your address: your details, signatures, subscriptions and the record of your consent.",
		privacyExportButton: "Download my data",
		privacyEraseTitle: "Erase your data",
		privacyEraseBody:
			"Press the button to erase your name, your address and your details. Your signatures stay counted, without any personal data; your subscriptions end. This cannot be undone.",
		privacyEraseButton: "Erase my data",
		privacyErasedTitle: "Your data is erased",
		privacyErasedBody: "We no longer hold your name or your address. Thank you for having stood with survivors.",
		crossSiteTitle: "This form came from another site",
		crossSiteBody:
			"For your safety, we only accept this form from our own page. Nothing was sent. Open the page on our site and fill it in there.",
		privacyKeptTitle: "What we keep after an erasure",
		privacyKept: [
			"Your confirmed signatures stay counted: the petition, your country and the date, without your name or your address.",
			"Letters already sent stay counted: the State, their status and their dates, without your name, your text or your signature line. Letters not yet sent are withdrawn.",
			"The consent record keeps, under a number and never your address, what you agreed to, when and how, and that you asked to be erased.",
			"If an email to your address bounced or was reported as spam, a one-way fingerprint of the address stays, so that we never write to it again.",
			"Everything else goes: your name, your address, your subscriptions, your requests, your links and the emails waiting to be sent.",
		],
		privacyUsedTitle: "This link has been used",
		privacyUsedBody: "Each link works once. To ask again, send a new request.",
		letterConfirmTitle: "Confirm your letter",
		letterConfirmIntro: "One last step: press the button to confirm your email, and your letter to",
		letterConfirmButton: "Send my letter",
		letterSentTitle: "Your letter is on its way",
		letterSentBody:
			"It goes out in the office hours of your State's government. In two weeks we will ask you once whether they replied.",
		replyTitle: "Did your State reply?",
		replyIntro: "You wrote to",
		replyYes: "Yes, they replied",
		replyNo: "No reply",
		replyUnsatisfactory: "They replied, but did not answer",
		replyThanksTitle: "Thank you",
		replyThanksBody: "Your answer is counted on the public map of States.",
		statesTitle: "What States have committed to",
		statesIntro:
			"For each State: what it has committed to, how many letters the public has sent it, and how many replies the writers have reported.",
		statesState: "State",
		statesCommitments: "Commitments",
		statesLetters: "Letters sent",
		statesReplies: "Replies reported",
		statesTooFew: "too few to tell",
		statesNone: "none yet",
		quickExit: "Leave this page quickly",
		formName: "Your name",
		formNameOptional: "Your name (optional)",
		formEmail: "Your email address",
		formCountry: "Your country",
		formChooseCountry: "Choose your country",
		formShowName: "Show my name publicly with my signature",
		formSign: "Sign",
		formSubscribe: "Subscribe",
		formLetterTo: "To",
		formLetterSubject: "Subject",
		formLetterBody: "Your letter",
		formSendLetter: "Send my letter",
		formShowLetter: "Show the letter",
		formHoneypot: "Leave this field empty",
		letterIntro:
			"Read the letter, change it if you wish, and send it to your State. We will first ask you to confirm your email address.",
		letterChooseIntro: "Choose your country to read the letter to your State.",
		letterRedrafted: "The letter has been drafted again for the country you chose. Read it, then send it.",
		errorSummary: "Please correct the following:",
		errEmail: "Enter a valid email address, such as name@example.org.",
		errName: "Enter your name (up to 120 characters).",
		errCountry: "Choose your country from the list.",
		errBody: "Write a few sentences, without links, within the length allowed.",
		errConsent: "Tick this box to confirm that you want to receive updates.",
		errGeneric: "Something in this form could not be accepted. Please check it and try again.",
		checkInboxSign:
			"We have sent you an email. Open the link in it to confirm your signature: it counts once confirmed.",
		checkInboxSubscribe: "We have sent you an email. Open the link in it to confirm your subscription.",
		checkInboxLetter: "We have sent you an email. Open the link in it to confirm: your letter is sent only after that.",
		rateLimitedTitle: "Too many attempts",
		rateLimitedBody: "Please wait a minute, then try again.",
		closedTitle: "This action is closed",
		closedBody: "It is no longer possible to take part. Thank you for your support.",
		notFoundTitle: "Page not found",
		failedTitle: "We could not take your submission",
		failedBody: "Please go back and try again.",
	},
	fr: {
		confirmTitle: "Confirmez votre signature",
		confirmIntro: "Dernière étape : appuyez sur le bouton pour confirmer que vous signez",
		confirmButton: "Confirmer ma signature",
		confirmDetails: "Ce que ce lien confirme :",
		confirmNameShown: "Votre nom sera affiché publiquement.",
		confirmNameHidden: "Votre nom ne sera pas affiché publiquement.",
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
		signatures: { one: "signature", other: "signatures" },
		goal: "Objectif",
		sampleNotice: "Une partie de ce texte est un exemple que la campagne remplacera.",
		privacyNote: "Votre nom n'est affiché publiquement que si vous cochez la case prévue pour cela.",
		privacyNoteHidden: "Votre nom et votre adresse e-mail ne sont jamais affichés publiquement.",
		petitionLink: "Lire l'Appel à l'action",
		subscribeConfirmTitle: "Confirmez votre abonnement",
		subscribeConfirmIntro: "Dernière étape : appuyez sur le bouton pour confirmer que vous souhaitez recevoir",
		subscribeConfirmButton: "Oui, envoyez-moi des nouvelles",
		subscribedTitle: "Vous êtes abonné·e",
		subscribedBody:
			"Merci. Chaque e-mail que nous vous enverrons contiendra un lien pour vous désabonner, à tout moment.",
		preferencesTitle: "Vos préférences d'e-mail",
		subscribedTo: "Cette adresse reçoit",
		unsubscribeButton: "Me désabonner",
		unsubscribedTitle: "Vous êtes désabonné·e",
		unsubscribedBody:
			"Vous ne recevrez plus ces e-mails. Vous pouvez vous réabonner quand vous le souhaitez : nous vous demanderons de confirmer.",
		preferencesLists: "Listes",
		preferencesPending: "en attente de votre confirmation",
		preferencesJoinNote: "Cocher une nouvelle liste vous envoie un e-mail pour la confirmer.",
		preferencesLanguage: "Langue de nos e-mails",
		preferencesSave: "Enregistrer mes préférences",
		preferencesSaved: "Vos préférences sont enregistrées.",
		unsubscribeAll: "Me désabonner de tout",
		privacyExportTitle: "Télécharger vos données",
		privacyExportBody:
			"Appuyez sur le bouton pour télécharger, sous forme de fichier, tout ce que la campagne détient sur votre adresse : vos coordonnées, signatures, abonnements et l'historique de votre consentement.",
		privacyExportButton: "Télécharger mes données",
		privacyEraseTitle: "Effacer vos données",
		privacyEraseBody:
			"Appuyez sur le bouton pour effacer votre nom, votre adresse et vos coordonnées. Vos signatures restent comptées, sans aucune donnée personnelle ; vos abonnements prennent fin. C'est irréversible.",
		privacyEraseButton: "Effacer mes données",
		privacyErasedTitle: "Vos données sont effacées",
		privacyErasedBody:
			"Nous ne détenons plus votre nom ni votre adresse. Merci de vous être tenu·e aux côtés des survivant·es.",
		crossSiteTitle: "Ce formulaire venait d'un autre site",
		crossSiteBody:
			"Pour votre sécurité, nous n'acceptons ce formulaire que depuis notre propre page. Rien n'a été envoyé. Ouvrez la page sur notre site et remplissez-la là.",
		privacyKeptTitle: "Ce que nous gardons après un effacement",
		privacyKept: [
			"Vos signatures confirmées restent comptées : la pétition, votre pays et la date, sans votre nom ni votre adresse.",
			"Les lettres déjà envoyées restent comptées : l'État, leur statut et leurs dates, sans votre nom, votre texte ni votre signature. Les lettres pas encore envoyées sont retirées.",
			"Le registre des consentements garde, sous un numéro et jamais votre adresse, ce que vous avez accepté, quand et comment, et que vous avez demandé l'effacement.",
			"Si un e-mail à votre adresse a été rejeté ou signalé comme spam, une empreinte à sens unique de l'adresse reste, pour que nous ne vous écrivions plus jamais.",
			"Tout le reste disparaît : votre nom, votre adresse, vos abonnements, vos demandes, vos liens et les e-mails en attente d'envoi.",
		],
		privacyUsedTitle: "Ce lien a déjà été utilisé",
		privacyUsedBody: "Chaque lien ne fonctionne qu'une fois. Pour recommencer, faites une nouvelle demande.",
		letterConfirmTitle: "Confirmez votre lettre",
		letterConfirmIntro:
			"Dernière étape : appuyez sur le bouton pour confirmer votre adresse e-mail et votre lettre. Destinataire :",
		letterConfirmButton: "Envoyer ma lettre",
		letterSentTitle: "Votre lettre est en route",
		letterSentBody:
			"Elle partira pendant les heures de bureau du gouvernement de votre État. Dans deux semaines, nous vous demanderons une seule fois s'il a répondu.",
		replyTitle: "Votre État a-t-il répondu ?",
		replyIntro: "Destinataire et objet de votre lettre :",
		replyYes: "Oui, il a répondu",
		replyNo: "Pas de réponse",
		replyUnsatisfactory: "Il a répondu, mais sans répondre sur le fond",
		replyThanksTitle: "Merci",
		replyThanksBody: "Votre réponse est prise en compte sur la carte publique des États.",
		statesTitle: "Ce à quoi les États se sont engagés",
		statesIntro:
			"Pour chaque État : ses engagements, le nombre de lettres que le public lui a envoyées et le nombre de réponses signalées par les personnes qui ont écrit.",
		statesState: "État",
		statesCommitments: "Engagements",
		statesLetters: "Lettres envoyées",
		statesReplies: "Réponses signalées",
		statesTooFew: "trop peu pour conclure",
		statesNone: "pas encore",
		quickExit: "Quitter rapidement cette page",
		formName: "Votre nom",
		formNameOptional: "Votre nom (facultatif)",
		formEmail: "Votre adresse e-mail",
		formCountry: "Votre pays",
		formChooseCountry: "Choisissez votre pays",
		formShowName: "Afficher publiquement mon nom avec ma signature",
		formSign: "Signer",
		formSubscribe: "M'abonner",
		formLetterTo: "À",
		formLetterSubject: "Objet",
		formLetterBody: "Votre lettre",
		formSendLetter: "Envoyer ma lettre",
		formShowLetter: "Afficher la lettre",
		formHoneypot: "Laissez ce champ vide",
		letterIntro:
			"Lisez la lettre, modifiez-la si vous le souhaitez et envoyez-la à votre État. Nous vous demanderons d'abord de confirmer votre adresse e-mail.",
		letterChooseIntro: "Choisissez votre pays pour lire la lettre à votre État.",
		letterRedrafted: "La lettre a été rédigée à nouveau pour le pays choisi. Relisez-la, puis envoyez-la.",
		errorSummary: "Veuillez corriger les points suivants :",
		errEmail: "Saisissez une adresse e-mail valide, par exemple nom@exemple.org.",
		errName: "Saisissez votre nom (120 caractères au maximum).",
		errCountry: "Choisissez votre pays dans la liste.",
		errBody: "Écrivez quelques phrases, sans liens, dans la longueur autorisée.",
		errConsent: "Cochez cette case pour confirmer que vous souhaitez recevoir des nouvelles.",
		errGeneric: "Un élément de ce formulaire n'a pas pu être accepté. Vérifiez-le et réessayez.",
		checkInboxSign:
			"Nous vous avons envoyé un e-mail. Ouvrez le lien qu'il contient pour confirmer votre signature : elle compte une fois confirmée.",
		checkInboxSubscribe:
			"Nous vous avons envoyé un e-mail. Ouvrez le lien qu'il contient pour confirmer votre abonnement.",
		checkInboxLetter:
			"Nous vous avons envoyé un e-mail. Ouvrez le lien qu'il contient pour confirmer : votre lettre ne part qu'ensuite.",
		rateLimitedTitle: "Trop de tentatives",
		rateLimitedBody: "Veuillez patienter une minute, puis réessayer.",
		closedTitle: "Cette action est close",
		closedBody: "Il n'est plus possible d'y participer. Merci de votre soutien.",
		notFoundTitle: "Page introuvable",
		failedTitle: "Nous n'avons pas pu prendre en compte votre envoi",
		failedBody: "Revenez en arrière et réessayez.",
	},
	es: {
		confirmTitle: "Confirme su firma",
		confirmIntro: "Último paso: pulse el botón para confirmar que firma",
		confirmButton: "Confirmar mi firma",
		confirmDetails: "Lo que confirma este enlace:",
		confirmNameShown: "Su nombre se mostrará públicamente.",
		confirmNameHidden: "Su nombre no se mostrará públicamente.",
		thanksTitle: "Gracias, su firma cuenta",
		thanksBody: "Su firma está confirmada. Gracias por estar del lado de las y los sobrevivientes.",
		expiredTitle: "Este enlace ha caducado",
		expiredBody: "Los enlaces de confirmación sirven durante 7 días. Podemos enviarle uno nuevo.",
		expiredButton: "Enviarme un enlace nuevo",
		renewedTitle: "Revise su bandeja de entrada",
		renewedBody: "Si esta firma sigue esperando confirmación, le hemos enviado un enlace nuevo.",
		invalidTitle: "Este enlace no funciona",
		invalidBody: "Puede que se haya copiado incompleto. Vuelva a abrir el enlace desde el correo, o firme de nuevo.",
		signatures: { one: "firma", other: "firmas" },
		goal: "Meta",
		sampleNotice: "Parte de este texto es un ejemplo que la campaña sustituirá.",
		privacyNote: "Su nombre solo se muestra públicamente si marca la casilla prevista para ello.",
		privacyNoteHidden: "Su nombre y su dirección de correo electrónico nunca se muestran públicamente.",
		petitionLink: "Leer el Llamado a la Acción",
		subscribeConfirmTitle: "Confirme su suscripción",
		subscribeConfirmIntro: "Último paso: pulse el botón para confirmar que desea recibir",
		subscribeConfirmButton: "Sí, envíenme novedades",
		subscribedTitle: "Se ha suscrito",
		subscribedBody: "Gracias. Cada correo que le enviemos tendrá un enlace para darse de baja, en cualquier momento.",
		preferencesTitle: "Sus preferencias de correo",
		subscribedTo: "Esta dirección recibe",
		unsubscribeButton: "Darme de baja",
		unsubscribedTitle: "Se ha dado de baja",
		unsubscribedBody:
			"Ya no recibirá estos correos. Puede volver a suscribirse cuando quiera: le pediremos que lo confirme.",
		preferencesLists: "Listas",
		preferencesPending: "pendiente de su confirmación",
		preferencesJoinNote: "Al marcar una lista nueva, le enviaremos un correo para confirmarla.",
		preferencesLanguage: "Idioma de nuestros correos",
		preferencesSave: "Guardar mis preferencias",
		preferencesSaved: "Sus preferencias se han guardado.",
		unsubscribeAll: "Darme de baja de todo",
		privacyExportTitle: "Descargar sus datos",
		privacyExportBody:
			"Pulse el botón para descargar, en un archivo, todo lo que la campaña guarda sobre su dirección: sus datos, firmas, suscripciones y el registro de su consentimiento.",
		privacyExportButton: "Descargar mis datos",
		privacyEraseTitle: "Borrar sus datos",
		privacyEraseBody:
			"Pulse el botón para borrar su nombre, su dirección y sus datos. Sus firmas siguen contando, sin ningún dato personal; sus suscripciones terminan. No se puede deshacer.",
		privacyEraseButton: "Borrar mis datos",
		privacyErasedTitle: "Sus datos se han borrado",
		privacyErasedBody:
			"Ya no guardamos su nombre ni su dirección. Gracias por haber estado del lado de las y los sobrevivientes.",
		crossSiteTitle: "Este formulario venía de otro sitio",
		crossSiteBody:
			"Por su seguridad, solo aceptamos este formulario desde nuestra propia página. No se envió nada. Abra la página en nuestro sitio y rellénela allí.",
		privacyKeptTitle: "Lo que guardamos después de un borrado",
		privacyKept: [
			"Sus firmas confirmadas siguen contando: la petición, su país y la fecha, sin su nombre ni su dirección.",
			"Las cartas ya enviadas siguen contando: el Estado, su estado y sus fechas, sin su nombre, su texto ni su firma. Las cartas aún no enviadas se retiran.",
			"El registro de consentimientos guarda, bajo un número y nunca su dirección, lo que usted aceptó, cuándo y cómo, y que pidió el borrado.",
			"Si un correo a su dirección rebotó o se marcó como spam, queda una huella irreversible de la dirección, para no volver a escribirle nunca.",
			"Todo lo demás se borra: su nombre, su dirección, sus suscripciones, sus solicitudes, sus enlaces y los correos pendientes de envío.",
		],
		privacyUsedTitle: "Este enlace ya se ha usado",
		privacyUsedBody: "Cada enlace funciona una sola vez. Para volver a pedirlo, envíe una nueva solicitud.",
		letterConfirmTitle: "Confirme su carta",
		letterConfirmIntro: "Último paso: pulse el botón para confirmar su correo electrónico y su carta a",
		letterConfirmButton: "Enviar mi carta",
		letterSentTitle: "Su carta está en camino",
		letterSentBody:
			"Se enviará en el horario de oficina del gobierno de su Estado. Dentro de dos semanas le preguntaremos una sola vez si le respondieron.",
		replyTitle: "¿Le respondió su Estado?",
		replyIntro: "Usted escribió a",
		replyYes: "Sí, respondieron",
		replyNo: "Sin respuesta",
		replyUnsatisfactory: "Respondieron, pero no contestaron a la carta",
		replyThanksTitle: "Gracias",
		replyThanksBody: "Su respuesta se contabiliza en el mapa público de los Estados.",
		statesTitle: "A qué se han comprometido los Estados",
		statesIntro:
			"Para cada Estado: sus compromisos, cuántas cartas le ha enviado el público y cuántas respuestas han comunicado quienes escribieron.",
		statesState: "Estado",
		statesCommitments: "Compromisos",
		statesLetters: "Cartas enviadas",
		statesReplies: "Respuestas comunicadas",
		statesTooFew: "datos insuficientes",
		statesNone: "aún no hay",
		quickExit: "Salir rápidamente de esta página",
		formName: "Su nombre",
		formNameOptional: "Su nombre (opcional)",
		formEmail: "Su correo electrónico",
		formCountry: "Su país",
		formChooseCountry: "Elija su país",
		formShowName: "Mostrar públicamente mi nombre con mi firma",
		formSign: "Firmar",
		formSubscribe: "Suscribirme",
		formLetterTo: "Para",
		formLetterSubject: "Asunto",
		formLetterBody: "Su carta",
		formSendLetter: "Enviar mi carta",
		formShowLetter: "Ver la carta",
		formHoneypot: "Deje este campo vacío",
		letterIntro:
			"Lea la carta, modifíquela si lo desea y envíela a su Estado. Antes le pediremos que confirme su correo electrónico.",
		letterChooseIntro: "Elija su país para leer la carta a su Estado.",
		letterRedrafted: "La carta se ha redactado de nuevo para el país elegido. Léala y luego envíela.",
		errorSummary: "Corrija lo siguiente:",
		errEmail: "Escriba un correo electrónico válido, como nombre@ejemplo.org.",
		errName: "Escriba su nombre (120 caracteres como máximo).",
		errCountry: "Elija su país de la lista.",
		errBody: "Escriba algunas frases, sin enlaces, dentro de la extensión permitida.",
		errConsent: "Marque esta casilla para confirmar que desea recibir novedades.",
		errGeneric: "Algo en este formulario no se pudo aceptar. Revíselo e inténtelo de nuevo.",
		checkInboxSign:
			"Le hemos enviado un correo. Abra el enlace que contiene para confirmar su firma: cuenta una vez confirmada.",
		checkInboxSubscribe: "Le hemos enviado un correo. Abra el enlace que contiene para confirmar su suscripción.",
		checkInboxLetter:
			"Le hemos enviado un correo. Abra el enlace que contiene para confirmar: su carta solo se envía después.",
		rateLimitedTitle: "Demasiados intentos",
		rateLimitedBody: "Espere un minuto y vuelva a intentarlo.",
		closedTitle: "Esta acción está cerrada",
		closedBody: "Ya no es posible participar. Gracias por su apoyo.",
		notFoundTitle: "Página no encontrada",
		failedTitle: "No pudimos recibir su envío",
		failedBody: "Vuelva atrás e inténtelo de nuevo.",
	},
	ar: {
		confirmTitle: "تأكيد التوقيع",
		confirmIntro: "خطوة أخيرة: اضغط على الزر لتأكيد التوقيع على",
		confirmButton: "تأكيد توقيعي",
		confirmDetails: "ما يؤكده هذا الرابط:",
		confirmNameShown: "سيُعرض اسمك علنًا.",
		confirmNameHidden: "لن يُعرض اسمك علنًا.",
		thanksTitle: "شكرًا، توقيعك محسوب",
		thanksBody: "تم تأكيد توقيعك. شكرًا لوقوفك إلى جانب الناجين والناجيات.",
		expiredTitle: "انتهت صلاحية هذا الرابط",
		expiredBody: "تبقى روابط التأكيد صالحة لمدة 7 أيام. يمكننا إرسال رابط جديد.",
		expiredButton: "أرسلوا لي رابطًا جديدًا",
		renewedTitle: "تحقق من بريدك الوارد",
		renewedBody: "إذا كان هذا التوقيع لا يزال بانتظار التأكيد، فقد أُرسل إليك رابط جديد.",
		invalidTitle: "هذا الرابط لا يعمل",
		invalidBody: "ربما نُسخ بشكل غير كامل. افتح الرابط من البريد الإلكتروني مرة أخرى، أو وقّع من جديد.",
		signatures: { zero: "توقيع", one: "توقيع", two: "توقيعان", few: "توقيعات", many: "توقيعًا", other: "توقيع" },
		goal: "الهدف",
		sampleNotice: "جزء من هذا النص مثال ستستبدله الحملة.",
		privacyNote: "لا يُعرض اسمك علنًا إلا إذا حدّدت الخانة المخصّصة لذلك.",
		privacyNoteHidden: "لا يُعرض اسمك ولا عنوان بريدك الإلكتروني علنًا أبدًا.",
		petitionLink: "اقرأ نداء العمل",
		subscribeConfirmTitle: "تأكيد الاشتراك",
		subscribeConfirmIntro: "خطوة أخيرة: اضغط على الزر لتأكيد رغبتك في تلقي",
		subscribeConfirmButton: "نعم، أرسلوا لي المستجدات",
		subscribedTitle: "تم الاشتراك",
		subscribedBody: "شكرًا. كل رسالة نرسلها إليك تتضمن رابطًا لإلغاء الاشتراك في أي وقت.",
		preferencesTitle: "تفضيلات البريد الإلكتروني",
		subscribedTo: "يتلقى هذا العنوان",
		unsubscribeButton: "إلغاء الاشتراك",
		unsubscribedTitle: "تم إلغاء الاشتراك",
		unsubscribedBody: "لن تصلك هذه الرسائل بعد الآن. يمكنك الاشتراك من جديد متى شئت، وسنطلب منك التأكيد.",
		preferencesLists: "القوائم",
		preferencesPending: "بانتظار تأكيدك",
		preferencesJoinNote: "عند اختيار قائمة جديدة نرسل إليك رسالة لتأكيدها.",
		preferencesLanguage: "لغة رسائلنا",
		preferencesSave: "حفظ تفضيلاتي",
		preferencesSaved: "تم حفظ تفضيلاتك.",
		unsubscribeAll: "إلغاء الاشتراك من كل شيء",
		privacyExportTitle: "تنزيل بياناتك",
		privacyExportBody:
			"اضغط على الزر لتنزيل ملف يتضمن كل ما تحتفظ به الحملة عن عنوانك: بياناتك وتوقيعاتك واشتراكاتك وسجل موافقتك.",
		privacyExportButton: "تنزيل بياناتي",
		privacyEraseTitle: "محو بياناتك",
		privacyEraseBody:
			"اضغط على الزر لمحو اسمك وعنوانك وبياناتك. تبقى توقيعاتك محسوبة دون أي بيانات شخصية، وتنتهي اشتراكاتك. لا يمكن التراجع عن ذلك.",
		privacyEraseButton: "محو بياناتي",
		privacyErasedTitle: "تم محو بياناتك",
		privacyErasedBody: "لم نعد نحتفظ باسمك ولا بعنوانك. شكرًا لوقوفك إلى جانب الناجين والناجيات.",
		crossSiteTitle: "جاء هذا النموذج من موقع آخر",
		crossSiteBody:
			"حرصًا على سلامتك، لا نقبل هذا النموذج إلا من صفحتنا. لم يُرسل أي شيء. افتح الصفحة على موقعنا واملأها هناك.",
		privacyKeptTitle: "ما نحتفظ به بعد المحو",
		privacyKept: [
			"تبقى توقيعاتك المؤكدة محسوبة: العريضة وبلدك والتاريخ، دون اسمك أو عنوانك.",
			"تبقى الرسائل المرسلة محسوبة: الدولة وحالتها وتواريخها، دون اسمك أو نصك أو سطر توقيعك. أما الرسائل التي لم تُرسل بعد فتُسحب.",
			"يحتفظ سجل الموافقات، تحت رقم وليس بعنوانك أبدًا، بما وافقت عليه ومتى وكيف، وبأنك طلبت المحو.",
			"إذا ارتدّت رسالة إلى عنوانك أو أُبلغ عنها كرسالة مزعجة، تبقى بصمة أحادية الاتجاه للعنوان كي لا نراسله مرة أخرى أبدًا.",
			"يُمحى كل ما عدا ذلك: اسمك وعنوانك واشتراكاتك وطلباتك وروابطك والرسائل التي تنتظر الإرسال.",
		],
		privacyUsedTitle: "تم استخدام هذا الرابط",
		privacyUsedBody: "يعمل كل رابط مرة واحدة فقط. لإعادة الطلب، أرسل طلبًا جديدًا.",
		letterConfirmTitle: "تأكيد خطابك",
		letterConfirmIntro: "خطوة أخيرة: يُرجى الضغط على الزر لتأكيد بريدك الإلكتروني وخطابك إلى",
		letterConfirmButton: "إرسال خطابي",
		letterSentTitle: "خطابك في طريقه",
		letterSentBody:
			"سيُرسَل خلال ساعات العمل الرسمية لحكومة دولتك. وبعد أسبوعين سنسألك مرة واحدة فقط عمّا إذا كان قد وصلك رد.",
		replyTitle: "هل وصلك رد من دولتك؟",
		replyIntro: "أُرسل خطابك إلى",
		replyYes: "نعم، وصل رد",
		replyNo: "لم يصل أي رد",
		replyUnsatisfactory: "وصل رد، لكنه لم يُجب عن الخطاب",
		replyThanksTitle: "شكرًا",
		replyThanksBody: "تُحتسب إجابتك على الخريطة العامة للدول.",
		statesTitle: "ما التزمت به الدول",
		statesIntro: "لكل دولة: التزاماتها، وعدد الخطابات التي أرسلها إليها الجمهور، وعدد الردود التي أُبلغ عنها.",
		statesState: "الدولة",
		statesCommitments: "الالتزامات",
		statesLetters: "الخطابات المرسلة",
		statesReplies: "الردود المُبلَّغ عنها",
		statesTooFew: "العدد غير كافٍ للحكم",
		statesNone: "لا شيء بعد",
		quickExit: "مغادرة هذه الصفحة بسرعة",
		formName: "اسمك",
		formNameOptional: "اسمك (اختياري)",
		formEmail: "بريدك الإلكتروني",
		formCountry: "بلدك",
		formChooseCountry: "اختر بلدك",
		formShowName: "إظهار اسمي علنًا مع توقيعي",
		formSign: "وقّع",
		formSubscribe: "اشترك",
		formLetterTo: "إلى",
		formLetterSubject: "الموضوع",
		formLetterBody: "خطابك",
		formSendLetter: "إرسال خطابي",
		formShowLetter: "عرض الخطاب",
		formHoneypot: "اترك هذا الحقل فارغًا",
		letterIntro: "اقرأ الخطاب، وعدّله إن شئت، ثم أرسله إلى دولتك. سنطلب منك أولًا تأكيد بريدك الإلكتروني.",
		letterChooseIntro: "اختر بلدك لقراءة الخطاب الموجّه إلى دولتك.",
		letterRedrafted: "أُعيدت صياغة الخطاب للبلد الذي اخترته. اقرأه ثم أرسله.",
		errorSummary: "يُرجى تصحيح ما يلي:",
		errEmail: "أدخل بريدًا إلكترونيًا صحيحًا، مثل name@example.org.",
		errName: "أدخل اسمك (120 حرفًا على الأكثر).",
		errCountry: "اختر بلدك من القائمة.",
		errBody: "اكتب بضع جمل، دون روابط، وفي حدود الطول المسموح به.",
		errConsent: "ضع علامة في هذا المربع لتأكيد رغبتك في تلقي المستجدات.",
		errGeneric: "تعذّر قبول شيء في هذا النموذج. يُرجى التحقق منه والمحاولة مرة أخرى.",
		checkInboxSign:
			"أرسلنا إليك رسالة بالبريد الإلكتروني. افتح الرابط الذي فيها لتأكيد توقيعك: يُحتسب التوقيع بعد تأكيده.",
		checkInboxSubscribe: "أرسلنا إليك رسالة بالبريد الإلكتروني. افتح الرابط الذي فيها لتأكيد اشتراكك.",
		checkInboxLetter: "أرسلنا إليك رسالة بالبريد الإلكتروني. افتح الرابط الذي فيها للتأكيد: لن يُرسَل خطابك إلا بعد ذلك.",
		rateLimitedTitle: "محاولات كثيرة جدًا",
		rateLimitedBody: "يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى.",
		closedTitle: "هذا الإجراء مغلق",
		closedBody: "لم يعد من الممكن المشاركة فيه. شكرًا لدعمك.",
		notFoundTitle: "الصفحة غير موجودة",
		failedTitle: "تعذّر علينا استلام ما أرسلته",
		failedBody: "يُرجى الرجوع والمحاولة مرة أخرى.",
	},
	uk: {
		confirmTitle: "Підтвердіть свій підпис",
		confirmIntro: "Останній крок: натисніть кнопку, щоб підтвердити, що Ви підписуєте",
		confirmButton: "Підтвердити мій підпис",
		confirmDetails: "Що підтверджує це посилання:",
		confirmNameShown: "Ваше ім'я буде показано публічно.",
		confirmNameHidden: "Ваше ім'я не буде показано публічно.",
		thanksTitle: "Дякуємо, Ваш підпис враховано",
		thanksBody: "Ваш підпис підтверджено. Дякуємо, що Ви на боці тих, хто пережив насильство.",
		expiredTitle: "Термін дії посилання минув",
		expiredBody: "Посилання для підтвердження діють 7 днів. Ми можемо надіслати Вам нове.",
		expiredButton: "Надіслати нове посилання",
		renewedTitle: "Перевірте свою пошту",
		renewedBody: "Якщо цей підпис ще чекає на підтвердження, нове посилання вже надіслано.",
		invalidTitle: "Це посилання не працює",
		invalidBody: "Можливо, його скопійовано не повністю. Відкрийте посилання з листа ще раз або підпишіть знову.",
		signatures: { one: "підпис", few: "підписи", many: "підписів", other: "підпису" },
		goal: "Мета",
		sampleNotice: "Частина цього тексту — зразок, який кампанія замінить.",
		privacyNote: "Ваше ім'я показується публічно, лише якщо Ви позначите для цього відповідне поле.",
		privacyNoteHidden: "Ваше ім'я та адреса електронної пошти ніколи не показуються публічно.",
		petitionLink: "Прочитати Заклик до дії",
		subscribeConfirmTitle: "Підтвердіть підписку",
		subscribeConfirmIntro: "Останній крок: натисніть кнопку, щоб підтвердити, що Ви хочете отримувати",
		subscribeConfirmButton: "Так, надсилайте мені новини",
		subscribedTitle: "Вас підписано",
		subscribedBody: "Дякуємо. Кожен лист, який ми надішлемо, міститиме посилання, щоб відписатися будь-коли.",
		preferencesTitle: "Ваші налаштування листів",
		subscribedTo: "Ця адреса отримує",
		unsubscribeButton: "Відписатися",
		unsubscribedTitle: "Вас відписано",
		unsubscribedBody:
			"Ви більше не отримуватимете цих листів. Ви можете підписатися знову будь-коли: ми попросимо Вас підтвердити.",
		preferencesLists: "Розсилки",
		preferencesPending: "очікує Вашого підтвердження",
		preferencesJoinNote: "Якщо Ви оберете нову розсилку, ми надішлемо лист для підтвердження.",
		preferencesLanguage: "Мова наших листів",
		preferencesSave: "Зберегти налаштування",
		preferencesSaved: "Ваші налаштування збережено.",
		unsubscribeAll: "Відписатися від усього",
		privacyExportTitle: "Завантажити Ваші дані",
		privacyExportBody:
			"Натисніть кнопку, щоб завантажити файлом усе, що кампанія зберігає про Вашу адресу: Ваші дані, підписи, підписки та історію Вашої згоди.",
		privacyExportButton: "Завантажити мої дані",
		privacyEraseTitle: "Видалити Ваші дані",
		privacyEraseBody:
			"Натисніть кнопку, щоб видалити Ваше ім'я, адресу та дані. Ваші підписи й надалі враховуються, без жодних персональних даних; Ваші підписки припиняються. Це неможливо скасувати.",
		privacyEraseButton: "Видалити мої дані",
		privacyErasedTitle: "Ваші дані видалено",
		privacyErasedBody:
			"Ми більше не зберігаємо Вашого імені та адреси. Дякуємо, що Ви були на боці тих, хто пережив насильство.",
		crossSiteTitle: "Ця форма надійшла з іншого сайту",
		crossSiteBody:
			"Для Вашої безпеки ми приймаємо цю форму лише з нашої власної сторінки. Нічого не надіслано. Відкрийте сторінку на нашому сайті й заповніть її там.",
		privacyKeptTitle: "Що ми зберігаємо після видалення",
		privacyKept: [
			"Ваші підтверджені підписи й надалі враховуються: петиція, Ваша країна й дата, без Вашого імені та адреси.",
			"Уже надіслані листи й надалі враховуються: держава, їхній статус і дати, без Вашого імені, тексту та підпису. Ще не надіслані листи відкликаються.",
			"Реєстр згод зберігає, під номером і ніколи не з Вашою адресою, на що Ви погодилися, коли й як, і що Ви попросили про видалення.",
			"Якщо лист на Вашу адресу повернувся або був позначений як спам, залишається односторонній відбиток адреси, щоб ми більше ніколи на неї не писали.",
			"Усе інше видаляється: Ваше ім'я, адреса, підписки, запити, посилання та листи, що чекають на надсилання.",
		],
		privacyUsedTitle: "Це посилання вже використано",
		privacyUsedBody: "Кожне посилання діє один раз. Щоб повторити, надішліть новий запит.",
		letterConfirmTitle: "Підтвердіть свій лист",
		letterConfirmIntro: "Останній крок: натисніть кнопку, щоб підтвердити свою електронну адресу та лист. Адресат:",
		letterConfirmButton: "Надіслати мій лист",
		letterSentTitle: "Ваш лист уже в дорозі",
		letterSentBody:
			"Його буде надіслано в робочі години уряду Вашої держави. За два тижні ми один раз запитаємо Вас, чи надійшла відповідь.",
		replyTitle: "Чи відповіла Ваша держава?",
		replyIntro: "Адресат і тема Вашого листа:",
		replyYes: "Так, відповідь надійшла",
		replyNo: "Відповіді немає",
		replyUnsatisfactory: "Відповідь надійшла, але не по суті",
		replyThanksTitle: "Дякуємо",
		replyThanksBody: "Вашу відповідь враховано на публічній мапі держав.",
		statesTitle: "Які зобов'язання взяли на себе держави",
		statesIntro:
			"Для кожної держави: її зобов'язання, скільки листів їй надіслала громадськість і скільки відповідей, за словами тих, хто писав, надійшло.",
		statesState: "Держава",
		statesCommitments: "Зобов'язання",
		statesLetters: "Надіслані листи",
		statesReplies: "Повідомлені відповіді",
		statesTooFew: "замало даних для висновків",
		statesNone: "поки що немає",
		quickExit: "Швидко залишити сторінку",
		formName: "Ваше ім'я",
		formNameOptional: "Ваше ім'я (необов'язково)",
		formEmail: "Ваша електронна адреса",
		formCountry: "Ваша країна",
		formChooseCountry: "Оберіть свою країну",
		formShowName: "Показувати моє ім'я публічно разом із підписом",
		formSign: "Підписати",
		formSubscribe: "Підписатися",
		formLetterTo: "Кому",
		formLetterSubject: "Тема",
		formLetterBody: "Ваш лист",
		formSendLetter: "Надіслати мій лист",
		formShowLetter: "Показати лист",
		formHoneypot: "Залиште це поле порожнім",
		letterIntro:
			"Прочитайте лист, за бажання змініть його та надішліть своїй державі. Спершу ми попросимо Вас підтвердити електронну адресу.",
		letterChooseIntro: "Оберіть свою країну, щоб прочитати лист до своєї держави.",
		letterRedrafted: "Лист складено заново для обраної країни. Прочитайте його, а потім надішліть.",
		errorSummary: "Будь ласка, виправте таке:",
		errEmail: "Введіть дійсну електронну адресу, наприклад name@example.org.",
		errName: "Введіть своє ім'я (до 120 символів).",
		errCountry: "Оберіть свою країну зі списку.",
		errBody: "Напишіть кілька речень, без посилань, у межах дозволеної довжини.",
		errConsent: "Позначте це поле, щоб підтвердити, що Ви хочете отримувати новини.",
		errGeneric: "Щось у цій формі не вдалося прийняти. Перевірте її та спробуйте ще раз.",
		checkInboxSign:
			"Ми надіслали Вам лист. Відкрийте посилання в ньому, щоб підтвердити підпис: він враховується після підтвердження.",
		checkInboxSubscribe: "Ми надіслали Вам лист. Відкрийте посилання в ньому, щоб підтвердити підписку.",
		checkInboxLetter:
			"Ми надіслали Вам лист. Відкрийте посилання в ньому, щоб підтвердити: Ваш лист буде надіслано лише після цього.",
		rateLimitedTitle: "Забагато спроб",
		rateLimitedBody: "Зачекайте хвилину й спробуйте ще раз.",
		closedTitle: "Цю дію завершено",
		closedBody: "Узяти в ній участь уже неможливо. Дякуємо за підтримку.",
		notFoundTitle: "Сторінку не знайдено",
		failedTitle: "Нам не вдалося прийняти Вашу форму",
		failedBody: "Поверніться назад і спробуйте ще раз.",
	},
};

/** A State's commitment status, as the public map shows it. */
export const commitmentStatusLabels: Record<Locale, Record<CommitmentStatus, string>> = {
	en: { endorsed: "endorsed", signed: "signed", ratified: "ratified", acceded: "acceded", withdrawn: "withdrawn" },
	fr: { endorsed: "soutenue", signed: "signée", ratified: "ratifiée", acceded: "adhésion", withdrawn: "retirée" },
	es: { endorsed: "respaldada", signed: "firmada", ratified: "ratificada", acceded: "adhesión", withdrawn: "retirada" },
	ar: { endorsed: "أيّدت", signed: "وقّعت", ratified: "صادقت", acceded: "انضمت", withdrawn: "انسحبت" },
	uk: {
		endorsed: "підтримала",
		signed: "підписала",
		ratified: "ратифікувала",
		acceded: "приєдналася",
		withdrawn: "вийшла",
	},
};
