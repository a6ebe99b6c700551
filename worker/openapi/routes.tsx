/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { RouterRoute } from "hono/types";
import { sha256Hex } from "../lib/crypto";
import type { AppEnv } from "../types";
import { buildDocument, type OpenApiDocument } from "./document";
import { Reference } from "./reference";

interface Built {
	doc: OpenApiDocument;
	json: string;
	etag: string;
	html: string;
	htmlEtag: string;
}

/**
 * `/openapi.json` and `/docs/api`, for the app whose routes they describe. The document is built
 * from those routes the first time either is asked for, once per isolate (the routes do not
 * change while it lives), and answered with a strong ETag; the reference page is rendered once
 * from it.
 */
export function apiDocs(app: { routes: readonly RouterRoute[] }) {
	let built: Promise<Built> | undefined;
	const build = () => {
		built ??= (async () => {
			const doc = buildDocument(app.routes);
			const json = JSON.stringify(doc);
			const html = String(await (<Reference doc={doc} />));
			const tag = async (body: string) => `"${(await sha256Hex(body)).slice(0, 32)}"`;
			return { doc, json, html, etag: await tag(json), htmlEtag: await tag(html) };
		})();
		return built;
	};
	const cache = "public, max-age=300, stale-while-revalidate=3600";
	return new Hono<AppEnv>()
		.get("/openapi.json", async (c) => {
			const { json, etag } = await build();
			const headers = {
				ETag: etag,
				"Cache-Control": cache,
				// A public description: any tool may read it from a browser.
				"Access-Control-Allow-Origin": "*",
			};
			if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
			return c.body(json, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
		})
		.get("/docs/api", async (c) => {
			const { html, htmlEtag: etag } = await build();
			const headers = { ETag: etag, "Cache-Control": cache };
			if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
			return c.body(html, 200, { ...headers, "Content-Type": "text/html; charset=utf-8" });
		});
}
