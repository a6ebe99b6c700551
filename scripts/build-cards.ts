// Builds the type the share cards are drawn with (worker/cards): Noto Sans and Noto Sans Arabic
// (@fontsource's WOFF files, SIL Open Font License), read once here with opentype.js and written
// as two faces (bold and regular) the Worker reads without a font parser: each glyph's outline
// flattened to polygons in font units, its advance, the characters it draws, and for Arabic the
// contextual forms of each letter. Those forms come from Unicode itself: the font's glyphs for
// the Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF), grouped by the letter they
// normalise to (NFKC) in the order Unicode lists them: isolated, final, initial, medial.
//
// The faces are static assets (worker/cards/dist, the [assets] of wrangler.toml), not code: they
// do not count in the Worker's bundle. Run by wrangler's [build], the tests' global setups and the
// bench, like scripts/build-map.ts. Prints the faces' sizes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import opentype, { type PathCommand } from "opentype.js";
import type { FaceHeader } from "../worker/cards/face.ts";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The [assets] directory of wrangler.toml. */
export const cardAssetsDir = join(root, "worker", "cards", "dist");

/** Font units a flattened curve may stray from the true one (1000 units to the em: 0.3 px at the title's 72 px). */
const TOLERANCE = 4;

/** Subsets, first wins for a character: Latin and Cyrillic from Noto Sans, Arabic from Noto Sans Arabic. */
const SOURCES = [
	["noto-sans", "latin"],
	["noto-sans", "latin-ext"],
	["noto-sans", "cyrillic"],
	["noto-sans-arabic", "arabic"],
] as const;

/**
 * Characters taken from a subset: all of them, but for Arabic only its letters and their forms
 * (not the hundreds of presentation ligatures in U+FC00–U+FDFF, which nothing here draws).
 */
const wanted = (family: string, cp: number) =>
	family !== "noto-sans-arabic" || (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0xfb50 && cp <= 0xfbff) || cp >= 0xfe70;

export const CARD_WEIGHTS = [400, 700] as const;

