// Share cards: the Open Graph image of each petition and letter campaign, in each language, drawn
// by the engine from the type in its static assets (the real ASSETS binding), cached under what it
// shows, and named by the pages' Open Graph tags.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH } from "../../worker/cards/card";
import { loadFace } from "../../worker/cards/face";
import { Canvas } from "../../worker/cards/raster";
import { setLine } from "../../worker/cards/text";
import { locales } from "../../worker/i18n/locales";
import { ENGINE, request } from "../helpers";

/** A card's pixels as palette indices (0: the campaign's colour, 255: white ink), from its PNG. */
async function pixels(
	png: Uint8Array,
): Promise<{ width: number; height: number; at: (x: number, y: number) => number }> {
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	let width = 0;
	let height = 0;
	const idat: Uint8Array[] = [];
	for (let at = 8; at < png.length; ) {
		const length = view.getUint32(at);
		const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
		const data = png.subarray(at + 8, at + 8 + length);
		if (type === "IHDR") {
			width = view.getUint32(at + 8);
			height = view.getUint32(at + 12);
			expect([...data.subarray(8)]).toEqual([8, 3, 0, 0, 0]);
		}
		if (type === "IDAT") idat.push(data);
		at += 12 + length;
	}
	const stream = new Blob(idat).stream().pipeThrough(new DecompressionStream("deflate"));
	const raw = new Uint8Array(await new Response(stream).arrayBuffer());
	expect(raw.length).toBe((width + 1) * height);
	return { width, height, at: (x, y) => raw[y * (width + 1) + 1 + x] ?? -1 };
}

async function card(path: string) {
	const res = await request(path);
	expect(res.status).toBe(200);
	expect(res.headers.get("content-type")).toBe("image/png");
	return new Uint8Array(await res.arrayBuffer());
}

/** The leftmost and rightmost columns with ink in a band of rows. */
async function inkSpan(png: Uint8Array, top: number, bottom: number) {
	const image = await pixels(png);
	let left = image.width;
	let right = -1;
	for (let y = top; y < bottom; y++) {
		for (let x = 0; x < image.width; x++) {
			if (image.at(x, y) > 128) {
				left = Math.min(left, x);
				right = Math.max(right, x);
			}
		}
	}
	return { left, right };
}

/** Sets the petition's total, as the counters the signatures keep would. */
const setCount = (n: number) =>
	env.DB.prepare(
		"INSERT INTO signature_counts (petition_id, country, count) SELECT id, '', ? FROM petitions WHERE slug = 'call-to-action' ON CONFLICT (petition_id, country) DO UPDATE SET count = excluded.count",
	)
		.bind(n)
		.run();

