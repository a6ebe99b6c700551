// The words of "share after signing" live in the catalogs (`common.share`, read by
// worker/i18n/share.ts): the confirmation page, the thank-you email and the share links say the same.
export { type ShareChannelName, type ShareStrings, shareStrings } from "../worker/i18n/share";
