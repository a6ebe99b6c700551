import { Text } from "@react-email/components";
import { type CSSProperties, Fragment } from "react";
import { Isolate, styles } from "./layout";

/**
 * Splits a letter's plain-text body into paragraphs (at blank lines) of lines (at single line
 * breaks). Line endings are normalised, control characters dropped, trailing spaces trimmed and
 * empty paragraphs left out. The text itself is not changed otherwise: it is rendered as React
 * text, so it is escaped.
 */
export function letterParagraphs(body: string | undefined): string[][] {
	const text = (body ?? "")
		.replace(/\r\n?/g, "\n")
		.replace(/\u2029/g, "\n\n")
		.replace(/\u2028/g, "\n")
		// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
	return text
		.split(/\n[ \t]*\n/)
		.map((paragraph) =>
			paragraph
				.split("\n")
				.map((line) => line.trimEnd())
				.filter((line, i, lines) => line.trim() !== "" || (i > 0 && i < lines.length - 1)),
		)
		.filter((lines) => lines.some((line) => line.trim() !== ""));
}

/**
 * A letter's body as paragraphs with their line breaks, each paragraph in its own text direction
 * (a letter may be in another language than the email around it).
 */
export function LetterBody({ body }: { body: string }) {
	return (
		<>
			{letterParagraphs(body).map((lines, p) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, rendered once and never reordered
				<Text key={p} style={paragraph} dir="auto">
					{lines.map((line, i) => (
						// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, rendered once and never reordered
						<Fragment key={i}>
							{i > 0 ? <br /> : null}
							{line}
						</Fragment>
					))}
				</Text>
			))}
		</>
	);
}

/**
 * Whether a letter already ends with its writer's signature: the campaign's text usually closes
 * with `{writer_name} ({writer_country})`, and a writer may sign by hand. Then the email adds no
 * second one. Looks at the last paragraph only, ignoring case.
 */
export function endsSigned(body: string, name: string, country: string): boolean {
	const last = letterParagraphs(body).at(-1)?.join("\n").toLocaleLowerCase() ?? "";
	const own = (name || country).trim().toLocaleLowerCase();
	return own !== "" && last.includes(own);
}

/** "Name (Country)", each part isolated in its own direction; either part may be missing. */
export function WriterName({ name, country }: { name: string; country: string }) {
	if (!name) return country ? <Isolate>{country}</Isolate> : null;
	return (
		<>
			<Isolate>{name}</Isolate>
			{country ? (
				<>
					{" ("}
					<Isolate>{country}</Isolate>
					{")"}
				</>
			) : null}
		</>
	);
}

/**
 * Aligned to where the paragraph's own direction starts (an English letter inside an Arabic
 * email reads from the left). Clients that ignore `start` keep the email's alignment.
 */
const paragraph: CSSProperties = { ...styles.paragraph, textAlign: "start" };
