// The OSDI helpers' bodies, and the context they run their action in. A helper is the public
// action itself (sign a petition, subscribe to a list), called by a CRM's server with a token:
// the person gets the same confirmation email, and nothing counts until they click it.
import type { Context } from "hono";
import * as v from "valibot";
import type { ActionContext } from "../../actions/action";
import { config } from "../../config";
import type { Database } from "../../db";
import { linkDeps } from "../../deps";
import { isKnownPartner } from "../../domain/partners/partners";
import { queueIntake } from "../../http/public-write";
import { partnerField, signatureBody, sourceField, subscriptionBody } from "../../http/schemas";
import { toFieldIssues } from "../../http/validate";
import { clientIp, hashIp } from "../../lib/client";
import { hmac } from "../../lib/crypto";
import { canonicalEmail } from "../../lib/email-address";
import { DomainError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { AppEnv } from "../../types";

const bool = (name: string) => v.optional(v.boolean(`${name} is true or false.`), false);

/** An OSDI person as a helper takes it: other OSDI fields are accepted and ignored. */
const osdiPersonInput = v.looseObject({
	given_name: v.optional(v.string("given_name is text.")),
	family_name: v.optional(v.string("family_name is text.")),
	email_addresses: v.pipe(
		v.array(v.looseObject({ address: v.string("Give the email address as text.") }), "Give email_addresses as a list."),
		v.minLength(1, "Give at least one email address."),
		v.maxLength(10, "Give at most 10 email addresses."),
	),
	postal_addresses: v.optional(
		v.array(
			v.looseObject({ country: v.optional(v.string("Give the country as text.")) }),
			"Give postal_addresses as a list.",
		),
	),
	languages_spoken: v.optional(v.array(v.string("Give a language as text."), "Give languages_spoken as a list.")),
});

/** record_signature_helper: the person, and the choices the public form offers. */
export const osdiSignatureInput = v.looseObject({
	person: osdiPersonInput,
	/** The signer chose to have their name shown publicly. */
	show_name: bool("show_name"),
	/** The signer asked for updates: a subscription, confirmed by the same click. */
	subscribe: bool("subscribe"),
	partner: partnerField,
	source: sourceField,
});

/** person_signup_helper: the person and the list (by slug) they asked to join. */
export const osdiSignupInput = v.looseObject({
	person: osdiPersonInput,
	list: v.pipe(
		v.string("Name the list to join by its slug."),
		v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Name the list to join by its slug."),
	),
	partner: partnerField,
	source: sourceField,
});

type OsdiPerson = v.InferOutput<typeof osdiPersonInput>;

/** Where the public API's field is found in an OSDI body, for the issues of a 422. */
const OSDI_PATHS: Record<string, string> = {
	email: "person.email_addresses.0.address",
	name: "person.given_name",
	country: "person.postal_addresses.0.country",
	locale: "person.languages_spoken.0",
};

function flatPerson(p: OsdiPerson) {
	const name = [p.given_name, p.family_name].filter((s) => s?.trim()).join(" ");
	const primary = p.email_addresses.find((e) => e.primary === true) ?? p.email_addresses[0];
	return {
		email: primary?.address,
		...(name ? { name } : {}),
		...(p.postal_addresses?.[0]?.country ? { country: p.postal_addresses[0].country } : {}),
		...(p.languages_spoken?.[0] ? { locale: p.languages_spoken[0] } : {}),
	};
}

/** Checks the flattened body with the public API's own schema, so a helper accepts exactly what it does. */
function asPublic<T extends v.GenericSchema>(schema: T, body: Record<string, unknown>): v.InferOutput<T> {
	const parsed = v.safeParse(schema, body);
	if (parsed.success) return parsed.output;
	throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
		issues: toFieldIssues(parsed.issues).map((i) => ({ ...i, path: OSDI_PATHS[i.path] ?? i.path })),
	});
}

export function signatureFromOsdi(input: v.InferOutput<typeof osdiSignatureInput>) {
	return asPublic(signatureBody, {
		...flatPerson(input.person),
		showName: input.show_name,
		subscribe: input.subscribe,
		...(input.partner ? { partner: input.partner } : {}),
		...(input.source ? { source: input.source } : {}),
	});
}

export function subscriptionFromOsdi(input: v.InferOutput<typeof osdiSignupInput>) {
	return asPublic(subscriptionBody, {
		...flatPerson(input.person),
		...(input.partner ? { partner: input.partner } : {}),
		...(input.source ? { source: input.source } : {}),
	});
}

/** A partner named in a helper's body must be a registered one, as on the public API. */
export async function checkPartner(db: Database, partner: string | undefined): Promise<void> {
	if (partner !== undefined && !(await isKnownPartner(db, partner))) {
		throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
			issues: [{ path: "partner", message: "There is no partner with this name." }],
		});
	}
}

/**
 * The action context of a helper call. The guard keeps the per-address limit (nobody is
 * mail-bombed through a CRM either) but not the per-network one, the honeypot or Turnstile:
 * the caller is a server with a token, not a browser.
 */
export function helperContext(c: Context<AppEnv>): ActionContext {
	return {
		db: c.var.db,
		links: linkDeps(c.env, c.var.db),
		guard: async (input) => {
			const secret = config(c.env).appSecret;
			const [ipHash, emailKey] = await Promise.all([
				hashIp(secret, clientIp(c)),
				hmac(secret, `email:${canonicalEmail(input.email)}`),
			]);
			await enforceRateLimit(c.env.EMAIL_LIMITER, emailKey, "for this email address");
			return { ipHash };
		},
		intake: (message) => queueIntake(c, message),
		acceptLanguage: c.req.header("accept-language"),
	};
}
