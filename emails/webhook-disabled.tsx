import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Layout, styles } from "./_components/layout";
import { formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";

export interface WebhookDisabledEmailProps {
	/** The admin's locale; unsupported ones fall back to English. */
	locale: string;
	/** The endpoint's URL, as registered. */
	url: string;
	/** Why: the receiver answered 410 Gone, or kept failing for three days. */
	reason: "gone" | "failing";
	/** The console page of the endpoint. */
	consoleUrl: string;
}

export function subject(props: WebhookDisabledEmailProps): string {
	return singleLine(stringsFor(props.locale).webhookDisabled.subject);
}

export function WebhookDisabledEmail(props: WebhookDisabledEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).webhookDisabled;
	const url = (
		<span dir="ltr" style={{ wordBreak: "break-all" }}>
			{props.url}
		</span>
	);
	return (
		<Layout locale={locale} preview={singleLine(t.preview)} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>{formatNodes(props.reason === "gone" ? t.gone : t.failing, { url })}</Text>
			<Text style={styles.paragraph}>{t.kept}</Text>
			<ActionButton href={props.consoleUrl} label={t.button} fallback={t.linkFallback} />
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

WebhookDisabledEmail.PreviewProps = {
	locale: "en",
	url: "https://crm.example.org/hooks/red-line",
	reason: "failing",
	consoleUrl: "https://example.org/console/webhooks/whe_preview",
} satisfies WebhookDisabledEmailProps;

export default WebhookDisabledEmail;
