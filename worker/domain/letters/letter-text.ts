import type { Commitment, LetterParagraph } from "../../../schema";

/** Commitments that still hold (a withdrawal ends one). */
export function liveInstruments(commitments: Pick<Commitment, "instrument" | "status">[]): Set<string> {
	return new Set(commitments.filter((c) => c.status !== "withdrawn").map((c) => c.instrument));
}

export interface MergeFields {
	/** The State's name in the letter's language. */
	state: string;
	writer_name: string;
	/** The writer's country, named in the letter's language. */
	writer_country: string;
}

/** Replaces {state}, {writer_name} and {writer_country}; other braces are left as written. */
export function merge(text: string, fields: MergeFields): string {
	return text.replace(/\{(state|writer_name|writer_country)\}/g, (_, key: keyof MergeFields) => fields[key]);
}

/**
 * The letter as a writer will send it to one State: the paragraphs whose conditions hold for
 * that State's commitments, merged, separated by blank lines.
 */
export function composeLetter(
	text: { subject: string; paragraphs: LetterParagraph[] },
	commitments: Pick<Commitment, "instrument" | "status">[],
	fields: MergeFields,
): { subject: string; body: string } {
	const live = liveInstruments(commitments);
	const body = text.paragraphs
		.filter((p) => !p.when || live.has(p.when.instrument) === p.when.has)
		.map((p) => merge(p.text, fields))
		.join("\n\n");
	return { subject: merge(text.subject, fields), body };
}

/** Letters are plain text: line breaks normalised, no control characters, no trailing spaces. */
export function cleanBody(body: string): string {
	return body
		.replace(/\r\n?/g, "\n")
		.replace(/\p{Cc}/gu, (ch) => (ch === "\n" || ch === "\t" ? ch : ""))
		.split("\n")
		.map((line) => line.trimEnd())
		.join("\n")
		.replace(/\n{3,}/g, "\n\n")
		.trim();
}

/** True when the text carries a link (a URL, or a www. address). */
export function hasLink(text: string): boolean {
	return /\bhttps?:\/\/|\bwww\.[^\s.]+\.[a-z]/i.test(text);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

function fnv1a64(s: string): bigint {
	let h = FNV_OFFSET;
	for (let i = 0; i < s.length; i++) {
		h ^= BigInt(s.charCodeAt(i));
		h = (h * FNV_PRIME) & MASK;
	}
	return h;
}

/**
 * SimHash of a text over its words, as 16 hex digits: near-identical texts get fingerprints a
 * few bits apart, whatever their length. Pass the writer's own details (name, country) to leave
 * them out: two copies of one text signed by different people are the same text.
 */
export function fingerprint(text: string, own: string[] = []): string {
	let normal = text.toLowerCase();
	for (const detail of own) if (detail.trim()) normal = normal.split(detail.toLowerCase()).join(" ");
	const shingles = normal
		.normalize("NFKD")
		.replace(/\p{M}/gu, "")
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	const weights = new Array<number>(64).fill(0);
	for (const shingle of shingles) {
		const h = fnv1a64(shingle);
		for (let bit = 0; bit < 64; bit++) weights[bit] = (weights[bit] ?? 0) + ((h >> BigInt(bit)) & 1n ? 1 : -1);
	}
	let out = 0n;
	for (let bit = 0; bit < 64; bit++) if ((weights[bit] ?? 0) > 0) out |= 1n << BigInt(bit);
	return out.toString(16).padStart(16, "0");
}

/** How many bits two fingerprints differ by. */
export function distance(a: string, b: string): number {
	let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
	let n = 0;
	while (x) {
		x &= x - 1n;
		n++;
	}
	return n;
}

/** Fingerprints this close or closer count as the same text. */
export const NEAR_IDENTICAL_BITS = 6;
