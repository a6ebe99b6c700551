/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import * as v from "valibot";
import { bulletinDeps } from "../../deps";
import {
	audienceByLanguage,
	type Bulletin,
	type BulletinProgress,
	type BulletinText,
	bulletinInput,
	bulletinProgress,
	cancelBulletin,
	countAudience,
	createBulletin,
	deleteBulletinDraft,
	getBulletin,
	listBulletins,
	pauseBulletin,
	previewBulletin,
	resumeBulletin,
	scheduleBulletin,
	sendTestBulletin,
	unscheduleBulletin,
	updateBulletin,
} from "../../domain/bulletins/bulletins";
import { rememberTimeZone } from "../../domain/console/campaigners";
import { bulletinOr404 } from "../../domain/console/find-or-404";
import { listListsForEditing } from "../../domain/lists/list-editing";
import { listPartners } from "../../domain/partners/partners";
import type { ConsoleEnv } from "../../http/console-auth";
import { toFieldIssues } from "../../http/validate";
import { englishLanguageNames as languageNames, locales } from "../../i18n/locales";
import { DomainError, type FieldIssue } from "../../lib/errors";
import { bothTimes, datetimeLocalValue, localToUtc, timeZoneNames, validTimeZone } from "../../lib/time-zones";
import {
	describedBy,
	ErrorSummary,
	FieldError,
	type FieldErrors,
	fieldErrors,
	formOf,
	formValues,
	savedIssues,
} from "./forms";
import { ConsolePage, Csrf, PostButton } from "./layout";
import { noun, num } from "./numbers";

const when = (ms: number | null) =>
	ms === null ? "" : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A time as the campaigner chose it and in UTC: both, when the zone is not UTC. */
function BothTimes(props: { at: number; zone: string | null | undefined }) {
	const { local, utc } = bothTimes(props.at, props.zone);
	return local ? (
		<>
			<strong data-time="local">{local}</strong> (<span data-time="utc">{utc}</span>)
		</>
	) : (
		<strong data-time="utc">{utc}</strong>
	);
}

const subscribers = (n: number) => `${num(n)} ${noun(n, { one: "subscriber", other: "subscribers" })}`;

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
							{num(n)}
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
	unscheduled: "Unscheduled: it is a draft again, and nothing is sent.",
	deleted: "Draft deleted.",
};

async function mustFind(c: Context<ConsoleEnv>, id: string) {
	return bulletinOr404(c.var.db, id);
}

/** What the schedule form was given, and what is wrong with it. */
interface ScheduleForm {
	values: { sendAt: string; zone: string };
	errors?: FieldErrors;
}

/** The zone the schedule form starts with: the campaigner's last choice, else UTC. */
const defaultZone = (c: Context<ConsoleEnv>) => validTimeZone(c.var.campaigner?.timeZone ?? "") ?? "UTC";

type ScheduleChoice =
	| { when: "now"; sendAt: null; zone: null; ambiguous: false }
	| { when: "later"; sendAt: number; zone: string; ambiguous: boolean };

/** Reads "now", or a wall-clock time and its zone, from a query or a form; field errors when it cannot. */
function scheduleChoice(
	form: Record<string, string | undefined>,
	now: number,
): { ok: true; choice: ScheduleChoice } | { ok: false; form: ScheduleForm } {
	if (form.when !== "later") return { ok: true, choice: { when: "now", sendAt: null, zone: null, ambiguous: false } };
	const values = { sendAt: (form.sendAt ?? "").trim(), zone: (form.zone ?? "").trim() || "UTC" };
	const fail = (name: "sendAt" | "zone", message: string) => ({
		ok: false as const,
		form: { values, errors: { [name]: [message] } },
	});
	const zone = validTimeZone(values.zone);
	if (!zone) return fail("zone", "Choose a time zone from the list.");
	if (!values.sendAt) return fail("sendAt", "Give the date and time to send at.");
	const local = localToUtc(values.sendAt, zone);
	if (!local.ok) {
		if (local.reason === "gap") {
			return fail(
				"sendAt",
				`${values.sendAt.replace("T", " ")} does not exist in ${zone}: the clocks skip it (daylight saving time starts). Choose a time before or after the change.`,
			);
		}
		return fail("sendAt", "Give the date and time as day, month, year, hour and minute.");
	}
	if (local.at <= now) return fail("sendAt", "That time has passed: choose a later one, or send now.");
	return { ok: true, choice: { when: "later", sendAt: local.at, zone, ambiguous: local.ambiguous } };
}

