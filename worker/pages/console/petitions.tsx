/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { auditEntry } from "../../domain/console/audit";
import { listListsForEditing } from "../../domain/lists/list-editing";
import { countsByCountry } from "../../domain/petitions/campaign-counts";
import {
	getPetitionForEditing,
	listPetitionsForEditing,
	type PetitionForEditing,
	type PetitionTextForEditing,
	petitionInput,
	savePetition,
} from "../../domain/petitions/petition-editing";
import { signaturesCsv } from "../../domain/petitions/signature-export";
import type { ConsoleEnv } from "../../http/console-auth";
import { toFieldIssues } from "../../http/validate";
import { DomainError, type FieldIssue } from "../../lib/errors";
import { locales } from "../../lib/locale";
import {
	CheckField,
	DefaultLocaleField,
	DROP_FIELD,
	DropConfirmation,
	droppedLanguages,
	ErrorSummary,
	type FieldErrors,
	fieldErrors,
	formOf,
	LanguageSection,
	languageNames,
	SelectField,
	StatusField,
	savedIssues,
	TextArea,
	TextField,
	withoutDropField,
} from "./forms";
import { ConsolePage, Csrf } from "./layout";
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

/** The form's fields for a petition (or the defaults of a new one). */
function valuesOf(found?: PetitionForEditing): Record<string, string> {
	const p = found?.petition;
	const values: Record<string, string> = {
		slug: p?.slug ?? "",
		goal: String(p?.goal ?? 1000),
		status: p?.status ?? "open",
		defaultLocale: p?.defaultLocale ?? "en",
		listId: p?.listId ?? "",
		quickExit: (p?.quickExit ?? true) ? "1" : "",
	};
	for (const [l, t] of Object.entries(found?.texts ?? {})) {
		values[`title_${l}`] = t.title;
		values[`summary_${l}`] = t.summary;
		values[`demands_${l}`] = demandsToText(t.demands);
	}
	return values;
}

/** The form field an issue's path belongs to. */
function fieldOf(path: string): string {
	const [head, locale, field] = path.split(".");
	if (head === "texts") {
		if (!locale) return "title_en";
		return `${field === "summary" || field === "demands" ? field : "title"}_${locale}`;
	}
	return head ?? path;
}

async function PetitionForm(props: {
	c: Context<ConsoleEnv>;
	action: string;
	found?: PetitionForEditing;
	values?: Record<string, string>;
	errors?: FieldErrors;
}) {
	const { c, found, errors } = props;
	const values = props.values ?? valuesOf(found);
	const lists = await listListsForEditing(c.var.db);
	return (
		<form method="post" action={props.action}>
			<Csrf token={c.var.csrf} />
			<ErrorSummary errors={errors} />
			<fieldset>
				<legend>Settings</legend>
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
			</fieldset>
			<p class="muted">
				Demands: a line <code># key: Heading</code> starts a group; every other line is one demand. A language left
				without a title is removed (you are asked first, with what would go).
			</p>
			{locales.map((l) => {
				const t = found?.texts[l];
				const name = languageNames[l];
				return (
					<LanguageSection
						locale={l}
						fields={["title", "summary", "demands"]}
						saved={t !== undefined}
						isNew={!found}
						note={t?.sample ? " · contains sample wording" : undefined}
						values={values}
						errors={errors}
					>
						<TextField name={`title_${l}`} label={`Title (${name})`} values={values} errors={errors} />
						<TextArea
							name={`summary_${l}`}
							label={`Summary (${name})`}
							style="min-height:8rem"
							values={values}
							errors={errors}
						/>
						<TextArea name={`demands_${l}`} label={`Demands (${name})`} values={values} errors={errors} />
					</LanguageSection>
				);
			})}
			<p>
				<button type="submit">Save petition</button>
			</p>
		</form>
	);
}

function inputFromForm(form: Record<string, string>, found?: PetitionForEditing) {
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
		goal: form.goal && Number.isFinite(goal) ? goal : form.goal,
		status: form.status || undefined,
		defaultLocale: form.defaultLocale || undefined,
		listId: form.listId ? form.listId : null,
		quickExit: form.quickExit === "1",
		texts,
	};
}

