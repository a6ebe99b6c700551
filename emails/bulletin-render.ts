/**
 * Bulletin rendering for a send: each language's email rendered once, then filled in for each
 * recipient (greeting, `{{name}}`, unsubscribe link) without rendering again. The worker's bulletin
 * deps carry `bulletinRenderer` (the domain renders nothing itself: see `BulletinRenderer` in
 * `worker/domain/bulletins/bulletin-send.ts`).
 */
import { createElement } from "react";
import {
	BulletinEmail,
	type BulletinEmailProps,
	bulletinGreeting,
	fillNameSlots,
	nameSlots,
	subject,
} from "./bulletin";
import { renderParts } from "./index";

/** A bulletin's words in one language. */
export type BulletinCopy = Pick<BulletinEmailProps, "locale" | "subject" | "preheader" | "bodyMarkdown">;

export interface FilledBulletin {
	subject: string;
	html: string;
	text: string;
}

/** One language's bulletin, rendered once for a send. */
export interface BulletinTemplate {
	/** One recipient's email: greeting in their `locale`, `{{name}}` and the link filled in. */
	fill(locale: string, name: string | null, unsubscribeUrl: string): FilledBulletin;
}

// Per-recipient fields are left as these tokens in the template rendered once per language,
// then filled in (HTML-escaped in the HTML part) for each recipient.
const GREETING_TOKEN = "RLGREETINGq7z3";
const UNSUBSCRIBE_TOKEN = "RLUNSUBSCRIBEq7z3";

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

async function renderBulletin(props: BulletinEmailProps): Promise<FilledBulletin> {
	const { html, text } = await renderParts(createElement(BulletinEmail, props));
	return { subject: subject(props), html, text };
}

/** Renders `copy` once with tokens for the per-recipient fields. */
async function template(copy: BulletinCopy): Promise<BulletinTemplate> {
	const rendered = await renderBulletin({
		locale: copy.locale,
		subject: copy.subject,
		preheader: copy.preheader,
		bodyMarkdown: copy.bodyMarkdown,
		greeting: GREETING_TOKEN,
		unsubscribeUrl: UNSUBSCRIBE_TOKEN,
	});
	/** What each `{{name}}` slot says for someone who gave no name. */
	const fallbacks = nameSlots(copy).fallbacks;
	// Most bulletins have no `{{name}}`: then the slots are not looked for in each email.
	const slots = fallbacks.length > 0;
	return {
		fill(locale, name, url) {
			const greeting = bulletinGreeting(locale, name);
			const fillIn = (s: string, esc: (x: string) => string) => {
				const filled = s.split(GREETING_TOKEN).join(esc(greeting)).split(UNSUBSCRIBE_TOKEN).join(esc(url));
				return slots ? fillNameSlots(filled, name, fallbacks, esc) : filled;
			};
			return {
				subject: fillIn(rendered.subject, (x) => x),
				html: fillIn(rendered.html, escapeHtml),
				text: fillIn(rendered.text, (x) => x),
			};
		},
	};
}

/**
 * The bulletin in full as a subscriber in `copy.locale` named `name` would see it (null: one
 * who gave no name), with its preheader: the same greeting and `{{name}}` fill as a test send to
 * that name and as the real send.
 */
async function preview(copy: BulletinCopy, name: string | null, unsubscribeUrl: string) {
	const rendered = await renderBulletin({
		locale: copy.locale,
		subject: copy.subject,
		preheader: copy.preheader,
		bodyMarkdown: copy.bodyMarkdown,
		greeting: bulletinGreeting(copy.locale, name),
		unsubscribeUrl,
		name,
	});
	const slotted = nameSlots(copy);
	return { ...rendered, preheader: fillNameSlots(slotted.preheader, name, slotted.fallbacks, (x) => x) };
}

export const bulletinRenderer = { template, preview };
