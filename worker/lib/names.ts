/**
 * Characters that change how a name reads without showing themselves: bidi embeddings,
 * overrides and isolates (U+202A–202E, U+2066–2069), zero-width spaces, joiners and marks
 * (U+200B–200F), the word joiner (U+2060) and the byte-order mark (U+FEFF). A zero-width joiner
 * between two emoji is kept: it is what makes 👩🏽‍⚕️ one picture, and hides nothing.
 */
const INVISIBLE =
	/(?<!\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)\u200D|\u200D(?!\p{Extended_Pictographic})|[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/** `@`, `<` and `>`, and their full-width and small look-alikes: what makes text read like an address. */
export const ADDRESS_SIGNS = /[@<>\uFF20\uFE6B\uFF1C\uFF1E\uFE64\uFE65]/u;

/** A name without invisible direction and zero-width characters. */
export function stripInvisible(name: string): string {
	return name.replace(INVISIBLE, "");
}

/** Whether a name carries a sign that would make it read like an email address. */
export function looksLikeAddress(name: string): boolean {
	return ADDRESS_SIGNS.test(name);
}
