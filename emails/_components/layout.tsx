import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { type EmailLocale, isRtl, pickLocale, stringsFor } from "../i18n";

export const colors = {
	accent: "#b3001b", // 7.2:1 on white
	text: "#1a1a1a",
	muted: "#4a4a4a", // 8.9:1 on white
	border: "#e5e5e5",
	page: "#f5f5f4",
	card: "#ffffff",
} as const;

export const fontFamily =
	'-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif';

export interface LayoutProps {
	locale: EmailLocale | string;
	/** Inbox preview line (plain text). */
	preview: string;
	children: ReactNode;
	/** Replaces the default "why did I get this" footer line. */
	footer?: ReactNode;
	/**
	 * When given, the footer ends with an "Unsubscribe" link to this URL.
	 * Without it the footer is exactly as before.
	 */
	unsubscribeUrl?: string;
	/**
	 * A plain letter: no campaign name, tagline or accent bar at the top. For the letters
	 * supporters write to States, which must read as their own letters.
	 */
	plain?: boolean;
}

/** Text direction helpers for a locale: `dir` and physical text alignment. */
export function direction(locale: EmailLocale | string) {
	const rtl = isRtl(locale);
	return {
		dir: rtl ? ("rtl" as const) : ("ltr" as const),
		align: rtl ? ("right" as const) : ("left" as const),
	};
}

/**
 * Indent for a bulleted list on the side where the text starts. Physical
 * padding, since many mail clients ignore logical properties.
 */
export function listIndent(locale: EmailLocale | string): CSSProperties {
	return isRtl(locale) ? { paddingRight: "24px", paddingLeft: 0 } : { paddingLeft: "24px", paddingRight: 0 };
}

export function Layout({ locale, preview, children, footer, unsubscribeUrl, plain = false }: LayoutProps) {
	const lang = pickLocale(locale);
	const { dir, align } = direction(lang);
	const t = stringsFor(lang).layout;

	return (
		<Html lang={lang} dir={dir}>
			<Head>
				<meta name="color-scheme" content="light" />
				<meta name="supported-color-schemes" content="light" />
			</Head>
			<Body dir={dir} style={{ ...body, textAlign: align }}>
				<Preview>{preview}</Preview>
				<Container dir={dir} style={{ ...container, ...(plain ? plainContainer : null), textAlign: align }}>
					{plain ? null : (
						<Section style={header}>
							<Text style={brand}>{t.brand}</Text>
							<Text style={tagline}>{t.tagline}</Text>
						</Section>
					)}
					<Section style={plain ? plainContent : content}>{children}</Section>
					<Hr style={hr} />
					<Section style={footerSection}>
						<Text style={footerText}>{footer ?? t.footer}</Text>
						{unsubscribeUrl ? (
							<Text style={footerText}>
								<Link href={unsubscribeUrl} style={footerLink}>
									{t.unsubscribe}
								</Link>
							</Text>
						) : null}
					</Section>
				</Container>
			</Body>
		</Html>
	);
}

/** Wraps a user-supplied value so its own text direction is respected. */
export function Isolate({ children, strong = false }: { children: string; strong?: boolean }) {
	return strong ? <strong dir="auto">{children}</strong> : <span dir="auto">{children}</span>;
}

const body: CSSProperties = {
	backgroundColor: colors.page,
	color: colors.text,
	fontFamily,
	margin: 0,
	padding: "24px 12px",
};

const container: CSSProperties = {
	backgroundColor: colors.card,
	borderTop: `4px solid ${colors.accent}`,
	maxWidth: "560px",
	width: "100%",
	margin: "0 auto",
	padding: "0",
	fontFamily,
};

/** A plain letter: a thin neutral rule instead of the campaign's accent bar. */
const plainContainer: CSSProperties = {
	borderTop: `1px solid ${colors.border}`,
};

const header: CSSProperties = {
	padding: "24px 32px 0",
};

const brand: CSSProperties = {
	color: colors.accent,
	fontSize: "18px",
	fontWeight: 700,
	letterSpacing: "0.02em",
	lineHeight: "24px",
	margin: 0,
};

const tagline: CSSProperties = {
	color: colors.muted,
	fontSize: "13px",
	lineHeight: "20px",
	margin: "2px 0 0",
};

const content: CSSProperties = {
	padding: "8px 32px 8px",
};

const plainContent: CSSProperties = {
	padding: "16px 32px 8px",
};

const hr: CSSProperties = {
	borderColor: colors.border,
	margin: "8px 32px 0",
	width: "auto",
};

const footerSection: CSSProperties = {
	padding: "8px 32px 24px",
};

const footerText: CSSProperties = {
	color: colors.muted,
	fontSize: "13px",
	lineHeight: "20px",
	margin: "8px 0 0",
};

const footerLink: CSSProperties = {
	color: colors.accent,
	fontSize: "14px",
	fontWeight: 600,
	lineHeight: "20px",
	textDecoration: "underline",
	textDecorationLine: "underline",
};

/** Shared body styles for templates. */
export const styles = {
	heading: {
		color: colors.text,
		fontSize: "22px",
		fontWeight: 700,
		lineHeight: "30px",
		margin: "16px 0 8px",
	},
	paragraph: {
		color: colors.text,
		fontSize: "16px",
		lineHeight: "26px",
		margin: "12px 0",
	},
	small: {
		color: colors.muted,
		fontSize: "14px",
		lineHeight: "22px",
		margin: "12px 0 4px",
	},
	buttonWrap: {
		margin: "20px 0 8px",
	},
	button: {
		backgroundColor: colors.accent,
		borderRadius: "4px",
		color: "#ffffff",
		display: "inline-block",
		fontSize: "16px",
		fontWeight: 600,
		lineHeight: "24px",
		padding: "12px 24px",
		textDecoration: "none",
	},
	plainLink: {
		color: colors.accent,
		fontSize: "14px",
		lineHeight: "22px",
		textDecoration: "underline",
		wordBreak: "break-all",
	},
	/** A link meant to be found at a glance (e.g. unsubscribe): body size, accent colour, underlined. */
	bodyLink: {
		color: colors.accent,
		fontSize: "16px",
		fontWeight: 600,
		lineHeight: "26px",
		textDecoration: "underline",
		textDecorationLine: "underline",
	},
	list: {
		color: colors.text,
		fontSize: "16px",
		lineHeight: "26px",
		margin: "4px 0 12px",
		padding: 0,
	},
	listItem: {
		margin: "0 0 6px",
	},
} satisfies Record<string, CSSProperties>;
