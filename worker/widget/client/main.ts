// The partners' widget: one script tag puts a petition, a letter or a subscription form on any
// site, inside a shadow root. One request for its data (texts, count, words in the reader's
// language), one to submit. No framework, no cookies, nothing from third parties (Turnstile's
// script only when the engine has it switched on).
import { h } from "./dom";
import { render } from "./render";
import type { ActionKind, WidgetResponse } from "./types";

const KINDS: Record<string, ActionKind> = { petition: "petition", letter: "letter", subscribe: "subscribe" };
const DONE = "data-red-line-done";

/** Where a widget goes: data-target, else the [data-red-line] placeholder before the script, else after it. */
function placeFor(script: HTMLScriptElement): HTMLElement {
	const target = script.dataset.target;
	const chosen = target ? document.querySelector<HTMLElement>(target) : null;
	if (chosen && !chosen.hasAttribute(DONE)) return chosen;
	const before = script.previousElementSibling;
	if (before instanceof HTMLElement && before.hasAttribute("data-red-line") && !before.hasAttribute(DONE))
		return before;
	const free = document.querySelector<HTMLElement>(`[data-red-line]:not([${DONE}])`);
	if (free) return free;
	const div = h("div");
	script.after(div);
	return div;
}

/** A valid CSS colour from data-accent, or nothing. */
function accentOf(value: string | undefined): string | undefined {
	return value && typeof CSS !== "undefined" && CSS.supports("color", value) ? value : undefined;
}

async function start(script: HTMLScriptElement): Promise<void> {
	script.setAttribute(DONE, "");
	const [kindName = "", slug = ""] = (script.dataset.action ?? "").split(":");
	const kind = KINDS[kindName];
	if (!kind || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(slug)) {
		console.error(`Red Line widget: data-action must be petition:SLUG, letter:SLUG or subscribe:SLUG.`);
		return;
	}
	const engine = new URL(script.src).origin;
	const host = placeFor(script);
	host.setAttribute(DONE, "");
	// Partners put a plain link to the hosted page inside the placeholder: it stays until we replace it.
	const lang = script.dataset.lang || document.documentElement.lang || navigator.language || "en";
	const partner = script.dataset.partner ?? "";
	const query = new URLSearchParams({ lang });
	if (partner) query.set("partner", partner);
	let data: WidgetResponse;
	try {
		const res = await fetch(`${engine}/api/v1/widget/${kind}/${slug}?${query}`, {
			credentials: "omit",
			referrerPolicy: "no-referrer",
		});
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		data = (await res.json()) as WidgetResponse;
	} catch (err) {
		console.error("Red Line widget: could not load", err);
		return;
	}
	const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
	const accent = accentOf(script.dataset.accent);
	if (accent) host.style.setProperty("--a", accent);
	// The fallback link is not shown beside a shadow root (no slot): it goes, for screen readers too.
	host.replaceChildren();
	render(shadow, data, {
		partner: data.partner?.slug ?? (partner || undefined),
		source: (script.dataset.source || `${location.origin}${location.pathname}`).slice(0, 200),
		// A share link's code on the host page's address rides into the signature.
		referral: /^[a-z2-7]{7}[wtsexfc]$/i.exec(new URLSearchParams(location.search).get("r") ?? "")?.[0],
	});
}

function startAll(): void {
	const current = document.currentScript;
	const scripts = [
		...(current instanceof HTMLScriptElement ? [current] : []),
		...document.querySelectorAll<HTMLScriptElement>(`script[data-action][src]:not([${DONE}])`),
	];
	for (const script of new Set(scripts)) {
		if (script.hasAttribute(DONE) || !script.dataset.action) continue;
		void start(script);
	}
}

startAll();
