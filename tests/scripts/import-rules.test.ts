import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The import rules of docs/architecture.md section 2 that issue 12 made true, kept true here.
const root = resolve(import.meta.dirname, "../..");

function filesUnder(dir: string): string[] {
	return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts"))
		.map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Each file's imports, resolved to paths from the root (packages keep their names). */
function importsOf(file: string): string[] {
	const text = readFileSync(join(root, file), "utf8");
	return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map(([, spec = ""]) =>
		spec.startsWith(".") ? relative(root, resolve(root, dirname(file), spec)) : spec,
	);
}

function offences(dir: string, forbidden: (target: string, file: string) => boolean): string[] {
	return filesUnder(dir).flatMap((file) =>
		importsOf(file)
			.filter((target) => forbidden(target, file))
			.map((target) => `${file} → ${target}`),
	);
}

const inside = (target: string, folder: string) => target === folder || target.startsWith(`${folder}/`);

describe("import rules", () => {
	it("pages never import routes, and routes never import pages", () => {
		expect(offences("worker/pages", (t) => inside(t, "worker/routes"))).toEqual([]);
		expect(offences("worker/routes", (t) => inside(t, "worker/pages"))).toEqual([]);
	});

	it("nothing outside jobs/ imports from jobs/, but worker/index.ts wiring the handlers", () => {
		const outside = ["worker", "scripts"].flatMap((dir) =>
			offences(
				dir,
				(t, file) => inside(t, "worker/jobs") && !inside(file, "worker/jobs") && file !== "worker/index.ts",
			),
		);
		expect(outside).toEqual([]);
	});

	it("the domain imports neither jobs, deps, config, HTTP, actions, routes nor pages", () => {
		const banned = [
			"worker/jobs",
			"worker/deps",
			"worker/config",
			"worker/http",
			"worker/actions",
			"worker/routes",
			"worker/pages",
		];
		expect(offences("worker/domain", (t) => banned.some((b) => inside(t, b)))).toEqual([]);
	});

	it("actions are free of Hono, routes and pages", () => {
		expect(
			offences(
				"worker/actions",
				(t) => t === "hono" || t.startsWith("hono/") || inside(t, "worker/routes") || inside(t, "worker/pages"),
			),
		).toEqual([]);
	});

	it("pages and routes do not write tables themselves", () => {
		const tables = (t: string) => t === "drizzle-orm" || t === "worker/db" || t === "schema";
		const own = ["worker/pages/petition.tsx", "worker/pages/unsubscribe.tsx", "worker/pages/states.tsx"];
		expect(offences("worker/pages", (t, file) => own.includes(file) && tables(t))).toEqual([]);
	});
});
