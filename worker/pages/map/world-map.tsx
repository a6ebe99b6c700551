/** @jsxImportSource hono/jsx */
import { dotRadius, height, other, regions, rows, width } from "../map/dist/world.js";

/** How one State is drawn: a tone (a CSS class of the map), and a hatch over it, or not. */
export interface MapMark {
	href: string;
	/** The link's accessible name, which says what the colour says. */
	label: string;
	tone: string;
	hatch?: boolean;
}

/** Each State's region key (africa, americas, asia, europe, oceania), from the map's dataset. */
export const stateRegions: ReadonlyMap<string, string> = new Map(rows.map(([iso2, r]) => [iso2, regions[r] ?? ""]));

/** The region keys, sorted. */
export const regionKeys: readonly string[] = regions;

/** Every State the map draws, by ISO 3166-1 alpha-2 code. */
export const mapStates: readonly string[] = rows.map(([iso2]) => iso2);

/**
 * A world map, server-rendered SVG, in which every State is a link. The picture is a group named
 * by its title and description (not role="img", which would hide the links inside it); the same
 * facts are always in a table beside it, so the map is never the only way in.
 */
export function WorldMap(props: { id: string; title: string; desc: string; marks: (iso2: string) => MapMark }) {
	const { id } = props;
	return (
		// biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; "group" names it and keeps its links reachable, where "img" would hide them.
		<svg
			class="map"
			viewBox={`0 0 ${width} ${height}`}
			width="100%"
			role="group"
			aria-labelledby={`${id}-title ${id}-desc`}
			xmlns="http://www.w3.org/2000/svg"
		>
			<title id={`${id}-title`}>{props.title}</title>
			<desc id={`${id}-desc`}>{props.desc}</desc>
			<defs>
				<pattern id={`${id}-hatch`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
					{/* A light and a dark stripe: visible on every tone. */}
					<rect width="1.5" height="5" fill="#fff" />
					<rect x="2.5" width="1.5" height="5" fill="#1b1b1b" />
				</pattern>
			</defs>
			<path class="other" d={other} />
			{rows.map(([iso2, , d, x, y]) => {
				const mark = props.marks(iso2);
				const hatch = `url(#${id}-hatch)`;
				const dot = x === undefined ? null : { cx: String(x), cy: String(y), r: String(dotRadius) };
				return (
					<a href={mark.href} aria-label={mark.label} class={mark.tone} data-state={iso2}>
						<title>{mark.label}</title>
						{d ? <path d={d} /> : null}
						{d && mark.hatch ? <path class="hatch" d={d} fill={hatch} /> : null}
						{dot ? <circle {...dot} /> : null}
						{dot && mark.hatch ? <circle class="hatch" {...dot} fill={hatch} /> : null}
					</a>
				);
			})}
		</svg>
	);
}

/** The map's styles: tones t0…t4 from light to dark, strokes, focus; put in the page's <style>. */
export const mapCss = `
svg.map{display:block;width:100%;height:auto;background:#eef3f6;border-radius:.4rem}
svg.map .other{fill:#d5d5d5}
svg.map a path,svg.map a circle{stroke:#fff;stroke-width:.5}
svg.map a circle{stroke:#1b1b1b;stroke-width:.8}
svg.map .hatch{pointer-events:none}
svg.map a:focus{outline:none}
svg.map a:focus path,svg.map a:focus circle,svg.map a:hover path,svg.map a:hover circle{stroke:#1b1b1b;stroke-width:2}
svg.map .t0{fill:#f3d9cf}svg.map .t1{fill:#e6a48f}svg.map .t2{fill:#c8553d}svg.map .t3{fill:#8c1c13}svg.map .t4{fill:#4a0d08}
svg.map .endorsed{fill:#1d5f6b}svg.map .not-yet{fill:#e7c9b9}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0;list-style:none;font-size:.9rem}
.legend li{display:flex;align-items:center;gap:.4rem;margin:0}
.legend svg{flex:none;border:1px solid #5a5a5a}
`;
