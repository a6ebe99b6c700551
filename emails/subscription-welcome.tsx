import { Heading, Link, Text } from "@react-email/components";
import { SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";

export interface SubscriptionWelcomeEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Subscriber's name as entered, if any (user input; rendered escaped). */
	name?: string;
	/** The list's name in the subscriber's language. */
	listName: string;
	/** What the list is, in the subscriber's language (plain text). */
	listDescription: string;
	/** Leaves this list. Shown in the body and again in the footer. */
	unsubscribeUrl: string;
	/** Page to change language and lists. */
	preferencesUrl: string;
}

export function subject(props: SubscriptionWelcomeEmailProps): string {
	const t = stringsFor(props.locale).subscriptionWelcome;
	return singleLine(format(t.subject, { list: singleLine(props.listName) }));
}

export function SubscriptionWelcomeEmail(props: SubscriptionWelcomeEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).subscriptionWelcome;
	const name = displayName(props.name);
	const list = singleLine(props.listName);
	const description = singleLine(props.listDescription ?? "");

	return (
		<Layout
			locale={locale}
			preview={singleLine(format(t.preview, { list }))}
			footer={formatNodes(t.footer, { list: <Isolate>{list}</Isolate> })}
			unsubscribeUrl={props.unsubscribeUrl}
		>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(t.greeting, { name: <Isolate>{name}</Isolate> }) : t.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>{formatNodes(t.subscribed, { list: <Isolate strong>{list}</Isolate> })}</Text>
			{description ? (
				<>
					<Text style={{ ...styles.paragraph, marginBottom: 0 }}>{t.about}</Text>
					<Text style={{ ...styles.paragraph, marginTop: "4px" }}>
						<Isolate>{description}</Isolate>
					</Text>
				</>
			) : null}
			<Text style={styles.paragraph}>{t.frequency}</Text>
			<Text style={{ ...styles.paragraph, marginBottom: 0 }}>{t.leave}</Text>
			<Text style={{ ...styles.paragraph, marginTop: "4px" }}>
				<Link href={props.unsubscribeUrl} style={styles.bodyLink}>
					{t.unsubscribe}
				</Link>
			</Text>
			<Text style={{ ...styles.paragraph, marginBottom: 0 }}>{t.preferences}</Text>
			<Text style={{ ...styles.paragraph, marginTop: "4px" }}>
				<Link href={props.preferencesUrl} style={styles.bodyLink}>
					{t.preferencesLink}
				</Link>
			</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

SubscriptionWelcomeEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	listName: "Red Line Initiative updates",
	listDescription:
		"News from the campaign to end conflict-related sexual violence: what survivors ask, what States commit to, and how you can act. A few emails a month at most.",
	unsubscribeUrl: "https://example.org/unsubscribe?token=preview-token-0123456789",
	preferencesUrl: "https://example.org/preferences?token=preview-token-0123456789",
} satisfies SubscriptionWelcomeEmailProps;

export default SubscriptionWelcomeEmail;
