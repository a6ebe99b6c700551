// Every log line the Worker writes goes through here: one JSON object a line, with link tokens
// taken out. A token in a path (a confirmation, unsubscribe, privacy, reply or console sign-in
// link) is as good as the link itself, and logs are read by more people than mailboxes are.

/** The paths whose last segment is a secret, in links the engine sends. */
const LINK_TOKEN = /(\/(?:confirm|u|privacy|reply|console\/sign-in)\/)(?!\[redacted\])[^/?#\s"'\\]+/g;

/** The text with every link token replaced by `[redacted]` (`/confirm/abc…/renew` → `/confirm/[redacted]/renew`). */
export function redactLinks(text: string): string {
	return text.replace(LINK_TOKEN, "$1[redacted]");
}

export type LogLevel = "log" | "warn" | "error";

/** Writes one structured log line, with link tokens redacted wherever they appear in it. */
export function logEvent(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
	let line: string;
	try {
		line = JSON.stringify({ event, ...fields });
	} catch {
		line = JSON.stringify({ event, unserialisable: true });
	}
	console[level](redactLinks(line));
}

/** What an error says, for a log line: its message and stack. */
export function errorFields(err: unknown): { error: string; stack?: string } {
	return { error: String(err), stack: err instanceof Error ? err.stack : undefined };
}
