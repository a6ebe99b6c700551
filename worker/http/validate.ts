import { vValidator } from "@hono/valibot-validator";
import type { Context, Next, ValidationTargets } from "hono";
import type { GenericSchema } from "valibot";
import { DomainError, type FieldIssue } from "../lib/errors";
import { tagged } from "../openapi/meta";

interface Issue {
	message: string;
	path?: { key: unknown }[];
}

/** Valibot issues as the project's field issues: a path and our own message, never the input. */
export function toFieldIssues(issues: readonly Issue[]): FieldIssue[] {
	return issues.map((issue) => ({
		path: issue.path?.map((p) => String(p.key)).join(".") || "(body)",
		message: issue.message,
	}));
}

/**
 * Validates one part of the request; invalid → 422 with an issue per field. The middleware
 * carries its target and schema, which the OpenAPI document is generated from.
 */
export function validate<T extends GenericSchema, Target extends keyof ValidationTargets>(target: Target, schema: T) {
	const middleware = vValidator(target, schema, (result) => {
		if (!result.success) {
			throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
				issues: toFieldIssues(result.issues),
			});
		}
	});
	if (target !== "json") return tagged(middleware, { kind: "validator", target, schema });
	// Valibot's objects take a list too (an array is an object), so a body of [] would pass a
	// schema whose fields are all optional: a JSON body is an object, or it is refused.
	const objectsOnly = (async (c: Context, next: Next) => {
		const body: unknown = await c.req.json().catch(() => undefined);
		if (Array.isArray(body)) {
			throw new DomainError(422, "invalid_fields", "Some fields are missing or not valid.", {
				issues: [{ path: "(body)", message: "The body is a JSON object, not a list." }],
			});
		}
		return middleware(c, next);
	}) as typeof middleware;
	return tagged(objectsOnly, { kind: "validator", target, schema });
}
