// Campaigners keep one State's entry in the directory up to date: its names, the office's time
// zone and daily cap, where its letters go (each address with its source and the day it was
// checked) and what it has committed to (each with its source). The rules for an address and a
// commitment are the CSV import's own (states-csv.ts), so a form and a file agree.
// A save gives the State's whole entry: addresses and commitments left out are removed.
import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { commitments, targetContacts, targets } from "../../../schema";
import type { Database, Statement } from "../../db";
import { DomainError, type FieldIssue } from "../../lib/errors";
import { auditEntry } from "../console/audit";
import { invalidFields, lineField, localeField } from "../fields";
import { commitmentRow, contactRow, isTimeZone } from "./states-csv";

/** A column the CSV takes as text, given here as text, null or nothing (all three mean empty). */
const blankable = <T extends v.GenericSchema<string, unknown>>(schema: T) =>
	v.pipe(
		v.optional(v.nullable(v.string()), ""),
		v.transform((s) => s ?? ""),
		schema,
	);

/** An address, with the CSV's columns: email, label, source, checked_at (YYYY-MM-DD), status. */
const contactField = v.object({
	email: contactRow.entries.email,
	label: blankable(contactRow.entries.label),
	source: contactRow.entries.source,
	checked_at: contactRow.entries.checked_at,
	status: blankable(contactRow.entries.status),
});

/** A commitment, with the CSV's columns: instrument, instrument_name, status, date, source. */
const commitmentField = v.object({
	instrument: commitmentRow.entries.instrument,
	instrument_name: commitmentRow.entries.instrument_name,
	status: commitmentRow.entries.status,
	date: blankable(commitmentRow.entries.date),
	source: commitmentRow.entries.source,
});

/** One State's entry as a campaigner writes it. */
export const stateInput = v.object({
	names: v.pipe(
		v.record(localeField, lineField("name", 200), 'Give the names by language, such as { "en": "France" }.'),
		v.check((n) => typeof n.en === "string", "Give the State's English name (names.en)."),
	),
	timeZone: v.pipe(
		v.string("Give the office's time zone, such as Europe/Paris."),
		v.trim(),
		v.check(isTimeZone, "This is not an IANA time zone, such as Europe/Paris or America/Bogota."),
	),
	dailyCap: v.pipe(
		v.number("The daily cap is a number of letters a day."),
		v.integer("The daily cap is a whole number."),
		v.minValue(1, "The daily cap is at least 1 letter a day."),
		v.maxValue(100_000, "The daily cap is at most 100,000."),
	),
	contacts: v.pipe(
		v.array(contactField, "Give the addresses as a list."),
		v.maxLength(20, "Keep it under 20 addresses."),
	),
	commitments: v.pipe(
		v.array(commitmentField, "Give the commitments as a list."),
		v.maxLength(200, "Keep it under 200 commitments."),
	),
});
export type StateInput = v.InferOutput<typeof stateInput>;

export interface StateForEditing {
	state: typeof targets.$inferSelect;
	contacts: (typeof targetContacts.$inferSelect & { checked_at: string })[];
	commitments: (typeof commitments.$inferSelect)[];
}

