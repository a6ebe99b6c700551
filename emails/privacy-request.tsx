import { Heading, Text } from "@react-email/components";
import { ActionButton, SignOff } from "./_components/action";
import { Layout, listIndent, styles } from "./_components/layout";
import { pickLocale, plural, singleLine, stringsFor } from "./i18n";

export interface PrivacyRequestEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** What was asked for this address: a copy of the data, or its erasure. */
	kind: "export" | "erase";
	/** Page where the request is confirmed (opening it alone does nothing). */
	actionUrl: string;
	/** How many days the link stays valid. */
	expiresInDays: number;
}

export function subject(props: PrivacyRequestEmailProps): string {
	const t = stringsFor(props.locale).privacyRequest;
	return singleLine(props.kind === "erase" ? t.subjectErase : t.subjectExport);
}

export function PrivacyRequestEmail(props: PrivacyRequestEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).privacyRequest;
	const erase = props.kind === "erase";
	const days = Math.max(1, Math.round(Number(props.expiresInDays) || 1));

	return (
		<Layout locale={locale} preview={singleLine(t.preview)}>
			<Heading as="h1" style={styles.heading}>
				{erase ? t.headingErase : t.headingExport}
			</Heading>
			<Text style={styles.paragraph}>{t.greeting}</Text>
			<Text style={styles.paragraph}>{erase ? t.introErase : t.introExport}</Text>
			{erase ? (
				<>
					<Text style={{ ...styles.paragraph, marginBottom: 0 }}>{t.eraseMeans}</Text>
					<ul style={{ ...styles.list, ...listIndent(locale) }}>
						{t.eraseItems.map((item) => (
							<li key={item} style={styles.listItem}>
								{item}
							</li>
						))}
					</ul>
				</>
			) : null}
			<Text style={styles.paragraph}>{erase ? t.confirmErase : t.confirmExport}</Text>
			<ActionButton href={props.actionUrl} label={t.button} fallback={t.linkFallback} />
			<Text style={styles.paragraph}>{plural(locale, days, t.expiry)}</Text>
			<Text style={styles.paragraph}>{erase ? t.notYouErase : t.notYouExport}</Text>
			<SignOff signoff={t.signoff} team={t.team} />
		</Layout>
	);
}

PrivacyRequestEmail.PreviewProps = {
	locale: "en",
	kind: "erase",
	actionUrl: "https://example.org/privacy/confirm?token=preview-token-0123456789",
	expiresInDays: 7,
} satisfies PrivacyRequestEmailProps;

export default PrivacyRequestEmail;
