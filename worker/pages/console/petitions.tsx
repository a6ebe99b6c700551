/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { auditEntry } from "../../domain/audit";
import { countsByCountry } from "../../domain/campaign-counts";
import { listListsForEditing } from "../../domain/list-editing";
import {
	getPetitionForEditing,
	listPetitionsForEditing,
	type PetitionForEditing,
	type PetitionTextForEditing,
	petitionInput,
	savePetition,
} from "../../domain/petition-editing";
import { signaturesCsv } from "../../domain/signature-export";
import { ApiError } from "../../lib/errors";
import { locales } from "../../lib/locale";
import type { ConsoleEnv } from "../../middleware/console-auth";
import { formOf, invalidForm } from "./forms";
import { ConsolePage, Csrf } from "./layout";

const languageNames: Record<string, string> = {
	en: "English",
	fr: "French",
	es: "Spanish",
	ar: "Arabic",
	uk: "Ukrainian",
};

type Demands = PetitionTextForEditing["demands"];

/**
 * Demands as plain text a campaigner can edit: a line `# key: Heading` starts a group, every
 * other non-empty line is one demand.
 */
function demandsToText(groups: Demands): string {
	return groups.map((g) => [`# ${g.key}: ${g.heading}`, ...g.demands.map((d) => d.text)].join("\n")).join("\n\n");
}

/** The reverse; a demand whose words are unchanged keeps its "sample" mark. */
function demandsFromText(text: string, before: Demands | undefined): Demands {
	const samples = new Set((before ?? []).flatMap((g) => g.demands.filter((d) => d.sample).map((d) => d.text)));
	const groups: Demands = [];
	for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
		const trimmed = line.trim();
		if (!trimmed) continue;
		const head = trimmed.match(/^#\s*([^:]+):\s*(.*)$/);
		if (head) {
			groups.push({ key: (head[1] ?? "").trim(), heading: (head[2] ?? "").trim(), demands: [] });
			continue;
		}
		let group = groups.at(-1);
		if (!group) {
			group = { key: "demands", heading: "Demands", demands: [] };
			groups.push(group);
		}
		group.demands.push(samples.has(trimmed) ? { text: trimmed, sample: true } : { text: trimmed });
	}
	return groups;
}

async function PetitionForm(props: { c: Context<ConsoleEnv>; action: string; found?: PetitionForEditing }) {
	const { c, found } = props;
	const lists = await listListsForEditing(c.var.db);
	const p = found?.petition;
	return (
		<form method="post" action={props.action}>
			<Csrf token={c.var.csrf} />
			<fieldset>
				<legend>Settings</legend>
				<label for="slug">Slug (the address: /p/slug)</label>
				<input id="slug" name="slug" type="text" required value={p?.slug ?? ""} />
				<label for="goal">Goal (signatures)</label>
				<input id="goal" name="goal" type="number" min={1} required value={String(p?.goal ?? 1000)} />
				<label for="status">Status</label>
				<select id="status" name="status">
					<option value="open" selected={p?.status !== "closed"}>
						open: takes signatures
					</option>
					<option value="closed" selected={p?.status === "closed"}>
						closed
					</option>
				</select>
				<label for="defaultLocale">Default language</label>
				<select id="defaultLocale" name="defaultLocale">
					{locales.map((l) => (
						<option value={l} selected={(p?.defaultLocale ?? "en") === l}>
							{languageNames[l]}
						</option>
					))}
				</select>
				<label for="listId">List signers may join</label>
				<select id="listId" name="listId">
					<option value="">none</option>
					{lists.map((l) => (
						<option value={l.id} selected={p?.listId === l.id}>
							{l.name}
						</option>
					))}
				</select>
				<div class="check">
					<input type="checkbox" id="quickExit" name="quickExit" value="1" checked={p?.quickExit ?? true} />
					<label for="quickExit">Show “Leave this page quickly” on its page</label>
				</div>
			</fieldset>
			<p class="muted">
				Demands: a line <code># key: Heading</code> starts a group; every other line is one demand. A language left
				without a title is removed.
			</p>
			{locales.map((l) => {
				const t = found?.texts[l];
				return (
					<details open={t !== undefined || (!found && l === "en")}>
						<summary>
							{languageNames[l]} ({l}){t ? " ✓" : ""}
							{t?.sample ? " · contains sample wording" : ""}
						</summary>
						<div dir={l === "ar" ? "rtl" : undefined} lang={l}>
							<label for={`title_${l}`}>Title ({languageNames[l]})</label>
							<input id={`title_${l}`} name={`title_${l}`} type="text" value={t?.title ?? ""} />
							<label for={`summary_${l}`}>Summary ({languageNames[l]})</label>
							<textarea id={`summary_${l}`} name={`summary_${l}`} style="min-height:8rem">
								{t?.summary ?? ""}
							</textarea>
							<label for={`demands_${l}`}>Demands ({languageNames[l]})</label>
							<textarea id={`demands_${l}`} name={`demands_${l}`}>
								{t ? demandsToText(t.demands) : ""}
							</textarea>
						</div>
					</details>
				);
			})}
			<p>
				<button type="submit">Save petition</button>
			</p>
		</form>
	);
}

