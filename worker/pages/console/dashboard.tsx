/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { listBulletins } from "../../domain/bulletins/bulletins";
import { dashboardFigures } from "../../domain/console/dashboard-figures";
import { deadEmails, heldLetters } from "../../domain/console/review-queues";
import { countsByCountry, countsByPartner, countsByPetition, NO_PARTNER } from "../../domain/petitions/campaign-counts";
import type { ConsoleEnv } from "../../http/console-auth";
import { DashboardCharts } from "./dashboard-charts";
import { ConsolePage } from "./layout";
import { num } from "./numbers";

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** The console's first page: counts, what waits for review, bulletins in flight. */
export const dashboard = new Hono<ConsoleEnv>().get("/", async (c) => {
	const db = c.var.db;
	const [petitions, partners, held, dead, bulletins] = await Promise.all([
		countsByPetition(db),
		countsByPartner(db),
		heldLetters(db, 1000),
		deadEmails(db, 1000),
		listBulletins(db),
	]);
	const chosen = petitions.find((p) => p.slug === c.req.query("petition"));
	const figures = await dashboardFigures(db, Date.now(), chosen?.id);
	const countries = await Promise.all(petitions.map((p) => countsByCountry(db, p.id)));
	const inFlight = bulletins.filter((b) => ["scheduled", "sending", "paused"].includes(b.status));
	return c.html(
		<ConsolePage title="Dashboard" campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console">
			<h1>Dashboard</h1>
			<div class="cards">
				<a class="card" href="/console/review">
					<div class="muted">Letters held for review</div>
					<div class="n">{num(held.length)}</div>
				</a>
				<a class="card" href="/console/review#dead">
					<div class="muted">Dead emails</div>
					<div class="n">{num(dead.length)}</div>
				</a>
				<a class="card" href="/console/bulletins">
					<div class="muted">Bulletins in flight</div>
					<div class="n">{num(inFlight.length)}</div>
				</a>
			</div>
			{inFlight.length > 0 ? (
				<>
					<h2>Bulletins in flight</h2>
					<ul>
						{inFlight.map((b) => (
							<li>
								<a href={`/console/bulletins/${b.id}`}>{b.status}</a>: {num(b.progress.sent)} sent of{" "}
								{num(b.progress.total)}
							</li>
						))}
					</ul>
				</>
			) : null}
			<DashboardCharts figures={figures} petitions={petitions} chosen={chosen?.slug} />
			<h2>Petitions</h2>
			{petitions.length === 0 ? (
				<p class="empty" data-empty="dashboard-petitions">
					No petition yet: each petition's signatures, goal and top countries will show here.{" "}
					<a href="/console/petitions/new">Create the first petition</a>.
				</p>
			) : (
				<table class="stack">
					<thead>
						<tr>
							<th>Petition</th>
							<th>Status</th>
							<th>Signatures</th>
							<th>Goal</th>
							<th>Top countries</th>
						</tr>
					</thead>
					<tbody>
						{petitions.map((p, i) => (
							<tr>
								<td data-label="Petition">
									<a href={`/console/petitions/${p.slug}`}>{p.title}</a>
								</td>
								<td data-label="Status">{p.status}</td>
								<td data-label="Signatures">{num(p.count)}</td>
								<td data-label="Goal">{num(p.goal)}</td>
								<td data-label="Top countries">
									{(countries[i] ?? [])
										.slice(0, 8)
										.map((x) => `${x.country} ${num(x.count)}`)
										.join(", ") || "none yet"}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			<h2>Partners</h2>
			{Object.keys(partners).every((slug) => slug === NO_PARTNER) ? (
				<p class="empty" data-empty="dashboard-partners">
					Nothing came through a partner yet: the signatures, subscriptions and letters each partner's embedded forms
					bring in will show here. <a href="/console/partners/new">Add a partner</a> to embed the forms on its site.
				</p>
			) : (
				<table class="stack">
					<thead>
						<tr>
							<th>Partner</th>
							<th>Signatures</th>
							<th>Subscriptions</th>
							<th>Letters sent</th>
						</tr>
					</thead>
					<tbody>
						{Object.entries(partners).map(([slug, n]) => (
							<tr>
								<td data-label="Partner">{slug}</td>
								<td data-label="Signatures">{num(sum(n.signatures))}</td>
								<td data-label="Subscriptions">{num(sum(n.subscriptions))}</td>
								<td data-label="Letters sent">{num(sum(n.letters))}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</ConsolePage>,
	);
});
