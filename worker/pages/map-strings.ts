import type { Locale } from "../lib/locale";

/** The words of the map of States (/states, /states/:iso2), in every supported language. */
export interface MapStrings {
	mapTitle: string;
	mapDesc: string;
	skipMap: string;
	legend: string;
	endorsed: string;
	notYet: string;
	replied: string;
	/** The accessible name of a State's mark: "{name}: {status}". */
	markLabel: (name: string, status: string) => string;
	search: string;
	searchName: string;
	region: string;
	status: string;
	all: string;
	apply: string;
	clear: string;
	results: (n: number) => string;
	noResults: string;
	pages: string;
	previous: string;
	next: string;
	pageOf: (page: number, pages: number) => string;
	regions: Record<string, string>;
	declaration: string;
	commitments: string;
	source: string;
	noCommitments: string;
	letters: string;
	lettersSent: (n: number) => string;
	repliesTitle: string;
	replyYes: string;
	replyNo: string;
	replyUnsatisfactory: string;
	tooFew: string;
	write: string;
	writeIn: (campaign: string) => string;
	noCampaign: string;
	back: string;
	unknownState: string;
	unMember: string;
	unObserver: string;
}

const en: MapStrings = {
	mapTitle: "Map of States by commitment",
	mapDesc:
		"A world map of the 195 UN member and observer States. Dark: endorsed the 2025 declaration on preventing sexual violence in conflict. Light: not yet. Hatched: writers reported a reply. The same facts are in the table below.",
	skipMap: "Skip the map, go to the table",
	legend: "Legend",
	endorsed: "Endorsed the 2025 declaration",
	notYet: "Not yet endorsed",
	replied: "Replied to letters",
	markLabel: (name, status) => `${name}: ${status}`,
	search: "Find a State",
	searchName: "Name",
	region: "Region",
	status: "Status",
	all: "All",
	apply: "Show",
	clear: "Clear",
	results: (n) => (n === 1 ? "1 State" : `${n} States`),
	noResults: "No State matches. Try another name or fewer filters.",
	pages: "Pages",
	previous: "Previous",
	next: "Next",
	pageOf: (page, pages) => `Page ${page} of ${pages}`,
	regions: { africa: "Africa", americas: "Americas", asia: "Asia", europe: "Europe", oceania: "Oceania" },
	declaration: "2025 declaration",
	commitments: "Commitments",
	source: "Source",
	noCommitments: "No commitment recorded yet.",
	letters: "Letters",
	lettersSent: (n) => (n === 1 ? "1 letter sent by the public." : `${n} letters sent by the public.`),
	repliesTitle: "Replies reported by writers",
	replyYes: "replied",
	replyNo: "no reply",
	replyUnsatisfactory: "replied, unsatisfactorily",
	tooFew: "Too few writers have answered to tell.",
	write: "Write to this State",
	writeIn: (campaign) => `Write to this State: ${campaign}`,
	noCampaign: "No letter campaign is open to this State right now.",
	back: "All States",
	unknownState: "There is no State with this code in the directory.",
	unMember: "UN member State",
	unObserver: "UN observer State",
};

const fr: MapStrings = {
	mapTitle: "Carte des États selon leurs engagements",
	mapDesc:
		"Une carte du monde des 195 États membres et observateurs de l'ONU. Foncé : a approuvé la déclaration de 2025 sur la prévention des violences sexuelles liées aux conflits. Clair : pas encore. Hachuré : des auteurs ont signalé une réponse. Les mêmes informations figurent dans le tableau ci-dessous.",
	skipMap: "Passer la carte et aller au tableau",
	legend: "Légende",
	endorsed: "A approuvé la déclaration de 2025",
	notYet: "Pas encore approuvée",
	replied: "A répondu aux lettres",
	markLabel: (name, status) => `${name} : ${status}`,
	search: "Trouver un État",
	searchName: "Nom",
	region: "Région",
	status: "Statut",
	all: "Tous",
	apply: "Afficher",
	clear: "Effacer",
	results: (n) => (n <= 1 ? `${n} État` : `${n} États`),
	noResults: "Aucun État ne correspond. Essayez un autre nom ou moins de filtres.",
	pages: "Pages",
	previous: "Précédente",
	next: "Suivante",
	pageOf: (page, pages) => `Page ${page} sur ${pages}`,
	regions: { africa: "Afrique", americas: "Amériques", asia: "Asie", europe: "Europe", oceania: "Océanie" },
	declaration: "Déclaration de 2025",
	commitments: "Engagements",
	source: "Source",
	noCommitments: "Aucun engagement enregistré pour l'instant.",
	letters: "Lettres",
	lettersSent: (n) => (n <= 1 ? `${n} lettre envoyée par le public.` : `${n} lettres envoyées par le public.`),
	repliesTitle: "Réponses signalées par les auteurs",
	replyYes: "a répondu",
	replyNo: "pas de réponse",
	replyUnsatisfactory: "a répondu, de façon insatisfaisante",
	tooFew: "Trop peu d'auteurs ont répondu pour conclure.",
	write: "Écrire à cet État",
	writeIn: (campaign) => `Écrire à cet État : ${campaign}`,
	noCampaign: "Aucune campagne de lettres n'est ouverte vers cet État pour l'instant.",
	back: "Tous les États",
	unknownState: "Aucun État n'a ce code dans l'annuaire.",
	unMember: "État membre de l'ONU",
	unObserver: "État observateur auprès de l'ONU",
};

