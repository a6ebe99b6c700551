import { hmac, timingSafeEqual } from "../../lib/crypto";

/**
 * Unsubscribe links name a subscription and carry an HMAC of it: they never expire (an email
 * from years ago still works) and cannot be forged or pointed at someone else's subscription.
 */
export async function unsubscribeToken(secret: string, subscriptionId: string): Promise<string> {
	return `${subscriptionId}.${(await hmac(secret, `unsubscribe:${subscriptionId}`)).slice(0, 32)}`;
}

/** The subscription a token names, or null when it was tampered with. */
export async function verifyUnsubscribeToken(secret: string, token: string): Promise<string | null> {
	const dot = token.lastIndexOf(".");
	if (dot < 1 || token.length > 200) return null;
	const id = token.slice(0, dot);
	const expected = await unsubscribeToken(secret, id);
	return timingSafeEqual(token, expected) ? id : null;
}

export async function unsubscribeUrl(publicUrl: string, secret: string, subscriptionId: string): Promise<string> {
	return `${publicUrl}/u/${await unsubscribeToken(secret, subscriptionId)}`;
}

/** RFC 8058 one-click unsubscribe headers, which the large mailbox providers require of bulk mail. */
export function oneClickHeaders(url: string): Record<string, string> {
	return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
