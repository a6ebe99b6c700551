-- A list's words, like a petition's and a letter campaign's, can be marked as sample wording
-- waiting for a native speaker's review (the seeded Arabic and Ukrainian texts).
ALTER TABLE `list_texts` ADD `sample` integer DEFAULT false NOT NULL;
