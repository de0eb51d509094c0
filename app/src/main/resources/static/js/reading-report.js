// The report editor keeps what the radiologist types. Every change is kept in this browser tab
// (sessionStorage) and, a moment after typing stops, saved as the draft (autosave, with the text
// revision the editor is based on, so another radiologist's newer text is never overwritten).
// If the session has ended, the autosave says so and asks to sign in again; the text stays in the
// tab and comes back into the editor when the study is opened again after signing in.
(function () {
    'use strict';

    const AUTOSAVE_DELAY_MS = 2000;
    const form = document.getElementById('report-form');
    if (!form) {
        return;
    }
    const key = 'ris-report-draft:' + form.dataset.orderId;
    const editor = document.getElementById('report-text');
    const revision = document.getElementById('report-revision');
    const status = document.getElementById('autosave-status');
    let timer = null;
    let inFlight = null;
    let stopped = false;

    function keep() {
        sessionStorage.setItem(key, JSON.stringify({ text: editor.value, revision: revision.value }));
    }

    function show(message, problem) {
        status.textContent = message;
        status.classList.toggle('error', !!problem);
        status.setAttribute('role', problem ? 'alert' : 'status');
    }

    function showSignIn() {
        show('Your session has expired: nothing is saved until you sign in again. Your text is kept in this '
            + 'browser tab and comes back when you open this study again. ', true);
        const link = document.createElement('a');
        link.href = window.location.pathname;
        link.id = 'sign-in-again';
        link.textContent = 'Sign in again';
        status.appendChild(link);
    }

    function showCurrent(answer) {
        const panel = document.getElementById('current-version');
        if (!panel) {
            return;
        }
        document.getElementById('current-text').textContent = answer.currentText || '';
        document.getElementById('current-author').textContent = answer.lastAuthor || '';
        document.getElementById('current-changed').textContent = answer.lastChangedAt || '';
        panel.hidden = false;
    }

    // the sign-in page (a redirect) or a refusal of the expired session's CSRF token
    function signedOut(response) {
        return response.type === 'opaqueredirect' || response.status === 401 || response.status === 403
            || (response.ok && !(response.headers.get('Content-Type') || '').includes('json'));
    }

    function autosave() {
        timer = null;
        const text = editor.value;
        if (stopped || !text.trim()) {
            return;
        }
        const body = new URLSearchParams();
        body.set('_csrf', form.querySelector('input[name=_csrf]').value);
        body.set('text', text);
        body.set('revision', revision.value);
        show('Saving…', false);
        inFlight = fetch(form.dataset.autosaveUrl, {
            method: 'POST', body: body, credentials: 'same-origin', redirect: 'manual',
            headers: { 'Accept': 'application/json' }
        }).then(function (response) {
            if (signedOut(response)) {
                stopped = true;
                showSignIn();
                return null;
            }
            return response.json().then(function (answer) {
                if (response.ok) {
                    revision.value = answer.revision;
                    keep();
                    show('Draft saved automatically at ' + new Date().toLocaleTimeString() + '.', false);
                } else if (response.status === 409) {
                    // the radiologist has now seen the other text: a next save is based on it
                    revision.value = answer.revision;
                    keep();
                    showCurrent(answer);
                    show('Not saved: ' + answer.problem, true);
                } else {
                    show('Not saved: ' + (answer.problem || response.status) + '. Your text is kept here.', true);
                }
            });
        }).catch(function () {
            show('Not saved: the server cannot be reached. Your text is kept in this browser tab.', true);
        }).finally(function () {
            inFlight = null;
        });
    }

    // back after a sign-in (or a reload): the text typed in this tab wins over the saved one, based on
    // the revision it was typed on, so that a newer text saved meanwhile is refused rather than lost
    const kept = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (kept && kept.text !== editor.value && kept.text !== form.dataset.savedText) {
        editor.value = kept.text;
        revision.value = kept.revision;
        const restored = document.createElement('p');
        restored.id = 'restored-text';
        restored.className = 'message';
        restored.setAttribute('role', 'status');
        restored.textContent = 'Restored the text you typed here before, which was not saved; it is saved in a moment.';
        form.parentNode.insertBefore(restored, form);
        timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
    } else if (editor.value === form.dataset.savedText) {
        sessionStorage.removeItem(key);
    }

    editor.addEventListener('input', function () {
        stopped = false;
        keep();
        if (timer) {
            clearTimeout(timer);
        }
        timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
    });

    form.addEventListener('submit', function (event) {
        keep();
        if (timer) {
            clearTimeout(timer);
            timer = null;
        }
        if (inFlight) {
            // wait for the autosave's answer (and the revision it made) before sending the form
            event.preventDefault();
            const submitter = event.submitter;
            inFlight.then(function () {
                form.requestSubmit(submitter);
            });
        }
    });
}());
