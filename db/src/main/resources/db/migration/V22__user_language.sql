-- The language a user chose for the pages (a language tag such as fr-CA); NULL follows the browser.
ALTER TABLE app_user ADD COLUMN language VARCHAR(16);
