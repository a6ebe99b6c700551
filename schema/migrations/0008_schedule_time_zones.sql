ALTER TABLE `bulletins` ADD `send_zone` text;--> statement-breakpoint
ALTER TABLE `campaigners` ADD `time_zone` text;
