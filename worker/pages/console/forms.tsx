/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ConsoleEnv } from "../../http/console-auth";
import { toFieldIssues } from "../../http/validate";
import { englishLanguageNames as languageNames, locales } from "../../i18n/locales";
import { DomainError, type FieldIssue } from "../../lib/errors";
import { ConsolePage, Csrf } from "./layout";

/** The text fields of a posted console form (the CSRF field left out). */
export async function formOf(c: Context<ConsoleEnv>): Promise<Record<string, string>> {
	const body = await c.req.parseBody({ all: true });
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(body)) {
		if (key === "_csrf") continue;
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === "string") out[key] = first;
	}
	return out;
}

/** Every value of a multi-valued field (checkboxes, multi-selects). */
export async function formValues(c: Context<ConsoleEnv>, name: string): Promise<string[]> {
	const body = await c.req.parseBody({ all: true });
	const value = body[name];
	const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return list.filter((x): x is string => typeof x === "string" && x !== "");
}

/** A 422 page listing what is wrong with a form, with a way back to it. */
export function invalidForm(
	c: Context<ConsoleEnv>,
	title: string,
	issues: readonly { message: string; path?: { key: unknown }[] }[],
	back: string,
) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf}>
			<h1>Some fields need a fix</h1>
			<ul class="problem" role="alert">
				{toFieldIssues(issues).map((i) => (
					<li>
						<strong>{i.path}</strong>: {i.message}
					</li>
				))}
			</ul>
			<p>
				<a href={back}>Go back</a> (your browser's Back button keeps what you typed).
			</p>
		</ConsolePage>,
		422,
	);
}

/** What is wrong with a posted form, by the name of the field it belongs to. */
export type FieldErrors = Record<string, string[]>;

/** The field issues of an error a domain save threw (422 invalid fields, 409 slug taken), or null. */
export function savedIssues(err: unknown): FieldIssue[] | null {
	if (err instanceof DomainError && (err.status === 422 || err.status === 409) && err.issues?.length) return err.issues;
	return null;
}

/** Sorts issues onto the form's fields: `fieldOf` maps a dotted path to a field name (the input's id). */
export function fieldErrors(issues: readonly FieldIssue[], fieldOf: (path: string) => string): FieldErrors {
	const out: FieldErrors = {};
	for (const i of issues) {
		const name = fieldOf(i.path);
		const list = out[name] ?? [];
		if (!list.includes(i.message)) list.push(i.message);
		out[name] = list;
	}
	return out;
}

/** The attributes that tie a field to its error. */
export function describedBy(errors: FieldErrors | undefined, name: string) {
	return errors?.[name]?.length ? { "aria-describedby": `${name}-error`, "aria-invalid": "true" as const } : {};
}

/** The error(s) of one field, shown under it. */
export function FieldError(props: { errors?: FieldErrors; name: string }) {
	const list = props.errors?.[props.name];
	if (!list?.length) return null;
	return (
		<p class="field-error" id={`${props.name}-error`}>
			{list.join(" ")}
		</p>
	);
}

/** The summary at the top of a refused form: each issue, linking to its field. */
export function ErrorSummary(props: { errors?: FieldErrors }) {
	const entries = Object.entries(props.errors ?? {});
	if (entries.length === 0) return null;
	return (
		<div class="problem" role="alert" id="error-summary">
			<h2>Some fields need a fix</h2>
			<ul>
				{entries.flatMap(([name, messages]) =>
					messages.map((m) => (
						<li>
							<a href={`#${name}`}>{m}</a>
						</li>
					)),
				)}
			</ul>
			<p class="muted">Nothing was saved; what you typed is kept below.</p>
		</div>
	);
}

/** A labelled one-line field with its error. */
export function TextField(props: {
	name: string;
	label: string;
	values: Record<string, string>;
	errors?: FieldErrors;
	type?: string;
	required?: boolean;
	min?: number;
	readonly?: boolean;
	placeholder?: string;
}) {
	const { name } = props;
	return (
		<>
			<label for={name}>{props.label}</label>
			<input
				id={name}
				name={name}
				type={props.type ?? "text"}
				required={props.required}
				min={props.min}
				readonly={props.readonly}
				placeholder={props.placeholder}
				value={props.values[name] ?? ""}
				{...describedBy(props.errors, name)}
			/>
			<FieldError errors={props.errors} name={name} />
		</>
	);
}

