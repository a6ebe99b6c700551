/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import * as v from "valibot";
import type { ConsoleEnv } from "../../http/console-auth";
import { toFieldIssues } from "../../http/validate";
import { locales } from "../../i18n/locales";
import type { FieldIssue } from "../../lib/errors";
import {
	DROP_FIELD,
	DropConfirmation,
	droppedLanguages,
	EditorForm,
	type FieldErrors,
	fieldErrors,
	formOf,
	LanguageSection,
	languageNames,
	type SavedText,
	savedIssues,
	sectionPage,
	TextArea,
	TextField,
	withoutDropField,
} from "./forms";

/** One text of a language: its form field (`<name>_<locale>`), the domain's key, and how to show and read it. */
export interface LanguageText<T> {
	/** The form field's name before `_<locale>`. */
	name: string;
	/** The field of the domain's text (and of an issue's path) it edits. */
	key: string;
	/** The label before ` (<language>)`. */
	label: string;
	/** A multi-line field, with this style. */
	area?: boolean;
	style?: string;
	/** The field's value for a saved text. */
	show: (text: T) => string;
	/** The domain's value for what was typed (default: as typed); `before` is the saved text. */
	read?: (typed: string, before: T | undefined) => unknown;
}

/**
 * What makes an editor of a thing with a text per language (petition, letter campaign, list):
 * its settings, its texts (the first one makes a language present: cleared, the language is
 * removed after a confirmation), how it is found and saved.
 */
export interface LanguageEditorSpec<F extends { texts: Record<string, T> }, T, I> {
	/** "/console/petitions". */
	section: string;
	/** "Petitions". */
	plural: string;
	/** "petition", as the removal step names it. */
	what: string;
	newTitle: string;
	editTitle: string;
	submit: string;
	/** What the page says after a save. */
	savedNotice: string;
	/** The muted paragraph between the settings and the languages. */
	intro: Child;
	texts: [LanguageText<T>, ...LanguageText<T>[]];
	/** After a saved language's name in its summary, e.g. " · contains sample wording". */
	note: (text: T) => string | undefined;
	/** What the removal step lists of a saved language. */
	savedTexts: (text: T) => SavedText[];
	/** The thing's slug and default language. */
	item: (found: F) => { slug: string; defaultLocale: string };
	settingsValues: (found?: F) => Record<string, string>;
	settingsInput: (form: Record<string, string>) => Record<string, unknown>;
	Settings: (props: {
		c: Context<ConsoleEnv>;
		found?: F;
		values: Record<string, string>;
		errors?: FieldErrors;
	}) => Child | Promise<Child>;
	schema: v.GenericSchema<unknown, I>;
	/** The thing, or the 404. */
	find: (c: Context<ConsoleEnv>, slug: string) => Promise<F>;
	save: (c: Context<ConsoleEnv>, slug: string | null, input: I) => Promise<F>;
	/** What the thing's page shows above its editor. */
	summary: (c: Context<ConsoleEnv>, found: F) => Child | Promise<Child>;
}

