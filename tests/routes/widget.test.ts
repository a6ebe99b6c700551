import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { widgetPath } from "../../worker/routes/widget";
import { confirmToken, ENGINE, postJson, request, unique, waitForEmail } from "../helpers";

const OPERATOR = { authorization: "Bearer test-operator-token" };

function putPartner(slug: string, body: unknown, headers: Record<string, string> = OPERATOR) {
	return request(`/api/v1/operator/partners/${slug}`, {
		method: "PUT",
		headers: { "content-type": "application/json", ...headers },
		body: JSON.stringify(body),
	});
}

interface ErrorJson {
	error: { code: string; issues?: { path: string; message: string }[] };
}

describe("partners, for operators", () => {
	it("needs the operator token", async () => {
		expect((await request("/api/v1/operator/partners")).status).toBe(401);
		expect((await putPartner("p-auth", { name: "X" }, { authorization: "Bearer wrong" })).status).toBe(401);
	});

	it("registers a partner with normalised origins, lists it, and updates it by slug", async () => {
		const created = await putPartner("women-of-kivu", {
			name: "Women of Kivu",
			allowedOrigins: ["HTTPS://Kivu.Example:443/", "http://127.0.0.1:8080", "https://kivu.example"],
			consentTexts: { fr: "Recevoir les nouvelles de Women of Kivu.", en: "Hear from Women of Kivu." },
			privacyUrl: "https://kivu.example/privacy",
		});
		expect(created.status).toBe(201);
		expect(await created.json()).toMatchObject({
			slug: "women-of-kivu",
			name: "Women of Kivu",
			allowedOrigins: ["https://kivu.example", "http://127.0.0.1:8080"],
			privacyUrl: "https://kivu.example/privacy",
		});

		const updated = await putPartner("women-of-kivu", { name: "Women of Kivu (DRC)", allowedOrigins: [] });
		expect(updated.status).toBe(200);
		expect(await updated.json()).toMatchObject({
			name: "Women of Kivu (DRC)",
			allowedOrigins: [],
			consentTexts: {},
			privacyUrl: null,
		});

		const list = (await (await request("/api/v1/operator/partners", { headers: OPERATOR })).json()) as {
			partners: { slug: string; name: string }[];
		};
		expect(list.partners.filter((p) => p.slug === "women-of-kivu")).toEqual([
			expect.objectContaining({ name: "Women of Kivu (DRC)" }),
		]);
		const one = await request("/api/v1/operator/partners/women-of-kivu", { headers: OPERATOR });
		expect(one.status).toBe(200);
		expect((await request("/api/v1/operator/partners/nobody-here", { headers: OPERATOR })).status).toBe(404);
	});

	it("refuses what is not an origin, an unknown language, a bad address, with an issue per field", async () => {
		const res = await putPartner("bad-partner", {
			name: " ",
			allowedOrigins: ["https://ok.example", "https://x.example/path", "ftp://x.example", "not a url"],
			consentTexts: { xx: "Line" },
			privacyUrl: "javascript:alert(1)",
		});
		expect(res.status).toBe(422);
		const body = (await res.json()) as ErrorJson;
		expect(body.error.code).toBe("invalid_fields");
		const paths = body.error.issues?.map((i) => i.path) ?? [];
		expect(paths).toEqual(
			expect.arrayContaining(["name", "allowedOrigins.1", "allowedOrigins.2", "allowedOrigins.3", "privacyUrl"]),
		);
		expect(paths.some((p) => p.startsWith("consentTexts"))).toBe(true);
		expect((await request("/api/v1/operator/partners/bad-partner", { headers: OPERATOR })).status).toBe(404);
	});

	it("refuses a bad slug in the URL", async () => {
		expect((await putPartner("Bad_Slug", { name: "X" })).status).toBe(422);
	});

	it("lets the new partner's origin submit at once", async () => {
		await putPartner("fresh-partner", { name: "Fresh", allowedOrigins: ["https://fresh.example"] });
		const preflight = await request("/api/v1/petitions/call-to-action/signatures", {
			method: "OPTIONS",
			headers: { origin: "https://fresh.example", "access-control-request-method": "POST" },
		});
		expect(preflight.headers.get("access-control-allow-origin")).toBe("https://fresh.example");
	});
});

interface WidgetJson {
	kind: string;
	slug: string;
	locale: string;
	dir: string;
	textLocale: string;
	open: boolean;
	title: string;
	summary: string;
	count?: number;
	goal?: number;
	demands?: unknown[];
	consent?: string;
	updates?: string;
	countries: string[];
	letter?: {
		subject: string;
		paragraphs: { text: string; when?: { instrument: string; has: boolean } }[];
		states: Record<string, [string, string[]]>;
		targetMode: string;
		country?: string;
	};
	partner?: { slug: string; name: string; optIn?: string; privacyUrl: string | null };
	accepts: boolean;
	quickExit?: string;
	hostedUrl: string;
	submitUrl: string;
	strings: Record<string, string>;
}

