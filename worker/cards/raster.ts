// Fills polygons with antialiasing into a one-channel image: for each edge, the signed area it
// covers in each pixel is added to an accumulation buffer, and a running sum along each row turns
// those into coverage (the method of font-rs and of stb_truetype's second rasterizer: exact area
// coverage, no supersampling). Overlaps of one outline add up to full coverage, holes cancel out.

export class Canvas {
	/** How opaque the ink is at each pixel, 0 to 1, row after row. */
	readonly ink: Float32Array;
	private readonly area: Float32Array;
	private top = Number.POSITIVE_INFINITY;
	private bottom = 0;

	constructor(
		readonly width: number,
		readonly height: number,
	) {
		this.ink = new Float32Array(width * height);
		this.area = new Float32Array(width * height + 2);
	}

	/** Adds one edge of a polygon, in pixels (y down); x is kept inside the canvas. */
	edge(ax: number, ay: number, bx: number, by: number): void {
		const maxX = this.width - 2;
		let x0 = Math.min(maxX, Math.max(0, ax));
		let y0 = ay;
		let x1 = Math.min(maxX, Math.max(0, bx));
		let y1 = by;
		if (y0 === y1) return;
		let dir = 1;
		if (y0 > y1) {
			[x0, x1, y0, y1, dir] = [x1, x0, y1, y0, -1];
		}
		const dxdy = (x1 - x0) / (y1 - y0);
		let x = x0;
		if (y0 < 0) x -= y0 * dxdy;
		const first = Math.max(0, Math.floor(y0));
		const last = Math.min(this.height, Math.ceil(y1));
		this.top = Math.min(this.top, first);
		this.bottom = Math.max(this.bottom, last);
		const a = this.area;
		for (let y = first; y < last; y++) {
			const row = y * this.width;
			const dy = Math.min(y + 1, y1) - Math.max(y, y0);
			const xnext = x + dxdy * dy;
			const d = dy * dir;
			const left = Math.min(x, xnext);
			const right = Math.max(x, xnext);
			const leftFloor = Math.floor(left);
			const li = leftFloor;
			const ri = Math.ceil(right);
			if (ri <= li + 1) {
				// Within one pixel column: split by the edge's mean position in it.
				const xmf = 0.5 * (x + xnext) - leftFloor;
				a[row + li] = (a[row + li] ?? 0) + d - d * xmf;
				a[row + li + 1] = (a[row + li + 1] ?? 0) + d * xmf;
			} else {
				const s = 1 / (right - left);
				const x0f = left - leftFloor;
				const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
				const x1f = right - ri + 1;
				const am = 0.5 * s * x1f * x1f;
				a[row + li] = (a[row + li] ?? 0) + d * a0;
				if (ri === li + 2) {
					a[row + li + 1] = (a[row + li + 1] ?? 0) + d * (1 - a0 - am);
				} else {
					const a1 = s * (1.5 - x0f);
					a[row + li + 1] = (a[row + li + 1] ?? 0) + d * (a1 - a0);
					for (let xi = li + 2; xi < ri - 1; xi++) a[row + xi] = (a[row + xi] ?? 0) + d * s;
					const a2 = a1 + (ri - li - 3) * s;
					a[row + ri - 1] = (a[row + ri - 1] ?? 0) + d * (1 - a2 - am);
				}
				a[row + ri] = (a[row + ri] ?? 0) + d * am;
			}
			x = xnext;
		}
	}

	/** Adds a closed polygon: flat [x0, y0, x1, y1, …] in pixels. */
	polygon(points: ArrayLike<number>): void {
		const n = points.length;
		for (let i = 0; i + 1 < n; i += 2) {
			const j = (i + 2) % n;
			this.edge(points[i] ?? 0, points[i + 1] ?? 0, points[j] ?? 0, points[j + 1] ?? 0);
		}
	}

	/** Lays what was added since the last time onto the ink, at this opacity, and starts afresh. */
	paint(opacity = 1): void {
		const a = this.area;
		const ink = this.ink;
		const from = this.top * this.width;
		const to = Math.min(this.bottom * this.width, ink.length);
		let sum = 0;
		for (let i = from; i < to; i++) {
			sum += a[i] ?? 0;
			const cover = Math.min(1, Math.abs(sum)) * opacity;
			if (cover > 0) ink[i] = (ink[i] ?? 0) + cover * (1 - (ink[i] ?? 0));
		}
		a.fill(0, from, Math.min(to + 2, a.length));
		this.top = Number.POSITIVE_INFINITY;
		this.bottom = 0;
	}

	/** A filled rectangle straight onto the ink (whole pixels). */
	rect(x: number, y: number, width: number, height: number, opacity = 1): void {
		for (let row = Math.max(0, y); row < Math.min(this.height, y + height); row++) {
			for (let col = Math.max(0, x); col < Math.min(this.width, x + width); col++) {
				const i = row * this.width + col;
				this.ink[i] = (this.ink[i] ?? 0) + opacity * (1 - (this.ink[i] ?? 0));
			}
		}
	}
}
