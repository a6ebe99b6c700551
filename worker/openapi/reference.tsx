/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { OpenApiDocument } from "./document";

// The API reference at /docs/api: the OpenAPI document rendered on the server as one HTML page,
// with no script and nothing from a third party (the CSP of every page holds). For developers,
// in English like docs/api.md; the document itself is at /openapi.json.

type Json = Record<string, unknown>;

const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#faf8f6}
header{border-top:4px solid #b3001b;padding:.75rem 1rem;font-weight:700;color:#b3001b;max-width:60rem;margin:0 auto}
main{max-width:60rem;margin:0 auto;padding:0 1rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #ddd}
h3{font-size:1rem;margin:0 0 .25rem;overflow-wrap:anywhere}h4{font-size:.9rem;margin:.75rem 0 .25rem}
section.op{background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.5rem;font-family:ui-monospace,monospace;font-weight:700;color:#fff;background:#5a5a5a;border-radius:.25rem;padding:0 .4rem;margin-inline-end:.5rem;text-align:center}
.GET{background:#1f5f8b}.POST{background:#1d6b3a}.PUT{background:#8a5a00}.DELETE{background:#b3001b}
code{font-family:ui-monospace,monospace;font-size:.85em;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.875rem}td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:start;vertical-align:top}
.muted{color:#5a5a5a;font-size:.9rem}.auth{font-size:.9rem}
nav ul{columns:2 18rem;padding-inline-start:1.25rem}nav li{margin:.15rem 0;break-inside:avoid}
a{color:#1f5f8b}a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
@media (max-width:40rem){table.stack thead{display:none}table.stack tr,table.stack td{display:block;border:0;padding:.1rem 0}table.stack tr{border-bottom:1px solid #eee;padding:.4rem 0}table.stack td[data-label]::before{content:attr(data-label) ": ";color:#5a5a5a}}
`;

/** What a JSON Schema allows, in a few words: `string, 1–254 chars, email`. */
export function typeWords(schema: Json): string {
	if ("const" in schema) return `= ${JSON.stringify(schema.const)}`;
	if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
	const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
	if (Array.isArray(alternatives)) return alternatives.map(typeWords).join(" | ");
	const parts: string[] = [];
	const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type as string | undefined);
	const keys = (schema.propertyNames as Json | undefined)?.enum;
	if (type === "array" && schema.items) parts.push(`array of ${typeWords(schema.items as Json)}`);
	else if (Array.isArray(keys)) parts.push(`object keyed by ${keys.join(", ")}`);
	else parts.push(type ?? "any");
	if (schema.format) parts.push(String(schema.format));
	const range = (min: unknown, max: unknown, unit: string) => {
		if (min === undefined && max === undefined) return;
		if (min !== undefined && max !== undefined) parts.push(`${min}–${max}${unit}`);
		else if (min !== undefined) parts.push(`≥ ${min}${unit}`);
		else parts.push(`≤ ${max}${unit}`);
	};
	range(schema.minLength, schema.maxLength, " chars");
	range(schema.minItems, schema.maxItems, " items");
	range(schema.minimum, schema.maximum, "");
	if (schema.pattern) parts.push(`matching ${schema.pattern}`);
	if ("default" in schema) parts.push(`default ${JSON.stringify(schema.default)}`);
	return parts.join(", ");
}

interface Row {
	name: string;
	required: boolean;
	schema: Json;
}

/** An object schema's fields as rows, nested ones named by dotted paths (`texts[].title`). */
export function fieldRows(schema: Json, prefix = "", depth = 0): Row[] {
	const properties = schema.properties as Record<string, Json> | undefined;
	if (!properties || depth > 4) return [];
	const required = new Set((schema.required as string[] | undefined) ?? []);
	return Object.entries(properties).flatMap(([name, property]) => {
		const path = `${prefix}${name}`;
		const rows: Row[] = [{ name: path, required: required.has(name), schema: property }];
		if (property.properties) rows.push(...fieldRows(property, `${path}.`, depth + 1));
		const items = property.items as Json | undefined;
		if (items?.properties) rows.push(...fieldRows(items, `${path}[].`, depth + 1));
		const values = property.additionalProperties as Json | undefined;
		if (values && typeof values === "object" && values.properties) {
			rows.push(...fieldRows(values, `${path}.<key>.`, depth + 1));
		}
		return rows;
	});
}

function Fields(props: { rows: Row[]; where?: (row: Row) => string }) {
	return (
		<table class="stack">
			<thead>
				<tr>
					<th>Name</th>
					{props.where ? <th>In</th> : null}
					<th>Type</th>
					<th>Required</th>
				</tr>
			</thead>
			<tbody>
				{props.rows.map((row) => (
					<tr>
						<td data-label="Name">
							<code>{row.name}</code>
						</td>
						{props.where ? <td data-label="In">{props.where(row)}</td> : null}
						<td data-label="Type">
							{typeWords(row.schema)}
							{row.schema.description ? <div class="muted">{String(row.schema.description)}</div> : null}
						</td>
						<td data-label="Required">{row.required ? "yes" : "no"}</td>
					</tr>
				))}
			</tbody>
		</table>
	);
}

/** Inline `code` in the document's words, shown as code; everything else as text. */
function Words(props: { text: string }) {
	return (
		<>{props.text.split(/(`[^`]+`)/).map((part) => (part.startsWith("`") ? <code>{part.slice(1, -1)}</code> : part))}</>
	);
}

const anchor = (method: string, path: string) => `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");

function Operation(props: { method: string; path: string; op: Json }) {
	const { method, path, op } = props;
	const parameters = (op.parameters as (Json & { name: string; in: string; required: boolean; schema: Json })[]) ?? [];
	const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
	const [bodyType, bodySchema] = body ? (Object.entries(body)[0] ?? []) : [];
	const security = (op.security as Record<string, string[]>[]) ?? [];
	const responses = op.responses as Record<string, { description: string }>;
	return (
		<section class="op" id={anchor(method, path)}>
			<h3>
				<span class={`method ${method}`}>{method}</span>
				<code>{path}</code>
			</h3>
			{op.summary ? <p>{String(op.summary)}</p> : null}
			{op.description ? (
				<p class="muted">
					<Words text={String(op.description)} />
				</p>
			) : null}
			<p class="auth">
				<strong>Auth: </strong>
				{security.length === 0
					? "none"
					: security.map((req, i) =>
							Object.entries(req).map(([scheme, scopes]) => (
								<>
									{i > 0 ? " or " : ""}
									<code>{scheme}</code>
									{scopes.length > 0 ? ` (scopes: ${scopes.join(", ")})` : ""}
								</>
							)),
						)}
			</p>
			{parameters.length > 0 ? (
				<>
					<h4>Parameters</h4>
					<Fields
						rows={parameters.map((p) => ({ name: p.name, required: p.required, schema: p.schema }))}
						where={(row) => parameters.find((p) => p.name === row.name)?.in ?? ""}
					/>
				</>
			) : null}
			{bodySchema ? (
				<>
					<h4>
						Body (<code>{bodyType}</code>)
					</h4>
					<Fields rows={fieldRows(bodySchema.schema)} />
				</>
			) : null}
			<h4>Responses</h4>
			<table class="stack">
				<tbody>
					{Object.entries(responses).map(([status, response]) => (
						<tr>
							<td data-label="Status">
								<code>{status}</code>
							</td>
							<td data-label="Meaning">
								<Words text={response.description} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}

/** The whole reference: an index by tag, then every operation with its inputs and answers. */
export function Reference(props: { doc: OpenApiDocument }) {
	const { doc } = props;
	const byTag = doc.tags.map((tag) => ({
		tag,
		ops: Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.entries(ops)
				.filter(([, op]) => (op.tags as string[]).includes(tag.name))
				.map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
		),
	}));
	const schemes = doc.components.securitySchemes as Record<string, { description?: string }>;
	return (
		<>
			{raw("<!DOCTYPE html>")}
			<html lang="en" dir="ltr">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<meta name="robots" content="noindex" />
					<title>{doc.info.title} reference</title>
					<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
					{/* A constant of ours, not user input. */}
					<style>{raw(css)}</style>
				</head>
				<body>
					<header>Red Line</header>
					<main>
						<h1>{doc.info.title}</h1>
						<p>
							<Words text={doc.info.description} />
						</p>
						<p>
							The machine-readable document (OpenAPI {doc.openapi}): <a href="/openapi.json">/openapi.json</a>.
						</p>
						<h2 id="auth">Authentication</h2>
						<ul>
							{Object.entries(schemes).map(([name, scheme]) => (
								<li>
									<code>{name}</code>: <Words text={scheme.description ?? ""} />
								</li>
							))}
						</ul>
						<nav aria-label="Operations">
							{byTag.map(({ tag, ops }) => (
								<>
									<h2>
										<a href={`#tag-${tag.name}`}>{tag.name}</a>
									</h2>
									<ul>
										{ops.map(({ method, path }) => (
											<li>
												<a href={`#${anchor(method, path)}`}>
													<code>
														{method} {path}
													</code>
												</a>
											</li>
										))}
									</ul>
								</>
							))}
						</nav>
						{byTag.map(({ tag, ops }) => (
							<>
								<h2 id={`tag-${tag.name}`}>{tag.name}</h2>
								<p class="muted">{tag.description}</p>
								{ops.map(({ method, path, op }) => (
									<Operation method={method} path={path} op={op} />
								))}
							</>
						))}
					</main>
				</body>
			</html>
		</>
	);
}
