// "Find or 404" for every resource of the admin surface: the console, the admin API and its
// operator aliases throw the same DomainError, so a missing thing reads the same everywhere.
import type { Database } from "../../db";
import { DomainError } from "../../lib/errors";
import { getBulletin } from "../bulletins/bulletins";
import { getLetterCampaignForEditing } from "../letters/letter-campaign-editing";
import { getListForEditing } from "../lists/list-editing";
import { getPartner } from "../partners/partners";
import { getPetitionForEditing } from "../petitions/petition-editing";
import { getStateForEditing } from "../states/state-editing";

/** What a 404 says, per resource. */
const missing = {
	petition: ["not_found", "No petition with this slug."],
	list: ["not_found", "No list with this slug."],
	letterCampaign: ["not_found", "No letter campaign with this slug."],
	partner: ["not_found", "No partner with this slug."],
	state: ["not_found", "No State with this code in the directory."],
	bulletin: ["bulletin_not_found", "There is no such bulletin."],
	heldLetter: ["not_found", "No held letter with this id."],
	deadEmail: ["not_found", "No dead email with this id."],
	campaigner: ["not_found", "No campaigner with this address."],
	person: ["not_found", "No one with this address."],
} as const;

/** The resources a 404 can name. */
export type Resource = keyof typeof missing;

/** The 404 for a resource that is not there. */
export function notFound(resource: Resource): DomainError {
	const [code, message] = missing[resource];
	return new DomainError(404, code, message);
}

/** `value`, or the resource's 404 when there is none. */
export function orNotFound<T>(value: T | null | undefined | false, resource: Resource): T {
	if (value === null || value === undefined || value === false) throw notFound(resource);
	return value;
}

/** A petition with its texts, or 404. */
export const petitionOr404 = async (db: Database, slug: string) =>
	orNotFound(await getPetitionForEditing(db, slug), "petition");

/** A list with its texts, or 404. */
export const listOr404 = async (db: Database, slug: string) => orNotFound(await getListForEditing(db, slug), "list");

/** A letter campaign with its texts, or 404. */
export const letterCampaignOr404 = async (db: Database, slug: string) =>
	orNotFound(await getLetterCampaignForEditing(db, slug), "letterCampaign");

/** A partner, or 404. */
export const partnerOr404 = async (db: Database, slug: string) => orNotFound(await getPartner(db, slug), "partner");

/** A State's directory entry, or 404. */
export const stateOr404 = async (db: Database, iso2: string) => orNotFound(await getStateForEditing(db, iso2), "state");

/** A bulletin with its texts, or 404. */
export const bulletinOr404 = async (db: Database, id: string) => orNotFound(await getBulletin(db, id), "bulletin");
