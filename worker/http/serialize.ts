// How the admin surface (admin API and its operator aliases) shows each resource in JSON: one
// function per resource, so the two mounts cannot drift. Every date is ISO 8601 in UTC
// (`toISOString()`); the domain keeps epoch milliseconds.
import type { Bulletin, BulletinText, Campaigner, Partner } from "../../schema";
import type { ApiTokenView } from "../domain/console/api-tokens";
import type { LetterCampaignForEditing, LetterCampaignSummary } from "../domain/letters/letter-campaign-editing";
import type { ListForEditing, ListSummary } from "../domain/lists/list-editing";
import type { PetitionForEditing, PetitionSummary } from "../domain/petitions/petition-editing";
import type { StateForEditing } from "../domain/states/state-editing";

/** An epoch-milliseconds date as JSON shows it. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** `T` with the date fields `K` as ISO strings (null stays null). */
export type WithIsoDates<T, K extends keyof T> = Omit<T, K> & {
	[P in K]: T[P] extends number ? string : T[P] extends number | null ? string | null : T[P];
};

/** A copy of `row` whose fields `keys` (epoch milliseconds) are ISO strings. */
export function isoDates<T extends object, K extends keyof T>(row: T, keys: readonly K[]): WithIsoDates<T, K> {
	const out = { ...row } as Record<string, unknown>;
	for (const key of keys) {
		const value = row[key];
		if (typeof value === "number" || value === null) out[key as string] = iso(value as number | null);
	}
	return out as WithIsoDates<T, K>;
}

/** Each text of a per-language resource with its `updatedAt` as ISO. */
function textsJson<T extends { updatedAt: number }>(texts: Record<string, T>) {
	return Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, isoDates(t, ["updatedAt"])]));
}

const stamps = ["createdAt", "updatedAt"] as const;

export const petitionSummaryJson = (p: PetitionSummary) => isoDates(p, ["updatedAt"]);
export const petitionJson = (found: PetitionForEditing) => ({
	petition: isoDates(found.petition, stamps),
	texts: textsJson(found.texts),
});

export const listSummaryJson = (l: ListSummary) => isoDates(l, ["updatedAt"]);
export const listJson = (found: ListForEditing) => ({
	list: isoDates(found.list, stamps),
	texts: textsJson(found.texts),
});

export const letterCampaignSummaryJson = (lc: LetterCampaignSummary) => isoDates(lc, ["updatedAt"]);
export const letterCampaignJson = (found: LetterCampaignForEditing) => ({
	campaign: isoDates(found.campaign, stamps),
	texts: textsJson(found.texts),
});

export const stateJson = (found: StateForEditing) => ({
	state: isoDates(found.state, stamps),
	contacts: found.contacts.map((c) => isoDates(c, ["checkedAt", ...stamps])),
	commitments: found.commitments.map((c) => isoDates(c, stamps)),
});

/** A partner: everything but its internal id. */
export function partnerJson(partner: Partner) {
	const { id: _id, ...rest } = partner;
	return isoDates(rest, stamps);
}

/** An API token: never its hash (the domain's view leaves it out already). */
export const apiTokenJson = (token: ApiTokenView) =>
	isoDates(token, ["createdAt", "lastUsedAt", "revokedAt", "expiresAt"]);

export const auditJson = <T extends { createdAt: number }>(entry: T) => isoDates(entry, ["createdAt"]);

/** An email of the outbox as the queues show it: no body, no props. */
export const outboxEmailJson = <T extends { createdAt: number; nextAttemptAt: number }>(email: T) =>
	isoDates(email, ["createdAt", "nextAttemptAt"]);

/** A letter as the review queues show it. */
export const letterJson = <T extends { confirmedAt: number | null }>(letter: T) => isoDates(letter, ["confirmedAt"]);

/** A bulletin's progress: its counts and when its send started and finished. */
export const progressJson = <T extends { startedAt: number | null; finishedAt: number | null }>(progress: T) =>
	isoDates(progress, ["startedAt", "finishedAt"]);

export const bulletinJson = <T extends Bulletin>(bulletin: T) =>
	isoDates(bulletin, ["sendAt", "createdAt", "updatedAt", "startedAt", "finishedAt"]);
export const bulletinTextJson = (text: BulletinText) => isoDates(text, ["updatedAt"]);

/** A campaigner of the allow-list: whether disabled, never the session or token details. */
export function campaignerJson(c: Campaigner) {
	return {
		email: c.email,
		name: c.name,
		role: c.role,
		locale: c.locale,
		disabled: c.disabledAt !== null,
		createdAt: iso(c.createdAt),
		lastSignInAt: iso(c.lastSignInAt),
	};
}
