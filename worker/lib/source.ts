/**
 * What is recorded as where a request came from, without what could name a person: a web
 * address keeps only its origin and path (no query, fragment or credentials: `?name=…` and
 * `#email=…` go); anything else only as a short campaign code (letters, digits, `-`, `_`, `.`,
 * no spaces), and free text is dropped. The consent ledger copies this value, and is append-only.
 */
export function recordedSource(raw: string): string | undefined {
	const value = raw.trim();
	if (value === "") return undefined;
	if (/^https?:\/\//i.test(value)) {
		try {
			const url = new URL(value);
			return `${url.origin}${url.pathname}`.slice(0, 200);
		} catch {
			return undefined;
		}
	}
	return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value) ? value : undefined;
}
