// Sends one MPPS N-CREATE or N-SET with dcmjs-dimse and prints the response status as JSON.
// Usage: node mpps.js HOST PORT CALLING_AE CALLED_AE create|set SOP_INSTANCE_UID DATASET_JSON
const dimse = require('dcmjs-dimse');
const { Client, Dataset } = dimse;
const { NCreateRequest, NSetRequest } = dimse.requests;

const [host, port, calling, called, operation, uid, json] = process.argv.slice(2);
const MPPS = '1.2.840.10008.3.1.2.3.3';
const request = operation === 'create' ? new NCreateRequest(MPPS, uid) : new NSetRequest(MPPS, uid);
request.setDataset(new Dataset(JSON.parse(json)));
let answered = false;
request.on('response', (response) => {
  answered = true;
  console.log(JSON.stringify({ status: response.getStatus(), errorComment: response.getErrorComment() || null }));
});
const client = new Client();
client.addRequest(request);
client.on('networkError', (error) => {
  console.error('network error: ' + error);
  process.exit(2);
});
client.on('closed', () => process.exit(answered ? 0 : 3));
client.send(host, Number(port), calling, called);
