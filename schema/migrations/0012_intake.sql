CREATE TABLE `intake_seen` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_seen_at` ON `intake_seen` (`at`);--> statement-breakpoint
CREATE TABLE `intake_dead` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`target` text,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`dead_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_dead_at` ON `intake_dead` (`dead_at`);
