// Wall-clock times in a named IANA time zone, with Intl only: what a campaigner types into a
// datetime-local field (no zone of its own) read in the zone they chose, and shown back.
import { DAY, MINUTE } from "./time";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
	let f = formatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat("en-US", {
			timeZone: zone,
			hourCycle: "h23",
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
			hour: "2-digit",
			minute: "2-digit",
			second: "2-digit",
		});
		formatters.set(zone, f);
	}
	return f;
}

/** The zone's canonical name when Intl knows it (case as Intl spells it), else null. */
export function validTimeZone(zone: string): string | null {
	if (!zone || zone.length > 64) return null;
	try {
		return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

/** Every zone Intl offers, UTC first. */
export function timeZoneNames(): string[] {
	const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
	return ["UTC", ...all.filter((z) => z !== "UTC")];
}

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

function wallAt(ms: number, zone: string): Wall & { second: number } {
	const parts: Record<string, number> = {};
	for (const p of formatter(zone).formatToParts(new Date(ms))) {
		if (p.type !== "literal") parts[p.type] = Number(p.value);
	}
	return {
		year: parts.year ?? 0,
		month: parts.month ?? 0,
		day: parts.day ?? 0,
		hour: (parts.hour ?? 0) % 24,
		minute: parts.minute ?? 0,
		second: parts.second ?? 0,
	};
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(ms: number, zone: string): number {
	const w = wallAt(ms, zone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

/** `+02:00`, `-05:30`, `+00:00`. */
export function formatOffset(offsetMs: number): string {
	const sign = offsetMs < 0 ? "-" : "+";
	const m = Math.abs(Math.round(offsetMs / MINUTE));
	return `${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export type LocalTimeResult = { ok: true; at: number; ambiguous: boolean } | { ok: false; reason: "malformed" | "gap" };

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:MM`, as datetime-local sends it) names in a
 * zone. A time the clocks skip (a daylight-saving gap) is refused, never moved; a time that
 * happens twice (clocks going back) is the first of the two, and said to be ambiguous.
 */
export function localToUtc(value: string, zone: string): LocalTimeResult {
	const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00(?:\.0+)?)?$/);
	if (!m) return { ok: false, reason: "malformed" };
	const wall: Wall = {
		year: Number(m[1]),
		month: Number(m[2]),
		day: Number(m[3]),
		hour: Number(m[4]),
		minute: Number(m[5]),
	};
	const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
	const check = new Date(guess);
	if (
		!Number.isFinite(guess) ||
		check.getUTCMonth() !== wall.month - 1 ||
		check.getUTCDate() !== wall.day ||
		wall.hour > 23 ||
		wall.minute > 59
	) {
		return { ok: false, reason: "malformed" };
	}
	// At most one offset change within a day either side: the time is one of these two.
	const candidates = [...new Set([guess - offsetAt(guess - DAY, zone), guess - offsetAt(guess + DAY, zone)])]
		.filter((at) => {
			const w = wallAt(at, zone);
			return (
				w.year === wall.year &&
				w.month === wall.month &&
				w.day === wall.day &&
				w.hour === wall.hour &&
				w.minute === wall.minute
			);
		})
		.sort((a, b) => a - b);
	const first = candidates[0];
	if (first === undefined) return { ok: false, reason: "gap" };
	return { ok: true, at: first, ambiguous: candidates.length > 1 };
}

/** `2026-03-29 10:00` in the zone: the wall-clock time of an instant. */
export function wallClock(ms: number, zone: string): string {
	const w = wallAt(ms, zone);
	const p = (n: number) => String(n).padStart(2, "0");
	return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}

/** The value a datetime-local field shows for an instant in a zone: `2026-03-29T10:00`. */
export function datetimeLocalValue(ms: number, zone: string): string {
	return wallClock(ms, zone).replace(" ", "T");
}

/** `2026-03-29 10:00 Europe/Paris (UTC+02:00) · 2026-03-29 08:00 UTC`, or the UTC time alone in UTC. */
export function bothTimes(ms: number, zone: string | null | undefined): { local: string | null; utc: string } {
	const utc = `${wallClock(ms, "UTC")} UTC`;
	if (!zone || zone === "UTC") return { local: null, utc };
	return { local: `${wallClock(ms, zone)} ${zone} (UTC${formatOffset(offsetAt(ms, zone))})`, utc };
}
