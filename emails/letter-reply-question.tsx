import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatDay, formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";

export interface LetterReplyQuestionEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Writer's name as entered (user input; rendered escaped). */
	name: string;
	/** The State written to, named in the writer's language. */
	stateName: string;
	/** The day the letter went out (YYYY-MM-DD, shown in words), or any text shown as is. */
	sentOn: string;
	/** Page where the writer chooses: yes / no / a reply that did not answer. */
	answerUrl: string;
}

export function subject(props: LetterReplyQuestionEmailProps): string {
	const t = stringsFor(props.locale).letterReplyQuestion;
	return singleLine(format(t.subject, { state: singleLine(props.stateName) }));
}

/** Sent once, two weeks after a letter went out: did the State reply? No reminder follows. */
export function LetterReplyQuestionEmail(props: LetterReplyQuestionEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).letterReplyQuestion;
	const name = displayName(props.name);
	const state = singleLine(props.stateName);
	const date = formatDay(locale, props.sentOn);

	return (
		<Layout locale={locale} preview={singleLine(t.preview)} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{formatNodes(t.heading, { state: <Isolate>{state}</Isolate> })}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>
				{formatNodes(t.intro, { date: <Isolate>{date}</Isolate>, state: <Isolate strong>{state}</Isolate> })}
			</Text>
			<Text style={styles.paragraph}>{t.choices}</Text>
			<ActionButton href={props.answerUrl} label={t.button} fallback={t.linkFallback} />
			<Text style={styles.paragraph}>{t.scoreboard}</Text>
			<Text style={styles.paragraph}>{t.once}</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

LetterReplyQuestionEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	stateName: "France",
	sentOn: "2025-03-03",
	answerUrl: "https://example.org/letters/reply?token=preview-token-0123456789",
} satisfies LetterReplyQuestionEmailProps;

export default LetterReplyQuestionEmail;
