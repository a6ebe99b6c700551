// The console dashboard's charts with nothing yet: this file writes no signature, letter or
// bulletin, so every chart is empty (its own storage, as every test file).
import { describe, expect, it } from "vitest";
import { consoleRequest, editorSession, tableRow } from "../console-helpers";

describe("dashboard charts, no data", () => {
	it("renders every chart, empty, with its table of zeros", async () => {
		const cookie = await editorSession();
		const res = await consoleRequest("/console", { headers: { cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain("No signatures in these 90 days yet.");
		expect(html).toContain("No signature has come through a share link yet.");
		expect(html).toContain("No bulletin has gone out yet.");
		expect(html).toContain("No letter has been written yet.");
		// Each chart is an image with a title and a description.
		expect(html.match(/<svg viewBox="[^"]+" role="img" aria-labelledby="ch-days-t ch-days-d"/)).toBeTruthy();
		expect(html).toContain('<title id="ch-days-t">Signatures per day');
		const today = new Date().toISOString().slice(0, 10);
		expect(tableRow(html, today)).toEqual(["0", "0"]);
		expect(tableRow(html, "WhatsApp")).toEqual(["0", "0"]);
		expect(html).toContain("0% of the signatures of these 90 days are confirmed (0 of 0).");
	});
});