const es: MapStrings = {
	mapTitle: "Mapa de los Estados según sus compromisos",
	mapDesc:
		"Un mapa del mundo con los 195 Estados miembros y observadores de la ONU. Oscuro: respaldó la declaración de 2025 sobre la prevención de la violencia sexual en los conflictos. Claro: todavía no. Rayado: quienes escribieron comunicaron una respuesta. Los mismos datos están en la tabla de abajo.",
	skipMap: "Saltar el mapa e ir a la tabla",
	legend: "Leyenda",
	endorsed: "Respaldó la declaración de 2025",
	notYet: "Todavía no la respaldó",
	replied: "Respondió a las cartas",
	markLabel: (name, status) => `${name}: ${status}`,
	search: "Buscar un Estado",
	searchName: "Nombre",
	region: "Región",
	status: "Situación",
	all: "Todos",
	apply: "Mostrar",
	clear: "Borrar",
	results: (n) => (n === 1 ? "1 Estado" : `${n} Estados`),
	noResults: "Ningún Estado coincide. Pruebe otro nombre o menos filtros.",
	pages: "Páginas",
	previous: "Anterior",
	next: "Siguiente",
	pageOf: (page, pages) => `Página ${page} de ${pages}`,
	regions: { africa: "África", americas: "Américas", asia: "Asia", europe: "Europa", oceania: "Oceanía" },
	declaration: "Declaración de 2025",
	commitments: "Compromisos",
	source: "Fuente",
	noCommitments: "Todavía no consta ningún compromiso.",
	letters: "Cartas",
	lettersSent: (n) => (n === 1 ? "1 carta enviada por el público." : `${n} cartas enviadas por el público.`),
	repliesTitle: "Respuestas comunicadas por quienes escribieron",
	replyYes: "respondió",
	replyNo: "sin respuesta",
	replyUnsatisfactory: "respondió, de forma insatisfactoria",
	tooFew: "Demasiadas pocas respuestas para saberlo.",
	write: "Escribir a este Estado",
	writeIn: (campaign) => `Escribir a este Estado: ${campaign}`,
	noCampaign: "Ahora mismo no hay ninguna campaña de cartas abierta hacia este Estado.",
	back: "Todos los Estados",
	unknownState: "No hay ningún Estado con este código en el directorio.",
	unMember: "Estado miembro de la ONU",
	unObserver: "Estado observador de la ONU",
};

/** Arabic plural forms: 0, 1, 2, 3–10, 11–99, 100+ (by the last two digits). */
function arabicCount(n: number, forms: [string, string, string, string, string, string]): string {
	const rule = new Intl.PluralRules("ar").select(n);
	const index = { zero: 0, one: 1, two: 2, few: 3, many: 4, other: 5 }[rule] ?? 5;
	return (forms[index] ?? forms[5]).replace("{n}", n.toLocaleString("ar"));
}

