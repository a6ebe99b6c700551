import { Button, Heading, Link, Section, Text } from "@react-email/components";
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
			<Section style={styles.buttonWrap}>
				<Button href={props.petitionUrl} style={styles.button}>
					{t.button}
				</Button>
			</Section>
			{/* The plain-text part already shows the URL next to the button label. */}
			<Text style={styles.small} data-skip-in-text="true">
				{t.linkFallback}
			</Text>
			<Text style={{ ...styles.small, marginTop: 0 }} data-skip-in-text="true">
				<Link href={props.petitionUrl} dir="ltr" style={styles.plainLink}>
					{props.petitionUrl}
				</Link>
			</Text>
			<Text style={styles.paragraph}>
				{t.signoff}
				<br />
				{t.team}
			</Text>
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
