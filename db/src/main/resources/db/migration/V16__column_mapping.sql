-- Intake: the columns a person mapped by hand (field=column index, e.g. "id=0,kind=2"), kept on the batch
-- for its preview and problems download, and remembered per header layout for the next file laid out alike.
ALTER TABLE batch ADD COLUMN columns_map VARCHAR(400);

CREATE TABLE column_layout (
    layout_key  VARCHAR(64)   PRIMARY KEY,
    columns_map VARCHAR(400)  NOT NULL,
    saved_by    BIGINT        REFERENCES app_user (id) ON DELETE SET NULL,
    saved_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
