// Stands in, at build time (wrangler.toml [alias]), for modules that dependencies import but
// that the engine never runs: prettier (react-email's optional `pretty` output), postal-mime
// (the Resend SDK's parser for received email) and html-to-text (react-email's old plain-text
// converter: emails/index.ts uses its new one). Keeps the Worker bundle lean; if one is ever
// reached, it fails loudly rather than quietly.
function unused(): never {
	throw new Error("This module is left out of the Worker bundle (see wrangler.toml [alias]).");
}

export default class Unused {
	constructor() {
		unused();
	}
}
export const format = unused;
export const parse = unused;
export const convert = unused;
