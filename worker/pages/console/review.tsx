/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { deadIntake } from "../../domain/console/dead-intake";
import {
	deadEmails,
	heldLetters,
	retryDeadEmail,
	reviewHeldLetter,
	waitsForAddress,
} from "../../domain/console/review-queues";
import type { ConsoleEnv } from "../../http/console-auth";
import { formOf } from "./forms";
import { ConsolePage, PostButton } from "./layout";

/** Why a letter is held, in words. */
const holdReasons: Record<string, string> = {
	"near-duplicate": "near-identical to many other letters",
	"no-contact": "waiting for the State's address",
	bouncing: "the State's addresses bounce",
};

const notices: Record<string, string> = {
	release: "Letter released: it goes out with the next delivery.",
	reject: "Letter rejected: it will not be sent.",
	retry: "Email queued for a fresh set of attempts.",
	gone: "That item had already been dealt with.",
};

/** What waits for a person: letters held for review or for an address, and dead emails. */
export const reviewPages = new Hono<ConsoleEnv>()
	.get("/", async (c) => {
		const [held, dead, intake] = await Promise.all([heldLetters(c.var.db), deadEmails(c.var.db), deadIntake(c.var.db)]);
		const notice = notices[c.req.query("notice") ?? ""];
		return c.html(
			<ConsolePage title="Review" campaigner={c.var.campaigner} csrf={c.var.csrf} section="/console/review">
				<h1>Review</h1>
				{notice ? (
					<p class="notice" role="status">
						{notice}
					</p>
				) : null}
				<h2>Letters held ({held.length})</h2>
				{held.length === 0 ? (
					<p class="muted" data-empty="held">
						No letter is waiting. Letters come here when they are near-identical to many others (a campaign's limit in
						its settings), or when their State has no working address yet; you then release or reject them.
					</p>
				) : null}
				{held.map((l) => {
					const stateName = l.stateNames.en ?? l.state;
					const noAddress = waitsForAddress(l.holdReason);
					return (
						<details data-letter={l.id}>
							<summary>
								{stateName}: {l.subject} ({holdReasons[l.holdReason ?? ""] ?? "held"})
							</summary>
							<p class="muted">From {l.writerName}</p>
							<pre style="white-space:pre-wrap">{l.body}</pre>
							{noAddress ? (
								<p class="problem" data-why>
									{l.holdReason === "bouncing"
										? `This letter cannot go yet: every email address we have for ${stateName} bounces.`
										: `This letter cannot go yet: there is no email address for ${stateName} in the States directory.`}{" "}
									Releasing it would not help. Once the State has a working address, it goes out by itself with the next
									delivery. <a href={`/console/states/${l.state}`}>Add {stateName}'s address</a>
								</p>
							) : null}
							<div class="row">
								{noAddress ? null : (
									<PostButton
										action="/console/review/letters/release"
										label="Release"
										csrf={c.var.csrf}
										fields={{ id: l.id }}
									/>
								)}
								<PostButton
									action="/console/review/letters/reject"
									label="Reject"
									csrf={c.var.csrf}
									secondary
									fields={{ id: l.id }}
								/>
							</div>
						</details>
					);
				})}
				<h2 id="dead">Dead emails ({dead.length})</h2>
				{dead.length === 0 ? (
					<p class="muted" data-empty="dead">
						No email ran out of attempts. An email the provider refused for good, or that failed every retry, would be
						listed here, with its last error and a way to try again once the cause is fixed.
					</p>
				) : null}
				{dead.length > 0 ? (
					<table class="stack">
						<thead>
							<tr>
								<th>To</th>
								<th>Kind</th>
								<th>Attempts</th>
								<th>Last error</th>
								<th />
							</tr>
						</thead>
						<tbody>
							{dead.map((e) => (
								<tr>
									<td data-label="To">{e.to}</td>
									<td data-label="Kind">{e.template}</td>
									<td data-label="Attempts">{e.attempts}</td>
									<td data-label="Last error">{e.lastError ?? ""}</td>
									<td>
										<PostButton
											action="/console/review/emails/retry"
											label="Retry"
											csrf={c.var.csrf}
											secondary
											fields={{ id: e.id }}
										/>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				) : null}
				<h2 id="dead-intake">Requests not written ({intake.total})</h2>
				{intake.total === 0 ? (
					<p class="muted" data-empty="dead-intake">
						Every accepted request was written. A signature that could not be written after every retry would be counted
						here (what it was for, never who sent it).
					</p>
				) : (
					<table class="stack">
						<thead>
							<tr>
								<th>Kind</th>
								<th>For</th>
								<th>Attempts</th>
								<th>Given up</th>
							</tr>
						</thead>
						<tbody>
							{intake.rows.map((r) => (
								<tr data-dead-intake={r.id}>
									<td data-label="Kind">{r.kind}</td>
									<td data-label="For">{r.petition ?? "unknown"}</td>
									<td data-label="Attempts">{r.attempts}</td>
									<td data-label="Given up">{new Date(r.deadAt).toISOString()}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</ConsolePage>,
		);
	})
	.post("/letters/:decision{release|reject}", async (c) => {
		const decision = c.req.param("decision") === "release" ? "release" : "reject";
		const { id } = await formOf(c);
		const done = await reviewHeldLetter(c.var.db, id ?? "", decision, c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/review?notice=${done ? decision : "gone"}`, 303);
	})
	.post("/emails/retry", async (c) => {
		const { id } = await formOf(c);
		const done = await retryDeadEmail(c.var.db, c.env.QUEUE, id ?? "", c.var.actor ?? "console", Date.now());
		return c.redirect(`/console/review?notice=${done ? "retry" : "gone"}`, 303);
	});
