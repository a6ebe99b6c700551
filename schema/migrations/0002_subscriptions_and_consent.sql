CREATE TABLE `consent_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`event` text NOT NULL,
	`text_hash` text,
	`locale` text,
	`partner` text,
	`source` text,
	`proof` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `consent_events_person` ON `consent_events` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `consent_texts` (
	`hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`locale` text NOT NULL,
	`version` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `list_texts` (
	`list_id` text NOT NULL,
	`locale` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`consent_text` text NOT NULL,
	`consent_version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`list_id`, `locale`),
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lists` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`default_locale` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lists_slug_unique` ON `lists` (`slug`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`person_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`locale` text NOT NULL,
	`partner` text,
	`source` text,
	`signature_id` text,
	`consent_hash` text NOT NULL,
	`partner_consent_hash` text,
	`emails_sent` integer DEFAULT 0 NOT NULL,
	`reminder_sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`confirmed_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscriptions_status_created` ON `subscriptions` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `subscriptions_signature` ON `subscriptions` (`signature_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_person` ON `subscriptions` (`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_list_person` ON `subscriptions` (`list_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`consent_texts` text DEFAULT '{}' NOT NULL,
	`privacy_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_slug_unique` ON `partners` (`slug`);--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`source` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `people` ADD `erased_at` integer;--> statement-breakpoint
ALTER TABLE `petitions` ADD `list_id` text;