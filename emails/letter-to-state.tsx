import { Text } from "@react-email/components";
import { Isolate, Layout, styles } from "./_components/layout";
import { endsSigned, LetterBody, WriterName } from "./_components/letter";
import { displayName, format, formatNodes, pickLocale, singleLine, stringsFor } from "./i18n";

export interface LetterToStateEmailProps {
	/** The letter's language (any locale tag; unsupported ones fall back to English). */
	locale: string;
	/** Writer's name as entered (user input; rendered escaped). */
	writerName: string;
	/** Writer's country, named in the letter's language. */
	writerCountry: string;
	/** The State written to, named in the letter's language. */
	stateName: string;
	/** The letter's subject (user input; made one line). */
	subject: string;
	/** The letter as the writer confirmed it: plain text, paragraphs separated by blank lines. */
	body: string;
	/** The letter campaign's name in the letter's language. */
	campaignName: string;
}

/** The letter's own subject, on one line. */
export function subject(props: LetterToStateEmailProps): string {
	const own = singleLine(props.subject ?? "");
	if (own) return own;
	const t = stringsFor(props.locale).letterToState;
	const name = displayName(props.writerName);
	return name ? singleLine(format(t.subjectFallback, { name })) : singleLine(t.subjectNoName);
}

/**
 * The writer's letter as the State's office receives it: a plain letter (no campaign header,
 * no unsubscribe link), signed once with the writer's name and country (the body's own signature
 * when it ends with one, as the campaign's text does), then one line of small print
 * saying how it was sent and that replies reach the writer.
 */
export function LetterToStateEmail(props: LetterToStateEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).letterToState;
	const name = displayName(props.writerName);
	const country = displayName(props.writerCountry);
	const campaign = singleLine(props.campaignName ?? "");
	const footer = name
		? formatNodes(t.footer, { name: <Isolate>{name}</Isolate>, campaign: <Isolate>{campaign}</Isolate> })
		: formatNodes(t.footerNoName, { campaign: <Isolate>{campaign}</Isolate> });

	return (
		<Layout locale={locale} preview={displayName(props.body, 140)} footer={footer} plain>
			<LetterBody body={props.body} />
			{(name || country) && !endsSigned(props.body, name, country) ? (
				<Text style={{ ...styles.paragraph, marginTop: "20px" }}>
					<WriterName name={name} country={country} />
				</Text>
			) : null}
		</Layout>
	);
}

LetterToStateEmail.PreviewProps = {
	locale: "en",
	writerName: "Amina Diallo",
	writerCountry: "France",
	stateName: "France",
	subject: "Please keep your commitments to survivors of conflict-related sexual violence",
	body: "Dear Minister,\n\nI am writing to ask France to keep its commitments to prevent conflict-related sexual violence, to respond to it and to repair the harm done to survivors.\n\nSurvivors ask for three things:\nthat perpetrators are held to account,\nthat reparations reach them,\nand that their voices are heard.\n\nThank you for your attention.\nYours sincerely,",
	campaignName: "Survivors' Call to Action",
} satisfies LetterToStateEmailProps;

export default LetterToStateEmail;