async function inputFromForm(c: Context<ConsoleEnv>, found?: PetitionForEditing) {
	const form = await formOf(c);
	const texts: Record<string, unknown> = {};
	for (const l of locales) {
		if ((form[`title_${l}`] ?? "").trim() === "") continue;
		texts[l] = {
			title: form[`title_${l}`],
			summary: form[`summary_${l}`] ?? "",
			demands: demandsFromText(form[`demands_${l}`] ?? "", found?.texts[l]?.demands),
		};
	}
	const goal = Number(form.goal);
	return {
		slug: form.slug ?? "",
		goal: Number.isFinite(goal) ? goal : form.goal,
		status: form.status || undefined,
		defaultLocale: form.defaultLocale || undefined,
		listId: form.listId ? form.listId : null,
		quickExit: form.quickExit === "1",
		texts,
	};
}

function page(c: Context<ConsoleEnv>, title: string, children: unknown) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/petitions">
			{children as never}
		</ConsolePage>,
	);
}

/** Petitions: the list with counts, editing per language, and the CSV of signatures for a State. */
export const petitionPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listPetitionsForEditing(c.var.db);
		return page(
			c,
			"Petitions",
			<>
				<h1>Petitions</h1>
				<p>
					<a class="button secondary" href="/console/petitions/new">
						New petition
					</a>
				</p>
				<table class="stack">
					<thead>
						<tr>
							<th>Petition</th>
							<th>Status</th>
							<th>Signatures / goal</th>
							<th>Languages</th>
							<th>Export</th>
						</tr>
					</thead>
					<tbody>
						{rows.map((p) => (
							<tr>
								<td data-label="Petition">
									<a href={`/console/petitions/${p.slug}`}>{p.title}</a>
								</td>
								<td data-label="Status">{p.status}</td>
								<td data-label="Signatures">
									{p.count} / {p.goal}
								</td>
								<td data-label="Languages">{p.locales.join(", ")}</td>
								<td data-label="Export">
									<a href={`/console/petitions/${p.slug}/signatures.csv`}>CSV</a>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</>,
		);
	})
	.get("/new", async (c) =>
		page(
			c,
			"New petition",
			<>
				<h1>New petition</h1>
				{await PetitionForm({ c, action: "/console/petitions" })}
			</>,
		),
	)
	.post("/", async (c) => {
		const parsed = v.safeParse(petitionInput, await inputFromForm(c));
		if (!parsed.success) return invalidForm(c, "New petition", parsed.issues, "/console/petitions/new");
		const saved = await savePetition(c.var.db, null, parsed.output, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/petitions/${saved.petition.slug}?saved=1`, 303);
	})
	.get("/:slug/signatures.csv", async (c) => {
		const found = await getPetitionForEditing(c.var.db, c.req.param("slug"));
		if (!found) throw new ApiError(404, "not_found", "No petition with this slug.");
		const now = Date.now();
		await auditEntry(
			c.var.db,
			{ actor: c.var.actor ?? "console", action: "signatures.export", subject: found.petition.slug },
			now,
		).statement;
		const day = new Date(now).toISOString().slice(0, 10);
		return new Response(signaturesCsv(c.var.db, found.petition.id), {
			headers: {
				"Content-Type": "text/csv; charset=utf-8",
				"Content-Disposition": `attachment; filename="${found.petition.slug}-signatures-${day}.csv"`,
				"Cache-Control": "no-store",
			},
		});
	})
	.get("/:slug", async (c) => {
		const found = await getPetitionForEditing(c.var.db, c.req.param("slug"));
		if (!found) throw new ApiError(404, "not_found", "No petition with this slug.");
		const countries = await countsByCountry(c.var.db, found.petition.id);
		const p = found.petition;
		return page(
			c,
			p.slug,
			<>
				<p class="muted">
					<a href="/console/petitions">Petitions</a> ›
				</p>
				<h1>{found.texts[p.defaultLocale]?.title ?? p.slug}</h1>
				{c.req.query("saved") ? (
					<p class="notice" role="status">
						Saved. The public page shows it now.
					</p>
				) : null}
				<p>
					<strong>{p.count}</strong> confirmed signatures of a goal of {p.goal} ·{" "}
					<a href={`/p/${p.slug}`}>public page</a> ·{" "}
					<a href={`/console/petitions/${p.slug}/signatures.csv`}>export signatures (CSV)</a>
				</p>
				<p class="muted">
					The CSV holds only what signers agreed to share: the name of those who chose to show it, the country, the day
					of confirmation and the partner. No email addresses.
				</p>
				<details>
					<summary>Signatures by country ({countries.length})</summary>
					<p>{countries.map((x) => `${x.country} ${x.count}`).join(", ") || "none yet"}</p>
				</details>
				<h2>Edit</h2>
				{await PetitionForm({ c, action: `/console/petitions/${p.slug}`, found })}
			</>,
		);
	})
	.post("/:slug", async (c) => {
		const slug = c.req.param("slug");
		const found = await getPetitionForEditing(c.var.db, slug);
		if (!found) throw new ApiError(404, "not_found", "No petition with this slug.");
		const parsed = v.safeParse(petitionInput, await inputFromForm(c, found));
		if (!parsed.success) return invalidForm(c, "Edit a petition", parsed.issues, `/console/petitions/${slug}`);
		const saved = await savePetition(c.var.db, slug, parsed.output, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/petitions/${saved.petition.slug}?saved=1`, 303);
	});
