import { findPetition } from "../domain/petitions/petitions";
import type { SignatureBody } from "../http/schemas";
import { DomainError } from "../lib/errors";
import { type ActionContext, type ActionResult, accepted, actionLocale, ignored, refusing } from "./action";

export const petitionNotFound = () =>
	new DomainError(404, "petition_not_found", "There is no petition at this address.");

export const petitionClosed = () =>
	new DomainError(409, "petition_closed", "This petition is closed and no longer takes signatures.");

/**
 * Signing a petition, for the API and the petition page alike: the guard, then the petition
 * (404), then whether it is open (409); then the request goes onto the intake queue, whose
 * consumer writes it (jobs/intake.ts). The answer must not tell whether this address has signed
 * before, and nothing before it depends on the address.
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
		await ctx.intake({ kind: "signature", petitionId: petition.id, input: signing, ipHash: guard.ipHash });
		return accepted;
	});
}
