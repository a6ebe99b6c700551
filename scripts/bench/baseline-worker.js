// The bench's baseline: the least a signing endpoint could do. It reads the same JSON body the
// real endpoint gets and writes it as one bare row into D1, then answers like the real one (202).
// No validation, no rate limiting, no hashing, no batch, no queue. The table is created by the
// bench before any request (scripts/bench/runtime.ts), so each request is exactly one INSERT.

const INSERT = "INSERT INTO baseline_signatures (email, name, country, created_at) VALUES (?1, ?2, ?3, ?4)";

// The OSDI row's baseline (scripts/bench/osdi.ts): a bare SELECT of one page of people after a
// (modified, id) point, on the same index, answered as JSON. No auth, no filter, no shaping.
const PEOPLE =
	"SELECT id, email, name, country, locale, created_at, updated_at FROM people WHERE (updated_at, id) > (?1, ?2) ORDER BY updated_at, id LIMIT ?3";

export default {
	/**
	 * @param {Request} request
	 * @param {{ DB: D1Database }} env
	 */
	async fetch(request, env) {
		const url = new URL(request.url);
		if (request.method === "GET" && url.pathname === "/people") {
			const at = Number(url.searchParams.get("at"));
			const { results } = await env.DB.prepare(PEOPLE)
				.bind(at, url.searchParams.get("id") ?? "", Number(url.searchParams.get("limit")))
				.all();
			return Response.json({ people: results });
		}
		if (request.method !== "POST") return new Response("baseline", { status: 200 });
		const body = await request.json();
		await env.DB.prepare(INSERT).bind(body.email, body.name, body.country, Date.now()).run();
		return Response.json({ status: "pending" }, { status: 202 });
	},
};