function page(c: Context<ConsoleEnv>, title: string, children: unknown, status: 200 | 422 = 200) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/petitions">
			{children as never}
		</ConsolePage>,
		status,
	);
}

/**
 * Validates and saves the posted form; on bad input, the form again with each issue next to its
 * field and what was typed kept (422).
 */
async function saveFromForm(c: Context<ConsoleEnv>, slug: string | null, found?: PetitionForEditing) {
	const form = await formOf(c);
	const action = slug ? `/console/petitions/${slug}` : "/console/petitions";
	const again = async (issues: FieldIssue[]) => {
		const errors = fieldErrors(issues, fieldOf);
		return page(
			c,
			slug ? "Edit a petition" : "New petition",
			<>
				<h1>{slug ? "Edit a petition" : "New petition"}</h1>
				{await PetitionForm({ c, action, found, values: form, errors })}
			</>,
			422,
		);
	};
	if (form[DROP_FIELD] === "cancel") {
		return page(
			c,
			"Edit a petition",
			<>
				<h1>Edit a petition</h1>
				<p class="notice" role="status">
					Nothing was saved. Type the title again to keep a language, or save without it to remove it.
				</p>
				{await PetitionForm({ c, action, found, values: withoutDropField(form) })}
			</>,
		);
	}
	const parsed = v.safeParse(petitionInput, inputFromForm(form, found));
	if (!parsed.success) return again(toFieldIssues(parsed.issues));
	const dropped = droppedLanguages(
		form,
		"title",
		Object.fromEntries(
			Object.entries(found?.texts ?? {}).map(([l, t]) => [
				l,
				[
					{ label: "Title", text: t.title },
					{ label: "Summary", text: t.summary },
					{
						label: `Demands (${t.demands.reduce((n, g) => n + g.demands.length, 0)})`,
						list: t.demands.flatMap((g) => g.demands.map((d) => `${g.heading}: ${d.text}`)),
					},
				],
			]),
		),
	);
	if (dropped.length > 0 && form[DROP_FIELD] !== "confirm") {
		return page(
			c,
			"Delete a language?",
			<DropConfirmation
				csrf={c.var.csrf}
				action={action}
				form={form}
				dropped={dropped}
				what="petition"
				keyLabel="title"
			/>,
		);
	}
	try {
		const saved = await savePetition(c.var.db, slug, parsed.output, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/petitions/${saved.petition.slug}?saved=1`, 303);
	} catch (err) {
		const issues = savedIssues(err);
		if (issues) return again(issues);
		throw err;
	}
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
				{rows.length === 0 ? (
					<p class="empty" data-empty="petitions">
						No petition yet. A petition is a text people sign, with a title, a summary and demands in each language, a
						goal, and its own page at /p/slug. <a href="/console/petitions/new">Create the first petition</a>.
					</p>
				) : (
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
										{num(p.count)} / {num(p.goal)}
									</td>
									<td data-label="Languages">{p.locales.join(", ")}</td>
									<td data-label="Export">
										<a href={`/console/petitions/${p.slug}/signatures.csv`}>CSV</a>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
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
	.post("/", async (c) => saveFromForm(c, null))
	.get("/:slug/signatures.csv", async (c) => {
		const found = await getPetitionForEditing(c.var.db, c.req.param("slug"));
		if (!found) throw new DomainError(404, "not_found", "No petition with this slug.");
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
		if (!found) throw new DomainError(404, "not_found", "No petition with this slug.");
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
				<h2>Edit</h2>
				{await PetitionForm({ c, action: `/console/petitions/${p.slug}`, found })}
			</>,
		);
	})
	.post("/:slug", async (c) => {
		const slug = c.req.param("slug");
		const found = await getPetitionForEditing(c.var.db, slug);
		if (!found) throw new DomainError(404, "not_found", "No petition with this slug.");
		return saveFromForm(c, slug, found);
	});
