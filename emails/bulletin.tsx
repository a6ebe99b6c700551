import { Text } from "@react-email/components";
import { Marked, type Tokens } from "marked";
import { Layout, styles } from "./_components/layout";
import { type EmailLocale, pickLocale, singleLine } from "./i18n";

export interface BulletinEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** As written by the campaigner (one line; a test send is prefixed "[TEST]"). */
	subject: string;
	/** The inbox preview line (plain text). */
	preheader: string;
	/** The campaigner's Markdown. Raw HTML in it is shown as text, never as markup. */
	bodyMarkdown: string;
	/** The opening line, already made for the recipient; left out, made from `name` (see `bulletinGreeting`). */
	greeting?: string;
	/** Leaves the list: shown in the body's end and in the footer. */
	unsubscribeUrl: string;
	/**
	 * The recipient's name for `{{name}}` in the subject, preheader and body: filled in when given
	 * (null or empty: each field's fallback). Left undefined, the fields stay as slots that
	 * `fillNameSlots` fills per recipient (a send renders once per language).
	 */
	name?: string | null;
}

/** The greeting and footer words, by language (kept with the template that alone uses them). */
const words: Record<EmailLocale, { hello: string; helloName: string; why: string; someone: string }> = {
	en: {
		someone: "friend",
		hello: "Hello,",
		helloName: "Hello {name},",
		why: "You receive this because you subscribed to updates from the Red Line campaign and confirmed it.",
	},
	fr: {
		someone: "ami·e",
		hello: "Bonjour,",
		helloName: "Bonjour {name},",
		why: "Vous recevez ce message parce que vous vous êtes abonné·e aux nouvelles de la campagne Red Line et l’avez confirmé.",
	},
	es: {
		someone: "amiga, amigo",
		hello: "Hola:",
		helloName: "Hola, {name}:",
		why: "Recibe este mensaje porque se suscribió a las noticias de la campaña Red Line y lo confirmó.",
	},
	ar: {
		someone: "صديقنا",
		hello: "مرحبًا،",
		helloName: "مرحبًا {name}،",
		why: "تصل هذه الرسالة بعد الاشتراك في أخبار حملة الخط الأحمر وتأكيده.",
	},
	uk: {
		someone: "друже",
		hello: "Вітаємо!",
		helloName: "Вітаємо, {name}!",
		why: "Ви отримуєте цей лист, бо підписалися на новини кампанії Red Line і підтвердили підписку.",
	},
};

/** The opening line for one recipient: with their name when they gave one (plain text). */
export function bulletinGreeting(locale: string, name?: string | null): string {
	const w = words[pickLocale(locale)];
	const clean = name ? singleLine(name) : "";
	return clean ? w.helloName.replace("{name}", clean) : w.hello;
}

/** `{{name}}`, or `{{name|fallback}}` with the words used for someone who gave no name. */
const NAME_FIELD = /\{\{\s*name\s*(?:\|([^{}\r\n]*))?\}\}/gi;
/** A marker Markdown leaves alone (letters and digits only); matched in any case, as plain text may upper-case headings. */
const slot = (i: number) => `RLNAME${i}SLOTq7z3`;
const SLOT = /RLNAME(\d+)SLOTq7z3/gi;

/** The subject, preheader and body with each `{{name…}}` as a numbered slot, and each slot's fallback. */
export function nameSlots(props: Pick<BulletinEmailProps, "locale" | "subject" | "preheader" | "bodyMarkdown">): {
	subject: string;
	preheader: string;
	bodyMarkdown: string;
	fallbacks: string[];
} {
	const fallbacks: string[] = [];
	const someone = words[pickLocale(props.locale)].someone;
	const mark = (text: string) =>
		text.replace(NAME_FIELD, (_m, fallback: string | undefined) => {
			fallbacks.push(singleLine(fallback ?? "") || someone);
			return slot(fallbacks.length - 1);
		});
	return {
		subject: mark(props.subject),
		preheader: mark(props.preheader),
		bodyMarkdown: mark(props.bodyMarkdown),
		fallbacks,
	};
}

/** Fills the slots of `nameSlots` with a recipient's name (or the fallbacks), escaped by `escape` (HTML or none). */
export function fillNameSlots(
	text: string,
	name: string | null | undefined,
	fallbacks: string[],
	encode: (s: string) => string,
): string {
	const clean = name ? singleLine(name) : "";
	return text.replace(SLOT, (_m, i: string) => encode(clean || (fallbacks[Number(i)] ?? "")));
}

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

const linkStyle = "color:#b3001b;text-decoration:underline;";
const paragraphStyle = "color:#1a1a1a;font-size:16px;line-height:26px;margin:12px 0;";

/**
 * Markdown as email HTML. Links are kept (http, https and mailto only); raw HTML is shown as
 * text; images are shown as their description, so no email loads anything from a third party.
 */
const markdown = new Marked({
	gfm: true,
	async: false,
	renderer: {
		html({ text }: Tokens.HTML | Tokens.Tag) {
			return escapeHtml(text);
		},
		image({ text }: Tokens.Image) {
			return escapeHtml(text);
		},
		link({ href, tokens }: Tokens.Link) {
			const inner = this.parser.parseInline(tokens);
			if (!/^(https?:|mailto:)/i.test(href.trim())) return inner;
			return `<a href="${escapeHtml(href.trim())}" style="${linkStyle}">${inner}</a>`;
		},
		paragraph({ tokens }: Tokens.Paragraph) {
			return `<p style="${paragraphStyle}">${this.parser.parseInline(tokens)}</p>\n`;
		},
	},
});

/** The body's HTML from the campaigner's Markdown. */
export function bulletinBodyHtml(bodyMarkdown: string): string {
	return markdown.parse(bodyMarkdown, { async: false });
}

const plain = (s: string) => s;

export function subject(props: BulletinEmailProps): string {
	const slotted = nameSlots(props);
	const line = singleLine(slotted.subject);
	return props.name === undefined ? line : singleLine(fillNameSlots(line, props.name, slotted.fallbacks, plain));
}

export function BulletinEmail(props: BulletinEmailProps) {
	const locale = pickLocale(props.locale);
	const w = words[locale];
	const slotted = nameSlots(props);
	const filled = (s: string, encode: (x: string) => string) =>
		props.name === undefined ? s : fillNameSlots(s, props.name, slotted.fallbacks, encode);
	return (
		<Layout
			locale={locale}
			preview={filled(singleLine(slotted.preheader), plain)}
			footer={w.why}
			unsubscribeUrl={props.unsubscribeUrl}
		>
			<Text style={styles.paragraph}>{props.greeting ?? bulletinGreeting(props.locale, props.name)}</Text>
			<div
				dir="auto"
				// biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered with raw HTML escaped (bulletinBodyHtml); names filled in escaped
				dangerouslySetInnerHTML={{ __html: filled(bulletinBodyHtml(slotted.bodyMarkdown), escapeHtml) }}
			/>
		</Layout>
	);
}

BulletinEmail.PreviewProps = {
	locale: "en",
	subject: "What States promised this month",
	preheader: "Three commitments, one letter to write",
	bodyMarkdown:
		"## Three new commitments\n\n{{name|Friend}}, this month **three States** endorsed the Survivors' Call to Action.\n\n- Read the [scoreboard](https://example.org/states)\n- Write to your State\n\nThank you for standing with survivors.",
	greeting: "Hello Amina,",
	unsubscribeUrl: "https://example.org/u/preview-token",
	name: "Amina",
} satisfies BulletinEmailProps;

export default BulletinEmail;
