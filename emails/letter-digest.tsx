import { Heading, Hr, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { colors, Isolate, Layout, styles } from "./_components/layout";
import { LetterBody, WriterName } from "./_components/letter";
import { displayName, format, formatDay, formatNodes, pickLocale, plural, singleLine, stringsFor } from "./i18n";

export interface DigestLetter {
	/** Writer's name as entered (user input; rendered escaped). */
	writerName: string;
	/** Writer's country, named in the letter's language. */
	writerCountry: string;
	/** The letter's subject (user input; made one line). */
	subject: string;
	/** The letter as the writer confirmed it: plain text, paragraphs separated by blank lines. */
	body: string;
}

export interface LetterDigestEmailProps {
	/** Language of the campaign's words around the letters (any tag; falls back to English). */
	locale: string;
	/** The State written to, named in that language. */
	stateName: string;
	/** The letter campaign's name in that language. */
	campaignName: string;
	/** The State's local day the letters were written for (YYYY-MM-DD, shown in words), or any text shown as is. */
	date: string;
	/** The day's letters, in the order they should appear. */
	letters: DigestLetter[];
}

export function subject(props: LetterDigestEmailProps): string {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).letterDigest;
	const count = props.letters?.length ?? 0;
	return singleLine(plural(locale, count, t.subject, { campaign: singleLine(props.campaignName ?? "") }));
}

/**
 * One email to a State's office carrying a day's letters, sent when more letters were written
 * to it that day than its daily cap. Each letter is its own section: subject, writer, body.
 */
export function LetterDigestEmail(props: LetterDigestEmailProps) {
	const locale = pickLocale(props.locale);
	const t = stringsFor(locale).letterDigest;
	const letters = props.letters ?? [];
	const count = letters.length;
	const state = singleLine(props.stateName);
	const campaign = singleLine(props.campaignName ?? "");
	const date = formatDay(locale, props.date);
	const intro = plural(locale, count, t.intro);

	return (
		<Layout
			locale={locale}
			preview={singleLine(format(intro, { count, date }))}
			footer={formatNodes(t.footer, { campaign: <Isolate>{campaign}</Isolate> })}
		>
			<Heading as="h1" style={styles.heading}>
				{plural(locale, count, t.heading)}
			</Heading>
			<Text style={styles.paragraph}>{formatNodes(t.recipient, { state: <Isolate strong>{state}</Isolate> })}</Text>
			<Text style={styles.paragraph}>
				{formatNodes(intro, { date: <Isolate>{date}</Isolate> })} {t.gathered}
			</Text>
			<Text style={styles.paragraph}>{t.replies}</Text>
			{letters.map((letter, i) => {
				const letterSubject = singleLine(letter.subject ?? "");
				return (
					// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, rendered once and never reordered
					<Section key={i}>
						<Hr style={rule} />
						<Text style={styles.small}>{format(t.letterNumber, { index: i + 1, count })}</Text>
						<Heading as="h2" dir="auto" style={letterHeading}>
							{letterSubject || t.noSubject}
						</Heading>
						<Text style={{ ...styles.paragraph, marginTop: "4px" }}>
							{formatNodes(t.from, {
								writer: (
									<WriterName name={displayName(letter.writerName)} country={displayName(letter.writerCountry)} />
								),
							})}
						</Text>
						<LetterBody body={letter.body} />
					</Section>
				);
			})}
		</Layout>
	);
}

const rule: CSSProperties = {
	borderColor: colors.border,
	margin: "28px 0 0",
};

const letterHeading: CSSProperties = {
	color: colors.text,
	fontSize: "18px",
	fontWeight: 700,
	lineHeight: "26px",
	margin: "4px 0 0",
	// A subject in another direction than the email's reads from its own start.
	textAlign: "start",
};

LetterDigestEmail.PreviewProps = {
	locale: "en",
	stateName: "France",
	campaignName: "Survivors' Call to Action",
	date: "2025-03-03",
	letters: [
		{
			writerName: "Amina Diallo",
			writerCountry: "France",
			subject: "Please keep your commitments to survivors",
			body: "Dear Minister,\n\nI am writing to ask France to keep its commitments to survivors of conflict-related sexual violence.\n\nYours sincerely,",
		},
		{
			writerName: "Jean Martin",
			writerCountry: "France",
			subject: "Reparations for survivors",
			body: "Dear Minister,\n\nSurvivors need reparations that reach them.\nPlease make this a priority.\n\nWith respect,",
		},
	],
} satisfies LetterDigestEmailProps;

export default LetterDigestEmail;