export interface StateSummary {
	iso2: string;
	name: string;
	unStatus: "member" | "observer";
	contacts: number;
	bouncing: number;
	commitments: number;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every State with how many addresses (and bouncing ones) and commitments it has. */
export async function listStatesForEditing(db: Database): Promise<StateSummary[]> {
	const [rows, contacts, commits] = await db.batch([
		db.select().from(targets).orderBy(asc(targets.iso2)),
		db.select({ targetId: targetContacts.targetId, status: targetContacts.status }).from(targetContacts),
		db.select({ targetId: commitments.targetId }).from(commitments),
	]);
	return rows.map((t) => {
		const own = contacts.filter((c) => c.targetId === t.id);
		return {
			iso2: t.iso2,
			name: t.names.en ?? t.iso2,
			unStatus: t.unStatus,
			contacts: own.length,
			bouncing: own.filter((c) => c.status === "bouncing").length,
			commitments: commits.filter((c) => c.targetId === t.id).length,
		};
	});
}

/** One State's entry; undefined when no State has this code. */
export async function getStateForEditing(db: Database, iso2: string): Promise<StateForEditing | undefined> {
	const state = await db.select().from(targets).where(eq(targets.iso2, iso2.toUpperCase())).get();
	if (!state) return undefined;
	const [contacts, commits] = await db.batch([
		db
			.select()
			.from(targetContacts)
			.where(eq(targetContacts.targetId, state.id))
			.orderBy(asc(targetContacts.createdAt), asc(targetContacts.email)),
		db.select().from(commitments).where(eq(commitments.targetId, state.id)).orderBy(asc(commitments.instrument)),
	]);
	return { state, contacts: contacts.map((c) => ({ ...c, checked_at: isoDay(c.checkedAt) })), commitments: commits };
}

/**
 * Writes one State's entry. Unknown code → 404 (the directory holds every UN member and observer
 * State; it is not added to here). The same address or instrument twice → 422.
 */
export async function saveState(
	db: Database,
	iso2: string,
	input: StateInput,
	actor: string,
	now: number,
): Promise<StateForEditing> {
	const code = iso2.toUpperCase();
	const old = await getStateForEditing(db, code);
	if (!old) throw new DomainError(404, "not_found", "No State with this code in the directory.");
	const issues: FieldIssue[] = [];
	const seenEmails = new Map<string, number>();
	input.contacts.forEach((c, i) => {
		const first = seenEmails.get(c.email);
		if (first !== undefined) issues.push({ path: `contacts.${i}.email`, message: `Address ${first + 1} is the same.` });
		else seenEmails.set(c.email, i);
	});
	const seenInstruments = new Map<string, number>();
	input.commitments.forEach((c, i) => {
		const first = seenInstruments.get(c.instrument);
		if (first !== undefined) {
			issues.push({
				path: `commitments.${i}.instrument`,
				message: `Commitment ${first + 1} is to the same instrument.`,
			});
		} else seenInstruments.set(c.instrument, i);
	});
	if (issues.length > 0) throw invalidFields(issues);

	const targetId = old.state.id;
	const names: Record<string, string> = { ...input.names };
	const statements: Statement[] = [
		db
			.update(targets)
			.set({ names, timeZone: input.timeZone, dailyCap: input.dailyCap, updatedAt: now })
			.where(eq(targets.id, targetId)),
	];
	// Addresses and commitments no longer given go; the rest are upserted on their natural keys,
	// keeping their ids and creation times (an address's place in the order letters use).
	for (const c of old.contacts) {
		if (!seenEmails.has(c.email)) statements.push(db.delete(targetContacts).where(eq(targetContacts.id, c.id)));
	}
	input.contacts.forEach((c, i) => {
		const was = old.contacts.find((o) => o.email === c.email);
		// The form has days: an address checked on the same day keeps the exact time it has.
		const checkedAt = was && isoDay(was.checkedAt) === isoDay(c.checked_at) ? was.checkedAt : c.checked_at;
		const values = { label: c.label, source: c.source, checkedAt, status: c.status, updatedAt: now };
		statements.push(
			db
				.insert(targetContacts)
				.values({ id: crypto.randomUUID(), targetId, email: c.email, ...values, createdAt: now + i })
				.onConflictDoUpdate({ target: [targetContacts.targetId, targetContacts.email], set: values }),
		);
	});
	for (const c of old.commitments) {
		if (!seenInstruments.has(c.instrument)) statements.push(db.delete(commitments).where(eq(commitments.id, c.id)));
	}
	for (const c of input.commitments) {
		const values = {
			instrumentName: c.instrument_name,
			status: c.status,
			date: c.date,
			source: c.source,
			updatedAt: now,
		};
		statements.push(
			db
				.insert(commitments)
				.values({ id: crypto.randomUUID(), targetId, instrument: c.instrument, ...values, createdAt: now })
				.onConflictDoUpdate({ target: [commitments.targetId, commitments.instrument], set: values }),
		);
	}
	statements.push(
		auditEntry(
			db,
			{
				actor,
				action: "state.update",
				subject: code,
				detail: { contacts: input.contacts.length, commitments: input.commitments.map((c) => c.instrument) },
			},
			now,
		).statement,
	);
	await db.batch(statements as [Statement, ...Statement[]]);
	const saved = await getStateForEditing(db, code);
	if (!saved) throw new Error(`State ${code} vanished after saving`);
	return saved;
}
