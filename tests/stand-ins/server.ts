/**
 * Local stand-ins for the external HTTP services the engine talks to, so that
 * tests, benchmarks and local manual runs never reach the internet:
 *
 * - a Resend-compatible API (`POST /emails`, `POST /emails/batch`,
 *   `GET /emails/:id`), meant to be used through the real `resend` SDK with
 *   `new Resend(key, { baseUrl: standIn.url })`;
 * - Cloudflare Turnstile's siteverify (`POST /turnstile/v0/siteverify`),
 *   following Cloudflare's published test secrets;
 * - control and inspection endpoints under `/_stand-in/` (faults, captured
 *   emails, stats, reset).
 *
 * Uses `node:http` only and listens on 127.0.0.1 only.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleWebhookControl } from "./webhook-receiver.ts";

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export interface StandInOptions {
	/** Port to listen on; 0 (the default) picks an ephemeral port. */
	port?: number;
	/** Max Resend API calls per sliding 1-second window; unset = unlimited. */
	ratePerSecond?: number;
	/** Unref the server so it never keeps the process alive (default true). */
	unref?: boolean;
	/** Keep each email's HTML and text (default true); a bench of 100,000 emails keeps only the rest. */
	storeBodies?: boolean;
	/** Optional logger, called once per stored email and per rejected call. */
	log?: (line: string) => void;
}

export interface StandIn {
	/** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
	url: string;
	port: number;
	close(): Promise<void>;
	state: StandInState;
}

export interface StoredEmail {
	id: string;
	from: string;
	to: string[];
	cc: string[];
	bcc: string[];
	subject: string;
	html: string | null;
	text: string | null;
	headers: Record<string, string>;
	reply_to: string[];
	tags: { name: string; value: string }[];
	scheduled_at: string | null;
	idempotencyKey: string | null;
	/** ISO timestamp. */
	receivedAt: string;
	via: "single" | "batch";
	/** Monotonic sequence number (insertion order). */
	seq: number;
}

export interface Fault {
	/** Lower-cased recipient address, or null = matches any call. */
	to: string | null;
	status: number;
	/** Calls still to fail. */
	remaining: number;
	/** Seconds for a `retry-after` header (429 defaults to 1). */
	retryAfter: number | null;
	/** Overrides for the Resend-shaped error body. */
	name: string | null;
	message: string | null;
}

export interface FaultInput {
	to?: string;
	status: number;
	count?: number;
	retryAfter?: number;
	name?: string;
	message?: string;
}

/**
 * Misbehaviour for the calls to one recipient domain (so concurrent test files are unaffected):
 * its own per-second rate limit, and a seeded share of calls answered 429 or 500, or taken and
 * then answered 500 (the answer "lost": only an idempotency key saves the sender from sending twice).
 */
export interface ChaosRule {
	/** Lower-cased domain: a call matches when any of its recipients is at this domain. */
	domain: string;
	ratePerSecond: number | null;
	share429: number;
	share500: number;
	shareLost: number;
	/** Seed of the deterministic generator that picks which calls fail. */
	seed: number;
	window: number[];
	rng: () => number;
	counts: { calls: number; rateLimited: number; chaos429: number; chaos500: number; lost: number; accepted: number };
}

export interface StandInStats {
	/** Resend API calls received (any outcome). */
	calls: number;
	/** Resend API calls answered 2xx (idempotent replays included). */
	accepted: number;
	/** Of `accepted`, how many were idempotent replays (nothing stored). */
	replayed: number;
	/** Rejected Resend API calls by HTTP status. */
	rejected: Record<string, number>;
	/** Emails currently stored. */
	emails: number;
	turnstile: { calls: number; success: number; failure: number };
}

interface IdempotencyRecord {
	fingerprint: string;
	status: number;
	body: unknown;
}

interface DomainError {
	statusCode: number;
	name: string;
	message: string;
}

export interface StandInState {
	emails: StoredEmail[];
	faults: Fault[];
	idempotency: Map<string, IdempotencyRecord>;
	counters: {
		calls: number;
		accepted: number;
		replayed: number;
		rejected: Record<string, number>;
		turnstile: { calls: number; success: number; failure: number };
	};
	/** Timestamps (ms) of the calls admitted by the rate limiter in the last second. */
	window: number[];
	chaos: Map<string, ChaosRule>;
	ratePerSecond: number | null;
	nextSeq: number;
	/** Emails to this recipient (to/cc/bcc, case-insensitive), newest first; all if omitted. */
	emailsTo(address?: string): StoredEmail[];
	addFault(input: FaultInput): Fault;
	stats(): StandInStats;
	/** Clear everything; with `to`, only that recipient's emails and faults. */
	reset(scope?: { to?: string }): void;
}

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

