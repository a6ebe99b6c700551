// The directory of States letters go to: every UN member State and the two observer States, built
// at seed time from maintained datasets (never a hand-typed country list), in Node only:
// - which States are UN members, and their capitals: world-countries;
// - their names in en/fr/es: i18n-iso-countries (the engine's own country dataset);
// - the office's time zone, the capital's: city-timezones (city → zone), checked against
//   countries-and-timezones (the zones each country uses).
// Contact addresses are never invented: the seed leaves target_contacts empty.
import { createRequire } from "node:module";
import cityTimezones from "city-timezones";
import { getCountry, getTimezone } from "countries-and-timezones";
import isoCountries from "i18n-iso-countries";
import worldCountries from "world-countries";

const require = createRequire(import.meta.url);

/** Locales the State names are seeded in. */
export const stateNameLocales = ["en", "fr", "es"] as const;
for (const locale of stateNameLocales) isoCountries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`));

/**
 * The UN's two non-member observer States: the Holy See (VA) and the State of Palestine (PS).
 * world-countries marks neither as an observer (it even counts VA as a member), so they are
 * named here by code; every other State comes from the dataset's UN membership flag.
 */
export const observerStates = ["VA", "PS"] as const;

/** Letters a day sent one by one to a State before the rest go as one digest. */
export const DEFAULT_DAILY_CAP = 30;

export interface StateSeed {
	iso2: string;
	iso3: string;
	unStatus: "member" | "observer";
	names: Record<(typeof stateNameLocales)[number], string>;
	timeZone: string;
}

const normalize = (s: string) =>
	s
		.normalize("NFD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[^a-z]/g, "");

/**
 * The capital's IANA zone: the capital found by name among the dataset's cities of that country
 * (largest first); failing that, the country's largest city (the capital, for the few whose
 * capital is spelled differently), then the country's only zone. A zone that is just an old
 * name of the country's own zone (Asia/Rangoon) becomes its current name (Asia/Yangon); a
 * capital's own link to a zone shared with other countries (Africa/Kinshasa) stays as it is.
 */
function capitalTimeZone(iso2: string, capitals: string[]): string {
	const cities = cityTimezones.cityMapping.filter((c) => c.iso2 === iso2).sort((a, b) => b.pop - a.pop);
	const wanted = new Set(capitals.map(normalize));
	const capital = cities.find((c) => wanted.has(normalize(c.city)) || wanted.has(normalize(c.city_ascii)));
	const countryZones = (getCountry(iso2, { deprecated: true })?.timezones ?? []) as string[];
	let zone = capital?.timezone ?? cities[0]?.timezone ?? (countryZones.length === 1 ? countryZones[0] : undefined);
	if (!zone) throw new Error(`seed: no time zone found for ${iso2} (capital ${capitals.join(", ")})`);
	const info = getTimezone(zone);
	if (info?.deprecated && info.aliasOf && getTimezone(info.aliasOf)?.countries[0] === iso2) zone = info.aliasOf;
	if (!countryZones.includes(zone)) {
		throw new Error(`seed: ${zone} (capital of ${iso2}) is not one of ${iso2}'s zones: ${countryZones.join(", ")}`);
	}
	new Intl.DateTimeFormat("en", { timeZone: zone }); // throws on a zone the runtime does not know
	return zone;
}

function nameIn(iso2: string, locale: string): string {
	const name = isoCountries.getName(iso2, locale);
	if (!name) throw new Error(`seed: no ${locale} name for ${iso2}`);
	return name;
}

let cached: StateSeed[] | undefined;

/** Every UN member and observer State, by ISO 3166-1 alpha-2 code. */
export function stateSeeds(): StateSeed[] {
	if (cached) return cached;
	const observers = new Set<string>(observerStates);
	const states = worldCountries
		.filter((c) => c.unMember || observers.has(c.cca2))
		.map(
			(c): StateSeed => ({
				iso2: c.cca2,
				iso3: c.cca3,
				unStatus: observers.has(c.cca2) ? "observer" : "member",
				names: { en: nameIn(c.cca2, "en"), fr: nameIn(c.cca2, "fr"), es: nameIn(c.cca2, "es") },
				timeZone: capitalTimeZone(c.cca2, c.capital),
			}),
		)
		.sort((a, b) => a.iso2.localeCompare(b.iso2));
	for (const code of observers) {
		if (!states.some((s) => s.iso2 === code)) throw new Error(`seed: observer State ${code} is not in the dataset`);
	}
	for (const s of states) {
		if (!/^[A-Z]{2}$/.test(s.iso2) || !/^[A-Z]{3}$/.test(s.iso3) || isoCountries.alpha2ToAlpha3(s.iso2) !== s.iso3) {
			throw new Error(`seed: the datasets disagree on the codes of ${s.iso2}/${s.iso3}`);
		}
	}
	cached = states;
	return states;
}

function literal(value: string | number): string {
	return typeof value === "number" ? String(Math.trunc(value)) : `'${value.replace(/'/g, "''")}'`;
}

/** One INSERT … ON CONFLICT DO NOTHING per State, id `tgt_<ISO2>`: seeding again keeps edits. */
export function stateSeedStatements(now: number): string[] {
	return stateSeeds().map((s) => {
		const values = [
			`tgt_${s.iso2}`,
			s.iso2,
			s.iso3,
			s.unStatus,
			JSON.stringify(s.names),
			s.timeZone,
			DEFAULT_DAILY_CAP,
			now,
			now,
		];
		return `INSERT INTO targets (id, iso2, iso3, un_status, names, time_zone, daily_cap, created_at, updated_at) VALUES (${values.map(literal).join(", ")}) ON CONFLICT DO NOTHING;`;
	});
}
