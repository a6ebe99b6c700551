/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import type { LetterParagraph } from "../../../schema";
import {
	getLetterCampaignForEditing,
	type LetterCampaignForEditing,
	letterCampaignInput,
	listLetterCampaignsForEditing,
	saveLetterCampaign,
} from "../../domain/letters/letter-campaign-editing";
import { listListsForEditing } from "../../domain/lists/list-editing";
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

/**
 * A letter as plain text: paragraphs separated by a blank line; a paragraph whose first line is
 * `[if has instrument-key]` or `[if not instrument-key]` is shown only to States that have (or
 * have not) committed to that instrument.
 */
function paragraphsToText(paragraphs: LetterParagraph[]): string {
	return paragraphs
		.map((p) => (p.when ? `[if ${p.when.has ? "has" : "not"} ${p.when.instrument}]\n${p.text}` : p.text))
		.join("\n\n");
}

function paragraphsFromText(text: string) {
	return text
		.replace(/\r\n?/g, "\n")
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter(Boolean)
		.map((block) => {
			const m = block.match(/^\[if (has|not) ([^\]\n]*)\]\s*\n?([\s\S]*)$/);
			if (!m) return { text: block };
			return { text: (m[3] ?? "").trim(), when: { instrument: (m[2] ?? "").trim(), has: m[1] === "has" } };
		});
}

function valuesOf(found?: LetterCampaignForEditing): Record<string, string> {
	const lc = found?.campaign;
	const values: Record<string, string> = {
		slug: lc?.slug ?? "",
		status: lc?.status ?? "open",
		defaultLocale: lc?.defaultLocale ?? "en",
		targetMode: lc?.targetMode ?? "own-state",
		targetIso2s: (lc?.targetIso2s ?? []).join(", "),
		allowLinks: lc?.allowLinks ? "1" : "",
		maxBodyChars: String(lc?.maxBodyChars ?? 5000),
		nearDuplicateLimit: String(lc?.nearDuplicateLimit ?? 10),
		listId: lc?.listId ?? "",
		quickExit: (lc?.quickExit ?? true) ? "1" : "",
	};
	for (const [l, t] of Object.entries(found?.texts ?? {})) {
		values[`title_${l}`] = t.title;
		values[`subject_${l}`] = t.subject;
		values[`paragraphs_${l}`] = paragraphsToText(t.paragraphs);
	}
	return values;
}

function fieldOf(path: string): string {
	const [head, locale, field] = path.split(".");
	if (head === "texts") {
		if (!locale) return "title_en";
		return `${field === "subject" || field === "paragraphs" ? field : "title"}_${locale}`;
	}
	return head ?? path;
}

function inputFromForm(form: Record<string, string>) {
	const texts: Record<string, unknown> = {};
	for (const l of locales) {
		if ((form[`title_${l}`] ?? "").trim() === "") continue;
		texts[l] = {
			title: form[`title_${l}`],
			subject: form[`subject_${l}`] ?? "",
			paragraphs: paragraphsFromText(form[`paragraphs_${l}`] ?? ""),
		};
	}
	const num = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Number(value) : value);
	return {
		slug: form.slug ?? "",
		status: form.status || undefined,
		defaultLocale: form.defaultLocale || undefined,
		targetMode: form.targetMode || undefined,
		targetIso2s: (form.targetIso2s ?? "")
			.split(/[\s,;]+/)
			.map((s) => s.trim())
			.filter(Boolean),
		allowLinks: form.allowLinks === "1",
		maxBodyChars: num(form.maxBodyChars),
		nearDuplicateLimit: num(form.nearDuplicateLimit),
		listId: form.listId ? form.listId : null,
		quickExit: form.quickExit === "1",
		texts,
	};
}

async function LetterCampaignForm(props: {
	c: Context<ConsoleEnv>;
	action: string;
	found?: LetterCampaignForEditing;
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
				<TextField name="slug" label="Slug (the address: /l/slug)" required values={values} errors={errors} />
				<StatusField open="open: takes letters" values={values} errors={errors} />
				<DefaultLocaleField values={values} errors={errors} />
				<SelectField
					name="targetMode"
					label="Who is written to"
					values={values}
					errors={errors}
					options={[
						["own-state", "each writer's own State"],
						["named", "the States named below"],
					]}
				/>
				<TextField
					name="targetIso2s"
					label="Named States (ISO codes, separated by commas)"
					placeholder="e.g. FR, CO"
					values={values}
					errors={errors}
				/>
				<TextField
					name="maxBodyChars"
					label="Longest letter (characters)"
					type="number"
					min={200}
					values={values}
					errors={errors}
				/>
				<TextField
					name="nearDuplicateLimit"
					label="Near-identical letters allowed before holding for review"
					type="number"
					min={0}
					values={values}
					errors={errors}
				/>
				<SelectField
					name="listId"
					label="List writers may join"
					values={values}
					errors={errors}
					options={[["", "none"], ...lists.map((l): [string, string] => [l.id, l.name])]}
				/>
				<CheckField name="allowLinks" label="Allow links in letters" values={values} />
				<CheckField name="quickExit" label="Show “Leave this page quickly” on its page" values={values} />
			</fieldset>
			<p class="muted">
				Paragraphs are separated by a blank line. A paragraph whose first line is <code>[if has instrument-key]</code>{" "}
				(or <code>[if not instrument-key]</code>) goes only to States that have (or have not) committed to it. Merge
				fields: <code>{"{state}"}</code>, <code>{"{writer_name}"}</code>, <code>{"{writer_country}"}</code>. A language
				left without a title is removed (you are asked first, with what would go).
			</p>
			{locales.map((l) => {
				const t = found?.texts[l];
				const name = languageNames[l];
				return (
					<LanguageSection
						locale={l}
						fields={["title", "subject", "paragraphs"]}
						saved={t !== undefined}
						isNew={!found}
						note={t?.sample ? " · contains sample wording" : undefined}
						values={values}
						errors={errors}
					>
						<TextField name={`title_${l}`} label={`Title (${name})`} values={values} errors={errors} />
						<TextField name={`subject_${l}`} label={`Subject (${name})`} values={values} errors={errors} />
						<TextArea
							name={`paragraphs_${l}`}
							label={`Letter (${name})`}
							style="min-height:14rem"
							values={values}
							errors={errors}
						/>
					</LanguageSection>
				);
			})}
			<p>
				<button type="submit">Save letter campaign</button>
			</p>
		</form>
	);
}