const MAX_BODY_BYTES = 40 * 1024 * 1024;
const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const MAX_IDEMPOTENCY_KEY = 256;

export const TURNSTILE_PASS_SECRET = "1x0000000000000000000000000000000AA";
export const TURNSTILE_FAIL_SECRET = "2x0000000000000000000000000000000AA";
export const TURNSTILE_SPENT_SECRET = "3x0000000000000000000000000000000AA";
export const TURNSTILE_DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

const ERROR_NAMES: Record<number, string> = {
	400: "validation_error",
	401: "missing_api_key",
	403: "invalid_api_key",
	404: "not_found",
	405: "method_not_allowed",
	409: "invalid_idempotent_request",
	422: "validation_error",
	429: "rate_limit_exceeded",
	500: "internal_server_error",
	502: "application_error",
	503: "application_error",
	504: "application_error",
};

const ERROR_MESSAGES: Record<number, string> = {
	400: "We found an error with one or more fields in the request.",
	401: "Missing API key in the authorization header.",
	403: "API key is invalid.",
	404: "The requested endpoint does not exist.",
	405: "Method is not allowed for the requested path.",
	409: "Same idempotency key used with a different request payload.",
	422: "Invalid parameters.",
	429: "Too many requests. You can only make a limited number of requests per second.",
	500: "An unexpected error occurred.",
	503: "Service unavailable. Please try again later.",
};

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

/** A small seeded generator (mulberry32): the same seed fails the same calls. */
function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Extract the bare, lower-cased address from `a@b.c` or `Name <a@b.c>`. */
function bareAddress(value: string): string {
	const m = /<([^<>]*)>\s*$/.exec(value);
	return (m?.[1] ?? value).trim().toLowerCase();
}

function recipientsOf(email: { to: string[]; cc: string[]; bcc: string[] }): string[] {
	return [...email.to, ...email.cc, ...email.bcc].map(bareAddress);
}

function createState(ratePerSecond: number | null): StandInState {
	const state: StandInState = {
		emails: [],
		faults: [],
		idempotency: new Map(),
		counters: {
			calls: 0,
			accepted: 0,
			replayed: 0,
			rejected: {},
			turnstile: { calls: 0, success: 0, failure: 0 },
		},
		window: [],
		chaos: new Map(),
		ratePerSecond,
		nextSeq: 1,
		emailsTo(address) {
			const wanted = address === undefined ? null : bareAddress(address);
			const list =
				wanted === null ? state.emails.slice() : state.emails.filter((e) => recipientsOf(e).includes(wanted));
			return list.sort((a, b) => b.seq - a.seq);
		},
		addFault(input) {
			const fault: Fault = {
				to: input.to === undefined ? null : bareAddress(input.to),
				status: input.status,
				remaining: input.count ?? 1,
				retryAfter: input.retryAfter ?? null,
				name: input.name ?? null,
				message: input.message ?? null,
			};
			state.faults.push(fault);
			return fault;
		},
		stats() {
			const c = state.counters;
			return {
				calls: c.calls,
				accepted: c.accepted,
				replayed: c.replayed,
				rejected: { ...c.rejected },
				emails: state.emails.length,
				turnstile: { ...c.turnstile },
			};
		},
		reset(scope) {
			if (scope?.to !== undefined) {
				const wanted = bareAddress(scope.to);
				state.emails = state.emails.filter((e) => !recipientsOf(e).includes(wanted));
				state.faults = state.faults.filter((f) => f.to !== wanted);
				return;
			}
			state.emails = [];
			state.faults = [];
			state.idempotency.clear();
			state.window = [];
			state.chaos.clear();
			state.nextSeq = 1;
			state.counters = {
				calls: 0,
				accepted: 0,
				replayed: 0,
				rejected: {},
				turnstile: { calls: 0, success: 0, failure: 0 },
			};
		},
	};
	return state;
}

