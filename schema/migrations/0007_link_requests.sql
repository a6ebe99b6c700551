ALTER TABLE `tokens` ADD `request` text;
