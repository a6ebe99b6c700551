// Draws a widget in its shadow root from the one response, and submits its form.
import { formatNumber, pluralForm } from "../../i18n/plural";
import { fill, h } from "./dom";
import { compose } from "./letter";
import { css } from "./styles";
import type { StringKey, WidgetResponse } from "./types";

interface Context {
	partner?: string;
	source: string;
	referral?: string;
}

type Errors = Record<string, string>;

const FIELD_MESSAGES: Record<string, StringKey> = {
	email: "errEmail",
	name: "errName",
	country: "errCountry",
	body: "errBody",
	consent: "errConsent",
};

let turnstileLoading: Promise<void> | undefined;

/** Cloudflare's Turnstile script, only when the engine asks for it; rendered in the page itself. */
function turnstile(siteKey: string, after: Element, locale: string, onToken: (token: string) => void): void {
	type Turnstile = { render(el: Element, o: Record<string, unknown>): void };
	const w = window as unknown as { turnstile?: Turnstile };
	turnstileLoading ??= new Promise((resolve, reject) => {
		const s = h("script", {
			src: "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit",
			async: true,
		});
		s.onload = () => resolve();
		s.onerror = reject;
		document.head.append(s);
	});
	const box = h("div");
	after.after(box);
	turnstileLoading
		.then(() => w.turnstile?.render(box, { sitekey: siteKey, language: locale, callback: onToken }))
		.catch(() => {});
}

function styles(shadow: ShadowRoot): void {
	try {
		// A constructed sheet is not inline style: partners' Content-Security-Policy has nothing to allow.
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(css);
		shadow.adoptedStyleSheets = [sheet];
	} catch {
		shadow.append(h("style", {}, css));
	}
}

/** The action's own words carry their real language and direction (they may fall back to another). */
const textAttrs = (data: WidgetResponse) => langOf(data.textLocale);
const langOf = (lang: string) => ({ lang, dir: lang === "ar" ? "rtl" : "ltr" });

export function render(shadow: ShadowRoot, data: WidgetResponse, ctx: Context): void {
	const t = data.strings;
	const locale = data.locale;
	const text = textAttrs(data);
	const fmt = (n: number) => formatNumber(locale, n);
	shadow.replaceChildren();
	styles(shadow);

	const hosted = () => h("a", { href: data.hostedUrl, target: "_top" }, t.hostedLink);
	const root = h("section", { class: "w", lang: locale, dir: data.dir, "aria-labelledby": "rl-title" });

	if (data.quickExit) {
		const url = data.quickExit;
		root.append(
			h(
				"div",
				{ class: "qx" },
				h(
					"a",
					{
						href: url,
						rel: "noreferrer",
						onclick: (e: Event) => {
							e.preventDefault();
							// Replaces this page in the history: the back button does not bring it back.
							window.top?.location.replace(url);
						},
					},
					t.quickExit,
				),
			),
		);
	}

	// A letter's summary is the engine's own line, in the page's language.
	root.append(
		h("h2", { id: "rl-title", ...text }, data.title),
		h("p", data.kind === "letter" ? {} : text, data.summary),
	);

	if (data.count !== undefined && data.goal !== undefined) {
		const progress = fill(t.progress, { count: fmt(data.count), goal: fmt(data.goal) });
		root.append(
			h(
				"p",
				{},
				h("span", { class: "n", "data-count": data.count }, fmt(data.count)),
				` ${pluralForm(locale, data.count, t.plurals.signatures)} · ${t.goal} ${fmt(data.goal)}`,
			),
			h("progress", { max: data.goal, value: Math.min(data.count, data.goal), "aria-label": progress }),
		);
	}
	if (data.demands?.length) {
		root.append(
			h(
				"details",
				text,
				h("summary", { lang: locale }, t.showDemands),
				data.demands.flatMap((g) => [
					h("h3", {}, g.heading),
					h(
						"ul",
						{},
						g.demands.map((d) => h("li", {}, d.text)),
					),
				]),
			),
		);
	}

	const status = h("div", { role: "status", class: "m" });
	const alert = h("div", { role: "alert", class: "s", tabindex: -1 });

	if (!data.open) {
		root.append(h("p", {}, h("strong", {}, t.closedTitle)), h("p", {}, t.closedBody));
	} else if (!data.accepts) {
		root.append(h("div", { role: "alert", class: "s" }, h("p", {}, t.notRegistered), h("p", {}, hosted())));
	} else {
		root.append(alert, form(data, ctx, root, status, alert, hosted));
	}

	root.append(status);
	const foot = h("p", { class: "m" }, data.kind === "petition" ? t.privacyNote : t.privacyNoteHidden, " ", hosted());
	if (data.partner?.privacyUrl) {
		foot.append(
			" · ",
			h(
				"a",
				{ href: data.partner.privacyUrl, target: "_blank", rel: "noreferrer" },
				fill(t.partnerPrivacy, { name: data.partner.name }),
			),
		);
	}
	root.append(foot);
	if (data.sample) root.append(h("p", { class: "m" }, t.sampleNotice));
	shadow.append(root);
}

