// Builds the world map that /states and the console draw: Natural Earth boundaries (world-atlas,
// 1:110m) projected once here (Equal Earth), simplified and rounded to whole units of a
// 1000-wide viewBox, one path per State of the directory (scripts/seed/states.ts). A State too
// small to see at that scale gets a dot over its shape, and one absent from it a dot at its
// centroid, taken from the finer 1:10m dataset: all 195 States have a mark to find and press. Land that is no State of the
// directory (Western Sahara, Kosovo, Taiwan…) is drawn as one unlinked grey path for context.
// Writes worker/pages/map/dist/world.js (not in git), run by wrangler's [build], the tests'
// global setups and the bench, like scripts/build-widget.ts. Prints the gzipped size.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import { presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";
import worldCountries from "world-countries";
import { stateSeeds } from "./seed/states.ts";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const mapOutput = join(root, "worker", "pages", "map", "dist", "world.js");

/** What the map may add to the Worker: gzipped bytes. */
export const MAP_BUDGET_BYTES = 15 * 1024;

/** The viewBox: 1000 wide, the height Equal Earth needs without Antarctica. */
const WIDTH = 1000;
/** A State whose shape is narrower and shorter than this (units) also gets a dot, to find and press. */
const MIN_SIDE = 10;
/** Topology-preserving simplification: drop points whose triangle is under this (square degrees). */
const SIMPLIFY = 0.1;
const DOT_RADIUS = 5;

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

function load(file: string): Countries {
	return JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), "utf8")) as Countries;
}

/** Serialises a projected path with whole-unit relative moves: small, and gzip likes repeats. */
class RelativePath {
	out = "";
	private x = 0;
	private y = 0;
	private startX = 0;
	private startY = 0;
	private points = 0;
	private ring = "";
	private last = "";
	moveTo(x: number, y: number) {
		this.flush();
		const rx = Math.round(x);
		const ry = Math.round(y);
		this.ring = `M${rx} ${ry}`;
		this.x = rx;
		this.y = ry;
		this.startX = rx;
		this.startY = ry;
		this.points = 1;
	}
	lineTo(x: number, y: number) {
		const rx = Math.round(x);
		const ry = Math.round(y);
		const dx = rx - this.x;
		const dy = ry - this.y;
		if (dx === 0 && dy === 0) return;
		// After the first "l", SVG repeats the command implicitly: only the numbers follow.
		const pair = `${dx}${dy < 0 ? "" : " "}${dy}`;
		this.last = this.points === 1 ? `l${pair}` : `${dx < 0 ? "" : " "}${pair}`;
		this.ring += this.last;
		this.x = rx;
		this.y = ry;
		this.points++;
	}
	closePath() {
		// "z" draws the closing segment itself.
		if (this.x === this.startX && this.y === this.startY && this.points > 1) {
			this.ring = this.ring.slice(0, -this.last.length);
			this.points--;
		}
		this.ring += "z";
		this.flush();
	}
	beginPath() {}
	arc() {}
	rect() {}
	/** A ring that rounds to fewer than three distinct points is dropped: it would draw nothing. */
	private flush() {
		if (this.ring && this.points >= 3) this.out += this.ring;
		this.ring = "";
		this.points = 0;
	}
}

export interface MapState {
	iso2: string;
	/** The path, when the State shows as a shape at this scale. */
	d?: string;
	/** Where its dot goes, when its shape is tiny or absent at this scale. */
	dot?: [number, number];
	/** Where its label or centre is (for tests and any marker). */
	region: string;
}

export interface BuiltMap {
	width: number;
	height: number;
	states: MapState[];
	other: string;
	module: string;
	gzipBytes: number;
}

