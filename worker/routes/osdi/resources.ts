// Rows as OSDI 1.1 resources (HAL+JSON). Our identifiers are "red_line:<id>". We keep one name
// per person: OSDI has no single-name field for people, so it goes into given_name whole, and
// family_name is left out (a CRM that splits names does it on its side).

import { isoTime } from "../../domain/keyset";
import type { OsdiCampaignRow, OsdiOutreachRow, OsdiTarget } from "../../domain/letters/osdi";
import type { OsdiItemRow, OsdiListRow, OsdiTagRow } from "../../domain/lists/osdi";
import type { OsdiPersonRow } from "../../domain/people/osdi";
import type { OsdiPetitionRow, OsdiSignatureRow } from "../../domain/petitions/osdi";

export const ORIGIN_SYSTEM = "Red Line";

export const curies = [
	{ name: "osdi", href: "https://github.com/opensupporter/osdi-docs/blob/master/{rel}.md", templated: true },
];

const id = (x: string) => `red_line:${x}`;
const href = (h: string) => ({ href: h });

/** The base of the OSDI API for this request, and of the public pages. */
export interface Bases {
	api: string;
	site: string;
}

export function personResource(b: Bases, p: OsdiPersonRow) {
	return {
		identifiers: [id(p.id)],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(p.createdAt),
		modified_date: isoTime(p.updatedAt),
		...(p.name ? { given_name: p.name } : {}),
		email_addresses: [{ primary: true, address: p.email, status: p.emailStatus }],
		...(p.country ? { postal_addresses: [{ primary: true, country: p.country }] } : {}),
		...(p.locale ? { languages_spoken: [p.locale] } : {}),
		_links: { self: href(`${b.api}/people/${p.id}`) },
	};
}

export function petitionResource(b: Bases, p: OsdiPetitionRow) {
	const text = p.demands.flatMap((g) => [g.heading, ...g.demands.map((d) => `- ${d.text}`)]).join("\n");
	return {
		identifiers: [id(p.id), `red_line_slug:${p.slug}`],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(p.createdAt),
		modified_date: isoTime(p.updatedAt),
		title: p.title ?? p.slug,
		...(p.summary !== null ? { description: p.summary } : {}),
		petition_text: text,
		browser_url: `${b.site}/p/${p.slug}`,
		total_signatures: p.count,
		_links: {
			self: href(`${b.api}/petitions/${p.slug}`),
			"osdi:signatures": href(`${b.api}/petitions/${p.slug}/signatures`),
			"osdi:record_signature_helper": href(`${b.api}/petitions/${p.slug}/signatures`),
		},
	};
}

/**
 * A confirmed signature. The signer's name shows where they chose to show it publicly, or to a
 * token with the people:read scope, which also sees the address and the person's link.
 */
export function signatureResource(b: Bases, slug: string, s: OsdiSignatureRow, personal: boolean) {
	const named = !s.erased && (s.showName || personal);
	const person = {
		...(named ? { given_name: s.name } : {}),
		...(personal && s.email ? { email_addresses: [{ primary: true, address: s.email }] } : {}),
		postal_addresses: [{ primary: true, country: s.country }],
	};
	return {
		identifiers: [id(s.id)],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(s.createdAt),
		modified_date: isoTime(s.updatedAt),
		action_date: isoTime(s.confirmedAt),
		...(s.source || s.partner
			? { referrer_data: { source: s.source ?? undefined, referrer: s.partner ?? undefined } }
			: {}),
		_embedded: { "osdi:person": person },
		_links: {
			self: href(`${b.api}/petitions/${slug}/signatures/${s.id}`),
			"osdi:petition": href(`${b.api}/petitions/${slug}`),
			...(personal && !s.erased ? { "osdi:person": href(`${b.api}/people/${s.personId}`) } : {}),
		},
	};
}

const target = (t: OsdiTarget) => ({ organization: t.name, identifiers: [`iso3166-1:${t.iso2}`], country: t.iso2 });

