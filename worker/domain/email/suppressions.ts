import { eq, inArray } from "drizzle-orm";
import { people, subscriptions, suppressions } from "../../../schema";
import type { Database, Statement } from "../../db";
import { sha256Hex } from "../../lib/crypto";
import { endSubscriptionsWrites } from "../lists/subscriptions";
import { addressOf } from "../people/people";

/** How an address is named on the suppression list: the SHA-256 of its canonical form. */
export function suppressionKey(email: string): Promise<string> {
	return sha256Hex(addressOf(email).canonical);
}

/** True when nothing may be sent to this address. */
export async function isSuppressed(db: Database, email: string): Promise<boolean> {
	const row = await db
		.select({ key: suppressions.emailHash })
		.from(suppressions)
		.where(eq(suppressions.emailHash, await suppressionKey(email)))
		.get();
	return Boolean(row);
}

/**
 * The writes that put an address on the suppression list and end its subscriptions, each
 * recorded in the consent ledger, for the batch of whatever caused it (a webhook message).
 */
export async function suppressWrites(
	db: Database,
	email: string,
	reason: "bounce" | "complaint",
	source: string,
	now: number,
): Promise<Statement[]> {
	const { canonical } = addressOf(email);
	const personSubscriptions = inArray(
		subscriptions.personId,
		db.select({ id: people.id }).from(people).where(eq(people.emailCanonical, canonical)),
	);
	return [
		db
			.insert(suppressions)
			.values({ emailHash: await suppressionKey(email), reason, source, createdAt: now })
			.onConflictDoNothing(),
		...endSubscriptionsWrites(
			db,
			personSubscriptions,
			{ status: "bounced", event: reason === "bounce" ? "bounced" : "complained", proof: source },
			now,
		),
	];
}
