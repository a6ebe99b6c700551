// The deploy steps (docs/deploying.md) create every queue wrangler.toml binds: a deploy with a
// queue missing fails, and an operator follows the page, not wrangler.toml's comments.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("docs/deploying.md", () => {
	it("creates every queue wrangler.toml binds, dead-letter queues included", () => {
		const toml = parse(readFileSync(join(root, "wrangler.toml"), "utf8")) as {
			queues?: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] };
		};
		const queues = new Set<string>();
		for (const p of toml.queues?.producers ?? []) queues.add(p.queue);
		for (const c of toml.queues?.consumers ?? []) {
			queues.add(c.queue);
			if (c.dead_letter_queue) queues.add(c.dead_letter_queue);
		}
		expect(queues.size).toBeGreaterThan(0);
		const steps = readFileSync(join(root, "docs", "deploying.md"), "utf8");
		const created = new Set([...steps.matchAll(/wrangler queues create ([\w-]+)/g)].map((m) => m[1]));
		expect([...queues].filter((q) => !created.has(q))).toEqual([]);
	});
});
