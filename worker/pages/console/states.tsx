/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { commitmentStatuses } from "../../../schema";
import { stateOr404 } from "../../domain/console/find-or-404";
import { listStatesForEditing, type StateForEditing, saveState, stateInput } from "../../domain/states/state-editing";
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
	SelectField,
	savedIssues,
	sectionPage,
	TextField,
} from "./forms";

const contactKeys = ["email", "label", "source", "checked_at", "status"] as const;
const commitmentKeys = ["instrument", "instrument_name", "status", "date", "source"] as const;
/** Empty rows offered for a new address or commitment. */
const SPARE_CONTACTS = 2;
const SPARE_COMMITMENTS = 1;

function valuesOf(found: StateForEditing): Record<string, string> {
	const s = found.state;
	const values: Record<string, string> = {
		timeZone: s.timeZone,
		dailyCap: String(s.dailyCap),
		contactRows: String(found.contacts.length + SPARE_CONTACTS),
		commitmentRows: String(found.commitments.length + SPARE_COMMITMENTS),
	};
	for (const [l, name] of Object.entries(s.names)) values[`name_${l}`] = name;
	found.contacts.forEach((c, i) => {
		Object.assign(values, {
			[`contact${i}_email`]: c.email,
			[`contact${i}_label`]: c.label,
			[`contact${i}_source`]: c.source,
			[`contact${i}_checked_at`]: c.checked_at,
			[`contact${i}_status`]: c.status,
		});
	});
	found.commitments.forEach((c, i) => {
		Object.assign(values, {
			[`commitment${i}_instrument`]: c.instrument,
			[`commitment${i}_instrument_name`]: c.instrumentName,
			[`commitment${i}_status`]: c.status,
			[`commitment${i}_date`]: c.date ?? "",
			[`commitment${i}_source`]: c.source,
		});
	});
	return values;
}

const rowCount = (value: string | undefined, max: number) => Math.max(0, Math.min(Number(value) || 0, max));

/** The posted rows that are not left empty, and the form row each came from. */
function rowsOf<K extends string>(form: Record<string, string>, prefix: string, keys: readonly K[], count: number) {
	const rows: Record<K, string>[] = [];
	const formRow: number[] = [];
	for (let i = 0; i < count; i++) {
		const row = Object.fromEntries(keys.map((k) => [k, (form[`${prefix}${i}_${k}`] ?? "").trim()])) as Record<
			K,
			string
		>;
		// A spare row's select has a value: a row counts when any text in it is filled.
		if (keys.every((k) => k === "status" || row[k] === "")) continue;
		rows.push(row);
		formRow.push(i);
	}
	return { rows, formRow };
}

function inputFromForm(form: Record<string, string>) {
	const names: Record<string, string> = {};
	for (const l of locales) if ((form[`name_${l}`] ?? "").trim() !== "") names[l] = form[`name_${l}`] ?? "";
	const contacts = rowsOf(form, "contact", contactKeys, rowCount(form.contactRows, 40));
	const commits = rowsOf(form, "commitment", commitmentKeys, rowCount(form.commitmentRows, 220));
	const dailyCap = Number(form.dailyCap);
	return {
		input: {
			names,
			timeZone: form.timeZone ?? "",
			dailyCap: form.dailyCap && Number.isFinite(dailyCap) ? dailyCap : form.dailyCap,
			contacts: contacts.rows,
			commitments: commits.rows,
		},
		fieldOf(path: string): string {
			const [head, index, key] = path.split(".");
			if (head === "names") return `name_${index ?? "en"}`;
			if (head === "contacts" || head === "commitments") {
				const rows = head === "contacts" ? contacts.formRow : commits.formRow;
				const prefix = head === "contacts" ? "contact" : "commitment";
				const row = rows[Number(index)];
				if (row === undefined) return `${prefix}0_${head === "contacts" ? "email" : "instrument"}`;
				return `${prefix}${row}_${key ?? (head === "contacts" ? "email" : "instrument")}`;
			}
			return head ?? path;
		},
	};
}

