// Diagnostics for the mail pace (worker/mail/pace.ts) as the provider counts it: the arrival time of
// every call the stand-in's rate limiter admitted or answered 429, and a summary printed after a
// bench row (the fullest 1-second window, the idle gaps, what the window held at each 429). It
// reads the stand-in from outside (its admitted-call window and its log line per rejection), so
// the stand-in itself, its rate and its answers stay as they are.
import type { StandIn } from "../../tests/stand-ins/server.ts";

export interface PaceTrace {
	/** Arrival times (ms) of the calls the rate limiter admitted. */
	admitted: number[];
	/** Arrival times of the calls answered 429, with the admitted arrivals then in the window. */
	limited: { at: number; window: number[] }[];
	/** Arrival times of calls answered with another error (the chaos 500s), with their status. */
	failed: { at: number; status: string }[];
	/** When the stand-in stored each email (its log line): a call's processing ends there. */
	stored: number[];
	/** The stand-in's `log` option: pass it to `startStandIn`. */
	log: (line: string) => void;
	/** Starts recording admitted calls (call once the stand-in has started). */
	attach(standIn: StandIn): void;
	summary(rate: number, from?: number, to?: number): string;
}

/** Records what the stand-in's rate limiter saw. */
export function paceTrace(): PaceTrace {
	const admitted: number[] = [];
	const limited: { at: number; window: number[] }[] = [];
	const failed: { at: number; status: string }[] = [];
	const stored: number[] = [];
	let standIn: StandIn | null = null;
	const trace: PaceTrace = {
		admitted,
		limited,
		failed,
		stored,
		log(line) {
			if (line.startsWith("email ")) {
				stored.push(Date.now());
				return;
			}
			if (!line.startsWith("rejected ")) return;
			const at = Date.now();
			if (line.startsWith("rejected 429") && standIn) {
				limited.push({ at, window: standIn.state.window.filter((t) => at - t < 1000) });
			} else failed.push({ at, status: line.slice(9, 12) });
		},
		attach(s) {
			standIn = s;
			// The limiter replaces its window array on every call and pushes each admitted arrival.
			const state = s.state;
			let current = state.window;
			const watch = (arr: number[]) => {
				const push = arr.push.bind(arr);
				arr.push = (...items: number[]) => {
					admitted.push(...items);
					return push(...items);
				};
				return arr;
			};
			current = watch(current);
			Object.defineProperty(state, "window", {
				configurable: true,
				get: () => current,
				set: (arr: number[]) => {
					current = watch(arr);
				},
			});
		},
		summary(rate, from = -Infinity, to = Infinity) {
			const calls = admitted.filter((t) => t >= from && t <= to).sort((a, b) => a - b);
			if (calls.length < 2) return `pace trace: ${calls.length} admitted calls`;
			let fullest = 0;
			for (let i = 0, j = 0; i < calls.length; i++) {
				while ((calls[i] as number) - (calls[j] as number) >= 1000) j++;
				fullest = Math.max(fullest, i - j + 1);
			}
			// Gaps between the k-th and (k+rate)-th arrivals: 1000 ms each when every slot is used.
			const spans: number[] = [];
			for (let i = rate; i < calls.length; i++) spans.push((calls[i] as number) - (calls[i - rate] as number));
			spans.sort((a, b) => a - b);
			const q = (p: number) => Math.round(spans[Math.min(spans.length - 1, Math.floor(p * spans.length))] ?? 0);
			const span = (calls.at(-1) as number) - (calls[0] as number);
			const used = ((calls.length - 1) * 1000) / rate / span;
			const gaps = calls.slice(1).map((t, i) => t - (calls[i] as number));
			const idle = gaps.filter((g) => g > 1000).reduce((a, g) => a + g, 0);
			const shown = limited
				.filter((l) => l.at >= from && l.at <= to)
				.slice(0, 6)
				.map((l) => `[${l.window.map((t) => t - l.at).join(",")}]`)
				.join(" ");
			return [
				`pace trace: ${calls.length} admitted calls over ${(span / 1000).toFixed(1)} s (${used.toFixed(3)} of the rate used), fullest 1 s window ${fullest}/${rate}`,
				`  k → k+${rate} arrivals (ms): p1 ${q(0.01)}, p10 ${q(0.1)}, p50 ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)}; gaps > 1 s: ${(idle / 1000).toFixed(1)} s`,
				`  ${limited.length} answered 429; window at the first (ms before each): ${shown || "none"}`,
			].join("\n");
		},
	};
	return trace;
}