// ---------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------

class HttpError extends Error {
	status: number;
	constructor(status: number, message: string) {
		super(message);
		this.status = status;
	}
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on("data", (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpError(413, "Request body too large."));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		req.on("error", reject);
	});
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		"content-type": "application/json; charset=utf-8",
		"content-length": String(Buffer.byteLength(payload)),
		...headers,
	});
	res.end(payload);
}

function apiError(status: number, name?: string | null, message?: string | null): DomainError {
	return {
		statusCode: status,
		name: name ?? ERROR_NAMES[status] ?? (status >= 500 ? "application_error" : "validation_error"),
		message: message ?? ERROR_MESSAGES[status] ?? `Request failed with status ${status}.`,
	};
}

/** JSON.stringify with sorted object keys, for payload fingerprints. */
function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
	if (value !== null && typeof value === "object") {
		const obj = value as Record<string, unknown>;
		const keys = Object.keys(obj)
			.filter((k) => obj[k] !== undefined)
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(",")}}`;
	}
	return JSON.stringify(value) ?? "null";
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === "object" && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// Resend payload validation
// ---------------------------------------------------------------------------

const CRLF = /[\r\n]/;
const EMAIL_RE = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const TAG_RE = /^[A-Za-z0-9_-]{1,256}$/;
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function isValidAddress(value: string): boolean {
	if (CRLF.test(value)) return false;
	const m = /^(.*)<([^<>]*)>\s*$/.exec(value.trim());
	const addr = m ? (m[2] ?? "") : value.trim();
	return EMAIL_RE.test(addr);
}

function addressList(field: string, value: unknown, required: boolean): string[] {
	if (value === undefined || value === null) {
		if (required) throw new HttpError(422, `Missing \`${field}\` field.`);
		return [];
	}
	const list = typeof value === "string" ? [value] : value;
	if (!Array.isArray(list) || list.some((v) => typeof v !== "string")) {
		throw new HttpError(422, `Invalid \`${field}\` field. Expected a string or an array of strings.`);
	}
	const strings = list as string[];
	if (required && strings.length === 0) throw new HttpError(422, `Missing \`${field}\` field.`);
	if (strings.length > MAX_RECIPIENTS) {
		throw new HttpError(422, `Too many recipients in \`${field}\`: at most ${MAX_RECIPIENTS} are allowed.`);
	}
	for (const s of strings) {
		if (!isValidAddress(s)) {
			throw new HttpError(
				422,
				`Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
			);
		}
	}
	return strings;
}

type ValidEmail = Omit<StoredEmail, "id" | "idempotencyKey" | "receivedAt" | "via" | "seq">;

function validateEmail(input: unknown, inBatch: boolean): ValidEmail {
	if (!isRecord(input)) throw new HttpError(422, "The request body must be a JSON object.");
	if (typeof input.from !== "string" || input.from.trim() === "") throw new HttpError(422, "Missing `from` field.");
	if (!isValidAddress(input.from)) {
		throw new HttpError(
			422,
			"Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
		);
	}
	const to = addressList("to", input.to, true);
	const cc = addressList("cc", input.cc, false);
	const bcc = addressList("bcc", input.bcc, false);
	const replyTo = addressList("reply_to", input.reply_to, false);

	if (typeof input.subject !== "string" || input.subject === "") throw new HttpError(422, "Missing `subject` field.");
	if (CRLF.test(input.subject)) throw new HttpError(422, "Invalid `subject` field. It must not contain line breaks.");

	const html = input.html ?? null;
	const text = input.text ?? null;
	if (html !== null && typeof html !== "string") throw new HttpError(422, "Invalid `html` field. Expected a string.");
	if (text !== null && typeof text !== "string") throw new HttpError(422, "Invalid `text` field. Expected a string.");
	if (!html && !text) throw new HttpError(422, "Missing `html` or `text` field.");

	const headers: Record<string, string> = {};
	if (input.headers !== undefined && input.headers !== null) {
		if (!isRecord(input.headers)) throw new HttpError(422, "Invalid `headers` field. Expected an object.");
		for (const [name, value] of Object.entries(input.headers)) {
			if (!HEADER_NAME_RE.test(name)) throw new HttpError(422, `Invalid header name \`${name}\`.`);
			if (typeof value !== "string")
				throw new HttpError(422, `Invalid value for header \`${name}\`. Expected a string.`);
			if (CRLF.test(value)) {
				throw new HttpError(422, `Invalid value for header \`${name}\`. It must not contain line breaks.`);
			}
			headers[name] = value;
		}
	}

	const tags: { name: string; value: string }[] = [];
	if (input.tags !== undefined && input.tags !== null) {
		if (!Array.isArray(input.tags)) throw new HttpError(422, "Invalid `tags` field. Expected an array.");
		for (const tag of input.tags) {
			if (!isRecord(tag) || typeof tag.name !== "string" || typeof tag.value !== "string") {
				throw new HttpError(422, "Invalid `tags` field. Each tag needs a string `name` and `value`.");
			}
			if (!TAG_RE.test(tag.name) || !TAG_RE.test(tag.value)) {
				throw new HttpError(
					422,
					"Invalid `tags` field. Tag names and values can only contain ASCII letters, numbers, underscores or dashes.",
				);
			}
			tags.push({ name: tag.name, value: tag.value });
		}
	}

	const scheduledAt = input.scheduled_at ?? null;
	if (scheduledAt !== null && typeof scheduledAt !== "string") {
		throw new HttpError(422, "Invalid `scheduled_at` field. Expected a string.");
	}
	const attachments = input.attachments;
	if (inBatch) {
		if (Array.isArray(attachments) && attachments.length > 0) {
			throw new HttpError(422, "The `attachments` field is not supported for batch emails.");
		}
		if (scheduledAt !== null) throw new HttpError(422, "The `scheduled_at` field is not supported for batch emails.");
	}

	return {
		from: input.from,
		to,
		cc,
		bcc,
		subject: input.subject,
		html,
		text,
		headers,
		reply_to: replyTo,
		tags,
		scheduled_at: scheduledAt,
	};
}

