import type { PrivacyRequestBody } from "../http/schemas";
import { defaultLocale, localeFromAcceptLanguage, matchLocale } from "../i18n/locales";
import { type ActionContext, type ActionResult, accepted, ignored, refusing } from "./action";

/**
 * A request to export or erase one's data: the guard, then the intake queue, whose consumer does
 * the rest. Whether the address is known, capped or new, the answer leaves before any of it is
 * looked up (no timing tells); the owner of the address gets a link to confirm.
 */
export function requestPrivacyAction(ctx: ActionContext, input: PrivacyRequestBody): Promise<ActionResult> {
	return refusing(async () => {
		if (!(await ctx.guard(input))) return ignored;
		const locale = matchLocale(input.locale) ?? localeFromAcceptLanguage(ctx.acceptLanguage) ?? defaultLocale;
		await ctx.intake({ kind: "privacy", input: { email: input.email, kind: input.kind, locale } });
		return accepted;
	});
}