function form(
	data: WidgetResponse,
	ctx: Context,
	root: HTMLElement,
	status: HTMLElement,
	alert: HTMLElement,
	hosted: () => HTMLElement,
): HTMLFormElement {
	const t = data.strings;
	const locale = data.locale;
	const fields = new Map<
		string,
		{ input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement; error: HTMLElement }
	>();
	let token = "";

	function field(name: string, label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
		const error = h("p", { class: "e", id: `rl-${name}-e`, hidden: true });
		control.id = `rl-${name}`;
		control.name = name;
		fields.set(name, { input: control, error });
		return h("div", {}, h("label", { for: control.id }, label), error, control);
	}
	/** A tick box; `lang` when its label is campaign or partner text (in its own language). */
	function check(name: string, label: string, required = false, lang?: string): HTMLElement {
		const input = h("input", { type: "checkbox", required });
		input.id = `rl-${name}`;
		input.name = name;
		const error = h("p", { class: "e", id: `rl-${name}-e`, hidden: true });
		fields.set(name, { input, error });
		return h(
			"div",
			{},
			error,
			h("div", { class: "c" }, input, h("label", { for: input.id, ...(lang ? langOf(lang) : {}) }, label)),
		);
	}
	const ticked = (name: string) => (fields.get(name)?.input as HTMLInputElement | undefined)?.checked ?? false;
	const value = (name: string) => fields.get(name)?.input.value.trim() ?? "";

	const names = new Intl.DisplayNames([locale], { type: "region" });
	const collator = new Intl.Collator(locale);
	const countries = data.countries
		.map((code) => ({ code, name: names.of(code) ?? code }))
		.sort((a, b) => collator.compare(a.name, b.name));
	const country = h(
		"select",
		{ required: data.kind !== "subscribe", autocomplete: "country" },
		h("option", { value: "" }, t.formChooseCountry),
		countries.map((c) => h("option", { value: c.code, selected: c.code === data.letter?.country }, c.name)),
	);
	const name = h("input", { type: "text", autocomplete: "name", required: data.kind !== "subscribe" });

	const el = h("form", { novalidate: true });
	if (data.kind === "subscribe") {
		el.append(
			field("email", t.formEmail, h("input", { type: "email", autocomplete: "email", required: true })),
			field("name", t.formNameOptional, name),
		);
	} else {
		el.append(
			field("name", t.formName, name),
			field("email", t.formEmail, h("input", { type: "email", autocomplete: "email", required: true })),
			field("country", t.formCountry, country),
		);
	}

	const letter = data.letter;
	let drafted = "";
	const letterBody = h("textarea", { id: "rl-body", name: "body", rows: 12 });
	if (letter) {
		// The letter as it will go, composed here for the chosen State; the writer may edit it, and
		// an edited text is kept when the State changes.
		const heading = h("div", textAttrs(data));
		const draw = () => {
			const code = country.value;
			const drafts = code ? compose(letter, code, name.value.trim(), names.of(code) ?? code) : [];
			heading.replaceChildren(
				...drafts.flatMap((d) => [
					h("p", {}, h("strong", { lang: locale }, `${t.formLetterTo}: `), d.to),
					h("p", {}, h("strong", { lang: locale }, `${t.formLetterSubject}: `), d.subject),
				]),
			);
			const edited = letterBody.value !== drafted;
			drafted = drafts[0]?.body ?? "";
			if (!edited) letterBody.value = drafted;
		};
		country.addEventListener("change", draw);
		name.addEventListener("input", draw);
		draw();
		const error = h("p", { class: "e", id: "rl-body-e", hidden: true });
		fields.set("body", { input: letterBody, error });
		el.append(heading, h("div", {}, h("label", { for: "rl-body" }, t.formLetterBody), error, letterBody));
	}

	if (data.kind === "petition") el.append(check("showName", t.formShowName));
	if (data.consent) el.append(check("consent", data.consent, true, data.textLocale));
	if (data.updates) el.append(check("subscribe", data.updates, false, data.updatesLocale));
	if (data.partner?.optIn && data.kind !== "letter")
		el.append(check("partnerOptIn", data.partner.optIn, false, data.partner.optInLocale));

	const honeypot = h("input", { type: "text", name: "website", tabindex: -1, autocomplete: "off", id: "rl-website" });
	el.append(
		h("div", { class: "hp", "aria-hidden": "true" }, h("label", { for: "rl-website" }, t.formHoneypot), honeypot),
	);

	const submitLabel = { petition: t.formSign, subscribe: t.formSubscribe, letter: t.formSendLetter }[data.kind];
	const button = h("button", { type: "submit" }, submitLabel);
	el.append(button);
	if (data.turnstileSiteKey) {
		turnstile(
			data.turnstileSiteKey,
			root.getRootNode() instanceof ShadowRoot ? (root.getRootNode() as ShadowRoot).host : root,
			locale,
			(v) => {
				token = v;
			},
		);
	}

	function show(errors: Errors, formMessage?: (string | Node)[]): void {
		const listed: string[] = [];
		for (const [key, { input, error }] of fields) {
			const message = errors[key];
			error.hidden = !message;
			error.textContent = message ?? "";
			if (message) {
				input.setAttribute("aria-invalid", "true");
				input.setAttribute("aria-describedby", error.id);
				listed.push(message);
			} else {
				input.removeAttribute("aria-invalid");
				input.removeAttribute("aria-describedby");
			}
		}
		alert.replaceChildren();
		if (formMessage) alert.append(...formMessage.map((m) => h("p", {}, m)));
		else if (listed.length)
			alert.append(
				h("p", {}, h("strong", {}, t.errorSummary)),
				h(
					"ul",
					{},
					listed.map((m) => h("li", {}, m)),
				),
			);
		const first = [...fields.keys()].find((key) => errors[key]);
		if (first) fields.get(first)?.input.focus();
		else if (formMessage) alert.focus();
	}

	el.addEventListener("submit", async (event) => {
		event.preventDefault();
		if (button.disabled) return;
		if (data.consent && !ticked("consent")) return show({ consent: t.errConsent });
		const body: Record<string, unknown> = {
			email: value("email"),
			locale,
			source: ctx.source,
			website: honeypot.value,
		};
		if (ctx.partner) body.partner = ctx.partner;
		if (ctx.referral && data.kind === "petition") body.referral = ctx.referral;
		if (value("name") || data.kind !== "subscribe") body.name = value("name");
		if (data.kind !== "subscribe") body.country = value("country");
		if (data.kind === "petition") body.showName = ticked("showName");
		if (letter && letterBody.value !== drafted) body.body = letterBody.value;
		if (data.updates) body.subscribe = ticked("subscribe");
		if (fields.has("partnerOptIn")) body.partnerOptIn = ticked("partnerOptIn");
		if (token) body.turnstileToken = token;

		button.disabled = true;
		status.textContent = t.sending;
		let res: Response;
		try {
			res = await fetch(data.submitUrl, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify(body),
				credentials: "omit",
				referrerPolicy: "no-referrer",
			});
		} catch {
			// A site the engine does not know is refused before the request is even sent (CORS).
			button.disabled = false;
			status.textContent = "";
			return show({}, [t.networkError, hosted()]);
		}
		button.disabled = false;
		status.textContent = "";
		if (res.status === 202) {
			const message = { petition: t.checkInboxSign, subscribe: t.checkInboxSubscribe, letter: t.checkInboxLetter }[
				data.kind
			];
			const done = h("div", { class: "done", tabindex: -1 }, h("h3", {}, t.renewedTitle), h("p", {}, message));
			alert.remove();
			el.replaceWith(done);
			status.textContent = `${t.renewedTitle}. ${message}`;
			done.focus();
			return;
		}
		let issues: { path: string }[] = [];
		try {
			issues = ((await res.json()) as { error?: { issues?: { path: string }[] } }).error?.issues ?? [];
		} catch {
			// Not our error shape: answered below as a failure.
		}
		if (res.status === 422 && issues.length) {
			const errors: Errors = {};
			const other: string[] = [];
			for (const issue of issues) {
				const key = issue.path.split(".")[0] ?? "";
				const message = FIELD_MESSAGES[key];
				if (message && fields.has(key)) errors[key] = t[message];
				else other.push(t.errGeneric);
			}
			return show(errors, other.length && !Object.keys(errors).length ? [t.errGeneric] : undefined);
		}
		if (res.status === 403) return show({}, [t.notRegistered, hosted()]);
		if (res.status === 409) return show({}, [t.closedTitle, t.closedBody]);
		if (res.status === 429) {
			const seconds = Number(res.headers.get("retry-after"));
			const later = seconds > 0 ? [fill(t.retryIn, { minutes: String(Math.ceil(seconds / 60)) })] : [];
			return show({}, [t.rateLimitedTitle, t.rateLimitedBody, ...later]);
		}
		return show({}, [t.failedTitle, t.failedBody, hosted()]);
	});
	return el;
}
