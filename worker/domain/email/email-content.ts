import { eq } from "drizzle-orm";
import { type OutboxRow, petitions, signatures } from "../../../schema";
import type { Database } from "../../db";
import { ADDRESS_SIGNS, stripInvisible } from "../../lib/names";
import { bulletinTestContent } from "../bulletins/bulletin-send";
import { SIGN_IN_TOKEN_TTL_MS } from "../console/campaigners";
import { letterDetails } from "../letters/letter-details";
import { findTarget, targetName } from "../letters/targets";
import { CONFIRM_TOKEN_TTL_MS, linkToken, PRIVACY_TOKEN_TTL_MS, tokenOfOutbox } from "../links/tokens";
import { oneClickHeaders, unsubscribeUrl } from "../links/unsubscribe-links";
import { findListById, listText } from "../lists/lists";
import { subscriptionDetails } from "../lists/subscriptions";
import { petitionTitle } from "../petitions/petitions";
import { shareLinksFor } from "../petitions/referrals";

export interface LinkSettings {
	/** APP_SECRET, from which link tokens are derived. */
	secret: string;
	/** The engine's public origin, without a trailing slash. */
	publicUrl: string;
	/** MAIL_FROM: the campaign's sender. */
	mailFrom: string;
}

export interface EmailContent {
	props: Record<string, unknown>;
	headers?: Record<string, string>;
	/** Another sender than MAIL_FROM (a letter shows its writer's name). */
	from?: string;
	replyTo?: string;
}

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

const days = (ms: number) => Math.round(ms / 86_400_000);

/**
 * What a template needs for one outbox row, read fresh at send time (the latest petition title,
 * the person's name), and the headers the email carries. Null when what the email was about is
 * gone (erased, say): there is nothing left to send.
 */
