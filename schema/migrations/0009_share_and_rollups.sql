-- Share after signing: each confirmed signature gets a random share code (7 base32 letters; a
-- share link adds one letter for its channel), and a signature brought by a share records the
-- sharer's code and the channel. Erasure clears both (worker/domain/privacy.ts).
ALTER TABLE `signatures` ADD `share_code` text;--> statement-breakpoint
ALTER TABLE `signatures` ADD `referred_by` text;--> statement-breakpoint
ALTER TABLE `signatures` ADD `referral_channel` text;--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_share_code` ON `signatures` (`share_code`) WHERE `share_code` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `signatures_referred_by` ON `signatures` (`referred_by`) WHERE `referred_by` IS NOT NULL;--> statement-breakpoint
-- Daily rollups for the console's charts, kept by triggers in the same transaction as every
-- change, checked and repaired by the daily reconcile job (worker/domain/rollups.ts).
-- Signatures by the UTC day they were made (days since the epoch), their status now, the
-- partner ('' for none) and the share channel ('' for none).
CREATE TABLE `signature_days` (
	`petition_id` text NOT NULL,
	`day` integer NOT NULL,
	`status` text NOT NULL,
	`partner` text DEFAULT '' NOT NULL,
	`channel` text DEFAULT '' NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`petition_id`, `day`, `status`, `partner`, `channel`),
	FOREIGN KEY (`petition_id`) REFERENCES `petitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TRIGGER signature_days_insert AFTER INSERT ON signatures
BEGIN
	INSERT INTO signature_days (petition_id, day, status, partner, channel, count)
		VALUES (NEW.petition_id, NEW.created_at / 86400000, NEW.status, coalesce(NEW.partner, ''), coalesce(NEW.referral_channel, ''), 1)
		ON CONFLICT (petition_id, day, status, partner, channel) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER signature_days_update AFTER UPDATE OF status, petition_id, partner, referral_channel, created_at ON signatures
WHEN OLD.status IS NOT NEW.status OR OLD.petition_id IS NOT NEW.petition_id OR OLD.partner IS NOT NEW.partner
	OR OLD.referral_channel IS NOT NEW.referral_channel OR OLD.created_at IS NOT NEW.created_at
BEGIN
	UPDATE signature_days SET count = count - 1
		WHERE petition_id = OLD.petition_id AND day = OLD.created_at / 86400000 AND status = OLD.status
			AND partner = coalesce(OLD.partner, '') AND channel = coalesce(OLD.referral_channel, '');
	INSERT INTO signature_days (petition_id, day, status, partner, channel, count)
		VALUES (NEW.petition_id, NEW.created_at / 86400000, NEW.status, coalesce(NEW.partner, ''), coalesce(NEW.referral_channel, ''), 1)
		ON CONFLICT (petition_id, day, status, partner, channel) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER signature_days_delete AFTER DELETE ON signatures
BEGIN
	UPDATE signature_days SET count = count - 1
		WHERE petition_id = OLD.petition_id AND day = OLD.created_at / 86400000 AND status = OLD.status
			AND partner = coalesce(OLD.partner, '') AND channel = coalesce(OLD.referral_channel, '');
END;
--> statement-breakpoint
INSERT INTO signature_days (petition_id, day, status, partner, channel, count)
	SELECT petition_id, created_at / 86400000, status, coalesce(partner, ''), coalesce(referral_channel, ''), count(*)
	FROM signatures GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- Letters by campaign, State and status.
CREATE TABLE `letter_counts` (
	`campaign_id` text NOT NULL,
	`target_id` text NOT NULL,
	`status` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `target_id`, `status`),
	FOREIGN KEY (`campaign_id`) REFERENCES `letter_campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TRIGGER letter_counts_insert AFTER INSERT ON letters
BEGIN
	INSERT INTO letter_counts (campaign_id, target_id, status, count) VALUES (NEW.campaign_id, NEW.target_id, NEW.status, 1)
		ON CONFLICT (campaign_id, target_id, status) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER letter_counts_update AFTER UPDATE OF status, campaign_id, target_id ON letters
WHEN OLD.status IS NOT NEW.status OR OLD.campaign_id IS NOT NEW.campaign_id OR OLD.target_id IS NOT NEW.target_id
BEGIN
	UPDATE letter_counts SET count = count - 1
		WHERE campaign_id = OLD.campaign_id AND target_id = OLD.target_id AND status = OLD.status;
	INSERT INTO letter_counts (campaign_id, target_id, status, count) VALUES (NEW.campaign_id, NEW.target_id, NEW.status, 1)
		ON CONFLICT (campaign_id, target_id, status) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER letter_counts_delete AFTER DELETE ON letters
BEGIN
	UPDATE letter_counts SET count = count - 1
		WHERE campaign_id = OLD.campaign_id AND target_id = OLD.target_id AND status = OLD.status;
END;
--> statement-breakpoint
INSERT INTO letter_counts (campaign_id, target_id, status, count)
	SELECT campaign_id, target_id, status, count(*) FROM letters GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Bulletin outcomes: deliveries sent, failed, skipped; sent ones that bounced (Resend webhook,
-- by provider id) and whose subscription ended after it (the last bulletin its person got
-- from that list is the one they left on).
ALTER TABLE `bulletin_deliveries` ADD `bounced` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `bulletin_deliveries` ADD `unsubscribed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `bulletin_deliveries_provider` ON `bulletin_deliveries` (`provider_id`) WHERE `provider_id` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `bulletin_deliveries_subscription` ON `bulletin_deliveries` (`subscription_id`, `id`);--> statement-breakpoint
CREATE TABLE `bulletin_outcomes` (
	`bulletin_id` text NOT NULL,
	`outcome` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`bulletin_id`, `outcome`),
	FOREIGN KEY (`bulletin_id`) REFERENCES `bulletins`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TRIGGER bulletin_outcomes_insert AFTER INSERT ON bulletin_deliveries
