import { vValidator } from "@hono/valibot-validator";
import type { ValidationTargets } from "hono";
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
	return tagged(middleware, { kind: "validator", target, schema });
}
