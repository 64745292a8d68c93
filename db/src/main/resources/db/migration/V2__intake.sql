-- Intake: what the header row told the person about the file (unknown columns ignored, columns given
-- twice), shown on the preview page for as long as the draft lives.
ALTER TABLE batch ADD COLUMN notices_json VARCHAR(8000);