function StateForm(props: {
	c: Context<ConsoleEnv>;
	found: StateForEditing;
	values?: Record<string, string>;
	errors?: FieldErrors;
}) {
	const { c, found, errors } = props;
	const values = props.values ?? valuesOf(found);
	const contactRows = rowCount(values.contactRows, 40);
	const commitmentRows = rowCount(values.commitmentRows, 220);
	return (
		<EditorForm
			csrf={c.var.csrf}
			action={`/console/states/${found.state.iso2}`}
			errors={errors}
			submit="Save State"
			hidden={
				<>
					<input type="hidden" name="contactRows" value={String(contactRows)} />
					<input type="hidden" name="commitmentRows" value={String(commitmentRows)} />
				</>
			}
		>
			<fieldset>
				<legend>Names</legend>
				{locales.map((l) => (
					<div dir={l === "ar" ? "rtl" : undefined} lang={l}>
						<TextField
							name={`name_${l}`}
							label={`Name (${languageNames[l]})`}
							required={l === "en"}
							values={values}
							errors={errors}
						/>
					</div>
				))}
			</fieldset>
			<fieldset>
				<legend>Office</legend>
				<TextField
					name="timeZone"
					label="Time zone (IANA, such as Europe/Paris)"
					required
					values={values}
					errors={errors}
				/>
				<TextField
					name="dailyCap"
					label="Letters a day, at most"
					type="number"
					min={1}
					required
					values={values}
					errors={errors}
				/>
			</fieldset>
			<p class="muted">
				Where letters go, in order: each address with where it comes from and the day it was checked. Clear every field
				of a row to remove it.
			</p>
			{Array.from({ length: contactRows }, (_, i) => (
				<fieldset>
					<legend>Address {i + 1}</legend>
					<TextField name={`contact${i}_email`} label="Email" type="email" values={values} errors={errors} />
					<TextField name={`contact${i}_label`} label="Label (office, person)" values={values} errors={errors} />
					<TextField name={`contact${i}_source`} label="Source" values={values} errors={errors} />
					<TextField name={`contact${i}_checked_at`} label="Checked on" type="date" values={values} errors={errors} />
					<SelectField
						name={`contact${i}_status`}
						label="Status"
						values={values}
						errors={errors}
						options={[
							["active", "active"],
							["bouncing", "bouncing"],
						]}
					/>
				</fieldset>
			))}
			<p class="muted">What it has committed to, each with its source. Clear a row to remove it.</p>
			{Array.from({ length: commitmentRows }, (_, i) => (
				<fieldset>
					<legend>Commitment {i + 1}</legend>
					<TextField
						name={`commitment${i}_instrument`}
						label="Instrument key (such as psvi-declaration-2025)"
						values={values}
						errors={errors}
					/>
					<TextField name={`commitment${i}_instrument_name`} label="Instrument name" values={values} errors={errors} />
					<SelectField
						name={`commitment${i}_status`}
						label="Status"
						values={values}
						errors={errors}
						options={commitmentStatuses.map((s) => [s, s])}
					/>
					<TextField
						name={`commitment${i}_date`}
						label="Date (YYYY-MM-DD, YYYY-MM or YYYY)"
						values={values}
						errors={errors}
					/>
					<TextField name={`commitment${i}_source`} label="Source" values={values} errors={errors} />
				</fieldset>
			))}
		</EditorForm>
	);
}

const page = sectionPage("/console/states");

async function mustFind(c: Context<ConsoleEnv>) {
	return stateOr404(c.var.db, c.req.param("iso2") ?? "");
}

/** States: the directory's entries (names, office, addresses, commitments). It holds every UN State; none is added here. */
export const statePages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listStatesForEditing(c.var.db);
		return page(
			c,
			"States",
			<>
				<h1>States</h1>
				{rows.length === 0 ? (
					<p class="empty" data-empty="states">
						The States directory is empty. It should hold every UN member State, with the addresses letters go to and
						what each has committed to: it is filled by the seed (<code>npm run db:seed</code>) or by importing the
						directory's CSV (<code>npm run states:csv</code>, see the README); each State is then edited here.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>State</th>
								<th>ISO</th>
								<th>UN</th>
								<th>Addresses</th>
								<th>Bouncing</th>
								<th>Commitments</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((r) => (
								<tr>
									<td data-label="State">
										<a href={`/console/states/${r.iso2}`}>{r.name}</a>
									</td>
									<td data-label="ISO">{r.iso2}</td>
									<td data-label="UN">{r.unStatus}</td>
									<td data-label="Addresses">{r.contacts}</td>
									<td data-label="Bouncing">{r.bouncing}</td>
									<td data-label="Commitments">{r.commitments}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</>,
		);
	})
	.get("/:iso2", async (c) => {
		const found = await mustFind(c);
		return page(
			c,
			found.state.iso2,
			<>
				<p class="muted">
					<a href="/console/states">States</a> ›
				</p>
				<h1>
					{found.state.names.en ?? found.state.iso2} ({found.state.iso2})
				</h1>
				{c.req.query("saved") ? (
					<p class="notice" role="status">
						Saved. Letters use it from now on.
					</p>
				) : null}
				{StateForm({ c, found })}
			</>,
		);
	})
	.post("/:iso2", async (c) => {
		const found = await mustFind(c);
		const form = await formOf(c);
		const { input, fieldOf } = inputFromForm(form);
		const again = (issues: FieldIssue[]) =>
			page(
				c,
				found.state.iso2,
				<>
					<h1>Edit {found.state.names.en ?? found.state.iso2}</h1>
					{StateForm({ c, found, values: form, errors: fieldErrors(issues, fieldOf) })}
				</>,
				422,
			);
		const parsed = v.safeParse(stateInput, input);
		if (!parsed.success) return again(toFieldIssues(parsed.issues));
		try {
			await saveState(c.var.db, found.state.iso2, parsed.output, c.var.actor ?? "console", Date.now());
		} catch (err) {
			const issues = savedIssues(err);
			if (issues) return again(issues);
			throw err;
		}
		return c.redirect(`/console/states/${found.state.iso2}?saved=1`, 303);
	});
