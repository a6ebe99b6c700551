// A few lines instead of a framework: elements from a tag, attributes and children.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** An element with attributes (on* become listeners; false/null are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Attrs = {},
	...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs)) {
		if (typeof value === "function") el.addEventListener(name.slice(2), value);
		else if (value === true) el.setAttribute(name, "");
		else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
	}
	for (const child of children.flat()) if (child) el.append(child);
	return el;
}

/** "{name}'s policy" with the values put in. */
export function fill(text: string, values: Record<string, string>): string {
	return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
