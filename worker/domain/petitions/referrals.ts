// Share after signing. A confirmed signature gets a share code (7 base32 letters) derived from its
// id by an HMAC under APP_SECRET: the confirmation page shows it before the intake consumer has
// written it, and nothing about the sharer can be read back from it without the secret. Each share
// link adds one letter for its channel. Only the engine maps a code to its signature, and the code
// dies with the sharer's erasure (it is stored on the signature row only).
import { and, eq } from "drizzle-orm";
import { signatures } from "../../../schema";
import type { Database } from "../../db";
import { t } from "../../i18n/catalog";
import { pickLocale } from "../../i18n/locales";
import { hmac } from "../../lib/crypto";

/** The share channels, each with the letter its links end in. */
export const shareChannels = {
	whatsapp: "w",
	telegram: "t",
	signal: "s",
	email: "e",
	x: "x",
	facebook: "f",
	copy: "c",
} as const;
export type ShareChannel = keyof typeof shareChannels;
export const shareChannelNames = Object.keys(shareChannels) as ShareChannel[];

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const channelOfLetter = new Map<string, ShareChannel>(
	Object.entries(shareChannels).map(([name, letter]) => [letter, name as ShareChannel]),
);

/** What a referral code looks like, any case: 7 letters of the sharer's code and a channel letter. */
export const REFERRAL_PATTERN = /^[a-z2-7]{7}[wtsexfc]$/i;

/** A fresh random share code (32^7, about 3.4e10 values; the unique index catches a repeat). */
export function newShareCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(7));
	return Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
}

/**
 * The share code a signature is given when it is confirmed: derived (HMAC-SHA-256 under APP_SECRET)
 * from its id, so the page that answers the click shows the code the consumer records later.
 * `attempt` > 0 gives the next candidates, for the rare code already held by another signature
 * (32^7 codes: about one confirmation in 340,000 when 100,000 codes are held).
 */
export async function shareCodeFor(secret: string, signatureId: string, attempt = 0): Promise<string> {
	const mac = await hmac(secret, `share-code:${signatureId}:${attempt}`);
	const bytes = atob(mac.replace(/-/g, "+").replace(/_/g, "/").slice(0, 12));
	return Array.from(bytes.slice(0, 7), (ch) => ALPHABET[ch.charCodeAt(0) & 31]).join("");
}

/** The code a share link for one channel carries. */
export function referralCode(shareCode: string, channel: ShareChannel): string {
	return `${shareCode}${shareChannels[channel]}`;
}

/** A referral split in two, or null when it does not look like one. */
export function parseReferral(raw: string | undefined | null): { shareCode: string; channel: ShareChannel } | null {
	if (!raw || !REFERRAL_PATTERN.test(raw)) return null;
	const code = raw.toLowerCase();
	const channel = channelOfLetter.get(code.slice(7));
	return channel ? { shareCode: code.slice(0, 7), channel } : null;
}

export interface Referral {
	referredBy: string;
	channel: ShareChannel;
}

/**
 * The referral a new signature records: only a code of a confirmed signature of the same
 * petition counts. Anything else (an unknown code, another petition's, a sharer since erased) is
 * ignored, the signature counts all the same and the answer is the same.
 */
export async function resolveReferral(
	db: Database,
	petitionId: string,
	raw: string | undefined,
): Promise<Referral | null> {
	const parsed = parseReferral(raw);
	if (!parsed) return null;
	const sharer = await db
		.select({ id: signatures.id })
		.from(signatures)
		.where(
			and(
				eq(signatures.shareCode, parsed.shareCode),
				eq(signatures.petitionId, petitionId),
				eq(signatures.status, "confirmed"),
			),
		)
		.get();
	return sharer ? { referredBy: parsed.shareCode, channel: parsed.channel } : null;
}

/**
 * The share code of a confirmed signature, given now if it has none yet (signatures confirmed
 * before sharing existed). Null when the signature is not confirmed.
 */
export async function shareCodeOf(db: Database, signatureId: string): Promise<string | null> {
	const sig = await db
		.select({ status: signatures.status, shareCode: signatures.shareCode })
		.from(signatures)
		.where(eq(signatures.id, signatureId))
		.get();
	if (sig?.status !== "confirmed") return null;
	if (sig.shareCode) return sig.shareCode;
	const code = newShareCode();
	await db
		.update(signatures)
		.set({ shareCode: code })
		.where(and(eq(signatures.id, signatureId), eq(signatures.status, "confirmed")))
		.catch(() => undefined);
	// Whoever won a race (or the unique index refusing a repeat code) leaves the stored one.
	const again = await db
		.select({ shareCode: signatures.shareCode })
		.from(signatures)
		.where(eq(signatures.id, signatureId))
		.get();
	return again?.shareCode ?? null;
}

export interface ShareLink {
	channel: ShareChannel;
	/** Where the link goes: the network's own share address, or the petition itself (copy). */
	href: string;
	/** The petition's address with the channel's code, to copy. */
	url: string;
}

/**
 * Links for each channel: plain addresses of the networks' share pages, opened only by a click
 * (nothing of theirs is loaded before). Signal has no share address: its entry is the link to copy.
 */
export function shareLinks(
	petitionUrl: string,
	shareCode: string | null,
	subject: string,
	message: string,
): ShareLink[] {
	return shareChannelNames.map((channel) => {
		const u = new URL(petitionUrl);
		if (shareCode) u.searchParams.set("r", referralCode(shareCode, channel));
		const url = u.toString();
		const e = encodeURIComponent;
		const text = `${message} ${url}`;
		const href = {
			whatsapp: `https://wa.me/?text=${e(text)}`,
			telegram: `https://t.me/share/url?url=${e(url)}&text=${e(message)}`,
			signal: url,
			email: `mailto:?subject=${e(subject)}&body=${e(text)}`,
			x: `https://x.com/intent/post?text=${e(message)}&url=${e(url)}`,
			facebook: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}`,
			copy: url,
		}[channel];
		return { channel, href, url };
	});
}

/** The share links in a language: the pre-filled text names the petition. */
export function shareLinksFor(
	petitionUrl: string,
	shareCode: string | null,
	locale: string,
	title: string,
): ShareLink[] {
	const lang = pickLocale(locale);
	const subject = t(lang, "common.share.emailSubject", { title });
	return shareLinks(petitionUrl, shareCode, subject, t(lang, "common.share.message", { title }));
}
