/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import { webhookEventTypes } from "../../../schema";
import {
	createWebhookEndpoint,
	getWebhookEndpoint,
	listWebhookAttempts,
	listWebhookEndpoints,
	listWebhookMessages,
	replayWebhookMessage,
	replayWebhookRange,
	rotateWebhookSecret,
	setWebhookEnabled,
	type WebhookEndpointView,
	type WebhookQueueMessage,
	webhookEndpointInput,
	webhookMessageCounts,
	webhookReplayRangeInput,
} from "../../domain/webhooks/endpoints";
import { type ConsoleEnv, requireRole } from "../../http/console-auth";
import { isLocalRun } from "../../lib/environment";
import { formOf, formValues, invalidForm, savedIssues } from "./forms";
import { ConsolePage, Csrf, PostButton } from "./layout";

const date = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 19).replace("T", " "));
const BASE = "/console/webhooks";

async function enqueue(queue: Queue, messages: WebhookQueueMessage[]) {
	for (let i = 0; i < messages.length; i += 100) {
		await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
	}
}

function state(e: WebhookEndpointView) {
	if (e.enabled) return "enabled";
	const why: Record<string, string> = {
		gone: "disabled: the receiver answered 410 Gone",
		failing: "disabled: failing for 3 days",
		campaigner: "disabled",
	};
	return why[e.disabledReason ?? "campaigner"] ?? "disabled";
}

/** The page that shows a secret, once. */
function secretShown(c: Context<ConsoleEnv>, title: string, endpoint: WebhookEndpointView, secret: string) {
	return c.html(
		<ConsolePage title={title} campaigner={c.var.campaigner} csrf={c.var.csrf} section={BASE}>
			<h1>{title}</h1>
			<p class="notice" role="status">
				Copy the signing secret now: it is shown only this once. Give it to the receiving system (it verifies the
				webhook-signature header with it, as Standard Webhooks describes).
			</p>
			<p>
				<code class="token" data-secret>
					{secret}
				</code>
			</p>
			<p>
				Endpoint: <code dir="ltr">{endpoint.url}</code>
			</p>
			{endpoint.rotating ? (
				<p>The previous secret keeps signing too for 24 hours, so the receiver can switch without losing anything.</p>
			) : null}
			<p>
				<a href={`${BASE}/${endpoint.id}`}>Go to the endpoint</a>
			</p>
		</ConsolePage>,
	);
}

/**
 * Outgoing webhooks (admins only: payloads can carry people's addresses): endpoints, their
 * signing secrets (shown once), the messages sent and each attempt, replay.
 */
