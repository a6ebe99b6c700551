/** @jsxImportSource hono/jsx */
// Small server-rendered SVG charts for the console (no script): each series has a pattern as
// well as a colour, values are written on the chart, and the numbers are in a table under it.

/** How a series is drawn: a fill that still reads in grey or for someone who does not see colour. */
export type Pattern = "solid" | "hatch" | "dots" | "cross" | "outline";

export interface Series {
	label: string;
	pattern: Pattern;
}

const INK = "#1b1b1b";

function Defs(props: { id: string }) {
	const id = props.id;
	return (
		<defs>
			<pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
				<rect width="6" height="6" fill="#fff" />
				<line x1="0" y1="0" x2="0" y2="6" stroke="#b3001b" stroke-width="3" />
			</pattern>
			<pattern id={`${id}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
				<rect width="5" height="5" fill="#fff" />
				<circle cx="2.5" cy="2.5" r="1.5" fill="#1d4f91" />
			</pattern>
			<pattern id={`${id}-cross`} width="6" height="6" patternUnits="userSpaceOnUse">
				<rect width="6" height="6" fill="#fff" />
				<path d="M0 0L6 6M6 0L0 6" stroke="#5a3e00" stroke-width="1.2" />
			</pattern>
		</defs>
	);
}

const fillOf = (id: string, p: Pattern) => (p === "solid" ? INK : p === "outline" ? "#fff" : `url(#${id}-${p})`);

/** The key of a chart: a swatch of each series' pattern beside its name. */
function Legend(props: { id: string; series: Series[] }) {
	return (
		<ul class="legend">
			{props.series.map((s) => (
				<li>
					<svg width="18" height="14" aria-hidden="true" focusable="false">
						<Defs id={`${props.id}-k`} />
						<rect
							x="0.5"
							y="0.5"
							width="17"
							height="13"
							fill={fillOf(`${props.id}-k`, s.pattern)}
							stroke={INK}
							stroke-width="1"
						/>
					</svg>{" "}
					{s.label}
				</li>
			))}
		</ul>
	);
}

/** The numbers behind a chart, in a table under it. */
function Numbers(props: { caption: string; head: string[]; rows: Array<Array<string | number>> }) {
	return (
		<details class="numbers">
			<summary>Numbers: {props.caption}</summary>
			<table>
				<thead>
					<tr>
						{props.head.map((h) => (
							<th scope="col">{h}</th>
						))}
					</tr>
				</thead>
				<tbody>
					{props.rows.map((r) => (
						<tr>
							{r.map((cell, i) =>
								i === 0 ? (
									<th scope="row">{cell}</th>
								) : (
									<td>{typeof cell === "number" ? cell.toLocaleString("en") : cell}</td>
								),
							)}
						</tr>
					))}
				</tbody>
			</table>
		</details>
	);
}

/** A round upper bound for an axis. */
function niceMax(n: number): number {
	if (n <= 4) return 4;
	const p = 10 ** Math.floor(Math.log10(n));
	for (const m of [1, 2, 4, 6, 8, 10]) if (n <= m * p) return m * p;
	return 10 * p;
}

const fmt = (n: number) => n.toLocaleString("en");

/**
 * Vertical bars, one per label, its series stacked. `valueLabels` writes each bar's total above
 * it (when bars are few); otherwise the tallest bar is labelled and the table has the rest.
 */
export function ColumnChart(props: {
	id: string;
	title: string;
	desc: string;
	labels: string[];
	series: Series[];
	values: number[][];
	/** Show one label on the x axis every this many bars. */
	every?: number;
	unit?: string;
	/** A fixed top of the axis (100 for percentages). */
	max?: number;
	valueLabels?: boolean;
	/** What to write above each bar instead of its total ("–" for a week with nothing to count). */
	valueText?: string[];
	head: string[];
	rows: Array<Array<string | number>>;
}) {
	const W = 720;
	const H = 240;
	const left = 44;
	const right = 8;
	const top = 18;
	const bottom = 28;
	const unit = props.unit ?? "";
	const totals = props.values.map((v) => v.reduce((a, b) => a + b, 0));
	const max = props.max ?? niceMax(Math.max(0, ...totals));
	const n = Math.max(1, props.labels.length);
	const step = (W - left - right) / n;
	const bar = Math.max(1, step * 0.8);
	const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
	const peak = totals.indexOf(Math.max(...totals));
	const every = props.every ?? 1;
	return (
		<figure class="chart">
			<svg
				viewBox={`0 0 ${W} ${H}`}
				role="img"
				aria-labelledby={`${props.id}-t ${props.id}-d`}
				preserveAspectRatio="xMidYMid meet"
			>
				<title id={`${props.id}-t`}>{props.title}</title>
				<desc id={`${props.id}-d`}>{props.desc}</desc>
				<Defs id={props.id} />
				{[0, max / 2, max].map((v) => (
					<g>
						<line x1={left} x2={W - right} y1={y(v)} y2={y(v)} stroke="#ccc" stroke-width="1" />
						<text x={left - 4} y={y(v) + 4} text-anchor="end" font-size="11" fill={INK}>
							{fmt(v)}
							{unit}
						</text>
					</g>
				))}
				{props.values.map((vals, i) => {
					let base = 0;
					const x = left + i * step + (step - bar) / 2;
					return (
						<g>
							{vals.map((v, s) => {
								const y0 = y(base);
								base += v;
								const series = props.series[s];
								if (v <= 0 || !series) return null;
								return (
									<rect
										x={x}
										y={y(base)}
										width={bar}
										height={Math.max(0, y0 - y(base))}
										fill={fillOf(props.id, series.pattern)}
										stroke={INK}
										stroke-width="0.5"
									/>
								);
							})}
							{(props.valueLabels || (i === peak && (totals[i] ?? 0) > 0)) && (
								<text x={x + bar / 2} y={y(base) - 4} text-anchor="middle" font-size="11" fill={INK}>
									{props.valueText?.[i] ?? `${fmt(totals[i] ?? 0)}${unit}`}
								</text>
							)}
							{i % every === 0 ? (
								<text x={x + bar / 2} y={H - bottom + 16} text-anchor="middle" font-size="11" fill={INK}>
									{props.labels[i]}
								</text>
							) : null}
						</g>
					);
				})}
				<line x1={left} x2={W - right} y1={y(0)} y2={y(0)} stroke={INK} stroke-width="1" />
			</svg>
			{props.series.length > 1 ? <Legend id={props.id} series={props.series} /> : null}
			<Numbers caption={props.title} head={props.head} rows={props.rows} />
		</figure>
	);
}

/**
 * Horizontal bars, one row per label: its series stacked (parts of one whole) or side by side
 * (figures that overlap, such as sent and bounced). Each row's values are written after its bar.
 */
export function BarChart(props: {
	id: string;
	title: string;
	desc: string;
	labels: string[];
	series: Series[];
	values: number[][];
	mode: "stacked" | "grouped";
	head: string[];
	rows: Array<Array<string | number>>;
}) {
	const W = 720;
	const labelW = 170;
	const valueW = 110;
	const grouped = props.mode === "grouped";
	const thick = grouped ? 12 : 18;
	const rowH = grouped ? props.series.length * thick + 10 : thick + 10;
	const H = Math.max(1, props.labels.length) * rowH + 8;
	const totals = props.values.map((v) => (grouped ? Math.max(0, ...v) : v.reduce((a, b) => a + b, 0)));
	const max = niceMax(Math.max(0, ...totals));
	const x = (v: number) => ((W - labelW - valueW) * v) / max;
	return (
		<figure class="chart">
			<svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`}>
				<title id={`${props.id}-t`}>{props.title}</title>
				<desc id={`${props.id}-d`}>{props.desc}</desc>
				<Defs id={props.id} />
				{props.values.map((vals, i) => {
					const top = 4 + i * rowH;
					let base = 0;
					return (
						<g>
							<text x={labelW - 6} y={top + rowH / 2} text-anchor="end" font-size="12" fill={INK}>
								{(props.labels[i] ?? "").slice(0, 26)}
							</text>
							{vals.map((v, s) => {
								const series = props.series[s];
								if (!series) return null;
								const start = grouped ? 0 : base;
								base += v;
								const yy = grouped ? top + s * thick : top;
								return v > 0 ? (
									<rect
										x={labelW + x(start)}
										y={yy}
										width={Math.max(1, x(v))}
										height={thick - 2}
										fill={fillOf(props.id, series.pattern)}
										stroke={INK}
										stroke-width="0.5"
									/>
								) : null;
							})}
							<text x={labelW + x(totals[i] ?? 0) + 6} y={top + rowH / 2} font-size="12" fill={INK}>
								{vals.map(fmt).join(" / ")}
							</text>
						</g>
					);
				})}
			</svg>
			<Legend id={props.id} series={props.series} />
			<Numbers caption={props.title} head={props.head} rows={props.rows} />
		</figure>
	);
}

/** The charts' styles, for the console's sheet. */
export const chartCss =
	".chart{margin:.5rem 0 1.5rem;background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.75rem}.chart>svg{display:block;width:100%;height:auto}.legend svg{flex:none}.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0;font-size:.9rem}.legend li{margin:0;display:flex;align-items:center;gap:.3rem}.chart details.numbers{border:0;padding:0}";