describe("share cards", () => {
	it("draws a petition's card in every language: 1200 × 630, white type on the campaign's colour", async () => {
		for (const locale of locales) {
			const image = await pixels(await card(`/p/call-to-action/card/${locale}.png`));
			expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
			// The corners are the campaign's colour; the title's rows carry ink.
			expect([image.at(0, 0), image.at(CARD_WIDTH - 1, CARD_HEIGHT - 1)]).toEqual([0, 0]);
			const inked = Array.from({ length: 200 }, (_, i) => image.at(72 + i * 5, 228)).filter((v) => v > 200);
			expect(inked.length, locale).toBeGreaterThan(0);
		}
	});

	it("sets an Arabic card from the right, an English one from the left", async () => {
		const en = await inkSpan(await card("/p/call-to-action/card/en.png"), 180, 260);
		const ar = await inkSpan(await card("/p/call-to-action/card/ar.png"), 180, 260);
		expect(en.left).toBeGreaterThanOrEqual(72);
		expect(en.left).toBeLessThan(80);
		expect(ar.right).toBeLessThanOrEqual(CARD_WIDTH - 72);
		expect(ar.right).toBeGreaterThan(CARD_WIDTH - 80);
	});

	it("shows the count it is asked at: a new count is a new card, the same count the same one", async () => {
		await setCount(1234);
		const first = await card("/p/call-to-action/card/fr.png");
		const again = await card("/p/call-to-action/card/fr.png");
		expect(again).toEqual(first);
		await setCount(8765);
		const later = await card("/p/call-to-action/card/fr.png");
		expect(later).not.toEqual(first);
		// The progress bar's filled part grows with the count (the seed's goal is 10,000).
		const bar = async (png: Uint8Array) => {
			const image = await pixels(png);
			let filled = 0;
			for (let x = 72; x < CARD_WIDTH - 72; x++) if (image.at(x, CARD_HEIGHT - 72 - 88 + 30) > 250) filled++;
			return filled;
		};
		expect(await bar(later)).toBeGreaterThan(await bar(first));
	});

	it("draws a letter campaign's card", async () => {
		const image = await pixels(await card("/l/write-to-your-state/card/uk.png"));
		expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
	});

	it("answers 404 in the error shape for an unknown campaign or language, or another file", async () => {
		for (const path of [
			"/p/no-such-petition/card/en.png",
			"/l/no-such-campaign/card/en.png",
			"/p/call-to-action/card/xx.png",
			"/p/call-to-action/card/EN.png",
			"/p/call-to-action/card/en.jpg",
		]) {
			const res = await request(path);
			expect(res.status, path).toBe(404);
			expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
		}
	});

	it("is named by the petition's and the letter campaign's pages, in their language", async () => {
		const page = await (await request("/p/call-to-action?locale=es")).text();
		expect(page).toContain(`<meta property="og:image" content="${ENGINE}/p/call-to-action/card/es.png"`);
		expect(page).toContain('<meta name="twitter:card" content="summary_large_image"');
		const letter = await (await request("/l/write-to-your-state?locale=ar")).text();
		expect(letter).toContain(`<meta property="og:image" content="${ENGINE}/l/write-to-your-state/card/ar.png"`);
	});
});

describe("the cards' type", () => {
	it("joins Arabic letters in their contextual forms, lam-alef as one ligature, in visual order", async () => {
		const face = await loadFace(env.ASSETS, 700);
		// سلام: seen (initial), lam-alef (final ligature), meem (isolated); drawn right to left.
		const line = setLine(face, "سلام", true);
		const expected = [0xfee1, 0xfefc, 0xfeb3].map((cp) => face.glyphOf(cp));
		expect(line.glyphs.map((g) => g.glyph)).toEqual(expected);
		// Brackets mirror in a right-to-left line; a Latin word inside keeps its own order.
		const mixed = setLine(face, "(CRSV)", true);
		expect(mixed.glyphs.map((g) => g.glyph)).toEqual(
			["(", "C", "R", "S", "V", ")"].map((c) => face.glyphOf(c.charCodeAt(0))),
		);
	});

	it("sets Latin and Cyrillic left to right, one glyph per letter", async () => {
		const face = await loadFace(env.ASSETS, 400);
		const line = setLine(face, "Мета 1", false);
		expect(line.glyphs.map((g) => g.glyph)).toEqual([..."Мета 1"].map((c) => face.glyphOf(c.charCodeAt(0))));
		expect(line.width).toBeGreaterThan(0);
	});

	it("fills a polygon with exact coverage at its edges", () => {
		const canvas = new Canvas(20, 10);
		canvas.polygon([2, 2, 10.5, 2, 10.5, 6, 2, 6]);
		canvas.paint();
		const at = (x: number, y: number) => canvas.ink[y * 20 + x] ?? -1;
		expect(at(5, 3)).toBeCloseTo(1);
		expect(at(10, 3)).toBeCloseTo(0.5);
		expect(at(1, 3)).toBeCloseTo(0);
		expect(at(5, 7)).toBeCloseTo(0);
		expect(at(12, 3)).toBeCloseTo(0);
	});
});
