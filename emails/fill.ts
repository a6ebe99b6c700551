/**
 * Rendering many emails of one template at once: rendered once per template, language and group
 * of equal props, with tokens in place of the per-recipient values (names, links), then filled in
 * for each recipient (HTML-escaped in the HTML part) without rendering again. The bulletins do
 * the same with their own greeting and unsubscribe link (`emails/bulletin-render.ts`).
 *
 * Only the props listed in `fillable` are filled in. They are shown as given (after the
 * normaliser the template itself applies): never in the preheader (react-email pads it to a
 * length), never tested against a value. Every other prop (titles, list and State names, counts,
 * letters) is part of the group's key, so emails whose other props differ are rendered apart.
 * tests/domain/email-fill.test.ts checks that the filled emails are byte for byte the ones a
 * render per recipient gives.
 */
import { displayName } from "./i18n";
import { type RenderedEmail, renderEmail, type TemplateName, type TemplateProps, templates } from "./index";

type Normalise = (value: string) => string;
const asIs: Normalise = (value) => value;
const name: Normalise = (value) => displayName(value);

/**
 * Per template, the props filled in per recipient (a `*` stands for each item of an array) and
 * the normaliser the template applies to each before showing it.
 */
const fillable: { [N in TemplateName]: Record<string, Normalise> } = {
	"confirm-signature": { name, confirmUrl: asIs },
	"already-signed": { name, petitionUrl: asIs },
	"signature-confirmed": { name, "shares.*.href": asIs },
	"confirm-subscription": { name, confirmUrl: asIs },
	"subscription-welcome": { name, unsubscribeUrl: asIs, preferencesUrl: asIs },
	"privacy-request": { actionUrl: asIs },
	"confirm-letter": { name, confirmUrl: asIs },
	"already-written": { name, statesUrl: asIs },
	"letter-reply-question": { name, answerUrl: asIs },
	"console-sign-in": { signInUrl: asIs },
	// The letter itself is the email: nothing in it is the same for two recipients.
	"letter-to-state": {},
	"letter-digest": {},
	// Real sends go through `bulletin-render.ts`; test sends are few.
	bulletin: {},
	// Sent to a few admins when an endpoint is disabled: rendered per email.
	"webhook-disabled": {},
};

/** React's own escaping of text and attribute values (so a filled email is the rendered one). */
const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[ch] ?? ch);

const TOKEN = /RLFILL(\d+)Xq7z3/g;
const token = (i: number) => `RLFILL${i}Xq7z3`;

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

/**
 * Splits props into the values to fill in (normalised, in a fixed order) and a copy of the
 * props with a token in place of each, plus the key of the group: the other props, and which
 * filled values are empty (a template shows "Hello" instead of "Hello, {name}").
 */
function slotted(spec: Record<string, Normalise>, props: Json) {
	const values: string[] = [];
	const walk = (value: Json, path: string): Json => {
		if (Array.isArray(value)) return value.map((item) => walk(item, path ? `${path}.*` : "*"));
		if (value !== null && typeof value === "object") {
			const out: { [key: string]: Json } = {};
			for (const [k, v] of Object.entries(value)) out[k] = walk(v, path ? `${path}.${k}` : k);
			return out;
		}
		const normalise = spec[path];
		if (normalise && typeof value === "string") {
			const shown = normalise(value);
			// An empty value changes what the template shows around it: it stays in the key.
			if (shown === "") return value;
			values.push(shown);
			return token(values.length - 1);
		}
		return value;
	};
	const withTokens = walk(props, "");
	return { values, withTokens, key: JSON.stringify(withTokens) };
}

function fill(rendered: string, values: string[], esc: (s: string) => string): string {
	return rendered.replace(TOKEN, (whole, i: string) => {
		const value = values[Number(i)];
		return value === undefined ? whole : esc(value);
	});
}

/**
 * The rendered skeletons (tokens in place of the filled values) this isolate keeps, by template
 * and group key: a surge's confirmations share a handful (one per petition and language), so a
 * batch after the first renders no React at all. The key holds every prop that is not filled
 * in, so an edited title is another key; the oldest go first past `SKELETONS`.
 */
const SKELETONS = 64;
const skeletons = new Map<string, Promise<RenderedEmail>>();

/** Forgets every kept skeleton (tests that count renders). */
export function forgetSkeletons(): void {
	skeletons.clear();
}

function skeleton<N extends TemplateName>(name: N, key: string, props: TemplateProps<N>): Promise<RenderedEmail> {
	const id = `${name}\u0000${key}`;
	const kept = skeletons.get(id);
	if (kept) {
		// Most recently used last: Map keeps insertion order.
		skeletons.delete(id);
		skeletons.set(id, kept);
		return kept;
	}
	const made = renderEmail(name, props);
	// A failed render is not kept: the next batch tries again.
	made.catch(() => skeletons.delete(id));
	skeletons.set(id, made);
	while (skeletons.size > SKELETONS) skeletons.delete(skeletons.keys().next().value as string);
	return made;
}

/**
 * Renders each props of template N into its email (the same as `renderEmail` would, in the same
 * order), rendering React once per group of props that differ only in their filled-in values
 * (and not again while the isolate keeps that group's skeleton).
 */
export async function renderEmails<N extends TemplateName>(
	name: N,
	propsList: TemplateProps<N>[],
): Promise<RenderedEmail[]> {
	const spec = fillable[name];
	const subjectOf = templates[name].subject as (p: TemplateProps<N>) => string;
	return Promise.all(
		propsList.map(async (props) => {
			const { values, withTokens, key } = slotted(spec, props as unknown as Json);
			const { html, text } = await skeleton(name, key, withTokens as unknown as TemplateProps<N>);
			// The subject is a plain function of the props: computed per recipient, nothing to fill.
			return { subject: subjectOf(props), html: fill(html, values, escapeHtml), text: fill(text, values, asIs) };
		}),
	);
}
