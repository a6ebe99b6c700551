CREATE TABLE `bulletin_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bulletin_id` text NOT NULL,
	`person_id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`locale` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`batch_key` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`provider_id` text,
	`last_error` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`bulletin_id`) REFERENCES `bulletins`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bulletin_deliveries_bulletin_status` ON `bulletin_deliveries` (`bulletin_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `bulletin_deliveries_batch` ON `bulletin_deliveries` (`batch_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `bulletin_deliveries_bulletin_person` ON `bulletin_deliveries` (`bulletin_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `bulletin_texts` (
	`bulletin_id` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text NOT NULL,
	`preheader` text DEFAULT '' NOT NULL,
	`body_markdown` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`bulletin_id`, `locale`),
	FOREIGN KEY (`bulletin_id`) REFERENCES `bulletins`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bulletins` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`audience` text DEFAULT '{}' NOT NULL,
	`default_locale` text DEFAULT 'en' NOT NULL,
	`send_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`total` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bulletins_status_send_at` ON `bulletins` (`status`,`send_at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`prefix` text NOT NULL,
	`scopes` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`expires_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`detail` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_created` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `campaigners` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text DEFAULT 'editor' NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`disabled_at` integer,
	`last_sign_in_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigners_email_unique` ON `campaigners` (`email`);--> statement-breakpoint
CREATE TABLE `console_sessions` (
	`hash` text PRIMARY KEY NOT NULL,
	`campaigner_id` text NOT NULL,
	`csrf_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`campaigner_id`) REFERENCES `campaigners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `console_sessions_campaigner` ON `console_sessions` (`campaigner_id`);--> statement-breakpoint
ALTER TABLE `lists` ADD `quick_exit` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `petitions` ADD `quick_exit` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `letter_campaigns` ADD `quick_exit` integer DEFAULT true NOT NULL;