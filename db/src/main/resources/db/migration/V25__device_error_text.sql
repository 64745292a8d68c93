-- A device's last error as a message key with arguments (issue 16), as its events are since V24: the history,
-- device pages and exports show it in the reader's language instead of an English sentence written by the worker.
--   last_error_key   a key of web's messages files (event.text.*, device.error.*)
--   last_error_args  its arguments as a JSON array of strings; NULL when it has none. Fleet Freedom's own
--                    answer is an argument, never translated.
-- Rows written before this have no key: their last_error_message is shown as it is. New rows leave it NULL.
ALTER TABLE device ADD COLUMN last_error_key VARCHAR(100);
ALTER TABLE device ADD COLUMN last_error_args VARCHAR(10000);
