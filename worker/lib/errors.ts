import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One field that failed validation: a dotted path into the body, and what is wrong with it. */
export interface FieldIssue {
	path: string;
	message: string;
}

/** The project's one error body. */
export interface ErrorBody {
	error: { code: string; message: string; issues?: FieldIssue[] };
}

/** An error answered to the client as it is, in the project's error shape. */
export class ApiError extends HTTPException {
	readonly code: string;
	readonly issues?: FieldIssue[];
	readonly headers?: Record<string, string>;

	constructor(
		status: ContentfulStatusCode,
		code: string,
		message: string,
		extra: { issues?: FieldIssue[]; headers?: Record<string, string> } = {},
	) {
		super(status, { message });
		this.code = code;
		this.issues = extra.issues;
		this.headers = extra.headers;
	}

	body(): ErrorBody {
		return {
			error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
		};
	}
}
