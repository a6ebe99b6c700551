import { formatNumber, type PluralForms, pluralForm } from "../../i18n/plural";

/** A number as the console (English) writes it: 10,000. */
export const num = (n: number) => formatNumber("en", n);

/** The English noun for a count: "1 letter sent", "2 letters sent". */
export const noun = (n: number, forms: PluralForms) => pluralForm("en", n, forms);
