import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, plural, singleLine, stringsFor } from "./i18n";

export interface ConfirmSubscriptionEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Subscriber's name as entered, if any (user input; rendered escaped). */
	name?: string;
	/** The list's name in the subscriber's language. */
	listName: string;
	/** Single-use confirmation link. */
	confirmUrl: string;
	/** How many days the link stays valid. */
	expiresInDays: number;
	/** True for the one and only reminder (sent once, two days after the first email). */
	reminder: boolean;
}

export function subject(props: ConfirmSubscriptionEmailProps): string {
	const t = stringsFor(props.locale).confirmSubscription;
	return singleLine(format(props.reminder ? t.subjectReminder : t.subject, { list: singleLine(props.listName) }));
}

export function ConfirmSubscriptionEmail(props: ConfirmSubscriptionEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).confirmSubscription;
	const name = displayName(props.name);
	const list = singleLine(props.listName);
	const days = Math.max(1, Math.round(Number(props.expiresInDays) || 1));
	const reminder = props.reminder === true;

	return (
		<Layout locale={locale} preview={singleLine(format(reminder ? t.previewReminder : t.preview, { list }))}>
			<Heading as="h1" style={styles.heading}>
				{reminder ? t.headingReminder : t.heading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>
				{formatNodes(reminder ? t.introReminder : t.intro, { list: <Isolate strong>{list}</Isolate> })}
			</Text>
			<ActionButton href={props.confirmUrl} label={t.button} fallback={t.linkFallback} />
			<Text style={styles.paragraph}>{plural(locale, days, t.expiry)}</Text>
			<Text style={styles.paragraph}>{reminder ? t.notYouReminder : t.notYou}</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

ConfirmSubscriptionEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	listName: "Red Line Initiative updates",
	confirmUrl: "https://example.org/subscriptions/confirm?token=preview-token-0123456789",
	expiresInDays: 7,
	reminder: false,
} satisfies ConfirmSubscriptionEmailProps;

export default ConfirmSubscriptionEmail;
