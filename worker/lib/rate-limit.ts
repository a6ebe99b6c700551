import { DomainError } from "./errors";

/**
 * Counts one request against a rate-limiting binding; past the limit, 429 with Retry-After.
 * The bindings count over 60-second windows (wrangler.toml), so 60 s is the honest wait.
 */
export async function enforceRateLimit(limiter: RateLimit, key: string, what: string): Promise<void> {
	const { success } = await limiter.limit({ key });
	if (!success) {
		throw new DomainError(429, "rate_limited", `Too many requests ${what}. Please wait a minute and try again.`, {
			headers: { "Retry-After": "60" },
		});
	}
}
