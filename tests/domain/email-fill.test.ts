import { describe, expect, it } from "vitest";
import { renderEmail, type TemplateName, type TemplateProps, templateNames, templates } from "../../emails";
import { forgetSkeletons, renderEmails } from "../../emails/fill";

/** Values that an escape or a normaliser would treat differently, and the empty name. */
const names = ["Amani", "O'Brien & <Sons>", '  Zoë  "Z"  \u2028 Okafor ', "", "أمينة", "RLFILL0Xq7z3", "x".repeat(80)];
const url = (i: number) => `https://engine.test/confirm/tok-${i}?a=1&b=<2>&c="3"`;

/** Several recipients' props for a template, from its preview props. */
function variants<N extends TemplateName>(name: N): TemplateProps<N>[] {
	const preview = (templates[name].component as unknown as { PreviewProps: TemplateProps<N> }).PreviewProps;
	return names.flatMap((person, i) =>
		["en", "ar", "fr"].map((locale) => {
			const props = { ...preview, locale } as Record<string, unknown>;
			if ("name" in props) props.name = person;
			for (const k of [
				"confirmUrl",
				"petitionUrl",
				"unsubscribeUrl",
				"preferencesUrl",
				"actionUrl",
				"statesUrl",
				"answerUrl",
				"signInUrl",
			]) {
				if (k in props) props[k] = `${url(i)}&${k}`;
			}
			if (Array.isArray(props.shares)) {
				props.shares = (props.shares as { channel: string; href: string }[]).map((s) => ({
					...s,
					href: `${url(i)}&${s.channel}`,
				}));
			}
			return props as unknown as TemplateProps<N>;
		}),
	);
}

describe("rendering once per template, language and batch", () => {
	for (const name of templateNames) {
		it(`fills ${name} byte for byte as a render per recipient would`, async () => {
			const list = variants(name);
			const filled = await renderEmails(name, list);
			for (const [i, props] of list.entries()) expect(filled[i]).toEqual(await renderEmail(name, props));
		});
	}

	it("renders React once per language for a batch of confirmations", async () => {
		const list = variants("confirm-signature").filter((p) => p.name !== "");
		let renders = 0;
		const original = templates["confirm-signature"].component;
		const counting = ((p: TemplateProps<"confirm-signature">) => {
			renders++;
			return original(p);
		}) as typeof original;
		const registry = templates as unknown as Record<string, { component: unknown }>;
		const entry = registry["confirm-signature"] as { component: unknown };
		entry.component = counting;
		forgetSkeletons();
		try {
			const first = await renderEmails("confirm-signature", list);
			expect(list.length).toBe(18);
			// Three languages, each rendered once: two React passes apiece, the HTML and the plain text
			// (react-email's own converter renders again: emails/index.ts renderParts).
			expect(renders).toBe(3 * 2);
			// The next batch of the same petition renders nothing: the isolate keeps the skeletons,
			// and fills them as before.
			const again = await renderEmails("confirm-signature", list);
			expect(renders).toBe(3 * 2);
			expect(again).toEqual(first);
			// An edited title is another group: rendered anew.
			const edited = list.map((p) => ({ ...p, petitionTitle: `${p.petitionTitle} (edited)` }));
			const renamed = await renderEmails("confirm-signature", edited);
			expect(renders).toBe(3 * 2 * 2);
			expect(renamed[0]?.html).toContain("(edited)");
		} finally {
			entry.component = original;
		}
	});
});
