import type { Database } from "../../db";
import { ADDRESS_SIGNS, stripInvisible } from "../../lib/names";
import type { StoredProps, TemplateName, TemplateProps } from "../../mail/email-contract";
import { linkToken } from "../links/tokens";

export interface LinkSettings {
	/** APP_SECRET, from which link tokens are derived. */
	secret: string;
	/** The engine's public origin, without a trailing slash. */
	publicUrl: string;
	/** MAIL_FROM: the campaign's sender. */
	mailFrom: string;
}

/** What one email of template N renders, and the headers it carries. */
export interface EmailContent<N extends TemplateName> {
	props: TemplateProps<N>;
	headers?: Record<string, string>;
	/** Another sender than MAIL_FROM (a letter shows its writer's name). */
	from?: string;
	replyTo?: string;
}

/** The outbox row a loader reads: its id (link tokens derive from it), locale and stored props. */
export interface StoredEmail<N extends TemplateName> {
	id: string;
	locale: string;
	props: StoredProps<N>;
}

/**
 * What template N needs for one outbox row, read fresh at send time (the latest petition title,
 * the person's name). Null when what the email was about is gone (erased, say): there is
 * nothing left to send. Each feature supplies the loaders of its own emails (`<feature>/emails.ts`).
 */
export type ContentLoader<N extends TemplateName> = (
	db: Database,
	links: LinkSettings,
	email: StoredEmail<N>,
) => Promise<EmailContent<N> | null>;

/** Loaders for the templates in N, one each. */
export type ContentLoaders<N extends TemplateName = TemplateName> = { [K in N]: ContentLoader<K> };

/**
 * What template N needs for many outbox rows at once (a queue batch's rows of that template), in
 * a few set-based reads instead of a few per email: each row's content by its id, null when what
 * it was about is gone (as for `ContentLoader`). A row left out of the map counts as gone.
 */
export type BatchContentLoader<N extends TemplateName> = (
	db: Database,
	links: LinkSettings,
	emails: StoredEmail<N>[],
) => Promise<Map<string, EmailContent<N> | null>>;

/** Batch loaders for the templates in N, one each (a feature gives them where a surge sends many). */
export type BatchContentLoaders<N extends TemplateName = TemplateName> = { [K in N]: BatchContentLoader<K> };

/** Each email's content by its id, made by `one` from what a batch loader read for all of them. */
export async function eachEmail<N extends TemplateName>(
	emails: StoredEmail<N>[],
	one: (email: StoredEmail<N>) => Promise<EmailContent<N> | null>,
): Promise<Map<string, EmailContent<N> | null>> {
	return new Map(await Promise.all(emails.map(async (e) => [e.id, await one(e)] as const)));
}

/** The one-email loader of a batch loader: the same reads and rules, for a batch of one. */
export function oneByOne<N extends TemplateName>(many: BatchContentLoader<N>): ContentLoader<N> {
	return async (db, links, email) => (await many(db, links, [email])).get(email.id) ?? null;
}

/** The link an email carries: `publicUrl/path/token`, the token derived from the outbox row's id. */
export async function linkUrl(links: LinkSettings, outboxId: string, path: string): Promise<string> {
	return `${links.publicUrl}/${path}/${await linkToken(links.secret, outboxId)}`;
}

/** Whole days in a link's lifetime, as emails state it. */
export const days = (ms: number) => Math.round(ms / 86_400_000);

/** The campaign's address, shown under another name: "Amani via Red Line" <letters@…>. */
export function sentOnBehalf(mailFrom: string, name: string): string {
	const address = mailFrom.match(/<([^>]+)>/)?.[1] ?? mailFrom.trim();
	const brand = mailFrom.match(/^\s*"?([^"<]+?)"?\s*</)?.[1] ?? "Red Line";
	// Nothing a writer typed can close the quotes, start a new header or read like an address
	// (names stored before these signs were refused are cleaned here too).
	const safe =
		stripInvisible(name)
			.replace(new RegExp(ADDRESS_SIGNS.source, "gu"), " ")
			.replace(/[\p{Cc}"\\]/gu, "")
			.replace(/\s+/g, " ")
			.trim() || "A supporter";
	return `"${safe} via ${brand}" <${address}>`;
}
