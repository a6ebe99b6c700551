/** @jsxImportSource hono/jsx */

import type { DashboardFigures } from "../../domain/console/dashboard-figures";
import type { PetitionCount } from "../../domain/petitions/campaign-counts";
import { BarChart, ColumnChart, type Series } from "./charts";

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);
const signedSeries: Series[] = [
	{ label: "Confirmed", pattern: "solid" },
	{ label: "Not confirmed yet", pattern: "hatch" },
];
const channelNames = {
	whatsapp: "WhatsApp",
	telegram: "Telegram",
	signal: "Signal (copied link)",
	email: "Email",
	x: "X",
	facebook: "Facebook",
	copy: "Copied link",
} as const;
/** Letter statuses in five groups, so each has a pattern of its own. */
const letterGroups = [
	{ label: "Sent", pattern: "solid", statuses: ["sent"] },
	{ label: "Queued", pattern: "dots", statuses: ["queued"] },
	{ label: "Held for review", pattern: "hatch", statuses: ["held"] },
	{ label: "Waiting for confirmation", pattern: "outline", statuses: ["pending", "confirmed"] },
	{ label: "Failed or rejected", pattern: "cross", statuses: ["failed", "rejected"] },
] as const;

function Empty(props: { children: string }) {
	return <p class="muted">{props.children}</p>;
}

