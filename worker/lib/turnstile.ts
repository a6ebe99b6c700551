import { logEvent } from "./log";

const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/**
 * Checks a Turnstile token with Cloudflare's siteverify (or TURNSTILE_VERIFY_URL's stand-in).
 * https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
 */
export async function verifyTurnstile(
	env: Pick<Env, "TURNSTILE_SECRET_KEY" | "TURNSTILE_VERIFY_URL">,
	token: string,
	ip: string,
): Promise<boolean> {
	const body = new URLSearchParams();
	body.set("secret", env.TURNSTILE_SECRET_KEY ?? "");
	body.set("response", token);
	if (ip !== "unknown") body.set("remoteip", ip);
	try {
		const res = await fetch(env.TURNSTILE_VERIFY_URL || SITEVERIFY, { method: "POST", body });
		if (!res.ok) return false;
		const outcome = (await res.json()) as { success?: boolean };
		return outcome.success === true;
	} catch (err) {
		logEvent("error", "turnstile.failed", { error: String(err) });
		return false;
	}
}
