// The partners' widget, measured: its gzipped size (budget 12 KB), and the requests it makes,
// counted in Debian's Chromium (playwright-core) on a partner page served from one loopback
// origin, with the engine (the Worker as built for deploy, in Miniflare) on another. Budget: the
// script itself and ONE request for its data.
//
// Run alone: `node scripts/bench/widget.ts` (builds the Worker into .bench/build first).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildWidget, WIDGET_BUDGET_BYTES } from "../build-widget.ts";
import { root } from "../local.ts";
import { buildWorker, startRuntime } from "./runtime.ts";

export interface WidgetBenchFigures {
	gzipBytes: number;
	rawBytes: number;
	budgetBytes: number;
	/** Requests to the engine after the page loaded the script: the widget's own. */
	dataRequests: number;
	/** Every request the page made to the engine, the script included. */
	engineRequests: number;
	/** Requests to anyone but the page's origin and the engine's. */
	thirdPartyRequests: number;
	cookies: number;
	/** The widget rendered (the count is meaningless otherwise). */
	rendered: boolean;
	problems: string[];
}

/** Loads a partner page carrying a petition widget and counts what it asks for. */
async function countRequests(
	engine: string,
): Promise<Omit<WidgetBenchFigures, "gzipBytes" | "rawBytes" | "budgetBytes">> {
	const partner = createServer((_req, res) => {
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
		res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<div data-red-line><a href="${engine}/p/call-to-action">Sign the Call to Action</a></div>
<script async src="${engine}/widget.js" data-action="petition:call-to-action" data-lang="fr"></script></body></html>`);
	});
	await new Promise<void>((resolve) => partner.listen(0, "127.0.0.1", resolve));
	const site = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
	const browser = await chromium.launch({
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
	});
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const urls: string[] = [];
		page.on("request", (r) => urls.push(r.url()));
		await page.goto(site);
		// Rendered: the action's text and count (the form itself only on a registered partner's site).
		await page.locator("[data-red-line] [data-count]").waitFor({ state: "attached", timeout: 15_000 });
		await page.waitForLoadState("networkidle");
		const origin = (u: string) => new URL(u).origin;
		const toEngine = urls.filter((u) => origin(u) === engine);
		return {
			dataRequests: toEngine.filter((u) => !new URL(u).pathname.startsWith("/widget")).length,
			engineRequests: toEngine.length,
			thirdPartyRequests: urls.filter((u) => origin(u) !== engine && origin(u) !== site).length,
			cookies: (await context.cookies()).length,
			rendered: true,
			problems: [],
		};
	} finally {
		await browser.close();
		partner.close();
	}
}

export async function benchWidget(scriptPath: string): Promise<WidgetBenchFigures> {
	const built = await buildWidget();
	const size = { gzipBytes: built.gzipBytes, rawBytes: built.script.length, budgetBytes: WIDGET_BUDGET_BYTES };
	const rt = await startRuntime(scriptPath, { consumer: false });
	try {
		return { ...size, ...(await countRequests(rt.mainUrl.origin)) };
	} catch (err) {
		return {
			...size,
			dataRequests: Number.NaN,
			engineRequests: Number.NaN,
			thirdPartyRequests: Number.NaN,
			cookies: Number.NaN,
			rendered: false,
			problems: [`could not count the widget's requests: ${String(err)}`],
		};
	} finally {
		await rt.dispose();
	}
}

/** The bench table's rows for the widget. */
export function widgetRows(f: WidgetBenchFigures) {
	const sizeOk = f.gzipBytes <= f.budgetBytes;
	const requestsOk = f.rendered && f.dataRequests === 1 && f.thirdPartyRequests === 0 && f.cookies === 0;
	return [
		{
			what: "Widget script, gzipped",
			measured: `${(f.gzipBytes / 1024).toFixed(1)} KiB (raw ${(f.rawBytes / 1024).toFixed(1)} KiB)`,
			budget: `≤ ${f.budgetBytes / 1024} KiB`,
			result: sizeOk ? ("ok" as const) : ("OVER" as const),
		},
		{
			what: "Widget requests for its data",
			measured: f.rendered
				? `${f.dataRequests} (+ the script: ${f.engineRequests} to the engine; ${f.thirdPartyRequests} third-party; ${f.cookies} cookies)`
				: "n/a",
			budget: "1, no third party, no cookie",
			result: !f.rendered ? ("INVALID" as const) : requestsOk ? ("ok" as const) : ("OVER" as const),
			note: ["counted in Chromium on a partner page on another loopback origin", ...f.problems].join("; "),
		},
	];
}

if (import.meta.main) {
	const script = join(root, ".bench", "build", "index.js");
	buildWorker(join(root, ".bench", "build"));
	const figures = await benchWidget(script);
	for (const row of widgetRows(figures))
		console.log(`${row.what}: ${row.measured} (budget ${row.budget}) ${row.result}`);
	if (figures.problems.length) console.log(figures.problems.join("\n"));
}
