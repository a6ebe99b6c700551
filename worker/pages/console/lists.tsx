/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import {
	getListForEditing,
	type ListForEditing,
	listInput,
	listListsForEditing,
	saveList,
} from "../../domain/lists/list-editing";
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
	StatusField,
	savedIssues,
	TextArea,
	TextField,
	withoutDropField,
} from "./forms";
import { ConsolePage, Csrf } from "./layout";

const textFields = { name: "name", description: "description", consentText: "consent" } as const;

function valuesOf(found?: ListForEditing): Record<string, string> {
	const l = found?.list;
	const values: Record<string, string> = {
		slug: l?.slug ?? "",
		status: l?.status ?? "open",
		defaultLocale: l?.defaultLocale ?? "en",
		quickExit: (l?.quickExit ?? true) ? "1" : "",
	};
	for (const [locale, t] of Object.entries(found?.texts ?? {})) {
		values[`name_${locale}`] = t.name;
		values[`description_${locale}`] = t.description;
		values[`consent_${locale}`] = t.consentText;
	}
	return values;
}

function fieldOf(path: string): string {
	const [head, locale, field] = path.split(".");
	if (head === "texts") {
		if (!locale) return "name_en";
		return `${textFields[field as keyof typeof textFields] ?? "name"}_${locale}`;
	}
	return head ?? path;
}

function inputFromForm(form: Record<string, string>) {
	const texts: Record<string, unknown> = {};
	for (const l of locales) {
		if ((form[`name_${l}`] ?? "").trim() === "") continue;
		texts[l] = {
			name: form[`name_${l}`],
			description: form[`description_${l}`] ?? "",
			consentText: form[`consent_${l}`] ?? "",
		};
	}
	return {
		slug: form.slug ?? "",
		status: form.status || undefined,
		defaultLocale: form.defaultLocale || undefined,
		quickExit: form.quickExit === "1",
		texts,
	};
}

function ListForm(props: {
	c: Context<ConsoleEnv>;
	action: string;
	found?: ListForEditing;
	values?: Record<string, string>;
	errors?: FieldErrors;
}) {
	const { c, found, errors } = props;
	const values = props.values ?? valuesOf(found);
	return (
		<form method="post" action={props.action}>
			<Csrf token={c.var.csrf} />
			<ErrorSummary errors={errors} />
			<fieldset>
				<legend>Settings</legend>
				<TextField
					name="slug"
					label={found ? "Slug (cannot change: the consent ledger records agreements by it)" : "Slug"}
					required
					readonly={found !== undefined}
					values={values}
					errors={errors}
				/>
				<StatusField open="open: takes subscriptions" values={values} errors={errors} />
				<DefaultLocaleField values={values} errors={errors} />
				<CheckField name="quickExit" label="Show “Leave this page quickly” on its pages" values={values} />
			</fieldset>
			<p class="muted">
				The consent wording is what people agree to when they subscribe. Changing it starts a new version: earlier
				subscribers keep the version they agreed to. A language left without a name is removed (you are asked first,
				with what would go).
			</p>
			{locales.map((l) => {
				const t = found?.texts[l];
				const name = languageNames[l];
				return (
					<LanguageSection
						locale={l}
						fields={["name", "description", "consent"]}
						saved={t !== undefined}
						isNew={!found}
						note={t ? ` · consent wording version ${t.consentVersion}` : undefined}
						values={values}
						errors={errors}
					>
						<TextField name={`name_${l}`} label={`Name (${name})`} values={values} errors={errors} />
						<TextArea name={`description_${l}`} label={`Description (${name})`} values={values} errors={errors} />
						<TextArea name={`consent_${l}`} label={`Consent wording (${name})`} values={values} errors={errors} />
					</LanguageSection>
				);
			})}
			<p>
				<button type="submit">Save list</button>
			</p>
		</form>
	);
}

function page(c: Context<ConsoleEnv>, title: string, children: unknown, status: 200 | 422 = 200) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/lists">
			{children as never}
		</ConsolePage>,
		status,
	);
}

