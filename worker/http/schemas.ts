import * as v from "valibot";
import { REFERRAL_PATTERN } from "../domain/petitions/referrals";
import { isCountryCode } from "../lib/countries";
import { looksLikeAddress, stripInvisible } from "../lib/names";
import { recordedSource } from "../lib/source";

/** Line breaks and other control characters become single spaces: names are one line. */
const oneLine = (s: string) =>
	s
		.replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
		.replace(/\s+/g, " ")
		.trim();

export const emailField = v.pipe(
	v.string("Give your email address."),
	v.trim(),
	v.nonEmpty("Give your email address."),
	v.maxLength(254, "This email address is too long."),
	v.email("This is not a valid email address."),
);

/**
 * A name as it is stored: one line, without the invisible characters that could make it read
 * otherwise than it is, and never like an email address (a letter's sender shows it).
 */
export const nameField = v.pipe(
	v.string("Give your name."),
	v.transform((s) => oneLine(stripInvisible(s))),
	v.nonEmpty("Give your name."),
	v.maxLength(120, "Keep your name under 120 characters."),
	v.check((s) => !looksLikeAddress(s), "A name cannot contain @, < or >."),
);

export const countryField = v.pipe(
	v.string("Choose your country."),
	v.trim(),
	v.toUpperCase(),
	v.check(isCountryCode, "Choose a country by its two-letter ISO 3166-1 code, such as FR or CO."),
);

/** A language tag such as "fr" or "fr-CA"; mapped to a supported language later. */
export const localeField = v.optional(
	v.pipe(
		v.string("Give the language as a code such as fr."),
		v.regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, "Give the language as a code such as fr."),
		v.maxLength(35),
	),
);

export const partnerField = v.optional(
	v.pipe(
		v.string(),
		v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "A partner is named by its slug: lower-case letters, digits and dashes."),
	),
);

export const sourceField = v.optional(
	v.pipe(
		v.string("Give the source as text."),
		v.transform(oneLine),
		v.maxLength(200, "Keep the source under 200 characters."),
		v.transform(recordedSource),
	),
);

/**
 * The code of the share link that brought the signer: malformed is a 422 (the caller sent
 * something that is not a code); well-formed but unknown is quietly ignored by the domain.
 */
export const referralField = v.optional(
	v.pipe(
		v.string("Give the referral code as text."),
		v.regex(REFERRAL_PATTERN, "A referral code is the 8 letters and digits after r= in a share link."),
	),
);

/** Honeypot: a field people never see. Anything in it means a robot filled the form. */
export const honeypotField = v.optional(v.unknown());

export const turnstileField = v.optional(v.pipe(v.string(), v.maxLength(2048)));

export const slugParam = v.object({
	slug: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Not a valid slug.")),
});

/** A signature, as the API takes it and the petition page posts it. */
export const signatureBody = v.object({
	email: emailField,
	name: nameField,
	country: countryField,
	locale: localeField,
	subscribe: v.optional(v.boolean("subscribe is true or false."), false),
	showName: v.optional(v.boolean("showName is true or false."), false),
	partner: partnerField,
	source: sourceField,
	partnerOptIn: v.optional(v.boolean("partnerOptIn is true or false."), false),
	referral: referralField,
	website: honeypotField,
	turnstileToken: turnstileField,
});

/** A subscription (double opt-in), as the API takes it and the list page posts it. */
export const subscriptionBody = v.object({
	email: emailField,
	name: v.optional(nameField),
	country: v.optional(countryField),
	locale: localeField,
	partner: partnerField,
	source: sourceField,
	partnerOptIn: v.optional(v.boolean("partnerOptIn is true or false."), false),
	website: honeypotField,
	turnstileToken: turnstileField,
});

/** A letter (or letters) to a State, as the API takes it and the letter page posts it. */
export const letterBody = v.object({
	email: emailField,
	name: nameField,
	country: countryField,
	locale: localeField,
	/** The writer's own text; limits are the campaign's (checked in the domain). */
	body: v.optional(v.pipe(v.string("Write the letter as text."), v.maxLength(20_000, "This letter is too long."))),
	subscribe: v.optional(v.boolean("subscribe is true or false."), false),
	partner: partnerField,
	source: sourceField,
	website: honeypotField,
	turnstileToken: turnstileField,
});

/** A request to export or erase one's data. */
export const privacyRequestBody = v.object({
	email: emailField,
	kind: v.picklist(["export", "erase"], 'Choose "export" or "erase".'),
	locale: localeField,
	website: honeypotField,
	turnstileToken: turnstileField,
});

export type SignatureBody = v.InferOutput<typeof signatureBody>;
export type SubscriptionBody = v.InferOutput<typeof subscriptionBody>;
export type LetterBody = v.InferOutput<typeof letterBody>;
export type PrivacyRequestBody = v.InferOutput<typeof privacyRequestBody>;
