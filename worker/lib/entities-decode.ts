// `entities/lib/decode.js` (version 4's path, imported by @react-email/render), pointed here by
// wrangler.toml's [alias]: the same functions from version 7. See ./entities.ts.
export { decodeHTML, decodeHTMLAttribute } from "entities/decode";
