/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { signaturesByCountry } from "../../domain/console/dashboard-figures";
import { countsByPetition } from "../../domain/petitions/campaign-counts";
import type { ConsoleEnv } from "../../http/console-auth";
import { mapCss, mapStates, WorldMap } from "../map/world-map";
import { ConsolePage } from "./layout";

/** Confirmed signatures per country, by bucket: a tone from light to dark, and a word for it. */
const buckets: { min: number; label: string }[] = [
	{ min: 0, label: "none" },
	{ min: 1, label: "1–9" },
	{ min: 10, label: "10–99" },
	{ min: 100, label: "100–999" },
	{ min: 1000, label: "1,000 or more" },
];
const toneOf = (n: number) => buckets.reduce((tone, b, i) => (n >= b.min ? i : tone), 0);
const swatches = ["#f3d9cf", "#e6a48f", "#c8553d", "#8c1c13", "#4a0d08"];

const css = `${mapCss}
.split{display:grid;gap:1rem}
@media (min-width:60rem){.split{grid-template-columns:2fr 1fr;align-items:start}}
.split table{font-size:.9rem}
td.n{text-align:end;font-variant-numeric:tabular-nums}
`;

const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
const nameOf = (code: string) => {
	try {
		return names.of(code) ?? code;
	} catch {
		return code;
	}
};

/**
 * Signatures by country, as the map of /states: each State shaded by its confirmed signatures
 * (one petition, or all), with the numbers in a table beside it (see signaturesByCountry).
 */
export const countryPages = new Hono<ConsoleEnv>().get("/", async (c) => {
	const db = c.var.db;
	const all = await countsByPetition(db);
	const asked = c.req.query("petition") ?? "";
	const chosen = all.find((p) => p.slug === asked);
	const counts = await signaturesByCountry(db, chosen?.id);
	const total = [...counts.values()].reduce((a, b) => a + b, 0);
	const table = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const query = chosen ? `?petition=${encodeURIComponent(chosen.slug)}` : "";
	const unmapped = table.filter(([code]) => !mapStates.includes(code));
	const fmt = (n: number) => n.toLocaleString("en");
	return c.html(
		<ConsolePage
			title="Signatures by country"
			campaigner={c.var.campaigner}
			csrf={c.var.csrf}
			section="/console/countries"
			css={css}
		>
			<h1>Signatures by country</h1>
			<form method="get" action="/console/countries" class="row">
				<div>
					<label for="petition">Petition</label>
					<select id="petition" name="petition">
						<option value="">All petitions</option>
						{all.map((p) => (
							<option value={p.slug} selected={p.slug === chosen?.slug}>
								{p.title}
							</option>
						))}
					</select>
				</div>
				<button type="submit">Show</button>
			</form>
			<p>
				<strong>{fmt(total)}</strong> confirmed {total === 1 ? "signature" : "signatures"} from{" "}
				<strong>{fmt(counts.size)}</strong> {counts.size === 1 ? "country" : "countries"}
				{chosen ? ` for “${chosen.title}”` : " for all petitions"}.
			</p>
			<ul class="legend" aria-label="Legend: confirmed signatures">
				{buckets.map((b, i) => (
					<li>
						<svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">
							<rect width="22" height="16" fill={swatches[i]} />
						</svg>
						{b.label}
					</li>
				))}
			</ul>
			<div class="split">
				<WorldMap
					id="countries"
					title="Confirmed signatures by country"
					desc="Each State is shaded by its confirmed signatures: the darker, the more. Every number is in the table beside the map."
					marks={(iso2) => {
						const n = counts.get(iso2) ?? 0;
						const tone = toneOf(n);
						return {
							href: `/console/countries${query}#c-${iso2}`,
							label: `${nameOf(iso2)}: ${fmt(n)} ${n === 1 ? "signature" : "signatures"} (${buckets[tone]?.label})`,
							tone: `t${tone}`,
						};
					}}
				/>
				{table.length === 0 ? (
					<p>No confirmed signature yet.</p>
				) : (
					<table class="stack">
						<caption class="muted">Confirmed signatures per country, most first</caption>
						<thead>
							<tr>
								<th scope="col">Country</th>
								<th scope="col">Signatures</th>
								<th scope="col">Share</th>
							</tr>
						</thead>
						<tbody>
							{table.map(([code, n]) => (
								<tr id={`c-${code}`} data-country={code}>
									<th scope="row">
										{nameOf(code)} <span class="muted">{code}</span>
									</th>
									<td class="n" data-label="Signatures">
										{fmt(n)}
									</td>
									<td class="n" data-label="Share">
										{total ? `${((n / total) * 100).toFixed(1)}%` : "–"}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</div>
			{unmapped.length > 0 ? (
				<p class="muted">
					Not on the map (no UN member or observer State):{" "}
					{unmapped.map(([code, n]) => `${nameOf(code)} ${fmt(n)}`).join(", ")}.
				</p>
			) : null}
		</ConsolePage>,
	);
});
