// A face of the share cards' type, as scripts/build-cards.ts writes it: a JSON header (metrics,
// advances, characters, Arabic forms), then every glyph's outline as polygons of int16 font
// units. Read from the ASSETS binding once per isolate: no font parser in the Worker.

export interface Face {
	unitsPerEm: number;
	ascender: number;
	descender: number;
	/** The glyph that draws a character, if the face has one. */
	glyphOf(cp: number): number | undefined;
	advance(glyph: number): number;
	/** The glyph's polygons: [count, then per polygon: points, x0, y0, x1, y1, …], or none. */
	outline(glyph: number): Int16Array | undefined;
	/** An Arabic letter's glyphs: isolated, final, initial, medial (-1: no such form). */
	forms: Map<number, [number, number, number, number]>;
	/** Lam followed by this alef: its isolated and final ligatures. */
	lamAlef: Map<number, [number, number]>;
}

/** The header of a face file (scripts/build-cards.ts writes it), then its outlines. */
export interface FaceHeader {
	unitsPerEm: number;
	ascender: number;
	descender: number;
	/** [advance, offset of its outline in the data (int16 units), or -1 for none] per glyph. */
	glyphs: [number, number][];
	/** Flat [code point, glyph, code point, glyph, …]. */
	cmap: number[];
	/** Arabic letters: [code point, isolated, final, initial, medial] glyphs (-1: no such form). */
	forms: number[][];
	/** Lam followed by an alef: [alef's code point, isolated ligature, final ligature] glyphs. */
	lamAlef: number[][];
}

export function readFace(bytes: ArrayBuffer): Face {
	const length = new DataView(bytes).getUint32(0, true);
	const header = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, length))) as FaceHeader;
	const start = 4 + Math.ceil(length / 4) * 4;
	// Little-endian, as the build wrote it and as every Workers host reads it.
	const data = new Int16Array(bytes, start, (bytes.byteLength - start) / 2);
	const cmap = new Map<number, number>();
	for (let i = 0; i + 1 < header.cmap.length; i += 2) cmap.set(header.cmap[i] ?? 0, header.cmap[i + 1] ?? 0);
	const forms = new Map<number, [number, number, number, number]>();
	for (const [cp = 0, isol = -1, fina = -1, init = -1, medi = -1] of header.forms)
		forms.set(cp, [isol, fina, init, medi]);
	const lamAlef = new Map<number, [number, number]>();
	for (const [cp = 0, isol = -1, fina = -1] of header.lamAlef) lamAlef.set(cp, [isol, fina]);
	return {
		unitsPerEm: header.unitsPerEm,
		ascender: header.ascender,
		descender: header.descender,
		glyphOf: (cp) => cmap.get(cp),
		advance: (glyph) => header.glyphs[glyph]?.[0] ?? 0,
		outline(glyph) {
			const offset = header.glyphs[glyph]?.[1] ?? -1;
			if (offset < 0) return undefined;
			let end = offset + 1;
			for (let n = data[offset] ?? 0; n > 0; n--) end += 1 + 2 * (data[end] ?? 0);
			return data.subarray(offset, end);
		},
		forms,
		lamAlef,
	};
}

export type Weight = 400 | 700;

const faces = new Map<Weight, Promise<Face>>();

/** The face of a weight, read from the Worker's static assets once per isolate. */
export function loadFace(assets: Fetcher, weight: Weight): Promise<Face> {
	let face = faces.get(weight);
	if (!face) {
		face = assets.fetch(`https://assets.invalid/cards/face-${weight}.bin`).then(async (response) => {
			if (!response.ok) throw new Error(`cards: no face ${weight} in the assets (${response.status})`);
			return readFace(await response.arrayBuffer());
		});
		// A failed read is tried again on the next card, not remembered.
		face.catch(() => faces.delete(weight));
		faces.set(weight, face);
	}
	return face;
}
