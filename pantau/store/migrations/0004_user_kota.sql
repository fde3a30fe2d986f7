-- In a province-wide database a pimpinan (e.g. a wali kota's office) may be scoped to
-- one kota: its Kemendagri code (31.KK). NULL: the whole wilayah.
ALTER TABLE users ADD COLUMN kota_kode VARCHAR;