/** Projects and writes the map module; writes only when its content changed. */
export function buildMap(): BuiltMap {
	const coarse = load("countries-110m.json");
	const fine = load("countries-10m.json");
	const simplified = simplify(presimplify(coarse as never), SIMPLIFY) as unknown as Countries;
	const toFeatures = (t: Countries) =>
		(feature(t, t.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
	const coarseFeatures = toFeatures(simplified).filter((f) => f.id !== "010"); // not Antarctica
	const fineFeatures = toFeatures(fine);

	const byNumeric = new Map(worldCountries.map((c) => [c.ccn3, c]));
	const directory = new Set(stateSeeds().map((s) => s.iso2));
	const iso2Of = (f: Feature) => {
		const id = typeof f.id === "string" ? f.id : "";
		return byNumeric.get(id)?.cca2;
	};

	const projection = geoEqualEarth().fitWidth(WIDTH, { type: "FeatureCollection", features: coarseFeatures });
	const [[, top], [, bottom]] = geoPath(projection).bounds({ type: "FeatureCollection", features: coarseFeatures });
	const height = Math.ceil(bottom - top + 2);
	projection.translate([projection.translate()[0], projection.translate()[1] - top + 1]);
	const area = geoPath(projection);
	const draw = (f: Feature) => {
		const context = new RelativePath();
		geoPath(projection, context).pointRadius(0)(f);
		return context.out;
	};

	const dotAt = (p: [number, number]): [number, number] => [Math.round(p[0]), Math.round(p[1])];
	const states = new Map<string, MapState>();
	let other = "";
	for (const f of coarseFeatures) {
		const iso2 = iso2Of(f);
		if (!iso2 || !directory.has(iso2)) {
			other += draw(f);
			continue;
		}
		const d = draw(f);
		const [[x0, y0], [x1, y1]] = area.bounds(f);
		const small = Math.max(x1 - x0, y1 - y0) < MIN_SIDE;
		if (d) states.set(iso2, { iso2, d, region: "", ...(small ? { dot: dotAt(area.centroid(f)) } : {}) });
	}
	for (const iso2 of directory) {
		if (states.has(iso2)) continue;
		const f = fineFeatures.find((x) => iso2Of(x) === iso2);
		const country = worldCountries.find((c) => c.cca2 === iso2);
		// The dataset's own point when a State is absent from 1:10m too (none today).
		const centre = f ? area.centroid(f) : projection([country?.latlng[1] ?? 0, country?.latlng[0] ?? 0]);
		if (!centre || !Number.isFinite(centre[0])) throw new Error(`map: no position for ${iso2}`);
		states.set(iso2, { iso2, dot: dotAt(centre), region: "" });
	}
	for (const s of states.values()) {
		const region = worldCountries.find((c) => c.cca2 === s.iso2)?.region;
		if (!region) throw new Error(`map: no region for ${s.iso2}`);
		s.region = region.toLowerCase();
	}
	const list = [...states.values()].sort((a, b) => a.iso2.localeCompare(b.iso2));
	if (list.length !== directory.size) throw new Error(`map: ${list.length} marks for ${directory.size} States`);

	// Compact rows: [iso2, region index, path or "", dot x?, dot y?].
	const regions = [...new Set(list.map((s) => s.region))].sort();
	const rows = list.map((s) => [s.iso2, regions.indexOf(s.region), s.d ?? "", ...(s.dot ?? [])]);
	const module = [
		"// Generated by scripts/build-map.ts from world-atlas (Natural Earth): do not edit.",
		`export const width = ${WIDTH};`,
		`export const height = ${height};`,
		`export const dotRadius = ${DOT_RADIUS};`,
		`export const regions = ${JSON.stringify(regions)};`,
		`export const other = ${JSON.stringify(other)};`,
		`export const rows = ${JSON.stringify(rows)};`,
		"",
	].join("\n");
	let current = "";
	try {
		current = readFileSync(mapOutput, "utf8");
	} catch {
		// First build.
	}
	if (current !== module) {
		mkdirSync(dirname(mapOutput), { recursive: true });
		writeFileSync(mapOutput, module);
	}
	return { width: WIDTH, height, states: list, other, module, gzipBytes: gzipSync(module, { level: 9 }).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const built = buildMap();
	const dots = built.states.filter((s) => s.dot).length;
	const only = built.states.filter((s) => !s.d).length;
	const kb = (built.gzipBytes / 1024).toFixed(1);
	console.log(
		`map: ${built.states.length} States (${dots} with a dot, ${only} of them dots only), ${built.module.length} bytes, ${kb} KB gzipped (budget 15 KB)`,
	);
	if (built.gzipBytes > MAP_BUDGET_BYTES) {
		console.error("map: over its 15 KB gzip budget");
		process.exitCode = 1;
	}
}
