import { findPetition } from "../domain/petitions/petitions";
import { signPetition } from "../domain/petitions/signatures";
import type { SignatureBody } from "../http/schemas";
import { DomainError } from "../lib/errors";
import { type ActionContext, type ActionResult, accepted, actionLocale, ignored, refusing } from "./action";

export const petitionNotFound = () =>
	new DomainError(404, "petition_not_found", "There is no petition at this address.");

export const petitionClosed = () =>
	new DomainError(409, "petition_closed", "This petition is closed and no longer takes signatures.");

/**
 * Signing a petition, for the API and the petition page alike: the guard, then the petition
 * (404), then whether it is open (409); the signature is written after the answer, which must
 * not tell whether this address has signed before.
 */
export function signPetitionAction(ctx: ActionContext, slug: string, input: SignatureBody): Promise<ActionResult> {
	return refusing(async () => {
		const guard = await ctx.guard(input);
		// A robot filled the hidden field: it gets what a person gets, and nothing happens.
		if (!guard) return ignored;
		const petition = await findPetition(ctx.db, slug);
		if (!petition) throw petitionNotFound();
		if (petition.status !== "open") throw petitionClosed();
		const signing = { ...input, locale: actionLocale(input.locale, petition.defaultLocale) };
		ctx.later("signature", async () => (await signPetition(ctx.links, petition, signing, guard.ipHash)).deliveries);
		return accepted;
	});
}
