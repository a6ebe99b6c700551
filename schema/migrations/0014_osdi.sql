-- OSDI sync (issue 14): collections are read in a stable order, modified date then id, by
-- keyset (`(updated_at, id) > (?, ?)`), so each page starts where the last ended on an index.
CREATE INDEX `people_updated` ON `people` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `signatures_petition_updated` ON `signatures` (`petition_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `subscriptions_list_updated` ON `subscriptions` (`list_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `letters_campaign_updated` ON `letters` (`campaign_id`,`updated_at`,`id`);--> statement-breakpoint
-- A person shows in OSDI once they have confirmed something: these answer "has this person a
-- confirmed signature / letter" from an index.
CREATE INDEX `signatures_person` ON `signatures` (`person_id`,`status`);--> statement-breakpoint
CREATE INDEX `letters_person` ON `letters` (`person_id`,`confirmed_at`);--> statement-breakpoint
-- A person's email status in OSDI ("subscribed" only while a confirmed subscription is active)
-- comes from their subscriptions: when one changes, the person's modified date moves with it,
-- so an incremental sync (`modified_since`) sees the change.
CREATE TRIGGER people_touch_on_subscription AFTER UPDATE OF status, confirmed_at ON subscriptions
WHEN OLD.status IS NOT NEW.status OR OLD.confirmed_at IS NOT NEW.confirmed_at
BEGIN
	UPDATE people SET updated_at = NEW.updated_at WHERE id = NEW.person_id AND updated_at < NEW.updated_at;
END;
