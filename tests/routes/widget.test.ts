import { describe, expect, it } from "vitest";
import { request } from "../helpers";

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
