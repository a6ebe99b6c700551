/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import type { Partner } from "../../../schema";
import { partnerOr404 } from "../../domain/console/find-or-404";
import { getPartner, listPartners, partnerInput, savePartner } from "../../domain/partners/partners";
import type { ConsoleEnv } from "../../http/console-auth";
import { toFieldIssues } from "../../http/validate";
import { locales } from "../../i18n/locales";
import type { FieldIssue } from "../../lib/errors";
import {
	EditorForm,
	type FieldErrors,
	fieldErrors,
	formOf,
	languageNames,
	SlugField,
	sectionPage,
	TextArea,
	TextField,
} from "./forms";

function valuesOf(found?: Partner): Record<string, string> {
	const values: Record<string, string> = {
		slug: found?.slug ?? "",
		name: found?.name ?? "",
		allowedOrigins: (found?.allowedOrigins ?? []).join("\n"),
		privacyUrl: found?.privacyUrl ?? "",
	};
	for (const [l, text] of Object.entries(found?.consentTexts ?? {})) values[`consent_${l}`] = text;
	return values;
}

function fieldOf(path: string): string {
	const [head, locale] = path.split(".");
	if (head === "consentTexts") return `consent_${locale ?? "en"}`;
	return head ?? path;
}

function inputFromForm(form: Record<string, string>, slug: string | null) {
	const consentTexts: Record<string, string> = {};
	for (const l of locales) {
		const text = form[`consent_${l}`] ?? "";
		if (text.trim() !== "") consentTexts[l] = text;
	}
	return {
		slug: slug ?? (form.slug ?? "").trim(),
		name: form.name ?? "",
		allowedOrigins: (form.allowedOrigins ?? "")
			.split(/[\s,]+/)
			.map((s) => s.trim())
			.filter(Boolean),
		consentTexts,
		privacyUrl: (form.privacyUrl ?? "").trim() === "" ? null : form.privacyUrl,
	};
}

function PartnerForm(props: {
	c: Context<ConsoleEnv>;
	action: string;
	found?: Partner;
	values?: Record<string, string>;
	errors?: FieldErrors;
}) {
	const { c, found, errors } = props;
	const values = props.values ?? valuesOf(found);
	return (
		<EditorForm csrf={c.var.csrf} action={props.action} errors={errors} submit="Save partner">
			<fieldset>
				<legend>Partner</legend>
				<SlugField
					saved={found !== undefined}
					label="Slug (used in the embed code)"
					fixed="Slug (cannot change: signatures record it)"
					values={values}
					errors={errors}
				/>
				<TextField name="name" label="Name" required values={values} errors={errors} />
				<TextArea
					name="allowedOrigins"
					label="Sites its forms may submit from (one origin a line, such as https://partner.example)"
					values={values}
					errors={errors}
				/>
				<TextField
					name="privacyUrl"
					label="Its privacy policy's address (shown next to its own opt-in line)"
					type="url"
					values={values}
					errors={errors}
				/>
			</fieldset>
			<p class="muted">
				Its own opt-in line, per language: shown on its embedded forms as a separate, unticked box. Leave a language
				empty to show none.
			</p>
			{locales.map((l) => (
				<div dir={l === "ar" ? "rtl" : undefined} lang={l}>
					<TextArea
						name={`consent_${l}`}
						label={`Opt-in line (${languageNames[l]})`}
						style="min-height:4rem"
						values={values}
						errors={errors}
					/>
				</div>
			))}
		</EditorForm>
	);
}

const page = sectionPage("/console/partners");

async function saveFromForm(c: Context<ConsoleEnv>, slug: string | null, found?: Partner) {
	const form = await formOf(c);
	const action = slug ? `/console/partners/${slug}` : "/console/partners";
	const title = slug ? "Edit a partner" : "New partner";
	const again = (issues: FieldIssue[]) =>
		page(
			c,
			title,
			<>
				<h1>{title}</h1>
				{PartnerForm({ c, action, found, values: form, errors: fieldErrors(issues, fieldOf) })}
			</>,
			422,
		);
	const parsed = v.safeParse(partnerInput, inputFromForm(form, slug));
	if (!parsed.success) return again(toFieldIssues(parsed.issues));
	// savePartner upserts by slug: a new partner must not take over an existing one.
	if (!slug && (await getPartner(c.var.db, parsed.output.slug))) {
		return again([{ path: "slug", message: "Another partner already has this slug." }]);
	}
	const now = Date.now();
	const partner = await savePartner(c.var.db, parsed.output, now, c.var.actor ?? "console");
	return c.redirect(`/console/partners/${partner.slug}?saved=1`, 303);
}

/** Partners: who may embed the forms, from which sites, with which opt-in line of their own. */
export const partnerPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listPartners(c.var.db);
		return page(
			c,
			"Partners",
			<>
				<h1>Partners</h1>
				<p>
					<a class="button secondary" href="/console/partners/new">
						New partner
					</a>
				</p>
				{rows.length === 0 ? (
					<p class="empty" data-empty="partners">
						No partner yet. A partner is an organisation that embeds the petition, letter or subscribe forms on its own
						site: you name the sites allowed to, and it may add its own opt-in line.{" "}
						<a href="/console/partners/new">Add the first partner</a>.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>Partner</th>
								<th>Slug</th>
								<th>Allowed origins</th>
								<th>Own opt-in line in</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((r) => (
								<tr>
									<td data-label="Partner">
										<a href={`/console/partners/${r.slug}`}>{r.name}</a>
									</td>
									<td data-label="Slug">{r.slug}</td>
									<td data-label="Allowed origins">{r.allowedOrigins.join(", ")}</td>
									<td data-label="Own opt-in line in">{Object.keys(r.consentTexts).join(", ")}</td>
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
			"New partner",
			<>
				<h1>New partner</h1>
				{PartnerForm({ c, action: "/console/partners" })}
			</>,
		),
	)
	.post("/", async (c) => saveFromForm(c, null))
	.get("/:slug", async (c) => {
		const found = await partnerOr404(c.var.db, c.req.param("slug"));
		return page(
			c,
			found.slug,
			<>
				<p class="muted">
					<a href="/console/partners">Partners</a> ›
				</p>
				<h1>{found.name}</h1>
				{c.req.query("saved") ? (
					<p class="notice" role="status">
						Saved. Its forms are accepted from these sites within a few seconds.
					</p>
				) : null}
				<h2>Edit</h2>
				{PartnerForm({ c, action: `/console/partners/${found.slug}`, found })}
			</>,
		);
	})
	.post("/:slug", async (c) => {
		const slug = c.req.param("slug");
		const found = await partnerOr404(c.var.db, slug);
		return saveFromForm(c, slug, found);
	});
