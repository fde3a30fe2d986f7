-- Pantau Wilayah: the whole schema of PRODUCT.md.
--
-- Conventions
-- * Every TIMESTAMP column holds UTC (naive). Pages convert to WIB (Asia/Jakarta).
--   DATE columns (target dates, planned dates) are calendar days in WIB.
-- * Points are lon/lat DOUBLE (WGS84); polygons and lines are WKB BLOBs. DuckDB's spatial
--   extension cannot be installed offline, so spatial work happens in geopandas/shapely.
-- * Every located record carries kelurahan_kode / kecamatan_kode (Kemendagri codes) and
--   `placement` (inside | overlap | gap | outside) written by the spatial join.
-- * Mutable records carry `version`, bumped on every update: a save names the version it
--   read, and a save over a newer version is refused (no lost updates).
-- * No FOREIGN KEY constraints: DuckDB refuses updates to referenced rows, which would
--   block ordinary edits. `pantau check` verifies there are no orphan rows instead.
-- * `events` is append-only: the code has no UPDATE or DELETE path for it.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE kecamatan (
    kode VARCHAR PRIMARY KEY,          -- 31.72.01
    nama VARCHAR NOT NULL
);

CREATE TABLE kelurahan (
    kode           VARCHAR PRIMARY KEY, -- 31.72.01.1001
    nama           VARCHAR NOT NULL,
    kecamatan_kode VARCHAR NOT NULL,
    kode_bps       VARCHAR,
    area_km2       DOUBLE,
    office_lon     DOUBLE,
    office_lat     DOUBLE
);

-- The boundary polygon in force for each kelurahan, and where it came from.
CREATE TABLE boundaries (
    kelurahan_kode VARCHAR PRIMARY KEY,
    geom_wkb       BLOB NOT NULL,
    source         VARCHAR NOT NULL,    -- 'default' (approximate) or the imported file's name
    approximate    BOOLEAN NOT NULL,
    imported_at    TIMESTAMP NOT NULL
);

CREATE SEQUENCE users_id START 1;
CREATE TABLE users (
    id               INTEGER PRIMARY KEY DEFAULT nextval('users_id'),
    username         VARCHAR NOT NULL UNIQUE,
    display_name     VARCHAR NOT NULL,
    password_hash    VARCHAR NOT NULL,
    role             VARCHAR NOT NULL,  -- admin | pimpinan | camat | lurah | sda | tamu
    kecamatan_kode   VARCHAR,           -- camat (and lurah: derived from kelurahan)
    kelurahan_kode   VARCHAR,           -- lurah
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    default_password BOOLEAN NOT NULL DEFAULT FALSE,  -- demo/one-time password still in use
    failed_logins    INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP,
    last_login_at    TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);

-- Penataan sites.
CREATE SEQUENCE sites_id START 1;
CREATE TABLE sites (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('sites_id'),
    code                VARCHAR NOT NULL UNIQUE,
    name                VARCHAR NOT NULL,
    category            VARCHAR NOT NULL,
    lon                 DOUBLE NOT NULL,
    lat                 DOUBLE NOT NULL,
    line_wkb            BLOB,              -- a stretch (street, channel) as a LineString
    address             VARCHAR,
    kelurahan_kode      VARCHAR,
    kecamatan_kode      VARCHAR,
    placement           VARCHAR NOT NULL,
    owner_level         VARCHAR NOT NULL,  -- kelurahan | kecamatan | kota
    owner_unit          VARCHAR NOT NULL,
    status              VARCHAR NOT NULL,  -- belum_ditangani | dalam_penataan | tertata | kembali_semrawut
    target_date         DATE,
    sweep_interval_days INTEGER NOT NULL DEFAULT 14,
    last_sweep_at       TIMESTAMP,
    retired             BOOLEAN NOT NULL DEFAULT FALSE,
    is_sample           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
);

-- Sweeps (penyisiran) of sites.
CREATE SEQUENCE sweeps_id START 1;
CREATE TABLE sweeps (
    id        INTEGER PRIMARY KEY DEFAULT nextval('sweeps_id'),
    site_id   INTEGER NOT NULL,
    swept_at  TIMESTAMP NOT NULL,
    result    VARCHAR NOT NULL,   -- tertib | semrawut
    note      VARCHAR,
    user_id   INTEGER,
    created_at TIMESTAMP NOT NULL
);

-- Directives (arahan) from pimpinan on a site.
CREATE SEQUENCE directives_id START 1;
CREATE TABLE directives (
    id          INTEGER PRIMARY KEY DEFAULT nextval('directives_id'),
    site_id     INTEGER NOT NULL,
    author_id   INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    due_date    DATE,
    created_at  TIMESTAMP NOT NULL,
    answer      VARCHAR,
    answered_by INTEGER,
    answered_at TIMESTAMP,
    version     INTEGER NOT NULL DEFAULT 1
);

