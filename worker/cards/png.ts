// A card as a PNG: one ink colour over one background, so an 8-bit palette of the 256 blends
// between them, compressed by the runtime's own zlib (CompressionStream "deflate" is the zlib
// format PNG's IDAT holds). Chunks per the PNG specification (ISO/IEC 15948), CRC-32 included.

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
	return out;
}

/** "#rrggbb" as [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
	const n = Number.parseInt(hex.replace(/^#/, ""), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate"));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Encodes ink (0 to 1 per pixel) as `ink` colour over `background`. */
export async function encodePng(
	width: number,
	height: number,
	ink: Float32Array,
	background: string,
	inkColour: string,
): Promise<Uint8Array> {
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header.set([8, 3, 0, 0, 0], 8); // 8 bits, palette, deflate, adaptive filtering, no interlace
	const [br, bg, bb] = rgb(background);
	const [ir, ig, ib] = rgb(inkColour);
	const palette = new Uint8Array(256 * 3);
	for (let i = 0; i < 256; i++) {
		const t = i / 255;
		palette.set([br + (ir - br) * t, bg + (ig - bg) * t, bb + (ib - bb) * t].map(Math.round), i * 3);
	}
	// Each row: filter type 0 (none), then one palette index per pixel.
	const raw = new Uint8Array((width + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width + 1);
		for (let x = 0; x < width; x++) raw[row + 1 + x] = Math.round((ink[y * width + x] ?? 0) * 255);
	}
	const parts = [
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", header),
		chunk("PLTE", palette),
		chunk("IDAT", await deflate(raw)),
		chunk("IEND", new Uint8Array(0)),
	];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
