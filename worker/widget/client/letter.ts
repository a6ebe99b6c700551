// The letter as the writer will send it, composed here as the Worker does (worker/domain/
// letter-text.ts): the paragraphs whose conditions hold for the State, with the fields merged.
import type { WidgetResponse } from "./types";

type Letter = NonNullable<WidgetResponse["letter"]>;

export interface Draft {
	to: string;
	subject: string;
	body: string;
}

function merge(text: string, fields: Record<string, string>): string {
	return text.replace(/\{(state|writer_name|writer_country)\}/g, (_, key: string) => fields[key] ?? "");
}

/** The letters a writer from `country` sends; none when the campaign has no State for that country. */
export function compose(letter: Letter, country: string, name: string, countryName: string): Draft[] {
	const codes = letter.targetMode === "named" ? letter.targets : [country];
	return codes.flatMap((code) => {
		const state = letter.states[code];
		if (!state) return [];
		const [stateName, live] = state;
		const fields = {
			state: stateName,
			writer_name: name,
			writer_country: letter.states[country]?.[0] ?? countryName,
		};
		const body = letter.paragraphs
			.filter((p) => !p.when || live.includes(p.when.instrument) === p.when.has)
			.map((p) => merge(p.text, fields))
			.join("\n\n");
		return [{ to: stateName, subject: merge(letter.subject, fields), body }];
	});
}
