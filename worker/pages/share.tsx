/** @jsxImportSource hono/jsx */

import { shareLinksFor } from "../domain/petitions/referrals";
import type { Locale } from "../i18n/locales";
import { shareStrings } from "../i18n/share";

/**
 * "Ask others to sign", after a confirmed signature: plain links to each network's share page
 * (nothing of theirs loads until one is clicked, and no Referer carries this page's token), and
 * for Signal and copying, the link in a read-only field to select and copy (no script here).
 */
export function ShareBlock(props: { locale: Locale; petitionUrl: string; shareCode: string | null; title: string }) {
	const t = shareStrings[props.locale];
	const links = shareLinksFor(props.petitionUrl, props.shareCode, props.locale, props.title);
	const copyable = links.filter((l) => l.channel === "signal" || l.channel === "copy");
	return (
		<section class="share" aria-labelledby="share-heading">
			<h2 id="share-heading">{t.heading}</h2>
			<p>{t.intro}</p>
			<ul class="share-links">
				{links
					.filter((l) => l.channel !== "signal" && l.channel !== "copy")
					.map((l) => (
						<li>
							<a class="button secondary" href={l.href} rel="noopener noreferrer" data-channel={l.channel}>
								{t.channels[l.channel]}
							</a>
						</li>
					))}
			</ul>
			{copyable.map((l) => (
				<p class="share-copy">
					<label for={`share-${l.channel}`}>{t.channels[l.channel]}</label>
					<input
						id={`share-${l.channel}`}
						type="text"
						readonly
						dir="ltr"
						value={l.url}
						data-channel={l.channel}
						aria-describedby={l.channel === "signal" ? "share-signal-hint" : undefined}
					/>
					{l.channel === "signal" ? (
						<span id="share-signal-hint" class="muted">
							{t.signalHint}
						</span>
					) : null}
				</p>
			))}
			<p class="muted">{t.privacy}</p>
		</section>
	);
}
