/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { LetterParagraph } from "../../../schema";
import { letterCampaignOr404 } from "../../domain/console/find-or-404";
import {
	type LetterCampaignForEditing,
	type LetterCampaignInput,
	letterCampaignInput,
	listLetterCampaignsForEditing,
	saveLetterCampaign,
} from "../../domain/letters/letter-campaign-editing";
import { listListsForEditing } from "../../domain/lists/list-editing";
import type { ConsoleEnv } from "../../http/console-auth";
import { CheckField, DefaultLocaleField, SelectField, StackTable, StatusField, TextField } from "./forms";
import { languageEditor } from "./language-editor";
import { noun, num } from "./numbers";

/**
 * A letter as plain text: paragraphs separated by a blank line; a paragraph whose first line is
 * `[if has instrument-key]` or `[if not instrument-key]` is shown only to States that have (or
 * have not) committed to that instrument.
 */
type LetterCampaignText = LetterCampaignForEditing["texts"][string];

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

const editor = languageEditor<LetterCampaignForEditing, LetterCampaignText, LetterCampaignInput>({
	section: "/console/letter-campaigns",
	plural: "Letter campaigns",
	what: "letter campaign",
	newTitle: "New letter campaign",
	editTitle: "Edit a letter campaign",
	submit: "Save letter campaign",
	savedNotice: "Saved. The public page shows it now.",
	intro: (
		<>
			Paragraphs are separated by a blank line. A paragraph whose first line is <code>[if has instrument-key]</code> (or{" "}
			<code>[if not instrument-key]</code>) goes only to States that have (or have not) committed to it. Merge fields:{" "}
			<code>{"{state}"}</code>, <code>{"{writer_name}"}</code>, <code>{"{writer_country}"}</code>. A language left
			without a title is removed (you are asked first, with what would go).
		</>
	),
	texts: [
		{ name: "title", key: "title", label: "Title", show: (t) => t.title },
		{ name: "subject", key: "subject", label: "Subject", show: (t) => t.subject },
		{
			name: "paragraphs",
			key: "paragraphs",
			label: "Letter",
			area: true,
			style: "min-height:14rem",
			show: (t) => paragraphsToText(t.paragraphs),
			read: (typed) => paragraphsFromText(typed),
		},
	],
	note: (t) => (t.sample ? " · contains sample wording" : undefined),
	savedTexts: (t) => [
		{ label: "Title", text: t.title },
		{ label: "Subject", text: t.subject },
		{ label: `Letter (${t.paragraphs.length} paragraphs)`, list: t.paragraphs.map((x) => x.text) },
	],
	item: (found) => found.campaign,
	settingsValues: (found) => {
		const lc = found?.campaign;
		return {
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
	},
	settingsInput: (form) => {
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
		};
	},
	Settings: async ({ c, values, errors }) => {
		const lists = await listListsForEditing(c.var.db);
		return (
			<>
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
			</>
		);
	},
	schema: letterCampaignInput,
	find: (c, slug) => letterCampaignOr404(c.var.db, slug),
	save: (c, slug, input) => saveLetterCampaign(c.var.db, slug, input, c.var.actor ?? "console", Date.now()),
	summary: (_c, { campaign: lc }) => (
		<p>
			<strong>{num(lc.sent)}</strong> {noun(lc.sent, { one: "letter sent", other: "letters sent" })} · {num(lc.held)}{" "}
			held for review · <a href={`/l/${lc.slug}`}>public page</a>
		</p>
	),
});

/** Letter campaigns: the list with what each has sent and holds, and editing per language. */
export const letterCampaignPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listLetterCampaignsForEditing(c.var.db);
		return editor.index(
			c,
			rows.length === 0 ? (
				<p class="empty" data-empty="letter-campaigns">
					No letter campaign yet. A letter campaign gives supporters a letter to send to their own State, or to the
					States you name, in their language.{" "}
					<a href="/console/letter-campaigns/new">Create the first letter campaign</a>.
				</p>
			) : (
				<StackTable
					rows={rows}
					columns={[
						["Campaign", (r) => <a href={`/console/letter-campaigns/${r.slug}`}>{r.title}</a>],
						["Status", (r) => r.status],
						["Targets", (r) => r.targetMode],
						["Languages", (r) => r.locales.join(", ")],
						["Sent", (r) => r.sent],
						["Held", (r) => r.held],
					]}
				/>
			),
		);
	})
	.get("/new", editor.newPage)
	.post("/", editor.create)
	.get("/:slug", editor.show)
	.post("/:slug", editor.update);
