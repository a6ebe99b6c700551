/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import * as v from "valibot";
import {
	type Bulletin,
	type BulletinProgress,
	type BulletinText,
	bulletinDeps,
	bulletinInput,
	bulletinProgress,
	cancelBulletin,
	countAudience,
	createBulletin,
	getBulletin,
	listBulletins,
	pauseBulletin,
	previewBulletin,
	resumeBulletin,
	scheduleBulletin,
	sendTestBulletin,
	updateBulletin,
} from "../../domain/bulletins";
import { listListsForEditing } from "../../domain/list-editing";
import { listPartners } from "../../domain/partners";
import { ApiError, type FieldIssue } from "../../lib/errors";
import { locales } from "../../lib/locale";
import type { ConsoleEnv } from "../../middleware/console-auth";
import { toFieldIssues } from "../../middleware/validate";
import {
	describedBy,
	ErrorSummary,
	FieldError,
	type FieldErrors,
	fieldErrors,
	formOf,
	formValues,
	invalidForm,
	savedIssues,
} from "./forms";
import { ConsolePage, Csrf, PostButton } from "./layout";

const languageNames: Record<string, string> = {
	en: "English",
	fr: "French",
	es: "Spanish",
	ar: "Arabic",
	uk: "Ukrainian",
};

const when = (ms: number | null) =>
	ms === null ? "" : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The posted compose form as the domain's input: a language with no subject and no body is left out. */
async function inputFromForm(c: Context<ConsoleEnv>) {
	const form = await formOf(c);
	const texts = locales
		.filter((l) => (form[`subject_${l}`] ?? "").trim() !== "" || (form[`body_${l}`] ?? "").trim() !== "")
		.map((l) => ({
			locale: l,
			subject: form[`subject_${l}`] ?? "",
			preheader: form[`preheader_${l}`] ?? "",
			bodyMarkdown: form[`body_${l}`] ?? "",
		}));
	const countries = (form.countries ?? "")
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	return {
		listId: form.listId ?? "",
		defaultLocale: form.defaultLocale || texts[0]?.locale || "en",
		audience: {
			locales: await formValues(c, "locales"),
			countries,
			partners: await formValues(c, "partners"),
		},
		texts,
	};
}

type ComposeInput = Awaited<ReturnType<typeof inputFromForm>>;

/** The compose form's field an issue's path belongs to. */
function composeFieldOf(input: ComposeInput) {
	return (path: string): string => {
		const [head, index, field] = path.split(".");
		if (head === "texts") {
			const locale = input.texts[Number(index)]?.locale ?? "en";
			if (!index) return "subject_en";
			return `${field === "preheader" ? "preheader" : field === "bodyMarkdown" ? "body" : "subject"}_${locale}`;
		}
		if (head === "audience") return index === "countries" ? "countries" : "listId";
		if (head === "(body)") return "defaultLocale";
		return head ?? path;
	};
}

