import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";

export interface AlreadyWrittenEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Writer's name as confirmed (user input; rendered escaped). */
	name: string;
	/** The State already written to, named in the writer's language. */
	stateName: string;
	/** The public map of States: commitments, letters and replies. */
	statesUrl: string;
}

export function subject(props: AlreadyWrittenEmailProps): string {
	const t = stringsFor(props.locale).alreadyWritten;
	return singleLine(format(t.subject, { state: singleLine(props.stateName) }));
}

/** The answer to a letter request for a State this address has already written to (and confirmed). */
export function AlreadyWrittenEmail(props: AlreadyWrittenEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).alreadyWritten;
	const name = displayName(props.name);
	const state = singleLine(props.stateName);

	return (
		<Layout locale={locale} preview={singleLine(format(t.preview, { state }))} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>{formatNodes(t.attempt, { state: <Isolate strong>{state}</Isolate> })}</Text>
			<Text style={styles.paragraph}>{t.counted}</Text>
			<ActionButton href={props.statesUrl} label={t.button} fallback={t.linkFallback} />
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

AlreadyWrittenEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	stateName: "France",
	statesUrl: "https://example.org/states",
} satisfies AlreadyWrittenEmailProps;

export default AlreadyWrittenEmail;
