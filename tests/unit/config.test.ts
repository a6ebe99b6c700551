import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { config, positiveNumber } from "../../worker/config";

describe("config", () => {
	it("parses the bindings once per env object", () => {
		const settings = config(env);
		expect(config(env)).toBe(settings);
		expect(settings.publicUrl).toBe("https://engine.test");
		expect(settings.outboxMaxAttempts).toBe(4);
		expect(settings.bulletins).toMatchObject({ ratePerSecond: 20, batchSize: 10 });
	});

	it("strips a trailing slash from PUBLIC_URL", () => {
		expect(config({ ...env, PUBLIC_URL: "https://example.org//" }).publicUrl).toBe("https://example.org");
	});

	it("refuses a missing or short APP_SECRET", () => {
		expect(() => config({ ...env, APP_SECRET: "short" })).toThrow(/APP_SECRET/);
		expect(() => config({ ...env, APP_SECRET: undefined as unknown as string })).toThrow(/APP_SECRET/);
	});

	it("reads knobs with one positive-number parser, falling back on nonsense", () => {
		expect(positiveNumber("8", 1)).toBe(8);
		for (const bad of [undefined, "", "0", "-3", "many"]) expect(positiveNumber(bad, 7)).toBe(7);
		const odd = config({ ...env, OUTBOX_MAX_ATTEMPTS: "nope", BULLETIN_BATCH_SIZE: "500" });
		expect(odd.outboxMaxAttempts).toBe(8);
		expect(odd.bulletins.batchSize).toBe(100);
	});

	it("keeps a reserved rate of 0 as 0, and 1 when unset", () => {
		const base = { ...env, RESEND_RATE_PER_SECOND: "5" };
		expect(config({ ...base, RESEND_RESERVED_PER_SECOND: "0" }).bulletins.ratePerSecond).toBe(5);
		expect(
			config({ ...base, RESEND_RESERVED_PER_SECOND: undefined as unknown as string }).bulletins.ratePerSecond,
		).toBe(4);
	});
});
