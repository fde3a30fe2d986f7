-- Siaga: warnings of heavy rain, tidal flooding (rob) or water from upstream (kiriman),
-- entered by the water office before the water comes. The window is stored as naive UTC;
-- people choose and read it in WIB. `kelurahan_kodes`: the covered kelurahan, comma
-- separated (chosen, or derived from the pockets when the warning was entered).
CREATE SEQUENCE warnings_id START 1;
CREATE TABLE warnings (
    id              INTEGER PRIMARY KEY DEFAULT nextval('warnings_id'),
    kind            VARCHAR NOT NULL,   -- hujan_lebat | rob | kiriman
    level           VARCHAR NOT NULL,   -- waspada | siaga | awas
    source          VARCHAR NOT NULL,   -- bmkg | bpbd | sudin_sda | manual
    source_ref      VARCHAR,            -- bulletin number, message, link
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    kelurahan_kodes VARCHAR NOT NULL,
    coverage        VARCHAR NOT NULL,   -- dipilih | otomatis
    note            VARCHAR,
    status          VARCHAR NOT NULL,   -- aktif | batal
    cancel_reason   VARCHAR,
    is_sample       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX warnings_window ON warnings (starts_at);

-- A watch task ("jaga titik") made for a warning points back at it.
ALTER TABLE tasks ADD COLUMN warning_id INTEGER;

-- One watch per warning and pocket: the key keeps a double click (or two people at
-- once) from planning the same pocket twice. Rows are written once, never updated.
CREATE TABLE warning_watches (
    warning_id INTEGER NOT NULL,
    pocket_id  INTEGER NOT NULL,
    task_id    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (warning_id, pocket_id)
);