async function saveFromForm(c: Context<ConsoleEnv>, slug: string | null, found?: ListForEditing) {
	const form = await formOf(c);
	const action = slug ? `/console/lists/${slug}` : "/console/lists";
	const title = slug ? "Edit a list" : "New list";
	const again = (issues: FieldIssue[]) =>
		page(
			c,
			title,
			<>
				<h1>{title}</h1>
				{ListForm({ c, action, found, values: form, errors: fieldErrors(issues, fieldOf) })}
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
					Nothing was saved. Type the name again to keep a language, or save without it to remove it.
				</p>
				{ListForm({ c, action, found, values: withoutDropField(form) })}
			</>,
		);
	}
	const parsed = v.safeParse(listInput, inputFromForm(form));
	if (!parsed.success) return again(toFieldIssues(parsed.issues));
	const dropped = droppedLanguages(
		form,
		"name",
		Object.fromEntries(
			Object.entries(found?.texts ?? {}).map(([l, t]) => [
				l,
				[
					{ label: "Name", text: t.name },
					{ label: "Description", text: t.description },
					{ label: `Consent wording (version ${t.consentVersion})`, text: t.consentText },
				],
			]),
		),
	);
	if (dropped.length > 0 && form[DROP_FIELD] !== "confirm") {
		return page(
			c,
			"Delete a language?",
			<DropConfirmation csrf={c.var.csrf} action={action} form={form} dropped={dropped} what="list" keyLabel="name" />,
		);
	}
	try {
		const saved = await saveList(c.var.db, slug, parsed.output, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/lists/${saved.list.slug}?saved=1`, 303);
	} catch (err) {
		const issues = savedIssues(err);
		if (issues) return again(issues);
		throw err;
	}
}

/** Mailing lists: names, descriptions and consent wording per language, open/close. */
export const listPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listListsForEditing(c.var.db);
		return page(
			c,
			"Lists",
			<>
				<h1>Lists</h1>
				<p>
					<a class="button secondary" href="/console/lists/new">
						New list
					</a>
				</p>
				{rows.length === 0 ? (
					<p class="empty" data-empty="lists">
						No list yet. A list is what people subscribe to (they confirm by email) and what bulletins go to; each
						language has its name, description and consent wording.{" "}
						<a href="/console/lists/new">Create the first list</a>.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>List</th>
								<th>Slug</th>
								<th>Status</th>
								<th>Languages</th>
								<th>Active subscribers</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((r) => (
								<tr>
									<td data-label="List">
										<a href={`/console/lists/${r.slug}`}>{r.name}</a>
									</td>
									<td data-label="Slug">{r.slug}</td>
									<td data-label="Status">{r.status}</td>
									<td data-label="Languages">{r.locales.join(", ")}</td>
									<td data-label="Active subscribers">{r.active}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</>,
		);
	})
	.get("/new", (c) =>
		page(
			c,
			"New list",
			<>
				<h1>New list</h1>
				{ListForm({ c, action: "/console/lists" })}
			</>,
		),
	)
	.post("/", async (c) => saveFromForm(c, null))
	.get("/:slug", async (c) => {
		const found = await getListForEditing(c.var.db, c.req.param("slug"));
		if (!found) throw new DomainError(404, "not_found", "No list with this slug.");
		const l = found.list;
		return page(
			c,
			l.slug,
			<>
				<p class="muted">
					<a href="/console/lists">Lists</a> ›
				</p>
				<h1>{found.texts[l.defaultLocale]?.name ?? l.slug}</h1>
				{c.req.query("saved") ? (
					<p class="notice" role="status">
						Saved. New subscriptions record the wording shown now.
					</p>
				) : null}
				<p>
					<strong>{l.active}</strong> active subscribers
				</p>
				<h2>Edit</h2>
				{ListForm({ c, action: `/console/lists/${l.slug}`, found })}
			</>,
		);
	})
	.post("/:slug", async (c) => {
		const slug = c.req.param("slug");
		const found = await getListForEditing(c.var.db, slug);
		if (!found) throw new DomainError(404, "not_found", "No list with this slug.");
		return saveFromForm(c, slug, found);
	});
