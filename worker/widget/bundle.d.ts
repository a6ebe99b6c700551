// The widget as built by scripts/build-widget.ts into worker/widget/dist/ (not in git): built
// before `wrangler dev`, `wrangler deploy` and the tests, so it is never stale.
declare module "*/widget/dist/widget.js" {
	/** The minified script partners load. */
	export const script: string;
	/** A hash of its content, for the versioned, immutable URL. */
	export const hash: string;
}