export function campaignResource(b: Bases, c: OsdiCampaignRow) {
	return {
		identifiers: [id(c.id), `red_line_slug:${c.slug}`],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(c.createdAt),
		modified_date: isoTime(c.updatedAt),
		title: c.title ?? c.slug,
		...(c.subject !== null ? { description: c.subject } : {}),
		type: "email",
		browser_url: `${b.site}/l/${c.slug}`,
		total_outreaches: c.sent,
		/** own-state: each writer writes to their own State, so the campaign names none. */
		"red_line:target_mode": c.targetMode,
		targets: c.targets.map(target),
		_links: {
			self: href(`${b.api}/advocacy_campaigns/${c.slug}`),
			"osdi:outreaches": href(`${b.api}/advocacy_campaigns/${c.slug}/outreaches`),
		},
	};
}

/** A confirmed letter with its State. The writer's name, address and text need people:read. */
export function outreachResource(b: Bases, slug: string, o: OsdiOutreachRow, personal: boolean) {
	const shown = personal && !o.erased;
	return {
		identifiers: [id(o.id)],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(o.createdAt),
		modified_date: isoTime(o.updatedAt),
		action_date: isoTime(o.confirmedAt),
		type: "email",
		subject: o.subject,
		...(shown ? { message: o.body } : {}),
		targets: [target(o.target)],
		"red_line:status": o.status,
		...(o.sentAt !== null ? { "red_line:sent_date": isoTime(o.sentAt) } : {}),
		...(o.reply !== null ? { "red_line:reply": o.reply } : {}),
		...(o.source || o.partner
			? { referrer_data: { source: o.source ?? undefined, referrer: o.partner ?? undefined } }
			: {}),
		_embedded: {
			"osdi:person": {
				...(shown ? { given_name: o.writerName } : {}),
				...(shown && o.email ? { email_addresses: [{ primary: true, address: o.email }] } : {}),
				postal_addresses: [{ primary: true, country: o.writerCountry }],
			},
		},
		_links: {
			self: href(`${b.api}/advocacy_campaigns/${slug}/outreaches/${o.id}`),
			"osdi:advocacy_campaign": href(`${b.api}/advocacy_campaigns/${slug}`),
			...(shown ? { "osdi:person": href(`${b.api}/people/${o.personId}`) } : {}),
		},
	};
}

export function listResource(b: Bases, l: OsdiListRow) {
	return {
		identifiers: [id(l.id), `red_line_slug:${l.slug}`],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(l.createdAt),
		modified_date: isoTime(l.updatedAt),
		name: l.name ?? l.slug,
		...(l.description !== null ? { description: l.description } : {}),
		browser_url: `${b.site}/s/${l.slug}`,
		/** Active subscribers: people who confirmed by the link and have not left. */
		total_items: l.subscribers,
		_links: { self: href(`${b.api}/lists/${l.slug}`), "osdi:items": href(`${b.api}/lists/${l.slug}/items`) },
	};
}

/** A list's item: a person's confirmed subscription, with its status now (active, or ended). */
export function itemResource(b: Bases, slug: string, i: OsdiItemRow) {
	return {
		identifiers: [id(i.id)],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(i.createdAt),
		modified_date: isoTime(i.updatedAt),
		item_type: "osdi:person",
		"red_line:status": i.status,
		"red_line:confirmed_date": isoTime(i.confirmedAt),
		...(i.endedAt !== null ? { "red_line:ended_date": isoTime(i.endedAt) } : {}),
		_links: {
			self: href(`${b.api}/lists/${slug}/items/${i.id}`),
			"osdi:list": href(`${b.api}/lists/${slug}`),
			"osdi:person": href(`${b.api}/people/${i.personId}`),
		},
	};
}

export function tagResource(b: Bases, t: OsdiTagRow) {
	return {
		identifiers: [id(t.id), `red_line_partner:${t.slug}`],
		origin_system: ORIGIN_SYSTEM,
		created_date: isoTime(t.createdAt),
		modified_date: isoTime(t.updatedAt),
		name: t.name,
		_links: { self: href(`${b.api}/tags/${t.slug}`) },
	};
}
