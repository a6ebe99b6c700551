import { eq, sql } from "drizzle-orm";
import { petitions, petitionTexts, signatures } from "../../../schema";
import type { Database } from "../../db";
import {
	type BatchContentLoaders,
	type ContentLoaders,
	days,
	eachEmail,
	type LinkSettings,
	linkUrl,
	oneByOne,
	type StoredEmail,
} from "../email/content";
import { CONFIRM_TOKEN_TTL_MS, tokensOfOutboxesRead } from "../links/tokens";
import { shareLinksFor } from "./referrals";

type SignatureTemplate = "confirm-signature" | "already-signed" | "signature-confirmed";

/**
 * What the petitions' emails say about their signatures, for many emails in one D1 batch (one
 * round trip, a statement per kind of read, not per email): each signature with its petition,
 * the petitions' titles in every language, and (for confirmation links) the links' tokens.
 */
async function readSignatures(
	db: Database,
	links: LinkSettings,
	emails: StoredEmail<SignatureTemplate>[],
	withTokens: boolean,
) {
	const ids = JSON.stringify([...new Set(emails.map((e) => e.props.signatureId))]);
	// In a D1 batch drizzle reads rows by column name: no two columns of one select share a name.
	const sigs = db
		.select({
			id: signatures.id,
			name: signatures.name,
			petitionId: signatures.petitionId,
			slug: petitions.slug,
			shareCode: signatures.shareCode,
		})
		.from(signatures)
		.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
		.where(sql`${signatures.id} IN (SELECT value FROM json_each(${ids}))`);
	const texts = db
		.select({
			petitionId: petitionTexts.petitionId,
			locale: petitionTexts.locale,
			title: petitionTexts.title,
			defaultLocale: petitions.defaultLocale,
		})
		.from(petitionTexts)
		.innerJoin(petitions, eq(petitions.id, petitionTexts.petitionId))
		.where(
			sql`${petitionTexts.petitionId} IN (SELECT petition_id FROM signatures WHERE id IN (SELECT value FROM json_each(${ids})))`,
		);
	const tokenRead = withTokens
		? await tokensOfOutboxesRead(
				db,
				links.secret,
				emails.map((e) => e.id),
			)
		: undefined;
	const [sigRows, textRows, tokenRows] = tokenRead
		? await db.batch([sigs, texts, tokenRead.query])
		: [...(await db.batch([sigs, texts])), []];
	const byId = new Map(sigRows.map((s) => [s.id, s]));
	const textsOf = new Map<string, typeof textRows>();
	for (const t of textRows) {
		const list = textsOf.get(t.petitionId);
		if (list) list.push(t);
		else textsOf.set(t.petitionId, [t]);
	}
	const requests = tokenRead?.byOutbox(tokenRows);
	return {
		signature: (email: StoredEmail<SignatureTemplate>) => byId.get(email.props.signatureId),
		/** The petition's title in the locale, else in its default language, else any (as `petitionTitleIn`). */
		title(petitionId: string, locale: string): string {
			const rows = textsOf.get(petitionId) ?? [];
			const row = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === r.defaultLocale) ?? rows[0];
			return row?.title ?? "";
		},
		request: (email: StoredEmail<SignatureTemplate>) => requests?.get(email.id)?.request ?? null,
	};
}

/**
 * The petitions' emails for a queue batch's rows: the confirmation link, "you already signed",
 * and the thank-you, a few statements for the whole batch whatever its size.
 */
export const petitionBatchEmails: BatchContentLoaders<SignatureTemplate> = {
	async "confirm-signature"(db, links, emails) {
		const read = await readSignatures(db, links, emails, true);
		return eachEmail(emails, async (email) => {
			const sig = read.signature(email);
			if (!sig) return null;
			// A confirmation link greets with the name its own request gave, which it confirms.
			const request = read.request(email);
			return {
				props: {
					locale: email.locale,
					name: request?.name ?? sig.name,
					petitionTitle: read.title(sig.petitionId, email.locale),
					confirmUrl: await linkUrl(links, email.id, "confirm"),
					expiresInDays: days(CONFIRM_TOKEN_TTL_MS),
				},
			};
		});
	},
	async "already-signed"(db, links, emails) {
		const read = await readSignatures(db, links, emails, false);
		return eachEmail(emails, async (email) => {
			const sig = read.signature(email);
			if (!sig) return null;
			return {
				props: {
					locale: email.locale,
					name: sig.name,
					petitionTitle: read.title(sig.petitionId, email.locale),
					petitionUrl: `${links.publicUrl}/p/${sig.slug}?locale=${email.locale}`,
				},
			};
		});
	},
	async "signature-confirmed"(db, links, emails) {
		const read = await readSignatures(db, links, emails, false);
		return eachEmail(emails, async (email) => {
			const sig = read.signature(email);
			// No code: erased (or never confirmed), nothing to send.
			if (!sig?.shareCode) return null;
			const title = read.title(sig.petitionId, email.locale);
			return {
				props: {
					locale: email.locale,
					name: sig.name,
					petitionTitle: title,
					shares: shareLinksFor(`${links.publicUrl}/p/${sig.slug}`, sig.shareCode, email.locale, title),
				},
			};
		});
	},
};

/** The petitions' emails one by one: the batch loaders for a batch of one. */
export const petitionEmails: ContentLoaders<SignatureTemplate> = {
	"confirm-signature": oneByOne(petitionBatchEmails["confirm-signature"]),
	"already-signed": oneByOne(petitionBatchEmails["already-signed"]),
	"signature-confirmed": oneByOne(petitionBatchEmails["signature-confirmed"]),
};
