/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { deadEmails, heldLetters, retryDeadEmail, reviewHeldLetter } from "../../domain/review-queues";
import type { ConsoleEnv } from "../../middleware/console-auth";
import { formOf } from "./forms";
import { ConsolePage, PostButton } from "./layout";

/** Why a letter is held, in words (never the code). */
const holdReasonWords: Record<string, string> = {
	"near-duplicate": "nearly identical to other letters",
	"no-contact": "no address for this State yet",
	bouncing: "this State's address bounces",
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
		const [held, dead] = await Promise.all([heldLetters(c.var.db), deadEmails(c.var.db)]);
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
				{held.length === 0 ? <p class="muted">No letter is waiting.</p> : null}
				{held.map((l) => (
					<details>
						<summary>
							{l.state}: {l.subject} ({holdReasonWords[l.holdReason ?? ""] ?? "held for review"})
						</summary>
						<p class="muted">From {l.writerName}</p>
						<pre style="white-space:pre-wrap">{l.body}</pre>
						{l.holdReason === "no-contact" ? (
							<p class="muted">This State has no working address yet: the letter goes when it has one.</p>
						) : null}
						<div class="row">
							<PostButton
								action="/console/review/letters/release"
								label="Release"
								csrf={c.var.csrf}
								fields={{ id: l.id }}
							/>
							<PostButton
								action="/console/review/letters/reject"
								label="Reject"
								csrf={c.var.csrf}
								secondary
								fields={{ id: l.id }}
							/>
						</div>
					</details>
				))}
				<h2 id="dead">Dead emails ({dead.length})</h2>
				{dead.length === 0 ? <p class="muted">No email ran out of attempts.</p> : null}
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