/** A labelled multi-line field with its error. */
export function TextArea(props: {
	name: string;
	label: string;
	values: Record<string, string>;
	errors?: FieldErrors;
	style?: string;
}) {
	const { name } = props;
	return (
		<>
			<label for={name}>{props.label}</label>
			<textarea id={name} name={name} style={props.style} {...describedBy(props.errors, name)}>
				{props.values[name] ?? ""}
			</textarea>
			<FieldError errors={props.errors} name={name} />
		</>
	);
}

/** A labelled select with its error. */
export function SelectField(props: {
	name: string;
	label: string;
	values: Record<string, string>;
	errors?: FieldErrors;
	options: [value: string, label: string][];
}) {
	const { name } = props;
	return (
		<>
			<label for={name}>{props.label}</label>
			<select id={name} name={name} {...describedBy(props.errors, name)}>
				{props.options.map(([value, label]) => (
					<option value={value} selected={(props.values[name] ?? "") === value}>
						{label}
					</option>
				))}
			</select>
			<FieldError errors={props.errors} name={name} />
		</>
	);
}

/** A checkbox (value "1") with its label. */
export function CheckField(props: { name: string; label: string; values: Record<string, string> }) {
	return (
		<div class="check">
			<input type="checkbox" id={props.name} name={props.name} value="1" checked={props.values[props.name] === "1"} />
			<label for={props.name}>{props.label}</label>
		</div>
	);
}

/** The languages by their English names: the console is in English. */
export { languageNames };

/** Open or closed, for a petition, list or letter campaign; `open` says what open means for it. */
export function StatusField(props: { open: string; values: Record<string, string>; errors?: FieldErrors }) {
	return (
		<SelectField
			name="status"
			label="Status"
			values={props.values}
			errors={props.errors}
			options={[
				["open", props.open],
				["closed", "closed"],
			]}
		/>
	);
}

/** The language used where a visitor's own has no text. */
export function DefaultLocaleField(props: { values: Record<string, string>; errors?: FieldErrors }) {
	return (
		<SelectField
			name="defaultLocale"
			label="Default language"
			values={props.values}
			errors={props.errors}
			options={locales.map((l) => [l, languageNames[l] ?? l])}
		/>
	);
}

/**
 * One language's fields in an editor, right to left for Arabic: open when it has saved text,
 * was typed in, or holds an error (and English on a new item); folded otherwise. `fields` are
 * the names before `_<locale>`, the first being the one that makes the language present.
 */
export function LanguageSection(props: {
	locale: string;
	fields: string[];
	saved: boolean;
	isNew: boolean;
	note?: string;
	values: Record<string, string>;
	errors?: FieldErrors;
	children: Child;
}) {
	const { locale: l, fields, values, errors } = props;
	const typed = (values[`${fields[0]}_${l}`] ?? "") !== "";
	const hasError = fields.some((f) => errors?.[`${f}_${l}`]);
	return (
		<details open={props.saved || hasError || typed || (props.isNew && l === "en")}>
			<summary>
				{languageNames[l]} ({l}){props.saved ? " ✓" : ""}
				{props.note ?? ""}
			</summary>
			<div dir={l === "ar" ? "rtl" : undefined} lang={l}>
				{props.children}
			</div>
		</details>
	);
}

/** The status to answer a form with: 422 when it is shown again with its errors. */
export function formStatus(errors: FieldErrors | undefined): 200 | 422 {
	return errors && Object.keys(errors).length > 0 ? 422 : 200;
}

/** What a saved language holds, as the confirmation before removing it lists it. */
export interface SavedText {
	label: string;
	text?: string;
	list?: string[];
}

/** A saved language whose key field (title, name) the posted form cleared: saving would remove it whole. */
export interface DroppedLanguage {
	locale: string;
	texts: SavedText[];
}

/** The saved languages the posted form would remove, for the confirmation step. */
export function droppedLanguages(
	form: Record<string, string>,
	keyField: string,
	saved: Record<string, SavedText[]>,
): DroppedLanguage[] {
	return locales
		.filter((l) => saved[l] !== undefined && (form[`${keyField}_${l}`] ?? "").trim() === "")
		.map((l) => ({ locale: l, texts: saved[l] ?? [] }));
}

/** The form's own fields that steer the removal step (never saved). */
export const DROP_FIELD = "_drop";

/** The posted form without the removal step's field: what the editor shows again on cancel. */
export function withoutDropField(form: Record<string, string>): Record<string, string> {
	const { [DROP_FIELD]: _, ...rest } = form;
	return rest;
}

