import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, plural, singleLine, stringsFor } from "./i18n";

export interface ConfirmLetterEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Writer's name as entered (user input; rendered escaped). */
	name: string;
	/** The State the letter is to, named in the writer's language. */
	stateName: string;
	/** The letter's subject (user input; rendered escaped, on one line). */
	subject: string;
	/** Single-use confirmation link. */
	confirmUrl: string;
	/** How many days the link stays valid. */
	expiresInDays: number;
}

export function subject(props: ConfirmLetterEmailProps): string {
	const t = stringsFor(props.locale).confirmLetter;
	return singleLine(format(t.subject, { subject: singleLine(props.subject) }));
}

export function ConfirmLetterEmail(props: ConfirmLetterEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).confirmLetter;
	const name = displayName(props.name);
	const state = singleLine(props.stateName);
	const letterSubject = singleLine(props.subject);
	const days = Math.max(1, Math.round(Number(props.expiresInDays) || 1));

	return (
		<Layout locale={locale} preview={singleLine(t.preview)}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>{formatNodes(t.intro, { state: <Isolate strong>{state}</Isolate> })}</Text>
			{letterSubject ? (
				<Text style={styles.paragraph}>
					{formatNodes(t.subjectLine, { subject: <Isolate strong>{letterSubject}</Isolate> })}
				</Text>
			) : null}
			<Text style={styles.paragraph}>{t.waiting}</Text>
			<ActionButton href={props.confirmUrl} label={t.button} fallback={t.linkFallback} />
			<Text style={styles.paragraph}>{plural(locale, days, t.expiry)}</Text>
			<Text style={styles.paragraph}>{t.notYou}</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

ConfirmLetterEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	stateName: "France",
	subject: "Please keep your commitments to survivors of conflict-related sexual violence",
	confirmUrl: "https://example.org/letters/confirm?token=preview-token-0123456789",
	expiresInDays: 7,
} satisfies ConfirmLetterEmailProps;

export default ConfirmLetterEmail;