/** The dashboard's charts, each with its numbers in a table under it. */
export function DashboardCharts(props: { figures: DashboardFigures; petitions: PetitionCount[]; chosen?: string }) {
	const f = props.figures;
	const scope = props.petitions.find((p) => p.slug === props.chosen)?.title ?? "all petitions";
	const days = f.days;
	const first = days[0]?.date ?? "";
	const last = days[days.length - 1]?.date ?? "";
	const confirmed = days.reduce((a, d) => a + d.confirmed, 0);
	const pending = days.reduce((a, d) => a + d.pending, 0);
	const busiest = days.reduce<(typeof days)[number] | undefined>(
		(b, d) => (!b || d.confirmed + d.pending > b.confirmed + b.pending ? d : b),
		undefined,
	);

	// Weeks of seven days, the last ending today.
	const weeks: Array<{ from: string; confirmed: number; signed: number }> = [];
	for (let i = days.length % 7; i < days.length; i += 7) {
		const w = days.slice(i, i + 7);
		weeks.push({
			from: w[0]?.date ?? "",
			confirmed: w.reduce((a, d) => a + d.confirmed, 0),
			signed: w.reduce((a, d) => a + d.confirmed + d.pending, 0),
		});
	}

	const partners = f.partners.filter((p) => p.partner !== "" || p.confirmed + p.pending > 0);
	const shared = f.channels.reduce((a, c) => a + c.confirmed + c.pending, 0);
	const letters = f.letters.slice(0, 15);
	const groupOf = (s: DashboardFigures["letters"][number]) =>
		letterGroups.map((g) => g.statuses.reduce((a, st) => a + s.byStatus[st], 0));

	return (
		<section aria-labelledby="charts">
			<h2 id="charts">Charts</h2>
			<form method="get" action="/console" class="row">
				<label for="chart-petition" style="margin:0">
					Petition
				</label>
				<select id="chart-petition" name="petition" style="width:auto">
					<option value="">All petitions</option>
					{props.petitions.map((p) => (
						<option value={p.slug} selected={p.slug === props.chosen}>
							{p.title}
						</option>
					))}
				</select>
				<button type="submit" class="secondary">
					Show
				</button>
			</form>

			<h3>
				Signatures per day, last {days.length} days ({scope})
			</h3>
			{confirmed + pending === 0 ? <Empty>{`No signatures in these ${days.length} days yet.`}</Empty> : null}
			<ColumnChart
				id="ch-days"
				title={`Signatures per day, ${first} to ${last}`}
				desc={`${confirmed} confirmed and ${pending} not confirmed yet, from ${first} to ${last}.${
					busiest && busiest.confirmed + busiest.pending > 0
						? ` Most on ${busiest.date}: ${busiest.confirmed + busiest.pending}.`
						: ""
				}`}
				labels={days.map((d) => d.date.slice(5))}
				every={15}
				series={signedSeries}
				values={days.map((d) => [d.confirmed, d.pending])}
				head={["Day", "Confirmed", "Not confirmed yet"]}
				rows={days.map((d) => [d.date, d.confirmed, d.pending])}
			/>

			<h3>Confirmation rate by week</h3>
			<p>
				{pct(confirmed, confirmed + pending)}% of the signatures of these {days.length} days are confirmed ({confirmed}{" "}
				of {confirmed + pending}).
			</p>
			<ColumnChart
				id="ch-rate"
				title="Confirmation rate by week"
				desc={`Share of each week's signatures confirmed (a dash: no signature that week); overall ${pct(confirmed, confirmed + pending)}%.`}
				labels={weeks.map((w) => w.from.slice(5))}
				series={[{ label: "Confirmed", pattern: "solid" }]}
				values={weeks.map((w) => [pct(w.confirmed, w.signed)])}
				unit="%"
				max={100}
				valueLabels
				valueText={weeks.map((w) => (w.signed > 0 ? `${pct(w.confirmed, w.signed)}%` : "–"))}
				head={["Week from", "Signed", "Confirmed", "Rate"]}
				rows={weeks.map((w) => [w.from, w.signed, w.confirmed, w.signed > 0 ? `${pct(w.confirmed, w.signed)}%` : "–"])}
			/>

			<h3>What each partner brought in ({scope})</h3>
			<BarChart
				id="ch-partners"
				title="Signatures by partner"
				desc={partners.map((p) => `${p.name}: ${p.confirmed} confirmed, ${p.pending} not yet`).join("; ")}
				labels={partners.map((p) => p.name)}
				series={signedSeries}
				values={partners.map((p) => [p.confirmed, p.pending])}
				mode="stacked"
				head={["Partner", "Confirmed", "Not confirmed yet"]}
				rows={partners.map((p) => [p.name, p.confirmed, p.pending])}
			/>

			<h3 id="shares">Shares → signatures, by channel ({scope})</h3>
			<p class="muted">
				Signatures that came through a supporter's share link, by the channel of the link. Share links go straight to
				the networks, so shares themselves are not counted; only the signatures they bring.
			</p>
			{shared === 0 ? <Empty>No signature has come through a share link yet.</Empty> : null}
			<BarChart
				id="ch-channels"
				title="Signatures through share links, by channel"
				desc={f.channels
					.map((c) => `${channelNames[c.channel]}: ${c.confirmed} confirmed, ${c.pending} not yet`)
					.join("; ")}
				labels={f.channels.map((c) => channelNames[c.channel])}
				series={signedSeries}
				values={f.channels.map((c) => [c.confirmed, c.pending])}
				mode="stacked"
				head={["Channel", "Confirmed", "Not confirmed yet"]}
				rows={f.channels.map((c) => [channelNames[c.channel], c.confirmed, c.pending])}
			/>

			<h3>Bulletin outcomes</h3>
			<p class="muted">
				Bounced: sent, then refused by the recipient's server. Unsubscribed: the last bulletin the person got from that
				list before leaving it.
			</p>
			{f.bulletins.length === 0 ? (
				<Empty>No bulletin has gone out yet.</Empty>
			) : (
				<BarChart
					id="ch-bulletins"
					title="Bulletin outcomes: sent, bounced, unsubscribed"
					desc={f.bulletins
						.map((b) => `${b.subject}: ${b.sent} sent, ${b.bounced} bounced, ${b.unsubscribed} unsubscribed`)
						.join("; ")}
					labels={f.bulletins.map((b) => b.subject)}
					series={[
						{ label: "Sent", pattern: "solid" },
						{ label: "Bounced", pattern: "hatch" },
						{ label: "Unsubscribed", pattern: "dots" },
					]}
					values={f.bulletins.map((b) => [b.sent, b.bounced, b.unsubscribed])}
					mode="grouped"
					head={["Bulletin", "Sent", "Bounced", "Unsubscribed"]}
					rows={f.bulletins.map((b) => [b.subject, b.sent, b.bounced, b.unsubscribed])}
				/>
			)}

			<h3>Letters by State and status</h3>
			{letters.length === 0 ? (
				<Empty>No letter has been written yet.</Empty>
			) : (
				<BarChart
					id="ch-letters"
					title={`Letters by State and status${f.letters.length > letters.length ? `, the ${letters.length} States with most` : ""}`}
					desc={letters.map((s) => `${s.name}: ${s.total} letters, ${s.byStatus.sent} sent`).join("; ")}
					labels={letters.map((s) => s.name)}
					series={letterGroups.map((g) => ({ label: g.label, pattern: g.pattern }))}
					values={letters.map(groupOf)}
					mode="stacked"
					head={["State", "Sent", "Queued", "Held", "Pending", "Confirmed", "Failed", "Rejected", "Total"]}
					rows={f.letters.map((s) => [
						`${s.name} (${s.iso2})`,
						s.byStatus.sent,
						s.byStatus.queued,
						s.byStatus.held,
						s.byStatus.pending,
						s.byStatus.confirmed,
						s.byStatus.failed,
						s.byStatus.rejected,
						s.total,
					])}
				/>
			)}
		</section>
	);
}