function page(c: Context<ConsoleEnv>, title: string, children: unknown, status: 200 | 422 = 200) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/letter-campaigns">
			{children as never}
		</ConsolePage>,
		status,
	);
}

async function saveFromForm(c: Context<ConsoleEnv>, slug: string | null, found?: LetterCampaignForEditing) {
	const form = await formOf(c);
	const action = slug ? `/console/letter-campaigns/${slug}` : "/console/letter-campaigns";
	const title = slug ? "Edit a letter campaign" : "New letter campaign";
	const again = async (issues: FieldIssue[]) =>
		page(
			c,
			title,
			<>
				<h1>{title}</h1>
				{await LetterCampaignForm({ c, action, found, values: form, errors: fieldErrors(issues, fieldOf) })}
			</>,
			422,
		);
	if (form[DROP_FIELD] === "cancel") {
		return page(
			c,
			title,
			<>
				<h1>{title}</h1>
				<p class="notice" role="status">
					Nothing was saved. Type the title again to keep a language, or save without it to remove it.
				</p>
				{await LetterCampaignForm({ c, action, found, values: withoutDropField(form) })}
			</>,
		);
	}
	const parsed = v.safeParse(letterCampaignInput, inputFromForm(form));
	if (!parsed.success) return again(toFieldIssues(parsed.issues));
	const dropped = droppedLanguages(
		form,
		"title",
		Object.fromEntries(
			Object.entries(found?.texts ?? {}).map(([l, t]) => [
				l,
				[
					{ label: "Title", text: t.title },
					{ label: "Subject", text: t.subject },
					{ label: `Letter (${t.paragraphs.length} paragraphs)`, list: t.paragraphs.map((x) => x.text) },
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
				what="letter campaign"
				keyLabel="title"
			/>,
		);
	}
	try {
		const saved = await saveLetterCampaign(c.var.db, slug, parsed.output, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/letter-campaigns/${saved.campaign.slug}?saved=1`, 303);
	} catch (err) {
		const issues = savedIssues(err);
		if (issues) return again(issues);
		throw err;
	}
}

/** Letter campaigns: the list with what each has sent and holds, and editing per language. */
export const letterCampaignPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listLetterCampaignsForEditing(c.var.db);
		return page(
			c,
			"Letter campaigns",
			<>
				<h1>Letter campaigns</h1>
				<p>
					<a class="button secondary" href="/console/letter-campaigns/new">
						New letter campaign
					</a>
				</p>
				{rows.length === 0 ? (
					<p class="empty" data-empty="letter-campaigns">
						No letter campaign yet. A letter campaign gives supporters a letter to send to their own State, or to the
						States you name, in their language.{" "}
						<a href="/console/letter-campaigns/new">Create the first letter campaign</a>.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>Campaign</th>
								<th>Status</th>
								<th>Targets</th>
								<th>Languages</th>
								<th>Sent</th>
								<th>Held</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((r) => (
								<tr>
									<td data-label="Campaign">
										<a href={`/console/letter-campaigns/${r.slug}`}>{r.title}</a>
									</td>
									<td data-label="Status">{r.status}</td>
									<td data-label="Targets">{r.targetMode}</td>
									<td data-label="Languages">{r.locales.join(", ")}</td>
									<td data-label="Sent">{r.sent}</td>
									<td data-label="Held">{r.held}</td>
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
			"New letter campaign",
			<>
				<h1>New letter campaign</h1>
				{await LetterCampaignForm({ c, action: "/console/letter-campaigns" })}
			</>,
		),
	)
	.post("/", async (c) => saveFromForm(c, null))
	.get("/:slug", async (c) => {
		const found = await getLetterCampaignForEditing(c.var.db, c.req.param("slug"));
		if (!found) throw new DomainError(404, "not_found", "No letter campaign with this slug.");
		const lc = found.campaign;
		return page(
			c,
			lc.slug,
			<>
				<p class="muted">
					<a href="/console/letter-campaigns">Letter campaigns</a> ›
				</p>
				<h1>{found.texts[lc.defaultLocale]?.title ?? lc.slug}</h1>
				{c.req.query("saved") ? (
					<p class="notice" role="status">
						Saved. The public page shows it now.
					</p>
				) : null}
				<p>
					<strong>{num(lc.sent)}</strong> {noun(lc.sent, { one: "letter sent", other: "letters sent" })} ·{" "}
					{num(lc.held)} held for review · <a href={`/l/${lc.slug}`}>public page</a>
				</p>
				<h2>Edit</h2>
				{await LetterCampaignForm({ c, action: `/console/letter-campaigns/${lc.slug}`, found })}
			</>,
		);
	})
	.post("/:slug", async (c) => {
		const slug = c.req.param("slug");
		const found = await getLetterCampaignForEditing(c.var.db, slug);
		if (!found) throw new DomainError(404, "not_found", "No letter campaign with this slug.");
		return saveFromForm(c, slug, found);
	});
