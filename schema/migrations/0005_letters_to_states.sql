CREATE TABLE `letter_campaign_texts` (
	`campaign_id` text NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`subject` text NOT NULL,
	`paragraphs` text NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `locale`),
	FOREIGN KEY (`campaign_id`) REFERENCES `letter_campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `letter_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`default_locale` text DEFAULT 'en' NOT NULL,
	`target_mode` text DEFAULT 'own-state' NOT NULL,
	`target_iso2s` text DEFAULT '[]' NOT NULL,
	`allow_links` integer DEFAULT false NOT NULL,
	`max_body_chars` integer DEFAULT 5000 NOT NULL,
	`near_duplicate_limit` integer DEFAULT 10 NOT NULL,
	`list_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letter_campaigns_slug_unique` ON `letter_campaigns` (`slug`);--> statement-breakpoint
CREATE TABLE `letters` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`person_id` text NOT NULL,
	`target_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`hold_reason` text,
	`writer_name` text NOT NULL,
	`writer_country` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`fingerprint` text NOT NULL,
	`edited` integer DEFAULT false NOT NULL,
	`subscribe` integer DEFAULT false NOT NULL,
	`partner` text,
	`source` text,
	`ip_hash` text,
	`emails_sent` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`confirmed_at` integer,
	`sent_at` integer,
	`sent_day` text,
	`in_digest` integer DEFAULT false NOT NULL,
	`follow_up_sent_at` integer,
	`reply` text,
	`replied_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `letter_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `letters_status_target` ON `letters` (`status`,`target_id`);--> statement-breakpoint
CREATE INDEX `letters_target_day` ON `letters` (`target_id`,`sent_day`);--> statement-breakpoint
CREATE INDEX `letters_campaign_target_fingerprint` ON `letters` (`campaign_id`,`target_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `letters_campaign_person_target` ON `letters` (`campaign_id`,`person_id`,`target_id`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` text PRIMARY KEY NOT NULL,
	`target_id` text NOT NULL,
	`instrument` text NOT NULL,
	`instrument_name` text NOT NULL,
	`status` text NOT NULL,
	`date` text,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commitments_target_instrument` ON `commitments` (`target_id`,`instrument`);--> statement-breakpoint
CREATE TABLE `target_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`target_id` text NOT NULL,
	`email` text NOT NULL,
	`label` text,
	`source` text NOT NULL,
	`checked_at` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `target_contacts_email` ON `target_contacts` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `target_contacts_target_email` ON `target_contacts` (`target_id`,`email`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` text PRIMARY KEY NOT NULL,
	`iso2` text NOT NULL,
	`iso3` text NOT NULL,
	`un_status` text NOT NULL,
	`names` text NOT NULL,
	`time_zone` text NOT NULL,
	`daily_cap` integer DEFAULT 30 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_iso2_unique` ON `targets` (`iso2`);