/** The schedule step of a bulletin page: a time in a chosen zone, checked on the next page. */
function ScheduleFields(props: { c: Context<ConsoleEnv>; id: string; form: ScheduleForm; now: number }) {
	const { c, id, form } = props;
	const { errors, values } = form;
	const zone = validTimeZone(values.zone) ?? "UTC";
	return (
		<form method="get" action={`/console/bulletins/${id}/confirm`} id="schedule">
			<input type="hidden" name="when" value="later" />
			<ErrorSummary errors={errors} />
			<label for="sendAt">Or at a set time</label>
			<input
				id="sendAt"
				name="sendAt"
				type="datetime-local"
				required
				value={values.sendAt}
				{...describedBy(errors, "sendAt")}
			/>
			<FieldError errors={errors} name="sendAt" />
			<label for="zone">Time zone of that time</label>
			<select id="zone" name="zone" {...describedBy(errors, "zone")}>
				{timeZoneNames().map((z) => (
					<option value={z} selected={z === zone}>
						{z}
					</option>
				))}
			</select>
			<FieldError errors={errors} name="zone" />
			<p class="muted" data-now>
				It is now <BothTimes at={props.now} zone={zone} />. The next page shows the time you chose in {zone} and in UTC
				before anything is scheduled; your choice of zone is remembered for next time
				{c.var.campaigner?.timeZone ? "" : " (until then: UTC)"}.
			</p>
			<p>
				<button type="submit" class="secondary">
					Schedule…
				</button>
			</p>
		</form>
	);
}

/** A bulletin's page: its check, test and send steps while a draft or scheduled; its progress after. */
async function showBulletin(c: Context<ConsoleEnv>, id: string, schedule?: ScheduleForm, status: 200 | 422 = 200) {
	const { bulletin, texts } = await mustFind(c, id);
	const notice = notices[c.req.query("notice") ?? ""];
	const title = (texts.find((t) => t.locale === bulletin.defaultLocale) ?? texts[0])?.subject ?? "Bulletin";
	const editable = bulletin.status === "draft" || bulletin.status === "scheduled";
	const now = Date.now();
	const head = (
		<>
			<p class="muted">
				<a href="/console/bulletins">Bulletins</a> ›
			</p>
			<h1>{title}</h1>
			<p>
				Status: <strong data-status={bulletin.status}>{statusLabel[bulletin.status]}</strong>
				{bulletin.status === "scheduled" && bulletin.sendAt ? (
					<span data-scheduled>
						{" "}
						for <BothTimes at={bulletin.sendAt} zone={bulletin.sendZone} />
					</span>
				) : null}
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
	const myName = c.var.campaigner?.name?.trim() || null;
	const scheduleForm: ScheduleForm = schedule ?? {
		values: {
			sendAt:
				bulletin.status === "scheduled" && bulletin.sendAt
					? datetimeLocalValue(bulletin.sendAt, bulletin.sendZone ?? "UTC")
					: "",
			zone: bulletin.sendZone ?? defaultZone(c),
		},
	};
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/bulletins">
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
						</a>{" "}
						(
						<a href={`/console/bulletins/${id}/preview/${t.locale}?as=no-name`} target="_blank" rel="noopener">
							as someone who gave no name
						</a>
						): “{t.subject}”
					</li>
				))}
			</ul>
			<p class="muted" data-greets>
				{myName
					? `The preview and the test greet you by your name in the console, “${myName}”, as each subscriber is greeted by theirs.`
					: "Your console profile has no name, so the preview and the test greet you as someone who gave none."}{" "}
				Write <code>{"{{name}}"}</code> in a subject, preheader or body for the subscriber's name, or{" "}
				<code>{"{{name|friend}}"}</code> to choose the word used for those who gave none.
			</p>
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
			<form method="get" action={`/console/bulletins/${id}/confirm`} class="row">
				<input type="hidden" name="when" value="now" />
				<button type="submit">Send now…</button>
				<span class="muted">The next page shows who gets which version; nothing is sent before you confirm.</span>
			</form>
			<ScheduleFields c={c} id={id} form={scheduleForm} now={now} />
			{bulletin.status === "scheduled" ? (
				<div class="row">
					<PostButton
						action={`/console/bulletins/${id}/unschedule`}
						label="Unschedule (back to a draft)"
						csrf={c.var.csrf}
						secondary
					/>
					<PostButton
						action={`/console/bulletins/${id}/cancel`}
						label="Cancel the scheduled send"
						csrf={c.var.csrf}
						secondary
					/>
				</div>
			) : null}
			<h2>Edit</h2>
			{await ComposeForm({ c, action: `/console/bulletins/${id}`, bulletin, texts })}
			{bulletin.status === "draft" ? (
				<>
					<h2>Delete</h2>
					<p>
						<a class="button secondary" href={`/console/bulletins/${id}/delete`}>
							Delete this draft…
						</a>
					</p>
				</>
			) : (
				<p class="muted">To delete this bulletin, unschedule it first: only a draft can be deleted.</p>
			)}
		</ConsolePage>,
		status,
	);
}