async function widgetJson(path: string, headers: Record<string, string> = {}) {
	const res = await request(path, { headers });
	expect(res.status, await res.clone().text()).toBe(200);
	return { res, body: (await res.json()) as WidgetJson };
}

describe("the widget's data: one request", () => {
	it("gives a petition's words, count, goal and the form's words, in French", async () => {
		const { res, body } = await widgetJson("/api/v1/widget/petition/call-to-action?lang=fr-CA");
		expect(body).toMatchObject({
			kind: "petition",
			slug: "call-to-action",
			locale: "fr",
			dir: "ltr",
			textLocale: "fr",
			open: true,
			title: "L'Appel à l'action des survivant·es",
			accepts: true,
			quickExit: "https://www.bbc.com/weather",
			hostedUrl: "https://engine.test/p/call-to-action?locale=fr",
			submitUrl: "https://engine.test/api/v1/petitions/call-to-action/signatures",
		});
		expect(body.count).toBeTypeOf("number");
		expect(body.goal).toBeGreaterThan(0);
		expect(body.demands?.length).toBeGreaterThan(0);
		expect(body.updates).toBeTruthy();
		expect(body.countries).toContain("CD");
		expect(body.strings.formSign).toBe("Signer");
		expect(body.strings.quickExit).toBe("Quitter rapidement cette page");
		expect(res.headers.get("access-control-allow-origin")).toBe("*");
		expect(res.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=10");
		expect(res.headers.get("etag")).toBeTruthy();
	});

	it("answers 304 to a browser that has the same data", async () => {
		const { res } = await widgetJson("/api/v1/widget/petition/call-to-action?lang=en");
		const again = await request("/api/v1/widget/petition/call-to-action?lang=en", {
			headers: { "if-none-match": res.headers.get("etag") ?? "" },
		});
		expect(again.status).toBe(304);
	});

	it("is right to left in Arabic, and in every language the engine speaks", async () => {
		const { body } = await widgetJson("/api/v1/widget/petition/call-to-action?lang=ar");
		expect(body.dir).toBe("rtl");
		expect(body.locale).toBe("ar");
		expect(body.strings.quickExit).toBe("مغادرة هذه الصفحة بسرعة");
		for (const lang of ["en", "fr", "es", "ar", "uk"]) {
			const { body: b } = await widgetJson(`/api/v1/widget/subscribe/red-line-updates?lang=${lang}`);
			expect(b.locale).toBe(lang);
			for (const [key, value] of Object.entries(b.strings)) expect(value, `${lang}.${key}`).toBeTruthy();
		}
		const { body: unknown } = await widgetJson("/api/v1/widget/petition/call-to-action?lang=zz");
		expect(unknown.locale).toBe("en");
	});

	it("gives a list's consent line for a subscription", async () => {
		const { body } = await widgetJson("/api/v1/widget/subscribe/red-line-updates?lang=es");
		expect(body).toMatchObject({
			kind: "subscribe",
			textLocale: "es",
			submitUrl: "https://engine.test/api/v1/lists/red-line-updates/subscriptions",
			hostedUrl: "https://engine.test/s/red-line-updates?locale=es",
		});
		expect(body.consent).toBeTruthy();
		expect(body.count).toBeUndefined();
	});

	it("gives what composes the letter for any State, with the writer's country preselected", async () => {
		const { body } = await widgetJson("/api/v1/widget/letter/write-to-your-state?lang=fr");
		expect(body.kind).toBe("letter");
		const letter = body.letter;
		expect(letter?.targetMode).toBe("own-state");
		expect(letter?.subject).toContain("{state}");
		expect(letter?.paragraphs.some((p) => p.when?.instrument === "psvi-declaration-2025")).toBe(true);
		// Named in the letter's language; the instruments a paragraph depends on.
		expect(letter?.states.FR?.[0]).toBe("France");
		expect(letter?.states.FR?.[1]).toEqual(["psvi-declaration-2025"]);
		expect(Object.keys(letter?.states ?? {}).length).toBeGreaterThan(150);
		expect(body.submitUrl).toBe("https://engine.test/api/v1/letters/write-to-your-state");
	});

	it("answers 404 for an unknown action, 422 for an unknown kind", async () => {
		const res = await request("/api/v1/widget/petition/no-such-petition");
		expect(res.status).toBe(404);
		expect(((await res.json()) as ErrorJson).error.code).toBe("not_found");
		expect((await request("/api/v1/widget/survey/call-to-action")).status).toBe(422);
	});

	it("leaves the quick-exit control out when the action switched it off", async () => {
		await env.DB.prepare("UPDATE lists SET quick_exit = 0 WHERE slug = 'red-line-updates'").run();
		try {
			const { body } = await widgetJson("/api/v1/widget/subscribe/red-line-updates");
			expect(body.quickExit).toBeUndefined();
			const page = await request("/s/red-line-updates");
			expect(await page.text()).not.toContain("bbc.com");
			const petitionPage = await request("/p/call-to-action");
			expect(await petitionPage.text()).toContain("https://www.bbc.com/weather");
		} finally {
			await env.DB.prepare("UPDATE lists SET quick_exit = 1 WHERE slug = 'red-line-updates'").run();
		}
		const page = await request("/s/red-line-updates");
		expect(await page.text()).toContain("https://www.bbc.com/weather");
	});

	it("switches the control off on the petition and letter pages, and on a confirmation page, per action", async () => {
		await env.DB.batch([
			env.DB.prepare("UPDATE petitions SET quick_exit = 0 WHERE slug = 'call-to-action'"),
			env.DB.prepare("UPDATE letter_campaigns SET quick_exit = 0 WHERE slug = 'write-to-your-state'"),
		]);
		try {
			expect(await (await request("/p/call-to-action")).text()).not.toContain("bbc.com");
			expect(await (await request("/l/write-to-your-state?country=FR")).text()).not.toContain("bbc.com");
			const { body } = await widgetJson("/api/v1/widget/petition/call-to-action");
			expect(body.quickExit).toBeUndefined();
			// A signature's confirmation page follows its petition; a subscription's, its list.
			const { email, ip } = unique("quick-exit");
			const signed = await postJson(
				"/api/v1/petitions/call-to-action/signatures",
				{ email, name: "Amani", country: "CD" },
				{ ip },
			);
			expect(signed.status).toBe(202);
			const token = confirmToken(await waitForEmail(email));
			const confirmPage = await (await request(`/confirm/${token}`)).text();
			expect(confirmPage).toContain(`/confirm/${token}`);
			expect(confirmPage).not.toContain("bbc.com");
		} finally {
			await env.DB.batch([
				env.DB.prepare("UPDATE petitions SET quick_exit = 1 WHERE slug = 'call-to-action'"),
				env.DB.prepare("UPDATE letter_campaigns SET quick_exit = 1 WHERE slug = 'write-to-your-state'"),
			]);
		}
		expect(await (await request("/l/write-to-your-state?country=FR")).text()).toContain("https://www.bbc.com/weather");
	});

	it("tells a registered partner's site it may submit, with the partner's line; another site not", async () => {
		await putPartner("kivu-widget", {
			name: "Kivu Women",
			allowedOrigins: ["https://kivu-widget.example"],
			consentTexts: { fr: "Recevoir les nouvelles de Kivu Women." },
			privacyUrl: "https://kivu-widget.example/vie-privee",
		});
		const { res, body } = await widgetJson("/api/v1/widget/petition/call-to-action?lang=fr", {
			origin: "https://kivu-widget.example",
		});
		expect(body.accepts).toBe(true);
		expect(body.partner).toEqual({
			slug: "kivu-widget",
			name: "Kivu Women",
			optIn: "Recevoir les nouvelles de Kivu Women.",
			optInLocale: "fr",
			privacyUrl: "https://kivu-widget.example/vie-privee",
		});
		expect(res.headers.get("vary")).toContain("Origin");

		const other = await widgetJson("/api/v1/widget/petition/call-to-action?lang=fr&partner=kivu-widget", {
			origin: "https://not-registered.example",
		});
		expect(other.body.accepts).toBe(false);
		const mismatch = await widgetJson("/api/v1/widget/petition/call-to-action?partner=fresh-partner", {
			origin: "https://kivu-widget.example",
		});
		expect(mismatch.body.accepts).toBe(false);
		const own = await widgetJson("/api/v1/widget/petition/call-to-action", { origin: ENGINE });
		expect(own.body.accepts).toBe(true);
		expect(own.body.partner).toBeUndefined();
	});
});

describe("the widget's script", () => {
	it("is served at /widget.js, briefly cached, and at a versioned URL cached for good", async () => {
		const res = await request("/widget.js");
		expect(res.status).toBe(200);
		expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
		expect(res.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=86400");
		const script = await res.text();
		expect(script).toContain("/api/v1/widget/");
		expect(script.length).toBeGreaterThan(1000);

		const versioned = await request(widgetPath);
		expect(versioned.status).toBe(200);
		expect(versioned.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
		expect(versioned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
		expect(await versioned.text()).toBe(script);
		expect(widgetPath).toMatch(/^\/widget\/[0-9a-f]{16}\.js$/);

		const old = await request("/widget/0000000000000000.js");
		expect(old.status).toBe(404);
	});

	it("answers 304 to a browser that has this build", async () => {
		const res = await request("/widget.js");
		const again = await request("/widget.js", { headers: { "if-none-match": res.headers.get("etag") ?? "" } });
		expect(again.status).toBe(304);
	});
});