/** The console's editor for a thing with a text per language: its pages, form and save with the removal step. */
export function languageEditor<F extends { texts: Record<string, T> }, T, I>(spec: LanguageEditorSpec<F, T, I>) {
	const [keyText] = spec.texts;

	function valuesOf(found?: F): Record<string, string> {
		const values = spec.settingsValues(found);
		for (const [l, t] of Object.entries(found?.texts ?? {})) {
			for (const f of spec.texts) values[`${f.name}_${l}`] = f.show(t);
		}
		return values;
	}

	/** The form field an issue's path belongs to. */
	function fieldOf(path: string): string {
		const [head, locale, field] = path.split(".");
		if (head === "texts") {
			if (!locale) return `${keyText.name}_en`;
			return `${(spec.texts.find((f) => f.key === field) ?? keyText).name}_${locale}`;
		}
		return head ?? path;
	}

	function inputFromForm(form: Record<string, string>, found?: F) {
		const texts: Record<string, unknown> = {};
		for (const l of locales) {
			if ((form[`${keyText.name}_${l}`] ?? "").trim() === "") continue;
			texts[l] = Object.fromEntries(
				spec.texts.map((f) => {
					const typed = form[`${f.name}_${l}`] ?? "";
					return [f.key, f.read ? f.read(typed, found?.texts[l]) : typed];
				}),
			);
		}
		return { ...spec.settingsInput(form), texts };
	}

	async function editorForm(props: {
		c: Context<ConsoleEnv>;
		action: string;
		found?: F;
		values?: Record<string, string>;
		errors?: FieldErrors;
	}) {
		const { c, found, errors } = props;
		const values = props.values ?? valuesOf(found);
		return (
			<EditorForm csrf={c.var.csrf} action={props.action} errors={errors} submit={spec.submit}>
				<fieldset>
					<legend>Settings</legend>
					{await spec.Settings({ c, found, values, errors })}
				</fieldset>
				<p class="muted">{spec.intro}</p>
				{locales.map((l) => {
					const t = found?.texts[l];
					const language = languageNames[l];
					return (
						<LanguageSection
							locale={l}
							fields={spec.texts.map((f) => f.name)}
							saved={t !== undefined}
							isNew={!found}
							note={t ? spec.note(t) : undefined}
							values={values}
							errors={errors}
						>
							{spec.texts.map((f) => {
								const field = { name: `${f.name}_${l}`, label: `${f.label} (${language})`, values, errors };
								return f.area ? <TextArea {...field} style={f.style} /> : <TextField {...field} />;
							})}
						</LanguageSection>
					);
				})}
			</EditorForm>
		);
	}

	const page = sectionPage(spec.section);

	/**
	 * Validates and saves the posted form; on bad input, the form again with each issue next to
	 * its field and what was typed kept (422); a cleared language is removed only once confirmed.
	 */
	async function saveFromForm(c: Context<ConsoleEnv>, slug: string | null, found?: F) {
		const form = await formOf(c);
		const action = slug ? `${spec.section}/${slug}` : spec.section;
		const title = slug ? spec.editTitle : spec.newTitle;
		const again = async (issues: FieldIssue[]) =>
			page(
				c,
				title,
				<>
					<h1>{title}</h1>
					{await editorForm({ c, action, found, values: form, errors: fieldErrors(issues, fieldOf) })}
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
						Nothing was saved. Type the {keyText.label.toLowerCase()} again to keep a language, or save without it to
						remove it.
					</p>
					{await editorForm({ c, action, found, values: withoutDropField(form) })}
				</>,
			);
		}
		const parsed = v.safeParse(spec.schema, inputFromForm(form, found));
		if (!parsed.success) return again(toFieldIssues(parsed.issues));
		const dropped = droppedLanguages(
			form,
			keyText.name,
			Object.fromEntries(Object.entries(found?.texts ?? {}).map(([l, t]) => [l, spec.savedTexts(t)])),
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
					what={spec.what}
					keyLabel={keyText.label.toLowerCase()}
				/>,
			);
		}
		try {
			const saved = await spec.save(c, slug, parsed.output);
			return c.redirect(`${spec.section}/${spec.item(saved).slug}?saved=1`, 303);
		} catch (err) {
			const issues = savedIssues(err);
			if (issues) return again(issues);
			throw err;
		}
	}

	return {
		page,
		/** The list of things: its heading, the "new" button, then `body` (a table, or what to do when empty). */
		index: (c: Context<ConsoleEnv>, body: Child) =>
			page(
				c,
				spec.plural,
				<>
					<h1>{spec.plural}</h1>
					<p>
						<a class="button secondary" href={`${spec.section}/new`}>
							{spec.newTitle}
						</a>
					</p>
					{body}
				</>,
			),
		/** GET /new: an empty editor. */
		newPage: async (c: Context<ConsoleEnv>) =>
			page(
				c,
				spec.newTitle,
				<>
					<h1>{spec.newTitle}</h1>
					{await editorForm({ c, action: spec.section })}
				</>,
			),
		/** POST /: a new thing. */
		create: (c: Context<ConsoleEnv>) => saveFromForm(c, null),
		/** GET /:slug: the thing, what it holds, and its editor. */
		show: async (c: Context<ConsoleEnv>) => {
			const found = await spec.find(c, c.req.param("slug") ?? "");
			const { slug, defaultLocale } = spec.item(found);
			const text = found.texts[defaultLocale];
			return page(
				c,
				slug,
				<>
					<p class="muted">
						<a href={spec.section}>{spec.plural}</a> ›
					</p>
					<h1>{text ? keyText.show(text) : slug}</h1>
					{c.req.query("saved") ? (
						<p class="notice" role="status">
							{spec.savedNotice}
						</p>
					) : null}
					{await spec.summary(c, found)}
					<h2>Edit</h2>
					{await editorForm({ c, action: `${spec.section}/${slug}`, found })}
				</>,
			);
		},
		/** POST /:slug: saves the thing's edits. */
		update: async (c: Context<ConsoleEnv>) => {
			const slug = c.req.param("slug") ?? "";
			return saveFromForm(c, slug, await spec.find(c, slug));
		},
	};
}
