/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { auditEntry } from "../../domain/console/audit";
import { petitionOr404 } from "../../domain/console/find-or-404";
import { listListsForEditing } from "../../domain/lists/list-editing";
import { countsByCountry } from "../../domain/petitions/campaign-counts";
import {
	listPetitionsForEditing,
	type PetitionForEditing,
	type PetitionInput,
	type PetitionTextForEditing,
	petitionInput,
	savePetition,
} from "../../domain/petitions/petition-editing";
import { signaturesCsv } from "../../domain/petitions/signature-export";
import type { ConsoleEnv } from "../../http/console-auth";
import { CheckField, DefaultLocaleField, SelectField, StackTable, StatusField, TextField } from "./forms";
import { languageEditor } from "./language-editor";
import { noun, num } from "./numbers";

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

const editor = languageEditor<PetitionForEditing, PetitionTextForEditing, PetitionInput>({
	section: "/console/petitions",
	plural: "Petitions",
	what: "petition",
	newTitle: "New petition",
	editTitle: "Edit a petition",
	submit: "Save petition",
	savedNotice: "Saved. The public page shows it now.",
	intro: (
		<>
			Demands: a line <code># key: Heading</code> starts a group; every other line is one demand. A language left
			without a title is removed (you are asked first, with what would go).
		</>
	),
	texts: [
		{ name: "title", key: "title", label: "Title", show: (t) => t.title },
		{ name: "summary", key: "summary", label: "Summary", area: true, style: "min-height:8rem", show: (t) => t.summary },
		{
			name: "demands",
			key: "demands",
			label: "Demands",
			area: true,
			show: (t) => demandsToText(t.demands),
			read: (typed, before) => demandsFromText(typed, before?.demands),
		},
	],
	note: (t) => (t.sample ? " · contains sample wording" : undefined),
	savedTexts: (t) => [
		{ label: "Title", text: t.title },
		{ label: "Summary", text: t.summary },
		{
			label: `Demands (${t.demands.reduce((n, g) => n + g.demands.length, 0)})`,
			list: t.demands.flatMap((g) => g.demands.map((d) => `${g.heading}: ${d.text}`)),
		},
	],
	item: (found) => found.petition,
	settingsValues: (found) => {
		const p = found?.petition;
		return {
			slug: p?.slug ?? "",
			goal: String(p?.goal ?? 1000),
			status: p?.status ?? "open",
			defaultLocale: p?.defaultLocale ?? "en",
			listId: p?.listId ?? "",
			quickExit: (p?.quickExit ?? true) ? "1" : "",
		};
	},
	settingsInput: (form) => {
		const goal = Number(form.goal);
		return {
			slug: form.slug ?? "",
			goal: form.goal && Number.isFinite(goal) ? goal : form.goal,
			status: form.status || undefined,
			defaultLocale: form.defaultLocale || undefined,
			listId: form.listId ? form.listId : null,
			quickExit: form.quickExit === "1",
		};
	},
	Settings: async ({ c, values, errors }) => {
		const lists = await listListsForEditing(c.var.db);
		return (
			<>
				<TextField name="slug" label="Slug (the address: /p/slug)" required values={values} errors={errors} />
				<TextField
					name="goal"
					label="Goal (signatures)"
					type="number"
					min={1}
					required
					values={values}
					errors={errors}
				/>
				<StatusField open="open: takes signatures" values={values} errors={errors} />
				<DefaultLocaleField values={values} errors={errors} />
				<SelectField
					name="listId"
					label="List signers may join"
					values={values}
					errors={errors}
					options={[["", "none"], ...lists.map((l): [string, string] => [l.id, l.name])]}
				/>
				<CheckField name="quickExit" label="Show “Leave this page quickly” on its page" values={values} />
			</>
		);
	},
	schema: petitionInput,
	find: (c, slug) => petitionOr404(c.var.db, slug),
	save: (c, slug, input) => savePetition(c.var.db, slug, input, c.var.actor ?? "console", Date.now()),
	summary: async (c, found) => {
		const p = found.petition;
		const countries = await countsByCountry(c.var.db, p.id);
		return (
			<>
				<p>
					<strong>{num(p.count)}</strong> {noun(p.count, { one: "confirmed signature", other: "confirmed signatures" })}{" "}
					of a goal of {num(p.goal)} · <a href={`/p/${p.slug}`}>public page</a> ·{" "}
					<a href={`/console/petitions/${p.slug}/signatures.csv`}>export signatures (CSV)</a>
				</p>
				<p class="muted">
					The CSV holds only what signers agreed to share: the name of those who chose to show it, the country, the day
					of confirmation and the partner. No email addresses.
				</p>
				<details>
					<summary>Signatures by country ({countries.length})</summary>
					<p>{countries.map((x) => `${x.country} ${num(x.count)}`).join(", ") || "none yet"}</p>
				</details>
			</>
		);
	},
});

/** Petitions: the list with counts, editing per language, and the CSV of signatures for a State. */
export const petitionPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listPetitionsForEditing(c.var.db);
		return editor.index(
			c,
			rows.length === 0 ? (
				<p class="empty" data-empty="petitions">
					No petition yet. A petition is a text people sign, with a title, a summary and demands in each language, a
					goal, and its own page at /p/slug. <a href="/console/petitions/new">Create the first petition</a>.
				</p>
			) : (
				<StackTable
					rows={rows}
					columns={[
						["Petition", (p) => <a href={`/console/petitions/${p.slug}`}>{p.title}</a>],
						["Status", (p) => p.status],
						[
							"Signatures / goal",
							(p) => (
								<>
									{num(p.count)} / {num(p.goal)}
								</>
							),
							"Signatures",
						],
						["Languages", (p) => p.locales.join(", ")],
						["Export", (p) => <a href={`/console/petitions/${p.slug}/signatures.csv`}>CSV</a>],
					]}
				/>
			),
		);
	})
	.get("/new", editor.newPage)
	.post("/", editor.create)
	.get("/:slug/signatures.csv", async (c) => {
		const found = await petitionOr404(c.var.db, c.req.param("slug"));
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
	.get("/:slug", editor.show)
	.post("/:slug", editor.update);
