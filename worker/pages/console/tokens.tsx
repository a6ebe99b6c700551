/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import * as v from "valibot";
import {
	apiScopes,
	apiTokenInput,
	createApiToken,
	listApiTokens,
	revokeApiToken,
} from "../../domain/console/api-tokens";
import { type ConsoleEnv, requireRole } from "../../http/console-auth";
import { formOf, formValues, invalidForm } from "./forms";
import { ConsolePage, Csrf, PostButton } from "./layout";

const date = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 16).replace("T", " "));

/** Admins make tokens for the admin API (shown once, stored hashed) and revoke them. */
export const tokenPages = new Hono<ConsoleEnv>()
	.use(requireRole("admin"))
	.get("/", async (c) => {
		const rows = await listApiTokens(c.var.db);
		return c.html(
			<ConsolePage title="API tokens" campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/tokens">
				<h1>API tokens</h1>
				<p class="muted">For automation through the admin API (/api/v1/admin), as a bearer token.</p>
				{rows.length === 0 ? (
					<p class="empty" data-empty="tokens">
						No API token yet. A token lets a script or another service use the admin API with only the scopes you give
						it; it is shown once. Make the first one with the form below.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>Name</th>
								<th>Starts with</th>
								<th>Scopes</th>
								<th>Created</th>
								<th>Last used</th>
								<th />
							</tr>
						</thead>
						<tbody>
							{rows.map((t) => (
								<tr>
									<td data-label="Name">{t.name}</td>
									<td data-label="Starts with">
										<code>{t.prefix}…</code>
									</td>
									<td data-label="Scopes">{t.scopes.join(", ")}</td>
									<td data-label="Created">{date(t.createdAt)}</td>
									<td data-label="Last used">{date(t.lastUsedAt) || "never"}</td>
									<td>
										{t.revokedAt === null ? (
											<PostButton
												action="/console/tokens/revoke"
												label={`Revoke ${t.name}`}
												csrf={c.var.csrf}
												secondary
												fields={{ id: t.id }}
											/>
										) : (
											`revoked ${date(t.revokedAt)}`
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				<h2>New token</h2>
				<form method="post" action="/console/tokens">
					<Csrf token={c.var.csrf} />
					<label for="name">Name (what uses it)</label>
					<input id="name" name="name" type="text" required />
					<fieldset>
						<legend>Scopes</legend>
						{apiScopes.map((s) => (
							<div class="check">
								<input type="checkbox" id={`scope-${s}`} name="scopes" value={s} />
								<label for={`scope-${s}`}>{s}</label>
							</div>
						))}
					</fieldset>
					<p>
						<button type="submit">Create token</button>
					</p>
				</form>
			</ConsolePage>,
		);
	})
	.post("/", async (c) => {
		const form = await formOf(c);
		const parsed = v.safeParse(apiTokenInput, { name: form.name ?? "", scopes: await formValues(c, "scopes") });
		if (!parsed.success) return invalidForm(c, "API tokens", parsed.issues, "/console/tokens");
		const { token, row } = await createApiToken(c.var.db, parsed.output, c.var.actor ?? "console", Date.now());
		return c.html(
			<ConsolePage title="Token created" campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/tokens">
				<h1>Token “{row.name}” created</h1>
				<p class="notice" role="status">
					Copy it now: it is shown only this once, and only its hash is kept.
				</p>
				<p>
					<code class="token" data-token>
						{token}
					</code>
				</p>
				<p>Scopes: {row.scopes.join(", ")}</p>
				<p>
					<a href="/console/tokens">Back to API tokens</a>
				</p>
			</ConsolePage>,
		);
	})
	.post("/revoke", async (c) => {
		const { id } = await formOf(c);
		await revokeApiToken(c.var.db, id ?? "", c.var.actor ?? "console", Date.now());
		return c.redirect("/console/tokens", 303);
	});
