// Text set on a share card: Arabic letters joined (each in its contextual form, lam-alef as one
// ligature), lines broken at spaces, then put in visual order by the Unicode Bidirectional
// Algorithm (bidi-js), mirrored brackets included. Kerning and mark positioning are left out: at a
// card's sizes, titles read well without them.
import bidiFactory from "bidi-js";
import type { Face } from "./face";

const bidi = bidiFactory();

/** A line ready to draw: glyphs with their pen position, in font units from the line's left edge. */
export interface SetLine {
	glyphs: { glyph: number; x: number }[];
	width: number;
}

const TATWEEL = 0x0640;
const LAM = 0x0644;
const transparent = (ch: string) => /\p{Mn}/u.test(ch);

/** How a character joins its neighbours: dual (both sides), right (the one before it only), or not. */
function joining(face: Face, cp: number): "dual" | "right" | "none" {
	if (cp === TATWEEL) return "dual";
	const forms = face.forms.get(cp);
	if (!forms) return "none";
	return forms[2] >= 0 ? "dual" : "right";
}

/** Glyph clusters in logical order: at each base character's index, its glyph then its marks'. */
function shape(face: Face, text: string, mirrored: Map<number, string>): (number[] | undefined)[] {
	const chars = [...text];
	// Work on UTF-16 indices, as bidi-js does: one code point may take two.
	const indices: number[] = [];
	let at = 0;
	for (const ch of chars) {
		indices.push(at);
		at += ch.length;
	}
	const cps = chars.map((ch, i) => (mirrored.get(indices[i] ?? 0) ?? ch).codePointAt(0) ?? 0);
	const neighbour = (i: number, step: 1 | -1) => {
		for (let j = i + step; j >= 0 && j < chars.length; j += step) {
			if (!transparent(chars[j] ?? "")) return j;
		}
		return -1;
	};
	const clusters: (number[] | undefined)[] = new Array(text.length);
	let base = -1;
	let skip = -1;
	const fallback = face.glyphOf(0xfffd) ?? face.glyphOf(0x3f);
	for (let i = 0; i < chars.length; i++) {
		const cp = cps[i] ?? 0;
		const index = indices[i] ?? 0;
		if (i === skip) continue;
		if (transparent(chars[i] ?? "") && base >= 0) {
			const mark = face.glyphOf(cp);
			if (mark !== undefined) clusters[base]?.push(mark);
			continue;
		}
		const prev = neighbour(i, -1);
		const next = neighbour(i, 1);
		const type = joining(face, cp);
		const joinsBefore = type !== "none" && prev >= 0 && joining(face, cps[prev] ?? 0) === "dual";
		const nextType = next >= 0 ? joining(face, cps[next] ?? 0) : "none";
		let glyph: number | undefined;
		const ligature = cp === LAM && next >= 0 ? face.lamAlef.get(cps[next] ?? 0) : undefined;
		if (ligature) {
			glyph = ligature[joinsBefore ? 1 : 0];
			skip = next;
		} else {
			const forms = face.forms.get(cp);
			const joinsAfter = type === "dual" && nextType !== "none";
			if (forms) {
				const form = joinsBefore ? (joinsAfter ? forms[3] : forms[1]) : joinsAfter ? forms[2] : forms[0];
				glyph = form >= 0 ? form : forms[0];
			}
		}
		glyph = glyph !== undefined && glyph >= 0 ? glyph : (face.glyphOf(cp) ?? fallback);
		base = index;
		clusters[index] = glyph === undefined ? [] : [glyph];
	}
	return clusters;
}

/** One line of text, shaped and in visual order. `rtl`: the paragraph's direction. */
export function setLine(face: Face, text: string, rtl: boolean): SetLine {
	const levels = bidi.getEmbeddingLevels(text, rtl ? "rtl" : "ltr");
	const clusters = shape(face, text, bidi.getMirroredCharactersMap(text, levels.levels));
	const order = bidi.getReorderedIndices(text, levels);
	const glyphs: SetLine["glyphs"] = [];
	let x = 0;
	for (const index of order) {
		for (const glyph of clusters[index] ?? []) {
			glyphs.push({ glyph, x });
			x += face.advance(glyph);
		}
	}
	return { glyphs, width: x };
}

/**
 * Breaks text into lines no wider than `width` (font units), at most `max` of them: the last one
 * ends with an ellipsis when the text does not fit. A word wider than a line is cut.
 */
export function breakLines(face: Face, text: string, rtl: boolean, width: number, max: number): string[] {
	const fits = (s: string) => setLine(face, s, rtl).width <= width;
	const lines: string[] = [];
	let line = "";
	for (const word of text.trim().split(/\s+/)) {
		const tried = line ? `${line} ${word}` : word;
		if (fits(tried)) {
			line = tried;
			continue;
		}
		if (line) lines.push(line);
		line = word;
		while (!fits(line) && line.length > 1) {
			let cut = line.length - 1;
			while (cut > 1 && !fits(line.slice(0, cut))) cut--;
			lines.push(line.slice(0, cut));
			line = line.slice(cut);
		}
	}
	if (line) lines.push(line);
	if (lines.length <= max) return lines;
	return [...lines.slice(0, max - 1), ellipsis(face, lines.slice(max - 1).join(" "), rtl, width)];
}

function ellipsis(face: Face, text: string, rtl: boolean, width: number): string {
	let cut = text.length;
	while (cut > 0 && setLine(face, `${text.slice(0, cut).trimEnd()}…`, rtl).width > width) cut--;
	return `${text.slice(0, cut).trimEnd()}…`;
}