export async function emailContent(
	db: Database,
	links: LinkSettings,
	row: Pick<OutboxRow, "id" | "template" | "locale" | "props">,
): Promise<EmailContent | null> {
	const linkUrl = async (path: string) => `${links.publicUrl}/${path}/${await linkToken(links.secret, row.id)}`;
	switch (row.template) {
		case "confirm-signature":
		case "already-signed": {
			const sig = await db
				.select({ name: signatures.name, petitionId: signatures.petitionId, slug: petitions.slug })
				.from(signatures)
				.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
				.where(eq(signatures.id, String(row.props.signatureId ?? "")))
				.get();
			if (!sig) return null;
			// A confirmation link greets with the name its own request gave, which it confirms.
			const request =
				row.template === "confirm-signature" ? (await tokenOfOutbox(db, links.secret, row.id))?.request : undefined;
			const common = {
				locale: row.locale,
				name: request?.name ?? sig.name,
				petitionTitle: await petitionTitle(db, sig.petitionId, row.locale),
			};
			if (row.template === "already-signed") {
				return { props: { ...common, petitionUrl: `${links.publicUrl}/p/${sig.slug}?locale=${row.locale}` } };
			}
			return {
				props: { ...common, confirmUrl: await linkUrl("confirm"), expiresInDays: days(CONFIRM_TOKEN_TTL_MS) },
			};
		}
		case "signature-confirmed": {
			const sig = await db
				.select({
					name: signatures.name,
					petitionId: signatures.petitionId,
					slug: petitions.slug,
					shareCode: signatures.shareCode,
				})
				.from(signatures)
				.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
				.where(eq(signatures.id, String(row.props.signatureId ?? "")))
				.get();
			// No code: erased (or never confirmed), nothing to send.
			if (!sig?.shareCode) return null;
			const title = await petitionTitle(db, sig.petitionId, row.locale);
			return {
				props: {
					locale: row.locale,
					name: sig.name,
					petitionTitle: title,
					shares: shareLinksFor(`${links.publicUrl}/p/${sig.slug}`, sig.shareCode, row.locale, title),
				},
			};
		}
		case "confirm-subscription":
		case "subscription-welcome": {
			const sub = await subscriptionDetails(db, String(row.props.subscriptionId ?? ""));
			const list = sub ? await findListById(db, sub.listId) : undefined;
			const text = list ? await listText(db, list, row.locale) : undefined;
			if (!sub || !text) return null;
			const common = { locale: row.locale, name: sub.name ?? undefined, listName: text.name };
			if (row.template === "confirm-subscription") {
				return {
					props: {
						...common,
						confirmUrl: await linkUrl("confirm"),
						expiresInDays: days(CONFIRM_TOKEN_TTL_MS),
						reminder: row.props.reminder === true,
					},
				};
			}
			const leave = await unsubscribeUrl(links.publicUrl, links.secret, sub.id);
			return {
				props: { ...common, listDescription: text.description, unsubscribeUrl: leave, preferencesUrl: leave },
				headers: oneClickHeaders(leave),
			};
		}
		case "privacy-request":
			return {
				props: {
					locale: row.locale,
					kind: row.props.kind === "erase" ? "erase" : "export",
					actionUrl: await linkUrl("privacy"),
					expiresInDays: days(PRIVACY_TOKEN_TTL_MS),
				},
			};
		case "already-written": {
			const letter = await letterDetails(db, String(row.props.letterId ?? ""));
			if (!letter) return null;
			return {
				props: {
					locale: row.locale,
					name: letter.writerName,
					stateName: targetName(letter.target, row.locale),
					statesUrl: `${links.publicUrl}/states?locale=${row.locale}`,
				},
			};
		}
		case "confirm-letter":
		case "letter-to-state":
		case "letter-reply-question": {
			const letter = await letterDetails(db, String(row.props.letterId ?? ""));
			if (!letter) return null;
			const stateName = targetName(letter.target, row.locale);
			if (row.template === "confirm-letter") {
				// What this link confirms: its own request's name and words.
				const request = (await tokenOfOutbox(db, links.secret, row.id))?.request;
				const own = request?.letters?.find((l) => l.id === letter.id);
				return {
					props: {
						locale: row.locale,
						name: request?.name ?? letter.writerName,
						stateName,
						subject: own?.subject ?? letter.subject,
						confirmUrl: await linkUrl("confirm"),
						expiresInDays: days(CONFIRM_TOKEN_TTL_MS),
					},
				};
			}
			if (row.template === "letter-reply-question") {
				return {
					props: {
						locale: row.locale,
						name: letter.writerName,
						stateName,
						sentOn: new Date(letter.sentAt ?? Date.now()).toISOString().slice(0, 10),
						answerUrl: await linkUrl("reply"),
					},
				};
			}
			const writerState = await findTarget(db, letter.writerCountry);
			return {
				props: {
					locale: row.locale,
					writerName: letter.writerName,
					writerCountry: writerState ? targetName(writerState, row.locale) : letter.writerCountry,
					stateName,
					subject: letter.subject,
					body: letter.body,
					campaignName: letter.campaignTitle,
				},
				from: sentOnBehalf(links.mailFrom, letter.writerName),
				// The State's answer reaches the writer, not the campaign.
				replyTo: letter.email,
			};
		}
		case "letter-digest": {
			const ids = Array.isArray(row.props.letterIds) ? row.props.letterIds.map(String) : [];
			const rows = await Promise.all(ids.map((id) => letterDetails(db, id)));
			const present = rows.filter((r): r is NonNullable<typeof r> => Boolean(r));
			const first = present[0];
			if (!first) return null;
			return {
				props: {
					locale: row.locale,
					stateName: targetName(first.target, row.locale),
					campaignName: first.campaignTitle,
					date: String(row.props.day ?? ""),
					letters: await Promise.all(
						present.map(async (l) => {
							const from = await findTarget(db, l.writerCountry);
							return {
								writerName: l.writerName,
								writerCountry: from ? targetName(from, row.locale) : l.writerCountry,
								subject: l.subject,
								body: l.body,
							};
						}),
					),
				},
			};
		}
		case "console-sign-in":
			return {
				props: {
					locale: row.locale,
					signInUrl: await linkUrl("console/sign-in"),
					expiresInMinutes: Math.round(SIGN_IN_TOKEN_TTL_MS / 60_000),
				},
			};
		case "bulletin":
			return bulletinTestContent(db, links, row);
		default:
			throw new Error(`no email content for template ${row.template}`);
	}
}
