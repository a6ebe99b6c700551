ALTER TABLE `dev_mailbox` ADD `reply_to` text;
