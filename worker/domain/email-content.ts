import { eq } from "drizzle-orm";
import { type OutboxRow, petitions, signatures } from "../../schema";
import type { Database } from "../db";
import { petitionTitle } from "./petitions";
import { CONFIRM_TOKEN_TTL_MS, linkToken } from "./tokens";

export interface LinkSettings {
	/** APP_SECRET, from which link tokens are derived. */
	secret: string;
	/** The engine's public origin, without a trailing slash. */
	publicUrl: string;
}

/**
 * The props a template needs for one outbox row, read fresh at send time (the latest petition
 * title, the signer's name). Null when what the email was about is gone (erased, say): there is
 * nothing left to send.
 */
export async function emailProps(
	db: Database,
	links: LinkSettings,
	row: Pick<OutboxRow, "id" | "template" | "locale" | "props">,
): Promise<Record<string, unknown> | null> {
	switch (row.template) {
		case "confirm-signature":
		case "already-signed": {
			const signatureId = String(row.props.signatureId ?? "");
			const sig = await db
				.select({ name: signatures.name, petitionId: signatures.petitionId, slug: petitions.slug })
				.from(signatures)
				.innerJoin(petitions, eq(petitions.id, signatures.petitionId))
				.where(eq(signatures.id, signatureId))
				.get();
			if (!sig) return null;
			const common = {
				locale: row.locale,
				name: sig.name,
				petitionTitle: await petitionTitle(db, sig.petitionId, row.locale),
			};
			if (row.template === "already-signed") {
				return { ...common, petitionUrl: `${links.publicUrl}/p/${sig.slug}?locale=${row.locale}` };
			}
			const token = await linkToken(links.secret, row.id);
			return {
				...common,
				confirmUrl: `${links.publicUrl}/confirm/${token}`,
				expiresInDays: Math.round(CONFIRM_TOKEN_TTL_MS / 86_400_000),
			};
		}
		default:
			throw new Error(`no email content for template ${row.template}`);
	}
}
