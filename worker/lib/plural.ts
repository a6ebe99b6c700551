// The plural helper lives in worker/i18n/plural.ts; this re-export keeps older imports working.
export { formatNumber, type PluralForms, plural, pluralForm } from "../i18n/plural";