function loadFont(family: string, subset: string, weight: number) {
	const file = require.resolve(`@fontsource/${family}/files/${family}-${subset}-${weight}-normal.woff`);
	const buffer = readFileSync(file);
	return opentype.parse(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}

/**
 * Steps to cut a curve into so that no chord strays more than TOLERANCE from it, from the curve's
 * second differences (the bound of a quadratic's or cubic's flattening error).
 */
function steps(points: number[], cubic: boolean): number {
	let d = 0;
	for (let i = 0; i + 5 < points.length; i += 2) {
		const ddx = (points[i] ?? 0) - 2 * (points[i + 2] ?? 0) + (points[i + 4] ?? 0);
		const ddy = (points[i + 1] ?? 0) - 2 * (points[i + 3] ?? 0) + (points[i + 5] ?? 0);
		d = Math.max(d, Math.hypot(ddx, ddy));
	}
	const bound = cubic ? (3 * d) / 4 : d / 4;
	return Math.max(1, Math.min(16, Math.ceil(Math.sqrt(bound / TOLERANCE))));
}

/** A glyph's outline as closed polygons, y pointing down (as on the card), in whole font units. */
function polygons(commands: PathCommand[]): number[][] {
	const out: number[][] = [];
	let current: number[] = [];
	let x = 0;
	let y = 0;
	const to = (nx: number, ny: number) => {
		current.push(Math.round(nx), Math.round(ny));
		x = nx;
		y = ny;
	};
	for (const c of commands) {
		const cx = c.x ?? 0;
		const cy = c.y ?? 0;
		if (c.type === "M") {
			if (current.length >= 6) out.push(current);
			current = [];
			to(cx, cy);
		} else if (c.type === "L") to(cx, cy);
		else if (c.type === "Q") {
			const [x0, y0, x1, y1] = [x, y, c.x1 ?? 0, c.y1 ?? 0];
			const n = steps([x0, y0, x1, y1, cx, cy], false);
			for (let i = 1; i <= n; i++) {
				const t = i / n;
				const u = 1 - t;
				to(u * u * x0 + 2 * u * t * x1 + t * t * cx, u * u * y0 + 2 * u * t * y1 + t * t * cy);
			}
		} else if (c.type === "C") {
			const [x0, y0, x1, y1, x2, y2] = [x, y, c.x1 ?? 0, c.y1 ?? 0, c.x2 ?? 0, c.y2 ?? 0];
			const n = steps([x0, y0, x1, y1, x2, y2, cx, cy], true);
			for (let i = 1; i <= n; i++) {
				const t = i / n;
				const u = 1 - t;
				to(
					u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * cx,
					u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * cy,
				);
			}
		} else if (c.type === "Z") {
			if (current.length >= 6) out.push(current);
			current = [];
		}
	}
	if (current.length >= 6) out.push(current);
	return out;
}

/** Builds one face: every character of the subsets, with its outline. */
export function buildFace(weight: number): { header: FaceHeader; data: Int16Array } {
	const glyphs: [number, number][] = [];
	const data: number[] = [];
	const byChar = new Map<number, number>();
	let metrics: { unitsPerEm: number; ascender: number; descender: number } | undefined;
	for (const [family, subset] of SOURCES) {
		const font = loadFont(family, subset, weight);
		if (!metrics && family === "noto-sans") {
			metrics = { unitsPerEm: font.unitsPerEm, ascender: font.ascender, descender: font.descender };
		}
		if (metrics && font.unitsPerEm !== metrics.unitsPerEm)
			throw new Error(`cards: ${family} is not ${metrics.unitsPerEm} units to the em`);
		const fromGlyph = new Map<number, number>();
		const map = font.tables.cmap.glyphIndexMap as Record<string, number>;
		for (const [key, index] of Object.entries(map)) {
			const cp = Number(key);
			if (byChar.has(cp) || !wanted(family, cp)) continue;
			let ours = fromGlyph.get(index);
			if (ours === undefined) {
				const glyph = font.glyphs.get(index);
				const shapes = polygons(glyph.getPath(0, 0, font.unitsPerEm).commands);
				let offset = -1;
				if (shapes.length > 0) {
					offset = data.length;
					data.push(shapes.length);
					for (const shape of shapes) data.push(shape.length / 2, ...shape);
				}
				ours = glyphs.length;
				glyphs.push([Math.round(glyph.advanceWidth ?? 0), offset]);
				fromGlyph.set(index, ours);
			}
			byChar.set(cp, ours);
		}
	}
	if (!metrics) throw new Error("cards: no Noto Sans");

	// Arabic contextual forms, from the presentation forms the font draws.
	const forms = new Map<number, number[]>();
	const lamAlef: number[][] = [];
	const ranges: [number, number][] = [
		[0xfe70, 0xfeff],
		[0xfb50, 0xfdff],
	];
	for (const [from, to] of ranges) {
		let cp = from;
		while (cp <= to) {
			const base = String.fromCodePoint(cp).normalize("NFKC");
			let end = cp;
			while (end + 1 <= to && String.fromCodePoint(end + 1).normalize("NFKC") === base) end++;
			const group = [];
			for (let c = cp; c <= end; c++) group.push(byChar.get(c) ?? -1);
			const letters = [...base].map((ch) => ch.codePointAt(0) ?? 0);
			const arabic = letters.every((c) => c >= 0x0600 && c <= 0x06ff);
			if (arabic && letters.length === 1 && !forms.has(letters[0] ?? 0) && (group.length === 2 || group.length === 4)) {
				const [isol = -1, fina = -1, init = -1, medi = -1] = group;
				forms.set(letters[0] ?? 0, [letters[0] ?? 0, isol, fina, init, medi]);
			} else if (arabic && letters.length === 2 && letters[0] === 0x0644 && group.length === 2) {
				if (!lamAlef.some((l) => l[0] === letters[1])) lamAlef.push([letters[1] ?? 0, group[0] ?? -1, group[1] ?? -1]);
			}
			cp = end + 1;
		}
	}
	const cmap = [...byChar.entries()].sort((a, b) => a[0] - b[0]).flat();
	return {
		header: { ...metrics, glyphs, cmap, forms: [...forms.values()], lamAlef },
		data: Int16Array.from(data),
	};
}

/** A face as the Worker reads it: header length (uint32), header JSON, padding to 4 bytes, outlines. */
export function faceFile(face: { header: FaceHeader; data: Int16Array }): Uint8Array {
	const header = new TextEncoder().encode(JSON.stringify(face.header));
	const start = 4 + Math.ceil(header.length / 4) * 4;
	const out = new Uint8Array(start + face.data.byteLength);
	new DataView(out.buffer).setUint32(0, header.length, true);
	out.set(header, 4);
	const body = new DataView(out.buffer, start);
	face.data.forEach((v, i) => {
		body.setInt16(i * 2, v, true);
	});
	return out;
}

export const facePath = (weight: number) => join(cardAssetsDir, "cards", `face-${weight}.bin`);

/** Writes both faces (only when they changed): sizes in bytes. */
export function buildCards(): { weight: number; bytes: number; glyphs: number; chars: number }[] {
	return CARD_WEIGHTS.map((weight) => {
		const face = buildFace(weight);
		const file = faceFile(face);
		const path = facePath(weight);
		let current: Uint8Array | undefined;
		try {
			current = readFileSync(path);
		} catch {
			// First build.
		}
		if (!current || Buffer.compare(Buffer.from(current), Buffer.from(file)) !== 0) {
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, file);
		}
		return { weight, bytes: file.length, glyphs: face.header.glyphs.length, chars: face.header.cmap.length / 2 };
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	for (const f of buildCards()) {
		console.log(
			`cards: face ${f.weight}: ${f.chars} characters, ${f.glyphs} glyphs, ${(f.bytes / 1024).toFixed(0)} KB`,
		);
	}
}
