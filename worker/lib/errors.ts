// The one error of the engine: thrown by the domain and the HTTP pieces alike, free of Hono, and
// answered in the project's one shape by `app.onError` (JSON) or the console's `onError` (a page).

/** One field that failed validation: a dotted path into the body, and what is wrong with it. */
export interface FieldIssue {
	path: string;
	message: string;
}

/** The project's one error body. */
export interface ErrorBody {
	error: { code: string; message: string; issues?: FieldIssue[] };
}

/** The statuses a refusal is answered with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

/** A refusal answered to the client as it is, in the project's error shape. */
export class DomainError extends Error {
	readonly status: ErrorStatus;
	readonly code: string;
	readonly issues?: FieldIssue[];
	readonly headers?: Record<string, string>;

	constructor(
		status: ErrorStatus,
		code: string,
		message: string,
		extra: { issues?: FieldIssue[]; headers?: Record<string, string> } = {},
	) {
		super(message);
		this.name = "DomainError";
		this.status = status;
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
