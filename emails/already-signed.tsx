import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";

export interface AlreadySignedEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Signer's name as entered (user input; rendered escaped). */
	name: string;
	petitionTitle: string;
	/** Public page of the petition, to share. */
	petitionUrl: string;
}

export function subject(props: AlreadySignedEmailProps): string {
	const t = stringsFor(props.locale).alreadySigned;
	return singleLine(format(t.subject, { title: singleLine(props.petitionTitle) }));
}

export function AlreadySignedEmail(props: AlreadySignedEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).alreadySigned;
	const name = displayName(props.name);
	const title = singleLine(props.petitionTitle);

	return (
		<Layout locale={locale} preview={singleLine(format(t.preview, { title }))} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>{formatNodes(t.attempt, { title: <Isolate strong>{title}</Isolate> })}</Text>
			<Text style={styles.paragraph}>{t.counted}</Text>
			<Text style={styles.paragraph}>{t.share}</Text>
			<ActionButton href={props.petitionUrl} label={t.button} fallback={t.linkFallback} />
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

AlreadySignedEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	petitionTitle: "Survivors' Call to Action",
	petitionUrl: "https://example.org/petitions/survivors-call-to-action",
} satisfies AlreadySignedEmailProps;

export default AlreadySignedEmail;
