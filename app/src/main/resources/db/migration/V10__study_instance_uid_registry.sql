-- Set validation for Study Instance UIDs (command side): one row per UID scheduled, whether the
-- RIS generated it or the placer supplied it (OMI IPC-3); the primary key makes reuse impossible.
CREATE TABLE study_instance_uid_registry (
    study_instance_uid VARCHAR(64)  NOT NULL PRIMARY KEY,
    order_id           VARCHAR(255) NOT NULL,
    registered_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