/** The step before a send or a schedule: who gets which version, and when; only its form sends. */
async function confirmPage(
	c: Context<ConsoleEnv>,
	id: string,
	choice: ScheduleChoice,
	status: 200 | 409 = 200,
	problem?: string,
) {
	const { bulletin, texts } = await mustFind(c, id);
	if (bulletin.status !== "draft" && bulletin.status !== "scheduled") {
		throw new DomainError(
			409,
			"bulletin_state",
			`This bulletin is ${statusLabel[bulletin.status]?.toLowerCase()}: it cannot be sent again.`,
		);
	}
	const title = (texts.find((t) => t.locale === bulletin.defaultLocale) ?? texts[0])?.subject ?? "Bulletin";
	const rows = await audienceByLanguage(c.var.db, bulletin, texts);
	const total = rows.reduce((n, r) => n + r.count, 0);
	const heading = choice.when === "now" ? "Send it now?" : "Schedule it?";
	return c.html(
		<ConsolePage title={heading} campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/bulletins">
			<p class="muted">
				<a href="/console/bulletins">Bulletins</a> › <a href={`/console/bulletins/${id}`}>{title}</a> ›
			</p>
			<h1>{heading}</h1>
			{problem ? (
				<p class="problem" role="alert">
					{problem}
				</p>
			) : null}
			{choice.when === "later" ? (
				<p data-confirm-time>
					It starts at <BothTimes at={choice.sendAt} zone={choice.zone} />.
					{choice.ambiguous
						? ` That time happens twice in ${choice.zone} that night (the clocks go back): the first of the two is used.`
						: ""}
				</p>
			) : (
				<p>It starts as soon as you confirm, and cannot be taken back once sent (it can be paused or cancelled).</p>
			)}
			<p>
				It goes to <strong data-figure="confirm-total">{num(total)}</strong>{" "}
				{noun(total, { one: "subscriber", other: "subscribers" })} as of now
				{choice.when === "later" ? " (counted again when it starts)" : ""}:
			</p>
			{rows.length === 0 ? (
				<p class="problem" data-empty="audience">
					Nobody on this list matches the audience yet: nothing would be sent. Check the list and its filters.
				</p>
			) : (
				<table class="stack" data-table="audience">
					<thead>
						<tr>
							<th>Subscribers' language</th>
							<th>Recipients</th>
							<th>Version they get</th>
							<th>Subject</th>
						</tr>
					</thead>
					<tbody>
						{rows.map((r) => (
							<tr data-locale={r.locale}>
								<td data-label="Language">{languageNames[r.locale] ?? r.locale}</td>
								<td data-label="Recipients">{num(r.count)}</td>
								<td data-label="Version">
									{languageNames[r.version] ?? r.version}
									{r.fallback ? ` (fallback: no ${languageNames[r.locale] ?? r.locale} version)` : ""}
								</td>
								<td data-label="Subject" lang={r.version} dir={r.version === "ar" ? "rtl" : undefined}>
									{r.subject}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
			<form method="post" action={`/console/bulletins/${id}/send`} class="row">
				<Csrf token={c.var.csrf} />
				<input type="hidden" name="when" value={choice.when} />
				<input type="hidden" name="confirmed" value="1" />
				<input type="hidden" name="version" value={String(bulletin.updatedAt)} />
				{choice.when === "later" ? (
					<>
						<input type="hidden" name="sendAt" value={datetimeLocalValue(choice.sendAt, choice.zone)} />
						<input type="hidden" name="zone" value={choice.zone} />
					</>
				) : null}
				<button type="submit">
					{choice.when === "now" ? `Send now to ${subscribers(total)}` : `Schedule for ${subscribers(total)}`}
				</button>
				<a class="button secondary" href={`/console/bulletins/${id}`}>
					Cancel: back to the bulletin
				</a>
			</form>
		</ConsolePage>,
		status,
	);
}

/** Bulletins: compose per language, preview, test, send now or later (each confirmed first), watch, pause, resume, cancel, delete drafts. */
export const bulletinPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const rows = await listBulletins(c.var.db);
		const subjects = await Promise.all(rows.map((b) => getBulletin(c.var.db, b.id)));
		return page(
			c,
			"Bulletins",
			<>
				<h1>Bulletins</h1>
				{c.req.query("notice") === "deleted" ? (
					<p class="notice" role="status">
						{notices.deleted}
					</p>
				) : null}
				<p>
					<a class="button" href="/console/bulletins/new">
						Write a bulletin
					</a>
				</p>
				{rows.length === 0 ? (
					<p class="empty" data-empty="bulletins">
						No bulletin yet. A bulletin is an update emailed to a list's confirmed subscribers, written in each of their
						languages. <a href="/console/bulletins/new">Write the first one</a>: it stays a draft, to preview and test,
						until you send or schedule it.
					</p>
				) : null}
				{rows.length > 0 ? (
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
											{num(b.progress.sent)} / {num(b.progress.total)}
										</td>
										<td data-label="Created">{when(b.createdAt)}</td>
									</tr>
								);
							})}
						</tbody>
					</table>
				) : null}
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
	.get("/:id", async (c) => showBulletin(c, c.req.param("id")))
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
		const name = c.req.query("as") === "no-name" ? null : c.var.campaigner?.name?.trim() || null;
		const preview = await previewBulletin(deps, c.req.param("id"), c.req.param("locale"), name);
		if (!preview) throw new DomainError(404, "not_found", "There is no such bulletin or version.");
		c.header("X-Robots-Tag", "noindex");
		return c.html(preview.html);
	})
	.post("/:id/test", async (c) => {
		const id = c.req.param("id");
		const form = await formOf(c);
		const { texts } = await mustFind(c, id);
		const locale = texts.find((t) => t.locale === form.locale)?.locale ?? texts[0]?.locale ?? "en";
		const email = c.var.campaigner?.email;
		if (!email) throw new DomainError(403, "signed_out", "Sign in again.");
		const name = c.var.campaigner?.name?.trim() || null;
		await sendTestBulletin(bulletinDeps(c.env, c.var.db), id, email, locale, Date.now(), name, actorOf(c));
		return c.redirect(`/console/bulletins/${id}?notice=test-sent`, 303);
	})
	.get("/:id/confirm", async (c) => {
		const id = c.req.param("id");
		const read = scheduleChoice(c.req.query(), Date.now());
		if (!read.ok) return showBulletin(c, id, read.form, 422);
		return confirmPage(c, id, read.choice);
	})
	/** Only the confirmation page's form sends: anything else posted here is shown that page first. */
	.post("/:id/send", async (c) => {
		const id = c.req.param("id");
		const form = await formOf(c);
		const now = Date.now();
		const read = scheduleChoice(form, now);
		if (!read.ok) return showBulletin(c, id, read.form, 422);
		const { choice } = read;
		if (form.confirmed !== "1") return confirmPage(c, id, choice);
		const { bulletin } = await mustFind(c, id);
		if (form.version !== String(bulletin.updatedAt)) {
			return confirmPage(
				c,
				id,
				choice,
				409,
				"The bulletin changed since this page was shown (edited, scheduled or sent elsewhere). Check it again below.",
			);
		}
		const sendAt = choice.sendAt;
		await scheduleBulletin(bulletinDeps(c.env, c.var.db), id, sendAt, now, choice.zone, actorOf(c));
		if (choice.zone && c.var.campaigner) await rememberTimeZone(c.var.db, c.var.campaigner.id, choice.zone);
		return c.redirect(`/console/bulletins/${id}${sendAt ? "?notice=scheduled" : ""}`, 303);
	})
	.post("/:id/unschedule", async (c) => {
		const id = c.req.param("id");
		await unscheduleBulletin(c.var.db, id, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/bulletins/${id}?notice=unscheduled`, 303);
	})
	.get("/:id/delete", async (c) => {
		const id = c.req.param("id");
		const { bulletin, texts } = await mustFind(c, id);
		const title = (texts.find((t) => t.locale === bulletin.defaultLocale) ?? texts[0])?.subject ?? "Bulletin";
		if (bulletin.status !== "draft") {
			throw new DomainError(
				409,
				"bulletin_not_draft",
				bulletin.status === "scheduled"
					? "A scheduled bulletin cannot be deleted: unschedule it first (it becomes a draft again)."
					: "Only a draft can be deleted: a bulletin that started keeps its report.",
			);
		}
		return page(
			c,
			"Delete this draft?",
			<>
				<p class="muted">
					<a href="/console/bulletins">Bulletins</a> › <a href={`/console/bulletins/${id}`}>{title}</a> ›
				</p>
				<h1>Delete this draft?</h1>
				<p>This deletes the draft and its {texts.length === 1 ? "version" : `${texts.length} versions`} for good:</p>
				<ul>
					{texts.map((t) => (
						<li>
							{languageNames[t.locale]}: “{t.subject}”
						</li>
					))}
				</ul>
				<div class="row">
					<PostButton action={`/console/bulletins/${id}/delete`} label="Delete the draft" csrf={c.var.csrf} />
					<a class="button secondary" href={`/console/bulletins/${id}`}>
						Cancel: keep it
					</a>
				</div>
			</>,
		);
	})
	.post("/:id/delete", async (c) => {
		await deleteBulletinDraft(c.var.db, c.req.param("id"), c.var.actor ?? "console", Date.now());
		return c.redirect("/console/bulletins?notice=deleted", 303);
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
