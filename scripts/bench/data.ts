// What the bench puts in the database and sends: its petitions, confirmed signatures in bulk,
// and signing bodies with unique addresses.

/** ~20 countries, so the GET answers carry a realistic `countries` map. */
export const COUNTRIES = [
	"FR",
	"DE",
	"ES",
	"IT",
	"GB",
	"US",
	"CO",
	"BR",
	"MX",
	"AR",
	"NG",
	"KE",
	"ZA",
	"IN",
	"PK",
	"BD",
	"PH",
	"ID",
	"UA",
	"CD",
] as const;

const SOURCE_SLUG = "call-to-action";

function literal(value: string | number | null): string {
	if (value === null) return "NULL";
	if (typeof value === "number") return String(Math.trunc(value));
	return `'${value.replace(/'/g, "''")}'`;
}

export const petitionId = (slug: string) => `pet_${slug}`;

/** A petition with the seeded petition's texts, so its GET answer is as large as the real one. */
export function petitionStatements(slug: string, goal: number, now: number): string[] {
	const id = petitionId(slug);
	return [
		`INSERT INTO petitions (id, slug, goal, status, default_locale, created_at, updated_at) VALUES (${[id, slug, goal, "open", "en", now, now].map(literal).join(", ")})`,
		`INSERT INTO petition_texts (petition_id, locale, title, summary, demands, sample, updated_at) SELECT ${literal(id)}, locale, title, summary, demands, sample, updated_at FROM petition_texts WHERE petition_id = (SELECT id FROM petitions WHERE slug = ${literal(SOURCE_SLUG)})`,
	];
}

/**
 * `count` people and their confirmed signatures on one petition, as multi-row INSERTs of literal
 * SQL (`rowsPerStatement` rows each, well under D1's statement size limit). The triggers of
 * migration 0001 count every row into signature_counts, as a confirmation would.
 */
export function confirmedSignatureStatements(
	slug: string,
	count: number,
	now: number,
	rowsPerStatement = 400,
): string[] {
	const pet = petitionId(slug);
	const out: string[] = [];
	for (let start = 0; start < count; start += rowsPerStatement) {
		const people: string[] = [];
		const sigs: string[] = [];
		for (let i = start; i < Math.min(count, start + rowsPerStatement); i++) {
			const n = String(i).padStart(6, "0");
			const person = `per_${slug}_${n}`;
			const email = `${slug}.${n}@bench.example`;
			const name = `Signer ${n}`;
			const country = COUNTRIES[i % COUNTRIES.length] as string;
			const t = now - (count - i) * 1000;
			people.push(`(${[person, email, email, name, country, "en", t, t].map(literal).join(",")})`);
			sigs.push(
				`(${[`sig_${slug}_${n}`, pet, person, "confirmed", name, country, "en", 0, 0, 1, t, t, t].map(literal).join(",")})`,
			);
		}
		out.push(
			`INSERT INTO people (id, email, email_canonical, name, country, locale, created_at, updated_at) VALUES ${people.join(",")}`,
			`INSERT INTO signatures (id, petition_id, person_id, status, name, country, locale, show_name, subscribe, emails_sent, created_at, updated_at, confirmed_at) VALUES ${sigs.join(",")}`,
		);
	}
	return out;
}

/** Valid signing bodies, each with an address nobody else uses. */
export function signingBodies(tag: string, count: number): string[] {
	return Array.from({ length: count }, (_, i) =>
		JSON.stringify({
			email: `${tag}.${i}@bench.example`,
			name: `Bench Signer ${i}`,
			country: COUNTRIES[i % COUNTRIES.length],
			locale: "en",
		}),
	);
}