const clip = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max).trimEnd()}…` : s);

/**
 * The step before a save that removes whole languages: what will be deleted, per language, with
 * the posted form carried along; "confirm" saves, "cancel" shows the editor again as typed.
 */
export function DropConfirmation(props: {
	csrf: string | undefined;
	action: string;
	form: Record<string, string>;
	dropped: DroppedLanguage[];
	/** "petition", "letter campaign", "list". */
	what: string;
	keyLabel: string;
}) {
	const names = props.dropped.map((d) => languageNames[d.locale] ?? d.locale);
	const joined = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
	return (
		<>
			<h1>
				Delete the {joined} {names.length > 1 ? "versions" : "version"}?
			</h1>
			<p class="problem" role="alert">
				You cleared the {props.keyLabel} in {joined}. Saving removes the whole {joined}{" "}
				{names.length > 1 ? "versions" : "version"} of this {props.what}: visitors in{" "}
				{names.length > 1 ? "those languages" : "that language"} then get the default language. This is what would be
				deleted:
			</p>
			{props.dropped.map((d) => (
				<section data-dropped={d.locale} lang={d.locale} dir={d.locale === "ar" ? "rtl" : undefined}>
					<h2 lang="en" dir="ltr">
						{languageNames[d.locale] ?? d.locale}
					</h2>
					<dl>
						{d.texts.map((t) => (
							<>
								<dt lang="en" dir="ltr">
									<strong>{t.label}</strong>
								</dt>
								<dd>
									{t.text !== undefined ? (
										<p style="white-space:pre-wrap">{t.text ? clip(t.text) : "(empty)"}</p>
									) : null}
									{t.list ? (
										<ul>
											{t.list.map((item) => (
												<li>{clip(item, 200)}</li>
											))}
										</ul>
									) : null}
								</dd>
							</>
						))}
					</dl>
				</section>
			))}
			<form method="post" action={props.action}>
				<Csrf token={props.csrf} />
				{Object.entries(withoutDropField(props.form)).map(([name, value]) => (
					<input type="hidden" name={name} value={value} />
				))}
				<div class="row">
					<button type="submit" name={DROP_FIELD} value="confirm">
						Delete {joined} and save
					</button>
					<button type="submit" class="secondary" name={DROP_FIELD} value="cancel">
						Cancel: back to the form
					</button>
				</div>
			</form>
		</>
	);
}

/** A console page of one section (its tab marked in the menu), 200 or 422. */
export function sectionPage(section: string) {
	return (c: Context<ConsoleEnv>, title: string, children: Child, status: 200 | 422 = 200) =>
		c.html(
			<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section={section}>
				{children}
			</ConsolePage>,
			status,
		);
}

/**
 * An editor's form: the CSRF field, `hidden` fields, the summary of what is wrong, the fields,
 * and its one submit button.
 */
export function EditorForm(props: {
	csrf: string | undefined;
	action: string;
	errors?: FieldErrors;
	submit: string;
	hidden?: Child;
	children: Child;
}) {
	return (
		<form method="post" action={props.action}>
			<Csrf token={props.csrf} />
			{props.hidden}
			<ErrorSummary errors={props.errors} />
			{props.children}
			<p>
				<button type="submit">{props.submit}</button>
			</p>
		</form>
	);
}

/** A column of a `StackTable`: its heading, the label a narrow screen shows (default: the heading), its cell. */
export type Column<R> = [heading: string, cell: (row: R) => Child, label?: string];

/** A table that stacks into labelled rows on a phone (class "stack"), one row per item. */
export function StackTable<R>(props: { rows: R[]; columns: Column<R>[] }) {
	return (
		<table class="stack">
			<thead>
				<tr>
					{props.columns.map(([heading]) => (
						<th>{heading}</th>
					))}
				</tr>
			</thead>
			<tbody>
				{props.rows.map((row) => (
					<tr>
						{props.columns.map(([heading, cell, label]) => (
							<td data-label={label ?? heading}>{cell(row)}</td>
						))}
					</tr>
				))}
			</tbody>
		</table>
	);
}

/** The slug: typed for a new item, read-only once saved (`fixed` is the label that says why). */
export function SlugField(props: {
	saved: boolean;
	label: string;
	fixed: string;
	values: Record<string, string>;
	errors?: FieldErrors;
}) {
	return (
		<TextField
			name="slug"
			label={props.saved ? props.fixed : props.label}
			required
			readonly={props.saved}
			values={props.values}
			errors={props.errors}
		/>
	);
}