const ar: MapStrings = {
	mapTitle: "خريطة الدول بحسب التزاماتها",
	mapDesc:
		"خريطة للعالم تضم 195 دولة عضوًا ودولة مراقبة في الأمم المتحدة. اللون الداكن: أيّدت إعلان 2025 بشأن منع العنف الجنسي في النزاعات. اللون الفاتح: لم تؤيده بعد. التظليل المخطط: أبلغ كاتبو الخطابات عن رد. المعلومات نفسها في الجدول أدناه.",
	skipMap: "تخطَّ الخريطة وانتقل إلى الجدول",
	legend: "مفتاح الخريطة",
	endorsed: "أيّدت إعلان 2025",
	notYet: "لم تؤيده بعد",
	replied: "ردّت على الخطابات",
	markLabel: (name, status) => `${name}: ${status}`,
	search: "ابحث عن دولة",
	searchName: "الاسم",
	region: "المنطقة",
	status: "الحالة",
	all: "الكل",
	apply: "اعرض",
	clear: "امسح",
	results: (n) => arabicCount(n, ["لا دول", "دولة واحدة", "دولتان", "{n} دول", "{n} دولة", "{n} دولة"]),
	noResults: "لا توجد دولة مطابقة. جرّب اسمًا آخر أو عوامل تصفية أقل.",
	pages: "الصفحات",
	previous: "السابقة",
	next: "التالية",
	pageOf: (page, pages) => `الصفحة ${page.toLocaleString("ar")} من ${pages.toLocaleString("ar")}`,
	regions: { africa: "أفريقيا", americas: "الأمريكتان", asia: "آسيا", europe: "أوروبا", oceania: "أوقيانوسيا" },
	declaration: "إعلان 2025",
	commitments: "الالتزامات",
	source: "المصدر",
	noCommitments: "لم يُسجَّل أي التزام بعد.",
	letters: "الخطابات",
	lettersSent: (n) =>
		arabicCount(n, [
			"لم يُرسل الجمهور أي خطاب.",
			"أرسل الجمهور خطابًا واحدًا.",
			"أرسل الجمهور خطابين.",
			"أرسل الجمهور {n} خطابات.",
			"أرسل الجمهور {n} خطابًا.",
			"أرسل الجمهور {n} خطاب.",
		]),
	repliesTitle: "الردود التي أبلغ عنها كاتبو الخطابات",
	replyYes: "ردّت",
	replyNo: "لم ترد",
	replyUnsatisfactory: "ردّت ردًا غير مُرضٍ",
	tooFew: "عدد من أجابوا أقل من أن يُحكم به.",
	write: "اكتب إلى هذه الدولة",
	writeIn: (campaign) => `اكتب إلى هذه الدولة: ${campaign}`,
	noCampaign: "لا توجد الآن حملة خطابات مفتوحة موجّهة إلى هذه الدولة.",
	back: "كل الدول",
	unknownState: "لا توجد دولة بهذا الرمز في الدليل.",
	unMember: "دولة عضو في الأمم المتحدة",
	unObserver: "دولة مراقبة في الأمم المتحدة",
};

/** Ukrainian plural forms: one (1, 21…), few (2–4, 22–24…), many (the rest). */
function ukrainianCount(n: number, one: string, few: string, many: string): string {
	const rule = new Intl.PluralRules("uk").select(n);
	return (rule === "one" ? one : rule === "few" ? few : many).replace("{n}", String(n));
}

const uk: MapStrings = {
	mapTitle: "Мапа держав за їхніми зобов'язаннями",
	mapDesc:
		"Мапа світу зі 195 державами — членами та спостерігачами ООН. Темні: схвалили декларацію 2025 року про запобігання сексуальному насильству в конфліктах. Світлі: ще ні. Заштриховані: автори листів повідомили про відповідь. Ті самі дані — у таблиці нижче.",
	skipMap: "Пропустити мапу й перейти до таблиці",
	legend: "Легенда",
	endorsed: "Схвалила декларацію 2025 року",
	notYet: "Ще не схвалила",
	replied: "Відповіла на листи",
	markLabel: (name, status) => `${name}: ${status}`,
	search: "Знайти державу",
	searchName: "Назва",
	region: "Регіон",
	status: "Статус",
	all: "Усі",
	apply: "Показати",
	clear: "Очистити",
	results: (n) => ukrainianCount(n, "{n} держава", "{n} держави", "{n} держав"),
	noResults: "Жодна держава не відповідає. Спробуйте іншу назву або менше фільтрів.",
	pages: "Сторінки",
	previous: "Попередня",
	next: "Наступна",
	pageOf: (page, pages) => `Сторінка ${page} з ${pages}`,
	regions: { africa: "Африка", americas: "Америка", asia: "Азія", europe: "Європа", oceania: "Океанія" },
	declaration: "Декларація 2025 року",
	commitments: "Зобов'язання",
	source: "Джерело",
	noCommitments: "Поки що не записано жодного зобов'язання.",
	letters: "Листи",
	lettersSent: (n) =>
		ukrainianCount(n, "Люди надіслали {n} лист.", "Люди надіслали {n} листи.", "Люди надіслали {n} листів."),
	repliesTitle: "Відповіді, про які повідомили автори листів",
	replyYes: "відповіла",
	replyNo: "не відповіла",
	replyUnsatisfactory: "відповіла незадовільно",
	tooFew: "Відповіли надто мало авторів, щоб робити висновки.",
	write: "Написати цій державі",
	writeIn: (campaign) => `Написати цій державі: ${campaign}`,
	noCampaign: "Зараз немає відкритої кампанії листів до цієї держави.",
	back: "Усі держави",
	unknownState: "У довіднику немає держави з таким кодом.",
	unMember: "Держава — член ООН",
	unObserver: "Держава — спостерігач в ООН",
};

export const mapStrings: Record<Locale, MapStrings> = { en, fr, es, ar, uk };
