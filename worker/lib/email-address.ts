/**
 * Providers that deliver `name+tag@` to `name@`, and those that also ignore dots in the local
 * part. Matching on the canonical form stops one person signing twice with variants of one
 * address; the address as given is still where emails go.
 */
const plusTagDomains = new Set([
	"gmail.com",
	"googlemail.com",
	"outlook.com",
	"hotmail.com",
	"live.com",
	"msn.com",
	"icloud.com",
	"me.com",
	"mac.com",
	"proton.me",
	"protonmail.com",
	"pm.me",
	"fastmail.com",
	"fastmail.fm",
	"yandex.ru",
	"yandex.com",
	"ukr.net",
]);
const dotlessDomains = new Set(["gmail.com", "googlemail.com"]);
const domainAliases: Record<string, string> = { "googlemail.com": "gmail.com" };

/** Trims and lower-cases the domain; the local part keeps its case, as RFC 5321 allows it to matter. */
export function normaliseEmail(address: string): string {
	const trimmed = address.trim();
	const at = trimmed.lastIndexOf("@");
	if (at < 0) return trimmed;
	return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** The form that identifies a person: lower-case, and without what their provider ignores. */
export function canonicalEmail(address: string): string {
	const lower = normaliseEmail(address).toLowerCase();
	const at = lower.lastIndexOf("@");
	if (at < 0) return lower;
	let local = lower.slice(0, at);
	let domain = lower.slice(at + 1);
	if (plusTagDomains.has(domain)) local = local.split("+")[0] ?? local;
	if (dotlessDomains.has(domain)) local = local.replace(/\./g, "");
	domain = domainAliases[domain] ?? domain;
	return `${local}@${domain}`;
}
