// Storage Commitment Push Model with dcmjs-dimse, both roles, printing what happens as JSON lines.
//
// As SCU: node commitment.js request HOST PORT CALLING CALLED LINGER_MS ACTION_JSON [refuse-reports]
//   sends one N-ACTION (action type 1) with ACTION_JSON as its action information, prints the
//   N-ACTION-RSP ({"action": ...}) and any N-EVENT-REPORT that arrives on the same association
//   ({"report": ...}); keeps the association open LINGER_MS after the response (0: releases at once).
//   With refuse-reports, a report on this association is answered 0x0110 (a requestor that takes
//   reports only on associations of its own).
// As SCP of the N-EVENT-REPORT: node commitment.js listen PORT AE_TITLE TIMEOUT_MS
//   accepts associations proposing Storage Commitment, prints {"listening": PORT} once ready and
//   {"report": ...} with the negotiated role for each N-EVENT-REPORT; exits after the first report.
const dimse = require('dcmjs-dimse');
const { Client, Dataset, Scp, Server } = dimse;
const { NActionRequest } = dimse.requests;
const { NEventReportResponse } = dimse.responses;
const { PresentationContextResult, TransferSyntax } = dimse.constants;

const SC = '1.2.840.10008.1.20.1';
const WELL_KNOWN = '1.2.840.10008.1.20.1.1';
const [mode, ...args] = process.argv.slice(2);

function print(value) {
  console.log(JSON.stringify(value));
}

function report(request, role) {
  const dataset = request.getDataset() ? request.getDataset().getElements() : null;
  print({ report: { eventTypeId: request.getEventTypeId(), dataset, role } });
  const response = NEventReportResponse.fromRequest(request);
  response.setStatus(0);
  return response;
}

if (mode === 'request') {
  const [host, port, calling, called, linger, json, refuse] = args;
  const request = new NActionRequest(SC, WELL_KNOWN, 1);
  request.setDataset(new Dataset(JSON.parse(json)));
  request.on('response', (response) => {
    print({ action: { status: response.getStatus(), errorComment: response.getErrorComment() || null,
      actionTypeId: response.getActionTypeId() === undefined ? null : response.getActionTypeId() } });
  });
  const client = new Client();
  client.addRequest(request);
  client.on('nEventReportRequest', (request, callback) => {
    const response = report(request, 'requestor');
    if (refuse === 'refuse-reports') {
      response.setStatus(0x0110);
    }
    callback(response);
  });
  client.on('networkError', (error) => {
    console.error('network error: ' + error);
    process.exit(2);
  });
  client.on('closed', () => process.exit(0));
  client.send(host, Number(port), calling, called, { associationLingerTimeout: Number(linger) });
} else if (mode === 'listen') {
  const [port, aeTitle, timeout] = args;
  class CommitmentScu extends Scp {
    associationRequested(association) {
      this.association = association;
      if (association.getCalledAeTitle() !== aeTitle) {
        this.sendAssociationReject();
        return;
      }
      association.getPresentationContexts().forEach((c) => {
        const context = association.getPresentationContext(c.id);
        if (context.getAbstractSyntaxUid() === SC
          && context.getTransferSyntaxUids().includes(TransferSyntax.ImplicitVRLittleEndian)) {
          context.setResult(PresentationContextResult.Accept, TransferSyntax.ImplicitVRLittleEndian);
        } else {
          context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        }
      });
      this.sendAssociationAccept();
    }

    associationReleaseRequested() {
      this.sendAssociationReleaseResponse();
    }

    nEventReportRequest(request, callback) {
      const context = this.association.getPresentationContexts()
        .map((c) => this.association.getPresentationContext(c.id))
        .find((c) => c.getAbstractSyntaxUid() === SC);
      callback(report(request, { scu: context.getUserRole(), scp: context.getProviderRole(),
        callingAeTitle: this.association.getCallingAeTitle() }));
      setTimeout(() => process.exit(0), 500);
    }
  }
  const server = new Server(CommitmentScu);
  server.on('networkError', (error) => console.error('network error: ' + error));
  server.listen(Number(port));
  print({ listening: Number(port) });
  setTimeout(() => {
    print({ timeout: true });
    process.exit(4);
  }, Number(timeout));
} else {
  console.error('usage: commitment.js request|listen ...');
  process.exit(1);
}
