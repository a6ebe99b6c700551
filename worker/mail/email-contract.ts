/**
 * The typed email contract. Each template has two prop types:
 * - `StoredProps<N>`: what its outbox row keeps (ids of what the email is about, never words or
 *   links), written by `outboxInsert` in the same batch as the change;
 * - `TemplateProps<N>`: what the template renders, loaded fresh at send time by the feature's
 *   content loader (`worker/domain/<feature>/emails.ts`) and rendered by `renderEmail`.
 * The template side is declared by the templates themselves (`emails/index.ts`) and read here as
 * types only: the mail layer and the domain never load react or the templates.
 */
import * as v from "valibot";
import type { TemplateName, TemplateProps } from "../../emails";

export type { TemplateName, TemplateProps };

const id = v.string();

/**
 * The stored props of every template, as schemas: the row's JSON is checked against them when it
 * is read for sending, so the type a loader receives is true of the row.
 */
const storedPropsSchemas = {
	"confirm-signature": v.object({ signatureId: id }),
	"already-signed": v.object({ signatureId: id }),
	"signature-confirmed": v.object({ signatureId: id }),
	"confirm-subscription": v.object({ subscriptionId: id, reminder: v.boolean() }),
	"subscription-welcome": v.object({ subscriptionId: id }),
	"privacy-request": v.object({ privacyRequestId: id, kind: v.picklist(["export", "erase"]) }),
	"confirm-letter": v.object({ letterId: id }),
	"already-written": v.object({ letterId: id }),
	"letter-to-state": v.object({ letterId: id }),
	"letter-reply-question": v.object({ letterId: id }),
	/** One State's letters of one local day. */
	"letter-digest": v.object({ letterIds: v.array(id), day: v.string() }),
	"console-sign-in": v.object({ campaignerId: id }),
	/** Only test sends go through the outbox (a real send is batched by `bulletin-send.ts`). */
	bulletin: v.object({ bulletinId: id, test: v.literal(true), name: v.nullable(v.string()) }),
	/** An admin told that a webhook endpoint was disabled. */
	"webhook-disabled": v.object({ endpointId: id, reason: v.picklist(["gone", "failing"]) }),
} satisfies { [N in TemplateName]: v.GenericSchema };

/** What the outbox row of template N keeps. */
export type StoredProps<N extends TemplateName> = v.InferOutput<(typeof storedPropsSchemas)[N]>;

const schemas: { [N in TemplateName]: v.GenericSchema<unknown, StoredProps<N>> } = storedPropsSchemas;

/** An email to write to the outbox alongside the change that causes it (one per template in N). */
export type OutboxEmail<N extends TemplateName = TemplateName> = {
	[K in N]: {
		template: K;
		to: string;
		locale: string;
		/** What the template needs that the database cannot tell at send time. */
		props: StoredProps<K>;
		/** Names one logical email: writing it twice fails on the unique key instead of sending twice. */
		dedupeKey: string;
	};
}[N];

/** Whether an outbox row's template is one this engine knows. */
export function isTemplateName(name: string): name is TemplateName {
	return Object.hasOwn(storedPropsSchemas, name);
}

/** A row's stored props read back as template N's, or what is wrong with them. */
export function readStoredProps<N extends TemplateName>(
	template: N,
	props: unknown,
): { ok: true; props: StoredProps<N> } | { ok: false; error: string } {
	const result = v.safeParse(schemas[template], props);
	return result.success
		? { ok: true, props: result.output }
		: { ok: false, error: `stored props do not fit ${template}: ${v.summarize(result.issues)}` };
}
