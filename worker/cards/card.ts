// The share card of a petition or a letter campaign (Open Graph image, 1200 × 630): the
// campaign's colour, its name, the title in large type, the count (and for a petition its
// progress to the goal), and the engine's address. White on the colour, in the page's language and
// direction; drawn from the type in the Worker's static assets (face.ts), as a PNG (png.ts).
import { type Face, loadFace } from "./face";
import { encodePng } from "./png";
import { Canvas } from "./raster";
import { breakLines, setLine } from "./text";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** The campaign's colour, as on its pages and widget. */
export const CAMPAIGN_COLOUR = "#b3001b";
const INK = "#ffffff";
const MARGIN = 72;

/** The address of a card (worker/pages/cards.ts), from PUBLIC_URL. */
export function cardUrl(publicUrl: string, kind: "p" | "l", slug: string, locale: string): string {
	return `${publicUrl}/${kind}/${slug}/card/${locale}.png`;
}

export interface CardText {
	/** The title, and whether it reads right to left (its own language's direction). */
	title: { text: string; rtl: boolean };
	/** The count, e.g. "12,345 signatures", in the card's language. */
	count: string;
	/** For a petition: its goal, e.g. "Goal 100,000", set against the count's other end. */
	goal?: string;
	/** For a petition: how far it is to its goal, 0 to 1. */
	progress?: number;
	/** The card's language reads right to left: everything starts at the right. */
	rtl: boolean;
	/** The engine's address, shown at the foot (its host). */
	site: string;
	/** The campaign's name, shown at the head. */
	campaign: string;
}

/** Draws one line of text with its first glyph's edge at `x` (or its end, right-aligned) and baseline `y`. */
function draw(
	canvas: Canvas,
	face: Face,
	text: string,
	rtl: boolean,
	size: number,
	at: { x: number; y: number; end?: boolean },
) {
	const line = setLine(face, text, rtl);
	const scale = size / face.unitsPerEm;
	const left = at.end ? at.x - line.width * scale : at.x;
	for (const { glyph, x } of line.glyphs) {
		const outline = face.outline(glyph);
		if (!outline) continue;
		const ox = left + x * scale;
		let i = 1;
		for (let n = outline[0] ?? 0; n > 0; n--) {
			const points = outline[i] ?? 0;
			const polygon = new Float32Array(points * 2);
			for (let p = 0; p < points; p++) {
				polygon[p * 2] = ox + (outline[i + 1 + p * 2] ?? 0) * scale;
				polygon[p * 2 + 1] = at.y + (outline[i + 2 + p * 2] ?? 0) * scale;
			}
			canvas.polygon(polygon);
			i += 1 + points * 2;
		}
	}
	return line.width * scale;
}

/** Title sizes tried in turn, largest first, until the title fits in the lines that size leaves room for. */
const TITLE_SIZES = [72, 60, 50, 42];
/** The title's room: from below the campaign's name to above the count. */
const TITLE_TOP = 176;
const TITLE_ROOM = 220;

export async function renderCard(assets: Fetcher, text: CardText): Promise<Uint8Array> {
	const [bold, regular] = await Promise.all([loadFace(assets, 700), loadFace(assets, 400)]);
	const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT);
	const inner = CARD_WIDTH - 2 * MARGIN;
	const start = text.rtl ? CARD_WIDTH - MARGIN : MARGIN;
	const line = (face: Face, s: string, rtl: boolean, size: number, y: number, opacity: number) => {
		draw(canvas, face, s, rtl, size, { x: start, y, end: text.rtl });
		canvas.paint(opacity);
	};

	line(bold, text.campaign, text.rtl, 32, MARGIN + 32, 0.9);
	canvas.rect(text.rtl ? CARD_WIDTH - MARGIN - 64 : MARGIN, MARGIN + 52, 64, 6, 0.9);

	// Arabic stands taller and reaches lower than Latin: its lines need more room.
	const leading = text.title.rtl ? 1.4 : 1.2;
	let size = TITLE_SIZES[0] ?? 72;
	let lines: string[] = [];
	for (const s of TITLE_SIZES) {
		size = s;
		const room = Math.max(1, Math.floor((TITLE_ROOM - s) / (s * leading)) + 1);
		lines = breakLines(bold, text.title.text, text.title.rtl, (inner * bold.unitsPerEm) / s, room);
		if (!lines.at(-1)?.endsWith("…")) break;
	}
	let y = TITLE_TOP + size;
	for (const l of lines) {
		line(bold, l, text.title.rtl, size, y, 1);
		y += Math.round(size * leading);
	}

	const countY = CARD_HEIGHT - MARGIN - 88;
	line(bold, text.count, text.rtl, 40, countY, 1);
	if (text.goal) {
		draw(canvas, regular, text.goal, text.rtl, 32, {
			x: text.rtl ? MARGIN : CARD_WIDTH - MARGIN,
			y: countY,
			end: !text.rtl,
		});
		canvas.paint(0.9);
	}
	if (text.progress !== undefined) {
		const barY = countY + 24;
		canvas.rect(MARGIN, barY, inner, 14, 0.3);
		const done = Math.round(inner * Math.min(1, Math.max(0, text.progress)));
		canvas.rect(text.rtl ? CARD_WIDTH - MARGIN - done : MARGIN, barY, done, 14, 1);
	}
	line(regular, text.site, false, 28, CARD_HEIGHT - MARGIN + 8, 0.85);
	return encodePng(CARD_WIDTH, CARD_HEIGHT, canvas.ink, CAMPAIGN_COLOUR, INK);
}
