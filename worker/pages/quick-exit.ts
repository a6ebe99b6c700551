import { createHash } from "node:crypto";

/**
 * The quick exit's one inline script: a press replaces this page in the history (as the widget
 * does), so Back does not bring the campaign back. Without JavaScript the link still leaves.
 * The Content-Security-Policy allows exactly this text, by its hash (computed here, once).
 */
export const QUICK_EXIT_SCRIPT =
	'document.addEventListener("click",function(e){var a=e.target instanceof Element&&e.target.closest("a[data-quick-exit]");if(a){e.preventDefault();location.replace(a.href)}});';

/** `'sha256-…'` for script-src. */
export const QUICK_EXIT_SCRIPT_HASH = `'sha256-${createHash("sha256").update(QUICK_EXIT_SCRIPT).digest("base64")}'`;
