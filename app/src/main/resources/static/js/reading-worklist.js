// The live reading worklist once the session has ended: the server says so on the event stream
// (session-expired), or a refresh of the list is answered with the sign-in page (a redirect htmx
// followed) or refused. Either way the list stays as it was, the stream is closed and the page asks
// the radiologist to sign in again; the sign-in page is never swapped into the table.
(function () {
    'use strict';

    function signedOutAnswer(xhr) {
        if (xhr.status === 401 || xhr.status === 403) {
            return true;
        }
        try {
            return new URL(xhr.responseURL, window.location.href).pathname === '/login';
        } catch (unparsable) {
            return false;
        }
    }

    function sessionExpired() {
        const stream = document.querySelector('[sse-connect]');
        const internal = stream && stream['htmx-internal-data'];
        if (internal && internal.sseEventSource) {
            internal.sseEventSource.close();
        }
        const prompt = document.getElementById('session-expired');
        if (prompt) {
            prompt.hidden = false;
        }
        const list = document.getElementById('worklist');
        if (list) {
            list.classList.add('stale');
            list.setAttribute('aria-disabled', 'true');
        }
    }

    document.addEventListener('sse:session-expired', sessionExpired);

    document.addEventListener('htmx:beforeSwap', function (event) {
        if (event.detail.xhr && signedOutAnswer(event.detail.xhr)) {
            event.detail.shouldSwap = false;
            event.detail.isError = false;
            sessionExpired();
        }
    });
}());
