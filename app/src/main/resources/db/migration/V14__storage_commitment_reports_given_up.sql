-- A storage commitment report given up is kept aside instead of deleted, so that it can be sent
-- again: from interface health, or at a start that finds the address its requester lacked
-- (given_up_unaddressed). given_up_at stays set while it is being sent again (parked false).
ALTER TABLE dicom_storage_commitment ADD COLUMN given_up_at TIMESTAMPTZ;
ALTER TABLE dicom_storage_commitment ADD COLUMN given_up_unaddressed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE dicom_storage_commitment ADD COLUMN parked BOOLEAN NOT NULL DEFAULT FALSE;
