/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import * as v from "valibot";
import { config } from "../../config";
import { campaignerEmail, inspectSignInLink, spendSignInLink } from "../../domain/console/campaigners";
import { createSession } from "../../domain/console/console-sessions";
import { type ConsoleEnv, setSessionCookie } from "../../http/console-auth";
import { queueIntake } from "../../http/public-write";
import { emailField } from "../../http/schemas";
import { clientIp, hashIp } from "../../lib/client";
import { hmac } from "../../lib/crypto";
import { enforceRateLimit } from "../../lib/rate-limit";
import { ConsolePage } from "./layout";

function SignInForm(props: { email?: string; error?: string }) {
	return (
		<form method="post" action="/console/sign-in">
			<label for="email">Your email address</label>
			<input
				id="email"
				name="email"
				type="email"
				autocomplete="email"
				required
				value={props.email ?? ""}
				aria-invalid={props.error ? "true" : undefined}
				aria-describedby={props.error ? "email-error" : undefined}
			/>
			{props.error ? (
				<p class="error" id="email-error">
					{props.error}
				</p>
			) : null}
			<p>
				<button type="submit">Email me a sign-in link</button>
			</p>
		</form>
	);
}

const linkProblems = {
	invalid: ["This sign-in link is not valid", 404],
	expired: ["This sign-in link has expired", 410],
	used: ["This sign-in link has already been used", 410],
} as const;

/** Sign-in by an emailed link: asking for one, and the page behind the link. */
export const signInPages = new Hono<ConsoleEnv>()
	.get("/sign-in", (c) => {
		if (c.var.campaigner) return c.redirect("/console", 303);
		return c.html(
			<ConsolePage title="Sign in">
				<h1>Sign in to the console</h1>
				<p>We will email you a link that signs you in. It works once, for 15 minutes.</p>
				<SignInForm />
			</ConsolePage>,
		);
	})
	/**
	 * The same answer for every address: only an allowed, enabled campaigner gets an email, and
	 * the page never says who may sign in.
	 */
	.post("/sign-in", async (c) => {
		const form = await c.req.parseBody();
		const parsed = v.safeParse(emailField, typeof form.email === "string" ? form.email : "");
		if (!parsed.success) {
			return c.html(
				<ConsolePage title="Sign in">
					<h1>Sign in to the console</h1>
					<SignInForm email={String(form.email ?? "")} error="Give a valid email address." />
				</ConsolePage>,
				422,
			);
		}
		const email = campaignerEmail(parsed.output);
		const secret = config(c.env).appSecret;
		const [ipKey, emailKey] = await Promise.all([hashIp(secret, clientIp(c)), hmac(secret, `console-email:${email}`)]);
		await enforceRateLimit(c.env.IP_LIMITER, ipKey, "from your network");
		await enforceRateLimit(c.env.EMAIL_LIMITER, emailKey, "for this email address");
		// Allowed or not, capped or not, the page leaves before the address is looked up: the
		// lookup, the writes and the email happen in the intake queue's consumer (no timing, not
		// even the work after the answer, tells who may sign in).
		await queueIntake(c, { kind: "console-sign-in", input: { email } });
		return c.html(
			<ConsolePage title="Check your email">
				<h1>Check your email</h1>
				<p role="status">
					If this address may sign in to the console, a link is on its way to <strong>{email}</strong>. It works once,
					for 15 minutes.
				</p>
				<p class="muted">
					Nothing arrived? Check the spam folder, or ask an admin whether your address is on the list.
				</p>
			</ConsolePage>,
		);
	})
	/** Opening the link only shows a button: mail scanners that prefetch links sign nobody in. */
	.get("/sign-in/:token", async (c) => {
		const link = await inspectSignInLink(c.var.db, c.req.param("token"), Date.now());
		if (link.state !== "ready") {
			const [title, status] = linkProblems[link.state];
			return c.html(
				<ConsolePage title={title}>
					<h1>{title}</h1>
					<p>
						<a href="/console/sign-in">Ask for a new link</a>.
					</p>
				</ConsolePage>,
				status,
			);
		}
		return c.html(
			<ConsolePage title="Sign in">
				<h1>Sign in to the console</h1>
				<p>
					You are signing in as <strong>{link.campaigner.email}</strong>.
				</p>
				<form method="post" action={`/console/sign-in/${c.req.param("token")}`}>
					<button type="submit">Sign in</button>
				</form>
			</ConsolePage>,
		);
	})
	.post("/sign-in/:token", async (c) => {
		const now = Date.now();
		const link = await spendSignInLink(c.var.db, c.req.param("token"), now);
		if (link.state !== "ready") {
			const [title, status] = linkProblems[link.state];
			return c.html(
				<ConsolePage title={title}>
					<h1>{title}</h1>
					<p>
						<a href="/console/sign-in">Ask for a new link</a>.
					</p>
				</ConsolePage>,
				status,
			);
		}
		const { id } = await createSession(c.var.db, link.campaigner.id, now);
		setSessionCookie(c, id);
		return c.redirect("/console", 303);
	});
