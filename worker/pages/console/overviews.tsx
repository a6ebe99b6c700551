/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { Hono } from "hono";
import type { Child } from "hono/jsx";
import { listLetterCampaignsForEditing } from "../../domain/letter-campaign-editing";
import { listListsForEditing } from "../../domain/list-editing";
import { listPartners } from "../../domain/partners";
import { listStatesForEditing } from "../../domain/state-editing";
import type { ConsoleEnv } from "../../middleware/console-auth";
import { ConsolePage } from "./layout";

/**
 * Letter campaigns, lists, partners and States as tables. Editing them happens through the
 * admin API for now (README: Admin API); the console's edit forms exist for petitions and bulletins.
 */
function overview(c: Context<ConsoleEnv>, section: string, title: string, head: string[], rows: Child[][]) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section={section}>
			<h1>{title}</h1>
			<p class="muted">Read-only here for now: edit these through the admin API (/api/v1/admin).</p>
			<table class="stack">
				<thead>
					<tr>
						{head.map((h) => (
							<th>{h}</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map((r) => (
						<tr>
							{r.map((cell, i) => (
								<td data-label={head[i]}>{cell}</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</ConsolePage>,
	);
}

export const letterCampaignOverview = new Hono<ConsoleEnv>().get("/", async (c) => {
	const rows = await listLetterCampaignsForEditing(c.var.db);
	return overview(
		c,
		"/console/letter-campaigns",
		"Letter campaigns",
		["Campaign", "Status", "Targets", "Languages", "Sent", "Held"],
		rows.map((r) => [
			<a href={`/l/${r.slug}`}>{r.title}</a>,
			r.status,
			r.targetMode,
			r.locales.join(", "),
			r.sent,
			r.held,
		]),
	);
});

export const listOverview = new Hono<ConsoleEnv>().get("/", async (c) => {
	const rows = await listListsForEditing(c.var.db);
	return overview(
		c,
		"/console/lists",
		"Lists",
		["List", "Slug", "Status", "Languages", "Active subscribers"],
		rows.map((r) => [r.name, r.slug, r.status, r.locales.join(", "), r.active]),
	);
});

export const partnerOverview = new Hono<ConsoleEnv>().get("/", async (c) => {
	const rows = await listPartners(c.var.db);
	return overview(
		c,
		"/console/partners",
		"Partners",
		["Partner", "Slug", "Allowed origins", "Own opt-in line in"],
		rows.map((r) => [r.name, r.slug, r.allowedOrigins.join(", "), Object.keys(r.consentTexts).join(", ")]),
	);
});

export const stateOverview = new Hono<ConsoleEnv>().get("/", async (c) => {
	const rows = await listStatesForEditing(c.var.db);
	return overview(
		c,
		"/console/states",
		"States",
		["State", "ISO", "UN", "Addresses", "Bouncing", "Commitments"],
		rows.map((r) => [r.name, r.iso2, r.unStatus, r.contacts, r.bouncing, r.commitments]),
	);
});