-- Genangan pockets (titik genangan): reports close to each other.
CREATE SEQUENCE pockets_id START 1;
CREATE TABLE pockets (
    id             INTEGER PRIMARY KEY DEFAULT nextval('pockets_id'),
    lon            DOUBLE NOT NULL,
    lat            DOUBLE NOT NULL,
    name           VARCHAR,
    kelurahan_kode VARCHAR,
    kecamatan_kode VARCHAR,
    placement      VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

-- Genangan reports.
CREATE SEQUENCE reports_id START 1;
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY DEFAULT nextval('reports_id'),
    observed_at    TIMESTAMP NOT NULL,
    lon            DOUBLE NOT NULL,
    lat            DOUBLE NOT NULL,
    address        VARCHAR,
    kelurahan_kode VARCHAR,
    kecamatan_kode VARCHAR,
    placement      VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,   -- warga | rt_rw | ppsu | sudin_sda | jaki | media_sosial | cctv
    source_ref     VARCHAR,            -- e.g. the JAKI/CRM ticket number
    reporter_name  VARCHAR,            -- personal data
    reporter_phone VARCHAR,            -- personal data
    depth_cm       INTEGER NOT NULL,
    cause          VARCHAR NOT NULL,   -- saluran_tersumbat | pompa_mati | rob | luapan_kali | hujan_lebat | tanggul_bocor | lainnya
    note           VARCHAR,
    owner_level    VARCHAR NOT NULL,   -- kelurahan | kecamatan | kota | provinsi
    status         VARCHAR NOT NULL,   -- dilaporkan | diverifikasi | ditangani | surut | selesai | duplikat | ditolak
    duplicate_of   INTEGER,
    reject_reason  VARCHAR,
    pocket_id      INTEGER,
    verified_at    TIMESTAMP,
    handled_at     TIMESTAMP,
    receded_at     TIMESTAMP,
    closed_at      TIMESTAMP,
    is_sample      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

-- Community groups and their tasks.
CREATE SEQUENCE groups_id START 1;
CREATE TABLE community_groups (
    id             INTEGER PRIMARY KEY DEFAULT nextval('groups_id'),
    kelurahan_kode VARCHAR NOT NULL,
    group_type     VARCHAR NOT NULL,   -- rt_rw | lmk | fkdm | pkk | karang_taruna | ormas | lainnya
    name           VARCHAR NOT NULL,
    rw             VARCHAR,
    rt             VARCHAR,
    contact_name   VARCHAR,            -- personal data
    contact_phone  VARCHAR,            -- personal data
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    is_sample      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE tasks_id START 1;
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY DEFAULT nextval('tasks_id'),
    task_type      VARCHAR NOT NULL,   -- kerja_bakti_saluran | angkat_sampah | pantau_hujan | sosialisasi | biopori | piket_pompa | lainnya
    title          VARCHAR NOT NULL,
    pocket_id      INTEGER,
    site_id        INTEGER,
    kelurahan_kode VARCHAR NOT NULL,
    kecamatan_kode VARCHAR NOT NULL,
    planned_at     TIMESTAMP NOT NULL,
    status         VARCHAR NOT NULL,   -- direncanakan | berjalan | selesai | batal
    participants   INTEGER,
    result_note    VARCHAR,
    series_id      INTEGER,            -- occurrences of one recurring plan share a series
    recurrence     VARCHAR,            -- e.g. 'weekly:FR' on the first occurrence
    is_sample      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE task_groups (
    task_id  INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (task_id, group_id)
);

-- Photos, stored once by content hash, attached to any record.
CREATE TABLE photos (
    sha256      VARCHAR PRIMARY KEY,
    mime        VARCHAR NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    data        BLOB NOT NULL,
    thumb       BLOB NOT NULL,
    uploaded_by INTEGER,
    created_at  TIMESTAMP NOT NULL
);

CREATE SEQUENCE photo_links_id START 1;
CREATE TABLE photo_links (
    id          INTEGER PRIMARY KEY DEFAULT nextval('photo_links_id'),
    record_type VARCHAR NOT NULL,      -- site | sweep | report | task
    record_id   INTEGER NOT NULL,
    sha256      VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,      -- sebelum | sesudah | bukti
    created_at  TIMESTAMP NOT NULL
);

-- The append-only event log: one row per changed field.
CREATE SEQUENCE events_id START 1;
CREATE TABLE events (
    id          BIGINT PRIMARY KEY DEFAULT nextval('events_id'),
    occurred_at TIMESTAMP NOT NULL,
    user_id     INTEGER,               -- NULL for the system (sample data, re-join)
    record_type VARCHAR NOT NULL,      -- site | report | pocket | task | group | user | directive | boundaries
    record_id   INTEGER NOT NULL,
    action      VARCHAR NOT NULL,      -- create | update | sweep | handover | retire | ...
    field       VARCHAR,
    old_value   VARCHAR,
    new_value   VARCHAR,
    note        VARCHAR
);

CREATE INDEX events_record ON events (record_type, record_id);
CREATE INDEX events_occurred ON events (occurred_at);
CREATE INDEX reports_observed ON reports (observed_at);
