// Every list of the console, empty: it says what belongs there and how to add the first item,
// instead of bare table headers. (Its own file: it empties the tables of its own storage.)
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { campaigner, getPage, signIn } from "../console-helpers";

let admin: string;

beforeAll(async () => {
	await env.DB.batch(
		[
			"signatures",
			"signature_counts",
			"petition_texts",
			"petitions",
			"letters",
			"letter_campaign_texts",
			"letter_campaigns",
			"bulletin_deliveries",
			"bulletin_texts",
			"bulletins",
			"subscriptions",
			"list_texts",
			"lists",
			"partners",
			"commitments",
			"target_contacts",
			"targets",
			"api_tokens",
		].map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
	);
	admin = await signIn(await campaigner("admin"));
});

const cases: [path: string, empty: string, says: string, link?: string][] = [
	["/console/bulletins", "bulletins", "No bulletin yet.", "/console/bulletins/new"],
	["/console/petitions", "petitions", "No petition yet.", "/console/petitions/new"],
	["/console/letter-campaigns", "letter-campaigns", "No letter campaign yet.", "/console/letter-campaigns/new"],
	["/console/lists", "lists", "No list yet.", "/console/lists/new"],
	["/console/partners", "partners", "No partner yet.", "/console/partners/new"],
	["/console/states", "states", "The States directory is empty.", undefined],
	["/console/review", "held", "No letter is waiting.", undefined],
	["/console/review", "dead", "No email ran out of attempts.", undefined],
	["/console/tokens", "tokens", "No API token yet.", undefined],
	["/console", "dashboard-petitions", "No petition yet", "/console/petitions/new"],
	["/console", "dashboard-partners", "Nothing came through a partner yet", "/console/partners/new"],
];

describe("empty lists in the console", () => {
	it.each(cases)("%s says what belongs there (%s)", async (path, empty, says, link) => {
		const { status, html } = await getPage(path, admin);
		expect(status).toBe(200);
		const block = html.match(new RegExp(`<p class="[^"]*" data-empty="${empty}">([\\s\\S]*?)</p>`))?.[1];
		expect(block).toContain(says);
		if (link) expect(block).toContain(`href="${link}"`);
	});

	it("shows no table without rows", async () => {
		for (const path of ["/console/bulletins", "/console/petitions", "/console/letter-campaigns", "/console/lists"]) {
			expect((await getPage(path, admin)).html).not.toContain("<table");
		}
		for (const path of ["/console/partners", "/console/states", "/console/tokens", "/console/review"]) {
			expect((await getPage(path, admin)).html).not.toContain("<thead>");
		}
		// The dashboard's charts keep their tables of zeros; its lists of petitions and partners go.
		expect((await getPage("/console", admin)).html).not.toContain('<table class="stack">');
	});
});
