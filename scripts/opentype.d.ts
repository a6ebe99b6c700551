// opentype.js ships no types: what scripts/build-cards.ts uses of it.
declare module "opentype.js" {
	export interface PathCommand {
		type: "M" | "L" | "Q" | "C" | "Z";
		x?: number;
		y?: number;
		x1?: number;
		y1?: number;
		x2?: number;
		y2?: number;
	}
	interface Glyph {
		advanceWidth?: number;
		getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
	}
	interface Font {
		unitsPerEm: number;
		ascender: number;
		descender: number;
		tables: { cmap: { glyphIndexMap: Record<string, number> } };
		glyphs: { get(index: number): Glyph };
	}
	const opentype: { parse(buffer: ArrayBuffer): Font };
	export default opentype;
}
