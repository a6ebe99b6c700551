import { eq, sql } from "drizzle-orm";
import { people } from "../../../schema";
import type { Database } from "../../db";
import { canonicalEmail, normaliseEmail } from "../../lib/email-address";

export interface PersonDetails {
	email: string;
	name?: string | null;
	country?: string | null;
	locale: string;
}

/** The address as people gave it (for sending) and as it identifies them (for matching). */
export function addressOf(email: string): { email: string; canonical: string } {
	const normal = normaliseEmail(email);
	return { email: normal, canonical: canonicalEmail(normal) };
}

/**
 * The insert that makes sure a person exists for an address, for a batch. An existing person
 * is left as it is: details change only when the person confirms something.
 */
export function personInsert(db: Database, details: PersonDetails, now: number) {
	const { email, canonical } = addressOf(details.email);
	return db
		.insert(people)
		.values({
			id: crypto.randomUUID(),
			email,
			emailCanonical: canonical,
			name: details.name ?? null,
			country: details.country ?? null,
			locale: details.locale,
			createdAt: now,
			updatedAt: now,
		})
		.onConflictDoNothing();
}

/** SQL for the id of the person with this address, to use inside the same batch. */
export function personIdOf(email: string) {
	const { canonical } = addressOf(email);
	return sql`(SELECT ${people.id} FROM ${people} WHERE ${people.emailCanonical} = ${canonical})`;
}

/** The person behind an address, if any (erased people have no address left to match). */
export function findPerson(db: Database, email: string) {
	return db
		.select()
		.from(people)
		.where(eq(people.emailCanonical, addressOf(email).canonical))
		.get();
}
