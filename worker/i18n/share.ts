// The words of "share after signing": the block on the confirmation page, the thank-you email
// and the share links the domain builds all say the same, from `common.share` in the catalogs.

import type { Catalog } from "./catalog";
import { perLocale, type Words, words } from "./catalog";

export type ShareChannelName = "whatsapp" | "telegram" | "signal" | "email" | "x" | "facebook" | "copy";

/** The share block's words in one language (`{title}` placeholders, as `format` fills them). */
export type ShareStrings = Words<Catalog["common"]["share"]>;

export const shareStrings = perLocale((catalog) => words(catalog.common.share));
