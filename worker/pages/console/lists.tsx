/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { listOr404 } from "../../domain/console/find-or-404";
import {
	type ListForEditing,
	type ListInput,
	type ListTextForEditing,
	listInput,
	listListsForEditing,
	saveList,
} from "../../domain/lists/list-editing";
import type { ConsoleEnv } from "../../http/console-auth";
import { CheckField, DefaultLocaleField, SlugField, StackTable, StatusField } from "./forms";
import { languageEditor } from "./language-editor";

const editor = languageEditor<ListForEditing, ListTextForEditing, ListInput>({
	section: "/console/lists",
	plural: "Lists",
	what: "list",
	newTitle: "New list",
	editTitle: "Edit a list",
	submit: "Save list",
	savedNotice: "Saved. New subscriptions record the wording shown now.",
	intro: (
		<>
			The consent wording is what people agree to when they subscribe. Changing it starts a new version: earlier
			subscribers keep the version they agreed to. A language left without a name is removed (you are asked first, with
			what would go).
		</>
	),
	texts: [
		{ name: "name", key: "name", label: "Name", show: (t) => t.name },
		{ name: "description", key: "description", label: "Description", area: true, show: (t) => t.description },
		{ name: "consent", key: "consentText", label: "Consent wording", area: true, show: (t) => t.consentText },
	],
	note: (t) => ` · consent wording version ${t.consentVersion}${t.sample ? " · sample wording" : ""}`,
	savedTexts: (t) => [
		{ label: "Name", text: t.name },
		{ label: "Description", text: t.description },
		{ label: `Consent wording (version ${t.consentVersion})`, text: t.consentText },
	],
	item: (found) => found.list,
	settingsValues: (found) => {
		const l = found?.list;
		return {
			slug: l?.slug ?? "",
			status: l?.status ?? "open",
			defaultLocale: l?.defaultLocale ?? "en",
			quickExit: (l?.quickExit ?? true) ? "1" : "",
		};
	},
	settingsInput: (form) => ({
		slug: form.slug ?? "",
		status: form.status || undefined,
		defaultLocale: form.defaultLocale || undefined,
		quickExit: form.quickExit === "1",
	}),
	Settings: ({ found, values, errors }) => (
		<>
			<SlugField
				saved={found !== undefined}
				label="Slug"
				fixed="Slug (cannot change: the consent ledger records agreements by it)"
				values={values}
				errors={errors}
			/>
			<StatusField open="open: takes subscriptions" values={values} errors={errors} />
			<DefaultLocaleField values={values} errors={errors} />
			<CheckField name="quickExit" label="Show “Leave this page quickly” on its pages" values={values} />
		</>
	),
	schema: listInput,
	find: (c, slug) => listOr404(c.var.db, slug),
	save: (c, slug, input) => saveList(c.var.db, slug, input, c.var.actor ?? "console", Date.now()),
	summary: (_c, { list }) => (
		<p>
			<strong>{list.active}</strong> active subscribers
		</p>
	),
});

/** Mailing lists: names, descriptions and consent wording per language, open/close. */
export const listPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listListsForEditing(c.var.db);
		return editor.index(
			c,
			rows.length === 0 ? (
				<p class="empty" data-empty="lists">
					No list yet. A list is what people subscribe to (they confirm by email) and what bulletins go to; each
					language has its name, description and consent wording. <a href="/console/lists/new">Create the first list</a>
					.
				</p>
			) : (
				<StackTable
					rows={rows}
					columns={[
						["List", (r) => <a href={`/console/lists/${r.slug}`}>{r.name}</a>],
						["Slug", (r) => r.slug],
						["Status", (r) => r.status],
						["Languages", (r) => r.locales.join(", ")],
						["Active subscribers", (r) => r.active],
					]}
				/>
			),
		);
	})
	.get("/new", editor.newPage)
	.post("/", editor.create)
	.get("/:slug", editor.show)
	.post("/:slug", editor.update);
