/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import * as v from "valibot";
import { campaignerInput, disableCampaigner, listCampaigners, saveCampaigner } from "../../domain/console/campaigners";
import { type ConsoleEnv, requireRole } from "../../http/console-auth";
import { formOf, invalidForm } from "./forms";
import { ConsolePage, Csrf, PostButton } from "./layout";

const date = (ms: number | null) => (ms === null ? "never" : new Date(ms).toISOString().slice(0, 16).replace("T", " "));

/** Admins manage who may sign in: add, change role, disable (which ends their sessions). */
export const campaignerPages = new Hono<ConsoleEnv>()
	.use(requireRole("admin"))
	.get("/", async (c) => {
		const rows = await listCampaigners(c.var.db);
		const saved = c.req.query("saved");
		return c.html(
			<ConsolePage title="Campaigners" campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/campaigners">
				<h1>Campaigners</h1>
				{saved ? (
					<p class="notice" role="status">
						Saved {saved}.
					</p>
				) : null}
				{rows.length === 0 ? (
					<p class="empty" data-empty="campaigners">
						Nobody is on the console's allow-list yet. Only the addresses listed here can sign in; add the first
						campaigner with the form below.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>Email</th>
								<th>Name</th>
								<th>Role</th>
								<th>Last sign-in</th>
								<th>Status</th>
								<th />
							</tr>
						</thead>
						<tbody>
							{rows.map((r) => (
								<tr>
									<td data-label="Email">{r.email}</td>
									<td data-label="Name">{r.name ?? ""}</td>
									<td data-label="Role">{r.role}</td>
									<td data-label="Last sign-in">{date(r.lastSignInAt)}</td>
									<td data-label="Status">{r.disabledAt === null ? "enabled" : "disabled"}</td>
									<td>
										{r.disabledAt === null && r.id !== c.var.campaigner?.id ? (
											<PostButton
												action="/console/campaigners/disable"
												label={`Disable ${r.email}`}
												csrf={c.var.csrf}
												secondary
												fields={{ email: r.email }}
											/>
										) : null}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				<h2>Add a campaigner, or change one</h2>
				<form method="post" action="/console/campaigners">
					<Csrf token={c.var.csrf} />
					<label for="email">Email</label>
					<input id="email" name="email" type="email" required />
					<label for="name">Name</label>
					<input id="name" name="name" type="text" />
					<label for="role">Role</label>
					<select id="role" name="role">
						<option value="editor">editor: content, bulletins, review, export</option>
						<option value="admin">admin: everything, with campaigners and API tokens</option>
					</select>
					<p>
						<button type="submit">Save campaigner</button>
					</p>
				</form>
			</ConsolePage>,
		);
	})
	.post("/", async (c) => {
		const form = await formOf(c);
		const parsed = v.safeParse(campaignerInput, {
			email: form.email ?? "",
			name: form.name || undefined,
			role: form.role || undefined,
		});
		if (!parsed.success) return invalidForm(c, "Campaigners", parsed.issues, "/console/campaigners");
		const { campaigner } = await saveCampaigner(c.var.db, parsed.output, Date.now(), c.var.actor ?? "console");
		return c.redirect(`/console/campaigners?saved=${encodeURIComponent(campaigner.email)}`, 303);
	})
	.post("/disable", async (c) => {
		const form = await formOf(c);
		await disableCampaigner(c.var.db, form.email ?? "", Date.now(), c.var.actor ?? "console");
		return c.redirect(`/console/campaigners?saved=${encodeURIComponent(form.email ?? "")}`, 303);
	});
