import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { petitions, petitionTexts, type SignatureStatus, signatures, type Token, tokens } from "../../../schema";
import type { Database } from "../../db";
import { isTokenShaped, sha256Hex } from "../../lib/crypto";
import type { DeliveryMessage } from "../../mail/outbox";
import { confirmLetters, inspectLetterLink, renewLetterLink } from "../letters/letters";
import { confirmSubscription, inspectSubscriptionLink, renewSubscriptionLink } from "../lists/subscriptions";
import type { ConfirmRequest } from "../petitions/confirm-batch";
import { shareCodeFor } from "../petitions/referrals";
import { renewSignatureLink, signatureLinkState } from "../petitions/signatures";
import type { LinkDeps } from "./link-emails";
import type { Confirmed, LinkState, ReadLink, SignaturePage } from "./link-state";
import { findToken } from "./tokens";

export type { Confirmed, LinkState, ReadLink, SignaturePage };

const PURPOSES = ["confirm-signature", "confirm-subscription", "confirm-letter"] as const;

/**
 * Confirmation links (`/confirm/:token`) for signatures, subscriptions and letters alike: the
 * token's purpose says which.
 */
async function tokenOf(db: Database, raw: string) {
	return findToken(db, raw, [...PURPOSES]);
}

interface LinkRow {
	token: Token;
	signature: { id: string; status: SignatureStatus; locale: string } | null;
	shareCode: string | null;
	slug: string | null;
	petitionId: string | null;
	quickExit: boolean | null;
	defaultLocale: string | null;
	titles: string | null;
}

/**
 * The link behind a raw token in one statement: the token, and for a signature's link the
 * signature, its petition's slug and quick-exit setting, and the petition's titles in every
 * language (a handful of rows), so that a click on the hot path costs one read.
 */
async function readLinkRow(db: Database, raw: string): Promise<LinkRow | undefined> {
	// The same shape findToken accepts (links/tokens.ts): anything else matches nothing.
	if (!isTokenShaped(raw)) return undefined;
	const row = await db
		.select({
			token: getTableColumns(tokens),
			signature: { id: signatures.id, status: signatures.status, locale: signatures.locale },
			shareCode: signatures.shareCode,
			slug: petitions.slug,
			petitionId: petitions.id,
			quickExit: petitions.quickExit,
			defaultLocale: petitions.defaultLocale,
			titles: sql<
				string | null
			>`(SELECT json_group_object(${petitionTexts.locale}, ${petitionTexts.title}) FROM ${petitionTexts} WHERE ${petitionTexts.petitionId} = ${petitions.id})`,
		})
		.from(tokens)
		.leftJoin(signatures, and(eq(tokens.purpose, "confirm-signature"), eq(signatures.id, tokens.subjectId)))
		.leftJoin(petitions, eq(petitions.id, signatures.petitionId))
		.where(eq(tokens.hash, await sha256Hex(raw)))
		.get();
	if (!row || !(PURPOSES as readonly string[]).includes(row.token.purpose)) return undefined;
	return row as LinkRow;
}

/** A signature's link as read, with what its page shows. */
function signatureRead(row: LinkRow, now: number): ReadLink {
	const sig = row.signature && row.slug ? { ...row.signature, slug: row.slug } : undefined;
	const link = signatureLinkState(sig, row.token, now);
	if (link.state === "invalid") return { link };
	let titles: Record<string, string> = {};
	try {
		titles = row.titles ? (JSON.parse(row.titles) as Record<string, string>) : {};
	} catch {
		titles = {};
	}
	const confirmed = row.signature?.status === "confirmed";
	return {
		link,
		page: {
			titles,
			defaultLocale: row.defaultLocale ?? link.locale,
			quickExit: row.quickExit ?? true,
			shareCode: confirmed ? row.shareCode : null,
			needsShareCode: confirmed && !row.shareCode,
		},
	};
}

/** What a link would do, without doing it (for the page behind GET). One statement for a signature's link. */
export async function inspectConfirmLink(db: Database, raw: string, now: number): Promise<ReadLink> {
	const row = await readLinkRow(db, raw);
	if (!row) return { link: { state: "invalid" } };
	const { token } = row;
	if (token.purpose === "confirm-signature") return signatureRead(row, now);
	if (token.purpose === "confirm-letter") return { link: await inspectLetterLink(db, token, now) };
	return { link: await inspectSubscriptionLink(db, token, now) };
}

/** What confirming a link needs: the database, APP_SECRET, the click's time, and the intake queue. */
export interface ConfirmDeps {
	db: Database;
	secret: string;
	now: number;
	/** Puts a click on the intake queue (jobs/intake.ts writes it); resolves once the queue has it. */
	intake: (request: Omit<ConfirmRequest, "id" | "acceptedAt">) => Promise<void>;
}

/**
 * Does what the link confirms; idempotent. A signature's link is read in one statement and its
 * click goes to the intake queue, whose consumer confirms clicks in set-based batches
 * (petitions/confirm-batch.ts): the answer is the thank-you page at once, with the share code the
 * consumer records. Subscriptions and letters are confirmed here, in the request.
 */
export async function confirmLink(deps: ConfirmDeps, raw: string): Promise<ReadLink & Confirmed> {
	const { db, now } = deps;
	const row = await readLinkRow(db, raw);
	if (!row) return { link: { state: "invalid" }, deliveries: [] };
	const { token } = row;
	if (token.purpose === "confirm-signature") {
		const read = signatureRead(row, now);
		if (read.link.state !== "ready" || !read.page || !row.signature) return { ...read, deliveries: [] };
		await deps.intake({
			kind: "confirm-signature",
			tokenHash: token.hash,
			signatureId: row.signature.id,
			petitionId: row.petitionId ?? "",
		});
		// A signature held back as fraudulent is answered the same, without a code: it never counts.
		const shareCode = row.signature.status === "pending" ? await shareCodeFor(deps.secret, row.signature.id) : null;
		return { link: { ...read.link, state: "done" }, page: { ...read.page, shareCode }, deliveries: [] };
	}
	if (token.purpose === "confirm-letter") return confirmLetters(db, token, now);
	return confirmSubscription(db, token, now);
}

/** A fresh link for an expired one, within the caps. The caller answers the same either way. */
export async function renewConfirmLink(deps: LinkDeps, raw: string): Promise<DeliveryMessage[]> {
	const token = await tokenOf(deps.db, raw);
	if (!token) return [];
	if (token.purpose === "confirm-letter") return renewLetterLink(deps, token);
	return token.purpose === "confirm-signature" ? renewSignatureLink(deps, token) : renewSubscriptionLink(deps, token);
}
