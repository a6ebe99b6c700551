import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../lib/errors";

/** Public JSON bodies are small; anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

const requireJson = createMiddleware(async (c, next) => {
	const type = c.req.header("content-type") ?? "";
	if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
		throw new DomainError(415, "unsupported_media_type", "Send the body as JSON, with Content-Type: application/json.");
	}
	await next();
});

const limit = bodyLimit({
	maxSize: MAX_BODY_BYTES,
	onError: () => {
		throw new DomainError(413, "payload_too_large", `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
	},
});

/** For routes that take a JSON body: 415 unless JSON, 413 past the size cap. */
export const jsonBody = [requireJson, limit] as const;
