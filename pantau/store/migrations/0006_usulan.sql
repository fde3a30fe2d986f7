-- Usulan for musrenbang: evidence-based proposals drafted by a kelurahan, forwarded
-- (at most five per kelurahan and year), marked as kecamatan priorities (at most three
-- per kecamatan and year) and decided. The evidence the proposal was based on is kept
-- as a JSON snapshot (`evidence_json`, taken at `evidence_at`) so the forum sees what
-- the proposal stood on; it can be recomputed, which is logged like every change.
CREATE SEQUENCE usulan_id START 1;
CREATE TABLE usulan (
    id                 INTEGER PRIMARY KEY DEFAULT nextval('usulan_id'),
    year               INTEGER NOT NULL,   -- the musrenbang year (WIB)
    title              VARCHAR NOT NULL,
    work_type          VARCHAR NOT NULL,   -- normalisasi_saluran | pompa | tanggul | biopori | ...
    kelurahan_kode     VARCHAR NOT NULL,
    kecamatan_kode     VARCHAR NOT NULL,
    rw                 VARCHAR,
    rt                 VARCHAR,
    lon                DOUBLE,
    lat                DOUBLE,
    pocket_id          INTEGER,            -- the pocket it comes from, if any
    site_id            INTEGER,            -- the penataan site it comes from, if any
    volume             DOUBLE,
    unit               VARCHAR,            -- m | m2 | m3 | unit | titik | paket
    budget             BIGINT,             -- estimated, rupiah (optional)
    office             VARCHAR NOT NULL,   -- responsible office, e.g. Sudin SDA
    participation      VARCHAR,            -- community participation offered
    status             VARCHAR NOT NULL,   -- draft | diteruskan | prioritas | diterima | tidak_diterima
    kelurahan_rank     INTEGER NOT NULL,   -- the lurah's order within kelurahan and year
    kecamatan_rank     INTEGER,            -- the camat's order of the forwarded ones
    kecamatan_priority BOOLEAN NOT NULL DEFAULT FALSE,  -- marked by the camat (kept once decided)
    decision_reason    VARCHAR,
    evidence_json      VARCHAR,
    evidence_at        TIMESTAMP,
    source_key         VARCHAR UNIQUE,     -- 'pocket:12:2027' for a draft from evidence (one per year)
    is_sample          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX usulan_area ON usulan (kelurahan_kode, year);
