// Stands in for react-dom/server.edge at build time (wrangler.toml [alias]). react-email renders
// with the streaming renderer only, but react-dom's server.edge entry also requires the legacy
// string renderer: about 50 KB gzipped of the Worker bundle for nothing. This is that entry
// without it, choosing the build as react-dom does (the bundler drops the other branch).
"use strict";

const server =
	process.env.NODE_ENV === "production"
		? require("../../node_modules/react-dom/cjs/react-dom-server.edge.production.js")
		: require("../../node_modules/react-dom/cjs/react-dom-server.edge.development.js");

exports.version = server.version;
exports.renderToReadableStream = server.renderToReadableStream;
exports.resume = server.resume;
