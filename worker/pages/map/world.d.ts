// The map as built by scripts/build-map.ts into worker/pages/map/dist/ (not in git): built before
// `wrangler dev`, `wrangler deploy` and the tests, like the widget, so it is never stale.
declare module "*/map/dist/world.js" {
	/** The viewBox's width and height. */
	export const width: number;
	export const height: number;
	/** The radius of the dot that stands for a State too small to show. */
	export const dotRadius: number;
	/** Region keys, indexed by the rows. */
	export const regions: string[];
	/** Land that is no State of the directory, as one path (not a link). */
	export const other: string;
	/** One row per State: [iso2, region index, path ("" if none), dot x?, dot y? (tiny or absent)]. */
	export const rows: [string, number, string, number?, number?][];
}
