import { and, eq, sql } from "drizzle-orm";
import { commitments, type Target, targetContacts, targets } from "../../../schema";
import type { Database } from "../../db";

/** A State by its ISO 3166-1 alpha-2 code. */
export function findTarget(db: Database, iso2: string): Promise<Target | undefined> {
	return db.select().from(targets).where(eq(targets.iso2, iso2.toUpperCase())).get();
}

/** A State's name in a locale, in English when the dataset has none in that one. */
export function targetName(target: Pick<Target, "names" | "iso2">, locale: string): string {
	return target.names[locale] ?? target.names.en ?? target.iso2;
}

/** A State's name in a locale, with the language it is really in (English when the directory has none in `locale`). */
export function targetNameIn(target: Pick<Target, "names" | "iso2">, locale: string): { text: string; locale: string } {
	const own = target.names[locale];
	if (own) return { text: own, locale };
	return { text: target.names.en ?? target.iso2, locale: "en" };
}

export function commitmentsOf(db: Database, targetId: string) {
	return db
		.select({
			instrument: commitments.instrument,
			instrumentName: commitments.instrumentName,
			status: commitments.status,
			date: commitments.date,
			source: commitments.source,
		})
		.from(commitments)
		.where(eq(commitments.targetId, targetId));
}

/** Where a State's letters can go now: its first working address, or why there is none. */
export async function deliveryAddress(
	db: Database,
	targetId: string,
): Promise<{ email: string } | { held: "no-contact" | "bouncing" }> {
	const contacts = await db
		.select({ email: targetContacts.email, status: targetContacts.status })
		.from(targetContacts)
		.where(eq(targetContacts.targetId, targetId))
		.orderBy(targetContacts.createdAt);
	const active = contacts.find((c) => c.status === "active");
	if (active) return { email: active.email };
	return { held: contacts.length > 0 ? "bouncing" : "no-contact" };
}

/** The writes marking a State's address as bouncing (from a webhook): its letters wait. */
export function markContactBouncing(db: Database, email: string, now: number) {
	return db
		.update(targetContacts)
		.set({ status: "bouncing", updatedAt: now })
		.where(
			and(sql`lower(${targetContacts.email}) = ${email.trim().toLowerCase()}`, eq(targetContacts.status, "active")),
		);
}
