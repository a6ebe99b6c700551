/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { ConsoleEnv } from "../../middleware/console-auth";
import { toFieldIssues } from "../../middleware/validate";
import { ConsolePage } from "./layout";

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