export const webhookPages = new Hono<ConsoleEnv>()
	.use(requireRole("admin"))
	.get("/", async (c) => {
		const rows = await listWebhookEndpoints(c.var.db, Date.now());
		return c.html(
			<ConsolePage title="Webhooks" campaigner={c.var.campaigner} csrf={c.var.csrf} section={BASE}>
				<h1>Webhooks</h1>
				<p class="muted">
					Events sent to your CRM as they happen, signed as Standard Webhooks describes. Retried for about a day; an
					endpoint failing for 3 days is disabled and admins are emailed.
				</p>
				{rows.length === 0 ? (
					<p class="empty" data-empty="webhooks">
						No endpoint yet. Add the URL where your CRM receives events with the form below.
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>URL</th>
								<th>Events</th>
								<th>Personal data</th>
								<th>State</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((e) => (
								<tr>
									<td data-label="URL">
										<a href={`${BASE}/${e.id}`} dir="ltr">
											{e.url}
										</a>
									</td>
									<td data-label="Events">{e.events.join(", ")}</td>
									<td data-label="Personal data">{e.personalData ? "email and name" : "no"}</td>
									<td data-label="State">{state(e)}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				<h2>New endpoint</h2>
				<form method="post" action={BASE}>
					<Csrf token={c.var.csrf} />
					<label for="url">URL (https)</label>
					<input id="url" name="url" type="url" required dir="ltr" />
					<label for="description">Description (optional)</label>
					<input id="description" name="description" type="text" />
					<fieldset>
						<legend>Events</legend>
						{webhookEventTypes.map((t) => (
							<div class="check">
								<input type="checkbox" id={`event-${t}`} name="events" value={t} />
								<label for={`event-${t}`}>{t}</label>
							</div>
						))}
					</fieldset>
					<div class="check">
						<input type="checkbox" id="personalData" name="personalData" value="on" />
						<label for="personalData">
							Include email and name (only for a CRM that keeps them anyway; this choice is recorded)
						</label>
					</div>
					<p>
						<button type="submit">Add endpoint</button>
					</p>
				</form>
			</ConsolePage>,
		);
	})
	.post("/", async (c) => {
		const form = await formOf(c);
		const parsed = v.safeParse(webhookEndpointInput, {
			url: form.url ?? "",
			description: form.description ?? "",
			events: await formValues(c, "events"),
			personalData: form.personalData === "on",
		});
		if (!parsed.success) return invalidForm(c, "Webhooks", parsed.issues, BASE);
		try {
			const { secret, endpoint } = await createWebhookEndpoint(c.var.db, parsed.output, {
				actor: c.var.actor ?? "console",
				allowLocal: isLocalRun(c.env),
				now: Date.now(),
			});
			return secretShown(c, "Endpoint added", endpoint, secret);
		} catch (err) {
			const issues = savedIssues(err);
			if (issues)
				return invalidForm(
					c,
					"Webhooks",
					issues.map((i) => ({ message: i.message, path: [{ key: i.path }] })),
					BASE,
				);
			throw err;
		}
	})
	.get("/:id", async (c) => {
		const id = c.req.param("id");
		const endpoint = await getWebhookEndpoint(c.var.db, id, Date.now());
		const [messages, counts] = await Promise.all([
			listWebhookMessages(c.var.db, id, 50),
			webhookMessageCounts(c.var.db, id),
		]);
		const here = `${BASE}/${id}`;
		return c.html(
			<ConsolePage title="Webhook endpoint" campaigner={c.var.campaigner} csrf={c.var.csrf} section={BASE}>
				<h1 dir="ltr">{endpoint.url}</h1>
				<p>
					{state(endpoint)} · events: {endpoint.events.join(", ")} · personal data:{" "}
					{endpoint.personalData ? "email and name" : "no"} · secret {endpoint.secretPrefix}
					{endpoint.rotating ? " (the previous one still signs too)" : ""}
				</p>
				<p class="muted">
					Messages:{" "}
					{Object.entries(counts)
						.map(([s, n]) => `${n} ${s}`)
						.join(", ") || "none yet"}
				</p>
				<div class="actions">
					{endpoint.enabled ? (
						<PostButton action={`${here}/disable`} label="Disable" csrf={c.var.csrf} secondary />
					) : (
						<PostButton action={`${here}/enable`} label="Enable" csrf={c.var.csrf} />
					)}
					<PostButton action={`${here}/rotate`} label="Rotate the secret" csrf={c.var.csrf} secondary />
				</div>
				<h2>Replay a time range</h2>
				<form method="post" action={`${here}/replay`}>
					<Csrf token={c.var.csrf} />
					<label for="since">From (UTC)</label>
					<input id="since" name="since" type="datetime-local" required />
					<label for="until">Until (UTC, optional)</label>
					<input id="until" name="until" type="datetime-local" />
					<p>
						<button type="submit">Replay</button>
					</p>
				</form>
				<h2>Latest messages</h2>
				{messages.length === 0 ? (
					<p class="empty">No message yet.</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>Event</th>
								<th>Written</th>
								<th>Status</th>
								<th>Attempts</th>
								<th>Last answer</th>
								<th />
							</tr>
						</thead>
						<tbody>
							{messages.map((m) => (
								<tr>
									<td data-label="Event">
										<a href={`${here}/messages/${m.id}`}>{m.eventType}</a>
									</td>
									<td data-label="Written">{date(m.createdAt)}</td>
									<td data-label="Status">{m.status}</td>
									<td data-label="Attempts">{m.attempts}</td>
									<td data-label="Last answer">{m.lastStatus ?? m.lastError ?? ""}</td>
									<td>
										{m.status === "sending" ? null : (
											<PostButton
												action={`${here}/messages/${m.id}/replay`}
												label="Replay"
												csrf={c.var.csrf}
												secondary
											/>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				<p>
					<a href={BASE}>All endpoints</a>
				</p>
			</ConsolePage>,
		);
	})
	.get("/:id/messages/:messageId", async (c) => {
		const id = c.req.param("id");
		const { message, attempts } = await listWebhookAttempts(c.var.db, id, c.req.param("messageId"));
		return c.html(
			<ConsolePage title="Webhook message" campaigner={c.var.campaigner} csrf={c.var.csrf} section={BASE}>
				<h1>
					{message.eventType} <code>{message.id}</code>
				</h1>
				<p>
					{message.status} · written {date(message.createdAt)}
				</p>
				<pre dir="ltr">{JSON.stringify(message.payload, null, 2)}</pre>
				<h2>Attempts</h2>
				{attempts.length === 0 ? (
					<p class="empty">Not tried yet.</p>
				) : (
					<table class="stack" data-attempts>
						<thead>
							<tr>
								<th>Time</th>
								<th>Status code</th>
								<th>Latency</th>
								<th>Error</th>
							</tr>
						</thead>
						<tbody>
							{attempts.map((a) => (
								<tr>
									<td data-label="Time">{date(a.createdAt)}</td>
									<td data-label="Status code">{a.statusCode ?? "no answer"}</td>
									<td data-label="Latency">{a.latencyMs} ms</td>
									<td data-label="Error">{a.error ?? ""}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
				<p>
					<a href={`${BASE}/${id}`}>Back to the endpoint</a>
				</p>
			</ConsolePage>,
		);
	})
	.post("/:id/rotate", async (c) => {
		const { secret, endpoint } = await rotateWebhookSecret(
			c.var.db,
			c.req.param("id"),
			c.var.actor ?? "console",
			Date.now(),
		);
		return secretShown(c, "Secret rotated", endpoint, secret);
	})
	.post("/:id/:change{enable|disable}", async (c) => {
		const id = c.req.param("id");
		await setWebhookEnabled(c.var.db, id, c.req.param("change") === "enable", c.var.actor ?? "console", Date.now());
		return c.redirect(`${BASE}/${id}`, 303);
	})
	.post("/:id/messages/:messageId/replay", async (c) => {
		const id = c.req.param("id");
		const queued = await replayWebhookMessage(
			c.var.db,
			id,
			c.req.param("messageId"),
			c.var.actor ?? "console",
			Date.now(),
		);
		await enqueue(c.env.WEBHOOK_QUEUE, queued);
		return c.redirect(`${BASE}/${id}`, 303);
	})
	.post("/:id/replay", async (c) => {
		const id = c.req.param("id");
		const form = await formOf(c);
		// datetime-local has no zone: the form says UTC.
		const iso = (s: string | undefined) => (s ? `${s.length === 16 ? `${s}:00` : s}Z` : undefined);
		const parsed = v.safeParse(webhookReplayRangeInput, { since: iso(form.since) ?? "", until: iso(form.until) });
		if (!parsed.success) return invalidForm(c, "Webhooks", parsed.issues, `${BASE}/${id}`);
		const queued = await replayWebhookRange(c.var.db, id, parsed.output, c.var.actor ?? "console", Date.now());
		await enqueue(c.env.WEBHOOK_QUEUE, queued);
		return c.redirect(`${BASE}/${id}`, 303);
	});