async function ComposeForm(props: {
	c: Context<ConsoleEnv>;
	action: string;
	bulletin?: Pick<Bulletin, "listId" | "defaultLocale" | "audience">;
	texts?: Pick<BulletinText, "locale" | "subject" | "preheader" | "bodyMarkdown">[];
	errors?: FieldErrors;
}) {
	const { c, bulletin, errors } = props;
	const [lists, partners] = await Promise.all([listListsForEditing(c.var.db), listPartners(c.var.db)]);
	const textOf = (l: string) => props.texts?.find((t) => t.locale === l);
	const audience = bulletin?.audience ?? {};
	return (
		<form method="post" action={props.action}>
			<Csrf token={c.var.csrf} />
			<ErrorSummary errors={errors} />
			<fieldset>
				<legend>Audience</legend>
				<label for="listId">List</label>
				<select id="listId" name="listId" required {...describedBy(errors, "listId")}>
					{lists.map((l) => (
						<option value={l.id} selected={bulletin?.listId === l.id}>
							{l.name} ({l.active} active subscribers)
						</option>
					))}
				</select>
				<FieldError errors={errors} name="listId" />
				<p class="muted">Narrow it (leave empty for everyone on the list):</p>
				<fieldset class="row">
					<legend>Languages</legend>
					{locales.map((l) => (
						<span class="check">
							<input type="checkbox" id={`aud-${l}`} name="locales" value={l} checked={audience.locales?.includes(l)} />
							<label for={`aud-${l}`}>{languageNames[l]}</label>
						</span>
					))}
				</fieldset>
				<label for="countries">Countries (ISO codes, separated by commas)</label>
				<input
					id="countries"
					name="countries"
					type="text"
					value={(audience.countries ?? []).join(", ")}
					placeholder="e.g. FR, CD, UA"
					{...describedBy(errors, "countries")}
				/>
				<FieldError errors={errors} name="countries" />
				{partners.length > 0 ? (
					<fieldset class="row">
						<legend>Partners</legend>
						{partners.map((p) => (
							<span class="check">
								<input
									type="checkbox"
									id={`ptn-${p.slug}`}
									name="partners"
									value={p.slug}
									checked={audience.partners?.includes(p.slug)}
								/>
								<label for={`ptn-${p.slug}`}>{p.name}</label>
							</span>
						))}
					</fieldset>
				) : null}
				<label for="defaultLocale">Version for subscribers whose language has none</label>
				<select id="defaultLocale" name="defaultLocale" {...describedBy(errors, "defaultLocale")}>
					{locales.map((l) => (
						<option value={l} selected={(bulletin?.defaultLocale ?? "en") === l}>
							{languageNames[l]}
						</option>
					))}
				</select>
				<FieldError errors={errors} name="defaultLocale" />
			</fieldset>
			<p class="muted">
				Write the body in Markdown (**bold**, _italic_, [links](https://…), lists, ## headings). Each email starts with
				a greeting by name and ends with an unsubscribe link: do not write them. A language left empty is not sent; its
				subscribers get the version above.
			</p>
			{locales.map((l, i) => {
				const t = textOf(l);
				return (
					<details open={i === 0 || t !== undefined}>
						<summary>
							{languageNames[l]} ({l}){t ? " ✓" : ""}
						</summary>
						<div dir={l === "ar" ? "rtl" : undefined} lang={l}>
							<label for={`subject_${l}`}>Subject ({languageNames[l]})</label>
							<input
								id={`subject_${l}`}
								name={`subject_${l}`}
								type="text"
								maxlength={200}
								value={t?.subject ?? ""}
								{...describedBy(errors, `subject_${l}`)}
							/>
							<FieldError errors={errors} name={`subject_${l}`} />
							<label for={`preheader_${l}`}>Preheader ({languageNames[l]})</label>
							<input
								id={`preheader_${l}`}
								name={`preheader_${l}`}
								type="text"
								maxlength={200}
								value={t?.preheader ?? ""}
								{...describedBy(errors, `preheader_${l}`)}
							/>
							<FieldError errors={errors} name={`preheader_${l}`} />
							<label for={`body_${l}`}>Body in Markdown ({languageNames[l]})</label>
							<textarea id={`body_${l}`} name={`body_${l}`} {...describedBy(errors, `body_${l}`)}>
								{t?.bodyMarkdown ?? ""}
							</textarea>
							<FieldError errors={errors} name={`body_${l}`} />
						</div>
					</details>
				);
			})}
			<p>
				<button type="submit">Save draft</button>
			</p>
		</form>
	);
}

/** Who acts, for the audit rows the bulletin functions write in the batch of each change. */
const actorOf = (c: Context<ConsoleEnv>) => c.var.actor ?? "console";

/** The compose form again, with what was typed and each issue next to its field (422). */
async function composeAgain(
	c: Context<ConsoleEnv>,
	title: string,
	action: string,
	input: ComposeInput,
	issues: FieldIssue[],
) {
	const errors = fieldErrors(issues, composeFieldOf(input));
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/bulletins">
			<h1>{title}</h1>
			{
				await ComposeForm({
					c,
					action,
					bulletin: { listId: input.listId, defaultLocale: input.defaultLocale, audience: input.audience as never },
					texts: input.texts,
					errors,
				})
			}
		</ConsolePage>,
		422,
	);
}

function ProgressReport(props: { p: BulletinProgress }) {
	const { p } = props;
	const settled = p.sent + p.failed + p.skipped;
	return (
		<>
			<p>
				<progress max={Math.max(p.total, 1)} value={settled} aria-label="Settled deliveries" />
			</p>
			<div class="cards" role="status">
				{(
					[
						["Recipients", p.total],
						["Queued", p.queued + p.sending],
						["Sent", p.sent],
						["Failed", p.failed],
						["Skipped", p.skipped],
					] as const
				).map(([label, n]) => (
					<div class="card">
						<div class="muted">{label}</div>
						<div class="n" data-figure={label.toLowerCase()}>
							{n}
						</div>
					</div>
				))}
			</div>
			<p class="muted">
				{p.startedAt ? `Started ${when(p.startedAt)}. ` : ""}
				{p.finishedAt ? `Finished ${when(p.finishedAt)}.` : ""} Skipped: unsubscribed, suppressed or erased by the time
				their turn came (or cancelled).
			</p>
		</>
	);
}

const statusLabel: Record<string, string> = {
	draft: "Draft",
	scheduled: "Scheduled",
	sending: "Sending",
	paused: "Paused",
	sent: "Finished",
	cancelled: "Cancelled",
};

function page(c: Context<ConsoleEnv>, title: string, children: Child, refresh?: number) {
	return c.html(
		<ConsolePage
			title={title}
			campaigner={c.var.campaigner}
			csrf={c.var.csrf}
			section="/console/bulletins"
			refresh={refresh}
		>
			{children}
		</ConsolePage>,
	);
}

const notices: Record<string, string> = {
	saved: "Draft saved.",
	"test-sent": "Test sent to your address. It arrives marked [TEST].",
	scheduled: "Scheduled.",
	paused: "Paused. Nobody is sent anything until you resume.",
	resumed: "Resumed.",
	cancelled: "Cancelled. Those not yet sent to are skipped.",
};

async function mustFind(c: Context<ConsoleEnv>, id: string) {
	const found = await getBulletin(c.var.db, id);
	if (!found) throw new ApiError(404, "bulletin_not_found", "There is no such bulletin.");
	return found;
}

/** Bulletins: compose per language, preview, test, send now or later, watch, pause, resume, cancel. */
export const bulletinPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listBulletins(c.var.db);
		const subjects = await Promise.all(rows.map((b) => getBulletin(c.var.db, b.id)));
		return page(
			c,
			"Bulletins",
			<>
				<h1>Bulletins</h1>
				<p>
					<a class="button" href="/console/bulletins/new">
						Write a bulletin
					</a>
				</p>
				<table class="stack">
					<thead>
						<tr>
							<th>Subject</th>
							<th>Status</th>
							<th>Sent / recipients</th>
							<th>Created</th>
						</tr>
					</thead>
					<tbody>
						{rows.map((b, i) => {
							const t = subjects[i]?.texts;
							const subject = (t?.find((x) => x.locale === b.defaultLocale) ?? t?.[0])?.subject ?? "(no subject)";
							return (
								<tr>
									<td data-label="Subject">
										<a href={`/console/bulletins/${b.id}`}>{subject}</a>
									</td>
									<td data-label="Status">{statusLabel[b.status] ?? b.status}</td>
									<td data-label="Sent">
										{b.progress.sent} / {b.progress.total}
									</td>
									<td data-label="Created">{when(b.createdAt)}</td>
								</tr>
							);
						})}
					</tbody>
				</table>
			</>,
		);
	})
	.get("/new", async (c) =>
		page(
			c,
			"Write a bulletin",
			<>
				<h1>Write a bulletin</h1>
				{await ComposeForm({ c, action: "/console/bulletins" })}
			</>,
		),
	)
	.post("/", async (c) => {
		const input = await inputFromForm(c);
		const parsed = v.safeParse(bulletinInput, input);
		if (!parsed.success)
			return composeAgain(c, "Write a bulletin", "/console/bulletins", input, toFieldIssues(parsed.issues));
		try {
			const b = await createBulletin(c.var.db, parsed.output, actorOf(c), Date.now());
			return c.redirect(`/console/bulletins/${b.id}?notice=saved`, 303);
		} catch (err) {
			const issues = savedIssues(err);
			if (issues) return composeAgain(c, "Write a bulletin", "/console/bulletins", input, issues);
			throw err;
		}
	})
	.get("/:id", async (c) => {
		const id = c.req.param("id");
		const { bulletin, texts } = await mustFind(c, id);
		const notice = notices[c.req.query("notice") ?? ""];
		const title = (texts.find((t) => t.locale === bulletin.defaultLocale) ?? texts[0])?.subject ?? "Bulletin";
		const editable = bulletin.status === "draft" || bulletin.status === "scheduled";
		const head = (
			<>
				<p class="muted">
					<a href="/console/bulletins">Bulletins</a> ›
				</p>
				<h1>{title}</h1>
				<p>
					Status: <strong data-status={bulletin.status}>{statusLabel[bulletin.status]}</strong>
					{bulletin.status === "scheduled" && bulletin.sendAt ? ` for ${when(bulletin.sendAt)}` : ""}
				</p>
				{notice ? (
					<p class="notice" role="status">
						{notice}
					</p>
				) : null}
			</>
		);
		if (!editable) {
			const p = await bulletinProgress(c.var.db, id);
			const running = p.status === "sending";
			return page(
				c,
				title,
				<>
					{head}
					<h2>{p.status === "sent" || p.status === "cancelled" ? "Report" : "Progress"}</h2>
					<ProgressReport p={p} />
					{running ? <p class="muted">This page refreshes every few seconds while the send runs.</p> : null}
					<div class="row">
						{p.status === "sending" ? (
							<PostButton action={`/console/bulletins/${id}/pause`} label="Pause" csrf={c.var.csrf} secondary />
						) : null}
						{p.status === "paused" ? (
							<PostButton action={`/console/bulletins/${id}/resume`} label="Resume" csrf={c.var.csrf} />
						) : null}
						{p.status === "sending" || p.status === "paused" ? (
							<PostButton
								action={`/console/bulletins/${id}/cancel`}
								label="Cancel the send"
								csrf={c.var.csrf}
								secondary
							/>
						) : null}
					</div>
					<h2>Versions</h2>
					<ul>
						{texts.map((t) => (
							<li>
								{languageNames[t.locale]}: {t.subject} (
								<a href={`/console/bulletins/${id}/preview/${t.locale}`} target="_blank" rel="noopener">
									preview
								</a>
								)
							</li>
						))}
					</ul>
				</>,
				running ? 3 : undefined,
			);
		}
		const audienceCount = await countAudience(c.var.db, bulletin.listId, bulletin.audience);
		return page(
			c,
			title,
			<>
				{head}
				<h2>Check it</h2>
				<p>
					It would go to <strong data-figure="audience">{audienceCount}</strong>{" "}
					{audienceCount === 1 ? "subscriber" : "subscribers"} now (those who leave before their turn are skipped).
				</p>
				<ul>
					{texts.map((t) => (
						<li>
							<a href={`/console/bulletins/${id}/preview/${t.locale}`} target="_blank" rel="noopener">
								Preview in {languageNames[t.locale]}
							</a>
							: “{t.subject}”
						</li>
					))}
				</ul>
				<form method="post" action={`/console/bulletins/${id}/test`} class="row">
					<Csrf token={c.var.csrf} />
					<label for="test-locale">Send a test to {c.var.campaigner?.email} in</label>
					<select id="test-locale" name="locale">
						{texts.map((t) => (
							<option value={t.locale}>{languageNames[t.locale]}</option>
						))}
					</select>
					<button type="submit" class="secondary">
						Send me a test
					</button>
				</form>
				<h2>Send it</h2>
				<div class="row">
					<PostButton
						action={`/console/bulletins/${id}/send`}
						label={`Send now to ${audienceCount} ${audienceCount === 1 ? "subscriber" : "subscribers"}`}
						csrf={c.var.csrf}
						fields={{ when: "now" }}
					/>
				</div>
				<form method="post" action={`/console/bulletins/${id}/send`}>
					<Csrf token={c.var.csrf} />
					<input type="hidden" name="when" value="later" />
					<label for="sendAt">Or at a set time (UTC)</label>
					<input id="sendAt" name="sendAt" type="datetime-local" required />
					<p>
						<button type="submit" class="secondary">
							Schedule
						</button>
					</p>
				</form>
				{bulletin.status === "scheduled" ? (
					<PostButton
						action={`/console/bulletins/${id}/cancel`}
						label="Cancel the scheduled send"
						csrf={c.var.csrf}
						secondary
					/>
				) : null}
				<h2>Edit</h2>
				{await ComposeForm({ c, action: `/console/bulletins/${id}`, bulletin, texts })}
			</>,
		);
	})
	.post("/:id", async (c) => {
		const id = c.req.param("id");
		const input = await inputFromForm(c);
		const action = `/console/bulletins/${id}`;
		const parsed = v.safeParse(bulletinInput, input);
		if (!parsed.success) return composeAgain(c, "Edit a bulletin", action, input, toFieldIssues(parsed.issues));
		try {
			await updateBulletin(c.var.db, id, parsed.output, Date.now(), actorOf(c));
		} catch (err) {
			const issues = savedIssues(err);
			if (issues) return composeAgain(c, "Edit a bulletin", action, input, issues);
			throw err;
		}
		return c.redirect(`/console/bulletins/${id}?notice=saved`, 303);
	})
	/** The email as subscribers will see it, with a sample name; the global CSP keeps it script-free. */
	.get("/:id/preview/:locale", async (c) => {
		const deps = bulletinDeps(c.env, c.var.db);
		const preview = await previewBulletin(deps, c.req.param("id"), c.req.param("locale"));
		if (!preview) throw new ApiError(404, "not_found", "There is no such bulletin or version.");
		c.header("X-Robots-Tag", "noindex");
		return c.html(preview.html);
	})
	.post("/:id/test", async (c) => {
		const id = c.req.param("id");
		const form = await formOf(c);
		const { texts } = await mustFind(c, id);
		const locale = texts.find((t) => t.locale === form.locale)?.locale ?? texts[0]?.locale ?? "en";
		const email = c.var.campaigner?.email;
		if (!email) throw new ApiError(403, "signed_out", "Sign in again.");
		await sendTestBulletin(bulletinDeps(c.env, c.var.db), id, email, locale, Date.now(), actorOf(c));
		return c.redirect(`/console/bulletins/${id}?notice=test-sent`, 303);
	})
	.post("/:id/send", async (c) => {
		const id = c.req.param("id");
		const form = await formOf(c);
		const now = Date.now();
		let sendAt: number | null = null;
		if (form.when === "later") {
			// datetime-local carries no zone: the form says UTC.
			const raw = form.sendAt ?? "";
			const at = Date.parse(raw.length === 16 ? `${raw}:00Z` : `${raw}Z`);
			if (!Number.isFinite(at)) {
				return invalidForm(
					c,
					"Schedule",
					[{ message: "Give the date and time to send at.", path: [{ key: "sendAt" }] }],
					`/console/bulletins/${id}`,
				);
			}
			if (at <= now) {
				return invalidForm(
					c,
					"Schedule",
					[{ message: "That time has passed: choose a later one, or send now.", path: [{ key: "sendAt" }] }],
					`/console/bulletins/${id}`,
				);
			}
			sendAt = at;
		}
		await scheduleBulletin(bulletinDeps(c.env, c.var.db), id, sendAt, now, actorOf(c));
		return c.redirect(`/console/bulletins/${id}${sendAt ? "?notice=scheduled" : ""}`, 303);
	})
	.post("/:id/pause", async (c) => {
		const id = c.req.param("id");
		const now = Date.now();
		await pauseBulletin(bulletinDeps(c.env, c.var.db), id, now, actorOf(c));
		return c.redirect(`/console/bulletins/${id}?notice=paused`, 303);
	})
	.post("/:id/resume", async (c) => {
		const id = c.req.param("id");
		const now = Date.now();
		await resumeBulletin(bulletinDeps(c.env, c.var.db), id, now, actorOf(c));
		return c.redirect(`/console/bulletins/${id}?notice=resumed`, 303);
	})
	.post("/:id/cancel", async (c) => {
		const id = c.req.param("id");
		const now = Date.now();
		await cancelBulletin(bulletinDeps(c.env, c.var.db), id, now, actorOf(c));
		return c.redirect(`/console/bulletins/${id}?notice=cancelled`, 303);
	});