/** Recipients named in a raw (not yet validated) payload, for fault matching. */
function rawRecipients(input: unknown): string[] {
	if (!isRecord(input)) return [];
	const out: string[] = [];
	for (const field of ["to", "cc", "bcc"]) {
		const v = input[field];
		if (typeof v === "string") out.push(bareAddress(v));
		else if (Array.isArray(v)) for (const s of v) if (typeof s === "string") out.push(bareAddress(s));
	}
	return out;
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
	const rate = opts.ratePerSecond !== undefined && opts.ratePerSecond > 0 ? Math.floor(opts.ratePerSecond) : null;
	const state = createState(rate);
	const log = opts.log ?? null;
	const storeBodies = opts.storeBodies !== false;

	function reject(res: ServerResponse, error: DomainError, headers: Record<string, string> = {}): void {
		const key = String(error.statusCode);
		state.counters.rejected[key] = (state.counters.rejected[key] ?? 0) + 1;
		log?.(`rejected ${error.statusCode} ${error.name}: ${error.message}`);
		send(res, error.statusCode, error, headers);
	}

	/** Rate-limit bookkeeping; returns the headers to attach, or a 429 verdict. */
	function admit(now: number): { ok: boolean; headers: Record<string, string>; retryAfter: number } {
		if (state.ratePerSecond === null) return { ok: true, headers: {}, retryAfter: 0 };
		const limit = state.ratePerSecond;
		state.window = state.window.filter((t) => now - t < 1000);
		const ok = state.window.length < limit;
		if (ok) state.window.push(now);
		const oldest = state.window[0] ?? now;
		const resetSeconds = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
		return {
			ok,
			retryAfter: resetSeconds,
			headers: {
				"ratelimit-limit": String(limit),
				"ratelimit-remaining": String(Math.max(0, limit - state.window.length)),
				"ratelimit-reset": String(resetSeconds),
			},
		};
	}

	function takeFault(recipients: string[]): Fault | null {
		const index = state.faults.findIndex((f) => f.remaining > 0 && (f.to === null || recipients.includes(f.to)));
		if (index < 0) return null;
		const fault = state.faults[index] as Fault;
		fault.remaining -= 1;
		if (fault.remaining <= 0) state.faults.splice(index, 1);
		return fault;
	}

	function store(
		email: ValidEmail,
		idempotencyKey: string | null,
		via: "single" | "batch",
		receivedAt: string,
	): string {
		const id = randomUUID();
		const kept = storeBodies ? email : { ...email, html: null, text: null };
		state.emails.push({ id, ...kept, idempotencyKey, receivedAt, via, seq: state.nextSeq++ });
		log?.(`email ${id} ${via} to=${email.to.join(",")} subject=${JSON.stringify(email.subject)}`);
		return id;
	}

	async function handleResend(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<void> {
		state.counters.calls += 1;

		const auth = req.headers.authorization ?? "";
		const m = /^Bearer\s+(\S.*)$/i.exec(auth.trim());
		if (!m) {
			await readBody(req).catch(() => "");
			reject(
				res,
				apiError(
					401,
					"missing_api_key",
					"Missing API key in the authorization header. Include the following header `Authorization: Bearer YOUR_API_KEY` in the request.",
				),
			);
			return;
		}

		const now = Date.now();
		const verdict = admit(now);
		if (!verdict.ok) {
			await readBody(req).catch(() => "");
			reject(
				res,
				apiError(
					429,
					"rate_limit_exceeded",
					`Too many requests. You can only make ${state.ratePerSecond} requests per second. See rate limit response headers for more information.`,
				),
				{ ...verdict.headers, "retry-after": String(verdict.retryAfter) },
			);
			return;
		}
		const rl = verdict.headers;

		// GET /emails/:id (the SDK's `emails.get`)
		const getMatch = /^\/emails\/([^/]+)$/.exec(path);
		if (getMatch && getMatch[1] !== "batch") {
			if (method !== "GET") {
				reject(res, apiError(405), rl);
				return;
			}
			const email = state.emails.find((e) => e.id === getMatch[1]);
			if (!email) {
				reject(res, apiError(404, "not_found", "Email not found"), rl);
				return;
			}
			state.counters.accepted += 1;
			send(
				res,
				200,
				{
					object: "email",
					id: email.id,
					to: email.to,
					from: email.from,
					created_at: email.receivedAt,
					subject: email.subject,
					html: email.html,
					text: email.text,
					bcc: email.bcc,
					cc: email.cc,
					reply_to: email.reply_to,
					last_event: "delivered",
					scheduled_at: email.scheduled_at,
					tags: email.tags,
				},
				rl,
			);
			return;
		}

		const isBatch = path === "/emails/batch";
		if (path !== "/emails" && !isBatch) {
			await readBody(req).catch(() => "");
			reject(res, apiError(404), rl);
			return;
		}
		if (method !== "POST") {
			await readBody(req).catch(() => "");
			reject(res, apiError(405), rl);
			return;
		}

		let raw: string;
		try {
			raw = await readBody(req);
		} catch (err) {
			const status = err instanceof HttpError ? err.status : 400;
			reject(res, apiError(status, "validation_error", err instanceof Error ? err.message : null), rl);
			return;
		}
		let body: unknown;
		try {
			body = JSON.parse(raw);
		} catch {
			reject(res, apiError(422, "validation_error", "Invalid JSON in request body."), rl);
			return;
		}

		const idempotencyKey = req.headers["idempotency-key"];
		const key = typeof idempotencyKey === "string" ? idempotencyKey : null;
		if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
			reject(
				res,
				apiError(400, "invalid_idempotency_key", `The key must be between 1-${MAX_IDEMPOTENCY_KEY} characters.`),
				rl,
			);
			return;
		}

		// Programmed faults (matched on any recipient of the call).
		const recipients = isBatch && Array.isArray(body) ? body.flatMap(rawRecipients) : rawRecipients(body);
		const fault = takeFault(recipients);
		if (fault) {
			const headers: Record<string, string> = { ...rl };
			const retryAfter = fault.retryAfter ?? (fault.status === 429 ? 1 : null);
			if (retryAfter !== null) headers["retry-after"] = String(Math.max(0, Math.ceil(retryAfter)));
			reject(res, apiError(fault.status, fault.name, fault.message), headers);
			return;
		}

		// Chaos for one recipient domain: its own rate limit, then a seeded share of failures.
		let lostAnswer = false;
		const rule = recipients
			.map((r) => state.chaos.get(r.slice(r.lastIndexOf("@") + 1)))
			.find((r): r is ChaosRule => r !== undefined);
		if (rule) {
			rule.counts.calls += 1;
			if (rule.ratePerSecond !== null) {
				rule.window = rule.window.filter((t) => now - t < 1000);
				if (rule.window.length >= rule.ratePerSecond) {
					rule.counts.rateLimited += 1;
					const oldest = rule.window[0] ?? now;
					const wait = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
					reject(res, apiError(429, "rate_limit_exceeded", `Too many requests: ${rule.ratePerSecond} per second.`), {
						...rl,
						"retry-after": String(wait),
					});
					return;
				}
				rule.window.push(now);
			}
			const roll = rule.rng();
			if (roll < rule.share429) {
				rule.counts.chaos429 += 1;
				reject(res, apiError(429, "rate_limit_exceeded", "Too many requests (chaos)."), { ...rl, "retry-after": "1" });
				return;
			}
			if (roll < rule.share429 + rule.share500) {
				rule.counts.chaos500 += 1;
				reject(res, apiError(500, "internal_server_error", "An unexpected error occurred (chaos)."), rl);
				return;
			}
			lostAnswer = roll < rule.share429 + rule.share500 + rule.shareLost;
		}

		const receivedAt = new Date(now).toISOString();
		const permissive = isBatch && String(req.headers["x-batch-validation"] ?? "").toLowerCase() === "permissive";

		// Validate before consulting idempotency: invalid requests are never recorded.
		let single: ValidEmail | null = null;
		const batchItems: { index: number; email: ValidEmail | null; error: string | null }[] = [];
		try {
			if (isBatch) {
				if (!Array.isArray(body)) throw new HttpError(422, "The request body must be an array of emails.");
				if (body.length === 0) throw new HttpError(422, "The batch must contain at least one email.");
				if (body.length > MAX_BATCH) {
					throw new HttpError(422, `Too many emails in the batch: at most ${MAX_BATCH} are allowed.`);
				}
				body.forEach((item, index) => {
					try {
						batchItems.push({ index, email: validateEmail(item, true), error: null });
					} catch (err) {
						if (!permissive || !(err instanceof HttpError)) {
							const message = err instanceof Error ? err.message : String(err);
							throw new HttpError(422, `emails[${index}]: ${message}`);
						}
						batchItems.push({ index, email: null, error: err.message });
					}
				});
			} else {
				single = validateEmail(body, false);
			}
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			reject(res, apiError(err instanceof HttpError ? err.status : 422, "validation_error", message), rl);
			return;
		}

		let recordKey: string | null = null;
		let fingerprint = "";
		if (key !== null) {
			recordKey = key;
			// A digest, not the payload: a 100-email batch is a megabyte, and a bench sends thousands.
			fingerprint = createHash("sha256")
				.update(`${path} ${permissive ? "permissive" : "strict"} ${stableStringify(body)}`)
				.digest("hex");
			const previous = state.idempotency.get(recordKey);
			if (previous) {
				if (previous.fingerprint !== fingerprint) {
					reject(
						res,
						apiError(
							409,
							"invalid_idempotent_request",
							"Same idempotency key used with a different request payload. Change your idempotency key or payload.",
						),
						rl,
					);
					return;
				}
				state.counters.accepted += 1;
				state.counters.replayed += 1;
				send(res, previous.status, previous.body, rl);
				return;
			}
		}

		let responseBody: unknown;
		if (single) {
			responseBody = { id: store(single, key, "single", receivedAt) };
		} else {
			const data: { id: string }[] = [];
			const errors: { index: number; message: string }[] = [];
			for (const item of batchItems) {
				if (item.email) data.push({ id: store(item.email, key, "batch", receivedAt) });
				else errors.push({ index: item.index, message: item.error ?? "Invalid email." });
			}
			responseBody = permissive ? { data, errors } : { data };
		}
		if (recordKey !== null) state.idempotency.set(recordKey, { fingerprint, status: 200, body: responseBody });
		state.counters.accepted += 1;
		if (rule) rule.counts.accepted += 1;
		if (lostAnswer && rule) {
			// Taken and stored, but the sender never hears so.
			rule.counts.lost += 1;
			reject(res, apiError(500, "internal_server_error", "An unexpected error occurred (answer lost)."), rl);
			return;
		}
		send(res, 200, responseBody, rl);
	}

	async function handleTurnstile(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
		state.counters.turnstile.calls += 1;
		const fail = (codes: string[], status = 200): void => {
			state.counters.turnstile.failure += 1;
			send(res, status, { success: false, "error-codes": codes, messages: [] });
		};
		if (method !== "POST") {
			await readBody(req).catch(() => "");
			fail(["bad-request"], 405);
			return;
		}
		let raw: string;
		try {
			raw = await readBody(req);
		} catch {
			fail(["bad-request"], 400);
			return;
		}
		const contentType = String(req.headers["content-type"] ?? "").toLowerCase();
		let fields: Record<string, unknown>;
		try {
			if (contentType.includes("application/json")) {
				const parsed: unknown = JSON.parse(raw);
				if (!isRecord(parsed)) throw new Error("not an object");
				fields = parsed;
			} else {
				// form-urlencoded (also what multipart-less clients send by default)
				fields = Object.fromEntries(new URLSearchParams(raw));
			}
		} catch {
			fail(["bad-request"], 400);
			return;
		}
		const secret = typeof fields.secret === "string" ? fields.secret : "";
		const response = typeof fields.response === "string" ? fields.response : "";
		const codes: string[] = [];
		if (secret === "") codes.push("missing-input-secret");
		else if (
			secret !== TURNSTILE_PASS_SECRET &&
			secret !== TURNSTILE_FAIL_SECRET &&
			secret !== TURNSTILE_SPENT_SECRET
		) {
			codes.push("invalid-input-secret");
		}
		if (response === "") codes.push("missing-input-response");
		else if (response.length > 2048) codes.push("invalid-input-response");
		if (codes.length > 0) {
			fail(codes);
			return;
		}
		if (secret === TURNSTILE_FAIL_SECRET) {
			fail(["invalid-input-response"]);
			return;
		}
		if (secret === TURNSTILE_SPENT_SECRET) {
			fail(["timeout-or-duplicate"]);
			return;
		}
		state.counters.turnstile.success += 1;
		send(res, 200, {
			success: true,
			"error-codes": [],
			challenge_ts: new Date().toISOString(),
			hostname: "example.com",
			action: "",
			cdata: "",
			metadata: { interactive: false },
			messages: [],
		});
	}

	async function handleControl(
		req: IncomingMessage,
		res: ServerResponse,
		path: string,
		method: string,
		query: URLSearchParams,
	): Promise<void> {
		const to = query.get("to") ?? undefined;
		if (path === "/_stand-in/emails" && method === "GET") {
			const domain = query.get("domain")?.toLowerCase();
			let emails = state.emailsTo(to);
			if (domain) emails = emails.filter((e) => recipientsOf(e).some((r) => r.endsWith(`@${domain}`)));
			// summary=1: without the bodies, for counting thousands of emails.
			if (query.get("summary") === "1") {
				send(res, 200, {
					emails: emails.map(({ html: _h, text: _t, ...rest }) => rest),
				});
				return;
			}
			send(res, 200, { emails });
			return;
		}
		if (path === "/_stand-in/stats" && method === "GET") {
			send(res, 200, state.stats());
			return;
		}
		if (path === "/_stand-in/faults" && method === "GET") {
			send(res, 200, { faults: state.faults });
			return;
		}
		if (path === "/_stand-in/faults" && method === "DELETE") {
			const wanted = to === undefined ? null : bareAddress(to);
			state.faults = wanted === null ? [] : state.faults.filter((f) => f.to !== wanted);
			send(res, 200, { ok: true, faults: state.faults.length });
			return;
		}
		if (path === "/_stand-in/faults" && method === "POST") {
			let input: unknown;
			try {
				input = JSON.parse(await readBody(req));
			} catch {
				send(res, 400, { error: "Body must be JSON." });
				return;
			}
			if (!isRecord(input)) {
				send(res, 400, { error: "Body must be a JSON object." });
				return;
			}
			const { status, count, retryAfter, name, message } = input;
			const faultTo = input.to;
			if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
				send(res, 400, { error: "`status` must be an integer HTTP error status (400-599)." });
				return;
			}
			if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 1)) {
				send(res, 400, { error: "`count` must be a positive integer." });
				return;
			}
			if (retryAfter !== undefined && (typeof retryAfter !== "number" || retryAfter < 0)) {
				send(res, 400, { error: "`retryAfter` must be a non-negative number of seconds." });
				return;
			}
			if (faultTo !== undefined && (typeof faultTo !== "string" || faultTo.trim() === "")) {
				send(res, 400, { error: "`to` must be a non-empty string." });
				return;
			}
			if ((name !== undefined && typeof name !== "string") || (message !== undefined && typeof message !== "string")) {
				send(res, 400, { error: "`name` and `message` must be strings." });
				return;
			}
			const fault = state.addFault({ to: faultTo, status, count, retryAfter, name, message });
			send(res, 200, { ok: true, fault, faults: state.faults.length });
			return;
		}
		if (path === "/_stand-in/chaos" && method === "POST") {
			let input: unknown;
			try {
				input = JSON.parse(await readBody(req));
			} catch {
				send(res, 400, { error: "Body must be JSON." });
				return;
			}
			if (!isRecord(input) || typeof input.domain !== "string" || input.domain.trim() === "") {
				send(res, 400, { error: "`domain` is required." });
				return;
			}
			const share = (v: unknown) => (typeof v === "number" && v >= 0 && v <= 1 ? v : 0);
			const seed = typeof input.seed === "number" ? input.seed : 1;
			const rate = typeof input.ratePerSecond === "number" && input.ratePerSecond > 0 ? input.ratePerSecond : null;
			const rule: ChaosRule = {
				domain: input.domain.trim().toLowerCase(),
				ratePerSecond: rate,
				share429: share(input.share429),
				share500: share(input.share500),
				shareLost: share(input.shareLost),
				seed,
				window: [],
				rng: seededRandom(seed),
				counts: { calls: 0, rateLimited: 0, chaos429: 0, chaos500: 0, lost: 0, accepted: 0 },
			};
			state.chaos.set(rule.domain, rule);
			send(res, 200, { ok: true });
			return;
		}
		if (path === "/_stand-in/chaos" && method === "GET") {
			const domain = (query.get("domain") ?? "").toLowerCase();
			const rule = state.chaos.get(domain);
			if (!rule) {
				send(res, 404, { error: `No chaos rule for ${domain}.` });
				return;
			}
			const { rng: _rng, window: _window, ...shown } = rule;
			send(res, 200, shown);
			return;
		}
		if (path === "/_stand-in/chaos" && method === "DELETE") {
			state.chaos.delete((query.get("domain") ?? "").toLowerCase());
			send(res, 200, { ok: true });
			return;
		}
		if (path === "/_stand-in/reset" && method === "POST") {
			await readBody(req).catch(() => "");
			state.reset(to === undefined ? undefined : { to });
			send(res, 200, { ok: true });
			return;
		}
		await readBody(req).catch(() => "");
		send(res, 404, { error: `No stand-in control endpoint ${method} ${path}.` });
	}

	const server = createServer((req, res) => {
		const method = (req.method ?? "GET").toUpperCase();
		const url = new URL(req.url ?? "/", "http://127.0.0.1");
		const path = url.pathname.replace(/\/+$/, "") || "/";
		let handled: Promise<void>;
		if (path.startsWith("/_stand-in/")) handled = handleControl(req, res, path, method, url.searchParams);
		else if (path.startsWith("/_webhooks/")) handled = handleWebhookControl(req, res, path, method);
		else if (path === "/turnstile/v0/siteverify") handled = handleTurnstile(req, res, method);
		else if (path === "/emails" || path.startsWith("/emails/")) handled = handleResend(req, res, path, method);
		else {
			handled = readBody(req)
				.catch(() => "")
				.then(() => send(res, 404, apiError(404)));
		}
		handled.catch((err: unknown) => {
			if (!res.headersSent) send(res, 500, apiError(500, "internal_server_error", String(err)));
			else res.destroy();
		});
	});
	// Idle connections stay open until the client drops them (or close()): a server that closes
	// an idle keep-alive connection races the Worker reusing it, and the Worker's fetch then fails
	// with "Network connection lost" though nothing was wrong.
	server.keepAliveTimeout = 10 * 60_000;

	await new Promise<void>((resolve, rejectListen) => {
		server.once("error", rejectListen);
		server.listen(opts.port ?? 0, "127.0.0.1", () => {
			server.off("error", rejectListen);
			resolve();
		});
	});
	if (opts.unref !== false) server.unref();

	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		state,
		close() {
			return new Promise<void>((resolve, rejectClose) => {
				server.close((err) => (err ? rejectClose(err) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}
