// Query/Retrieve C-GET as SCU with dcmjs-dimse, printing what happens as JSON lines.
//
// node get.js HOST PORT CALLING CALLED STUDY_UID [SERIES_UID]
//   sends one Study Root C-GET (STUDY level, or SERIES level with SERIES_UID); dcmjs-dimse
//   proposes every storage SOP class with the SCP role in Implicit then Explicit VR Little Endian.
//   Prints each object stored on the association ({"stored": ...}: its SOP Instance UID, the
//   transfer syntax it came in, Patient Name and a SHA-256 of the pixel data bytes), each pending
//   response ({"pending": counts}) and the final one ({"final": counts, status and the Failed SOP
//   Instance UID List}).
const crypto = require('crypto');
const dimse = require('dcmjs-dimse');
const { Client } = dimse;
const { CGetRequest } = dimse.requests;
const { CStoreResponse } = dimse.responses;
const { Status } = dimse.constants;

const [host, port, calling, called, study, series] = process.argv.slice(2);

function print(value) {
  console.log(JSON.stringify(value));
}

function counts(response) {
  return { status: response.getStatus(), remaining: response.getRemaining() ?? null,
    completed: response.getCompleted(), failed: response.getFailures(), warnings: response.getWarnings() };
}

function name(value) {
  if (Array.isArray(value)) {
    return name(value[0]);
  }
  return value && typeof value === 'object' ? value.Alphabetic : value ?? null;
}

function pixelSha256(pixelData) {
  const hash = crypto.createHash('sha256');
  (Array.isArray(pixelData) ? pixelData : [pixelData]).forEach((part) => hash.update(Buffer.from(part)));
  return hash.digest('hex');
}

const request = series ? CGetRequest.createSeriesGetRequest(study, series) : CGetRequest.createStudyGetRequest(study);
request.on('response', (response) => {
  if (response.getStatus() === Status.Pending) {
    print({ pending: counts(response) });
    return;
  }
  const dataset = response.getDataset();
  const failedList = dataset ? dataset.getElement('FailedSOPInstanceUIDList') : undefined;
  print({ final: { ...counts(response),
    failedSopInstanceUids: failedList === undefined ? [] : [].concat(failedList) } });
});
const client = new Client();
client.addRequest(request);
client.on('cStoreRequest', (store, callback) => {
  const dataset = store.getDataset();
  print({ stored: { sopInstanceUid: dataset.getElement('SOPInstanceUID'),
    transferSyntax: dataset.getTransferSyntaxUid(), patientName: name(dataset.getElement('PatientName')),
    pixelSha256: pixelSha256(dataset.getElement('PixelData')) } });
  const response = CStoreResponse.fromRequest(store);
  response.setStatus(Status.Success);
  callback(response);
});
client.on('networkError', (error) => {
  console.error('network error: ' + error);
  process.exit(2);
});
client.on('closed', () => process.exit(0));
client.send(host, Number(port), calling, called);
