import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, plural, singleLine, stringsFor } from "./i18n";

export interface ConfirmSignatureEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Signer's name as entered (user input; rendered escaped). */
	name: string;
	petitionTitle: string;
	/** Single-use confirmation link. */
	confirmUrl: string;
	/** How many days the link stays valid. */
	expiresInDays: number;
}

export function subject(props: ConfirmSignatureEmailProps): string {
	const t = stringsFor(props.locale).confirmSignature;
	return singleLine(format(t.subject, { title: singleLine(props.petitionTitle) }));
}

export function ConfirmSignatureEmail(props: ConfirmSignatureEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).confirmSignature;
	const name = displayName(props.name);
	const title = singleLine(props.petitionTitle);
	const days = Math.max(1, Math.round(Number(props.expiresInDays) || 1));

	return (
		<Layout locale={locale} preview={singleLine(format(t.preview, { title }))}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>{formatNodes(t.intro, { title: <Isolate strong>{title}</Isolate> })}</Text>
			<ActionButton href={props.confirmUrl} label={t.button} fallback={t.linkFallback} />
			<Text style={styles.paragraph}>{plural(locale, days, t.expiry)}</Text>
			<Text style={styles.paragraph}>{t.notYou}</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

ConfirmSignatureEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	petitionTitle: "Survivors' Call to Action",
	confirmUrl: "https://example.org/confirm?token=preview-token-0123456789",
	expiresInDays: 7,
} satisfies ConfirmSignatureEmailProps;

export default ConfirmSignatureEmail;