BEGIN
	INSERT INTO bulletin_outcomes (bulletin_id, outcome, count)
		SELECT NEW.bulletin_id, o.outcome, 1 FROM (
			SELECT NEW.status AS outcome WHERE NEW.status IN ('sent', 'failed', 'skipped')
			UNION ALL SELECT 'bounced' WHERE NEW.bounced = 1
			UNION ALL SELECT 'unsubscribed' WHERE NEW.unsubscribed = 1
		) AS o WHERE true
		ON CONFLICT (bulletin_id, outcome) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER bulletin_outcomes_update AFTER UPDATE OF status, bounced, unsubscribed, bulletin_id ON bulletin_deliveries
-- Only when an outcome can change: a row going from queued to sending (and back) fires nothing,
-- which keeps the send's own writes cheap.
WHEN (OLD.status IS NOT NEW.status
		AND (OLD.status IN ('sent', 'failed', 'skipped') OR NEW.status IN ('sent', 'failed', 'skipped')))
	OR OLD.bounced IS NOT NEW.bounced OR OLD.unsubscribed IS NOT NEW.unsubscribed
	OR OLD.bulletin_id IS NOT NEW.bulletin_id
BEGIN
	UPDATE bulletin_outcomes SET count = count - 1
		WHERE bulletin_id = OLD.bulletin_id AND outcome IN (
			CASE WHEN OLD.status IN ('sent', 'failed', 'skipped') THEN OLD.status END,
			CASE WHEN OLD.bounced = 1 THEN 'bounced' END,
			CASE WHEN OLD.unsubscribed = 1 THEN 'unsubscribed' END);
	INSERT INTO bulletin_outcomes (bulletin_id, outcome, count)
		SELECT NEW.bulletin_id, o.outcome, 1 FROM (
			SELECT NEW.status AS outcome WHERE NEW.status IN ('sent', 'failed', 'skipped')
			UNION ALL SELECT 'bounced' WHERE NEW.bounced = 1
			UNION ALL SELECT 'unsubscribed' WHERE NEW.unsubscribed = 1
		) AS o WHERE true
		ON CONFLICT (bulletin_id, outcome) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER bulletin_outcomes_delete AFTER DELETE ON bulletin_deliveries
BEGIN
	UPDATE bulletin_outcomes SET count = count - 1
		WHERE bulletin_id = OLD.bulletin_id AND outcome IN (
			CASE WHEN OLD.status IN ('sent', 'failed', 'skipped') THEN OLD.status END,
			CASE WHEN OLD.bounced = 1 THEN 'bounced' END,
			CASE WHEN OLD.unsubscribed = 1 THEN 'unsubscribed' END);
END;
--> statement-breakpoint
-- A subscription that ends marks the last bulletin its person was sent from that list.
CREATE TRIGGER bulletin_unsubscribed AFTER UPDATE OF status ON subscriptions
WHEN OLD.status = 'active' AND NEW.status = 'unsubscribed'
BEGIN
	UPDATE bulletin_deliveries SET unsubscribed = 1
		WHERE id = (SELECT id FROM bulletin_deliveries WHERE subscription_id = NEW.id AND status = 'sent' ORDER BY id DESC LIMIT 1)
			AND unsubscribed = 0;
END;
--> statement-breakpoint
INSERT INTO bulletin_outcomes (bulletin_id, outcome, count)
	SELECT bulletin_id, status, count(*) FROM bulletin_deliveries WHERE status IN ('sent', 'failed', 'skipped') GROUP BY 1, 2;
