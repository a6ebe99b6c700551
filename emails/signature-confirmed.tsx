import { Heading, Link, Text } from "@react-email/components";
import { SignOff } from "./_components/action";
import { Isolate, Layout, styles } from "./_components/layout";
import { displayName, format, formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";
import { type ShareChannelName, shareStrings } from "./share-i18n";

export interface SignatureConfirmedEmailProps {
	/** Any locale tag; unsupported ones fall back to English. */
	locale: string;
	/** Signer's name as entered (user input; rendered escaped). */
	name: string;
	petitionTitle: string;
	/** Each channel's share link (its code included), in the order shown. */
	shares: Array<{ channel: ShareChannelName; href: string }>;
}

export function subject(props: SignatureConfirmedEmailProps): string {
	const t = shareStrings[pickLocale(props.locale)];
	return singleLine(format(t.thanksSubject, { title: singleLine(props.petitionTitle) }));
}

/** The thank-you after a confirmed signature: it is counted, and here is how to pass it on. */
export function SignatureConfirmedEmail(props: SignatureConfirmedEmailProps) {
	const locale = pickLocale(props.locale);
	const t = shareStrings[locale];
	// The greeting and sign-off are those of the signature's other emails.
	const common = stringsFor(locale).alreadySigned;
	const name = displayName(props.name);
	const title = singleLine(props.petitionTitle);
	return (
		<Layout locale={locale} preview={singleLine(format(t.thanksPreview, { title }))} footer={t.footer}>
			<Heading as="h1" style={styles.heading}>
				{t.thanksHeading}
			</Heading>
			<Text style={styles.paragraph}>
				{name ? formatNodes(common.greeting, { name: <Isolate>{name}</Isolate> }) : common.greetingNoName}
			</Text>
			<Text style={styles.paragraph}>{formatNodes(t.thanksBody, { title: <Isolate strong>{title}</Isolate> })}</Text>
			<Heading as="h2" style={{ ...styles.heading, fontSize: "18px" }}>
				{t.heading}
			</Heading>
			<Text style={styles.paragraph}>{t.intro}</Text>
			{props.shares.map((s) =>
				s.channel === "signal" || s.channel === "copy" ? (
					<Text key={s.channel} style={styles.paragraph}>
						{t.channels[s.channel]}
						<br />
						<Link href={s.href} dir="ltr" style={styles.plainLink}>
							{s.href}
						</Link>
					</Text>
				) : (
					<Text key={s.channel} style={{ ...styles.paragraph, margin: "4px 0" }}>
						<Link href={s.href} style={styles.bodyLink}>
							{t.channels[s.channel]}
						</Link>
					</Text>
				),
			)}
			<Text style={styles.small}>{t.privacy}</Text>
			<SignOff signoff={common.signoff} team={common.team} />
		</Layout>
	);
}

SignatureConfirmedEmail.PreviewProps = {
	locale: "en",
	name: "Amina",
	petitionTitle: "Survivors' Call to Action",
	shares: [
		{
			channel: "whatsapp",
			href: "https://wa.me/?text=I%20signed%20https%3A%2F%2Fexample.org%2Fp%2Fcall%3Fr%3Dabcdefgw",
		},
		{ channel: "copy", href: "https://example.org/p/call?r=abcdefgc" },
	],
} satisfies SignatureConfirmedEmailProps;

export default SignatureConfirmedEmail;
