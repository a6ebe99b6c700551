import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Layout, styles } from "./_components/layout";
import { pickLocale, plural, singleLine, stringsFor } from "./i18n";

export interface ConsoleSignInEmailProps {
	/** The campaigner's locale; unsupported ones fall back to English. */
	locale: string;
	/** The page where the campaigner presses "Sign in" (opening it alone does nothing). */
	signInUrl: string;
	/** How many minutes the link works. */
	expiresInMinutes: number;
}

export function subject(props: ConsoleSignInEmailProps): string {
	return singleLine(stringsFor(props.locale).consoleSignIn.subject);
}

export function ConsoleSignInEmail(props: ConsoleSignInEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).consoleSignIn;
	const minutes = Math.max(1, Math.round(Number(props.expiresInMinutes) || 1));
	return (
		<Layout locale={locale} preview={singleLine(t.preview)} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>{t.intro}</Text>
			<ActionButton href={props.signInUrl} label={t.button} fallback={t.linkFallback} />
			<Text style={styles.paragraph}>{plural(locale, minutes, t.expiry)}</Text>
			<Text style={styles.paragraph}>{t.notYou}</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

ConsoleSignInEmail.PreviewProps = {
	locale: "en",
	signInUrl: "https://example.org/console/sign-in/preview-token-0123456789",
	expiresInMinutes: 15,
} satisfies ConsoleSignInEmailProps;

export default ConsoleSignInEmail;
