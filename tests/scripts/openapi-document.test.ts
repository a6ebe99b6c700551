// The OpenAPI document, checked by a maintained validator of the OpenAPI 3.1 schema. In Node (this
// project), where the validator reads its JSON Schemas from disk: the document is built from the
// app's own routes, as the Worker builds it for /openapi.json (tests/routes/openapi.test.ts reads
// it from there).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app.ts";
import { buildDocument } from "../../worker/openapi/document.ts";

describe("the OpenAPI document", () => {
	it("is a valid OpenAPI 3.1 document", async () => {
		const doc = buildDocument(app.routes);
		expect(doc.openapi).toBe("3.1.0");
		const result = await new Validator().validate(structuredClone(doc) as unknown as Record<string, unknown>);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it("is refused by the validator when it is broken (the check can fail)", async () => {
		const doc = structuredClone(buildDocument(app.routes)) as unknown as {
			components: { securitySchemes: Record<string, { type: string }> };
		};
		// No such scheme type in OpenAPI 3.1.
		for (const scheme of Object.values(doc.components.securitySchemes)) scheme.type = "password";
		const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
		expect(result.valid).toBe(false);
	});

	it("has one operation id per operation", () => {
		const ids = Object.values(buildDocument(app.routes).paths).flatMap((ops) =>
			Object.values(ops).map((op) => op.operationId),
		);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
