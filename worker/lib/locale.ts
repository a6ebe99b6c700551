// The locale list lives in worker/i18n/locales.ts; this re-export keeps older imports working.
export {
	defaultLocale,
	isLocale,
	isRtl,
	type Locale,
	localeFromAcceptLanguage,
	locales,
	matchLocale,
} from "../i18n/locales";
