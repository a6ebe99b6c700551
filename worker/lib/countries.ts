import countries from "i18n-iso-countries";

/** True for an ISO 3166-1 alpha-2 code (upper case) of the maintained dataset. */
export function isCountryCode(code: string): boolean {
	return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}
