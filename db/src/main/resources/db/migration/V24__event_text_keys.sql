-- Device events as message keys with arguments (issue 16): the pages, exports and API render an event
-- in the reader's language instead of an English sentence written by the worker.
--   message_key   a key of web's messages files (event.text.*)
--   message_args  its arguments as a JSON array of strings (JSON escapes quotes, backslashes and control
--                 characters); NULL when it has none. Instants are ISO-8601 UTC, shown in the reader's zone;
--                 Fleet Freedom's own error text is an argument, never translated.
-- Rows written before this have no key: their English message is shown as it is. New rows leave message
-- NULL.
ALTER TABLE device_event ADD COLUMN message_key VARCHAR(100);
ALTER TABLE device_event ADD COLUMN message_args VARCHAR(10000);
