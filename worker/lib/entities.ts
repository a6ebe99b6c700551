// One copy of `entities` (the HTML entity tables) in the Worker. The packages that still ask for
// version 4 (dom-serializer, @react-email/render) are pointed by wrangler.toml's [alias] at these
// two files, which hand them the version 7 that htmlparser2 already brings: one set of tables
// instead of two (about 19 KB gzipped). Only what those packages import is re-exported, so a new
// import fails the build rather than pulling the second copy back in.
export { encodeXML, escapeAttribute, escapeText } from "entities/escape";
