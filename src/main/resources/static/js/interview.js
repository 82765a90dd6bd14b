// Interview form: an enhancement only – the form works fully without this script.
//
// It saves a draft on the server a few seconds after typing stops and when a field loses focus, says
// when it last saved, and when the server cannot be reached keeps everything in the page, says so and
// tries again until it succeeds. Nothing is written to the browser's storage: children's words stay
// in this page and on the server only.
(function () {
  'use strict';

  var QUIET_MS = 3000;       // save this long after the last keystroke
  var FIRST_RETRY_MS = 2000; // then 4 s, 8 s … up to MAX_RETRY_MS while the server is out of reach
  var MAX_RETRY_MS = 30000;

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form.interview-form');
    if (!form) {
      return;
    }
    // After a refused save, what is on screen was typed but is not saved.
    var dirty = document.getElementById('error-summary') !== null;
    var url = form.getAttribute('data-autosave');
    var status = document.getElementById('autosave-status');
    var version = form.querySelector('input[name="version"]');

    var edits = 0;          // counts changes, so a save only clears "dirty" if nothing was typed meanwhile
    var timer = null;
    var retryDelay = FIRST_RETRY_MS;
    var inFlight = false;
    var again = false;
    var stopped = false;     // after a conflict or sign-out: never overwrite, wait for the person
    var signedOut = false;   // stopped because the session ended: resumes when signed in again
    var resumedSave = false; // the save after signing in again, which session.js reports

    function say(text, kind) {
      if (!status) {
        return;
      }
      status.textContent = text;
      status.className = 'autosave-status' + (kind ? ' autosave-status--' + kind : '');
    }

    function offerSavedVersion() {
      if (!status || status.querySelector('a')) {
        return;
      }
      var link = document.createElement('a');
      link.href = form.getAttribute('data-saved-url');
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = form.getAttribute('data-text-reload');
      status.appendChild(document.createTextNode(' '));
      status.appendChild(link);
    }

    function schedule(delay) {
      if (!url || stopped) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(save, delay);
    }

    function body() {
      var data = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (name !== 'action') {
          data.append(name, value);
        }
      });
      return data;
    }

    function save() {
      window.clearTimeout(timer);
      if (!url || stopped || !dirty) {
        return;
      }
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      var sentEdits = edits;
      var headers = { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' };
      var csrfHeader = meta('_csrf_header');
      if (csrfHeader) {
        headers[csrfHeader] = meta('_csrf');
      }
      fetch(url, { method: 'POST', headers: headers, body: body(), credentials: 'same-origin', redirect: 'manual' })
        .then(function (response) {
          if (window.DelaktigSession && window.DelaktigSession.isSessionAnswer(response)) {
            // The session ended (or the page holds an old session's token): session.js takes over.
            return { kind: 'session' };
          }
          var json = (response.headers.get('Content-Type') || '').indexOf('application/json') >= 0;
          if (!json) {
            // A redirect to the login page, or an error page: the session is gone or the server is unwell.
            return { kind: response.type === 'opaqueredirect' || response.status === 401 || response.status === 403
                ? 'signedOut' : 'retry' };
          }
          return response.json().then(function (data) {
            return { kind: response.ok ? 'saved' : (response.status === 409 ? 'conflict' : 'invalid'), data: data };
          });
        }, function () {
          return { kind: 'offline' };
        })
        .then(function (result) {
          inFlight = false;
          if (result.kind === 'saved') {
            version.value = result.data.version;
            retryDelay = FIRST_RETRY_MS;
            if (edits === sentEdits) {
              dirty = false;
            }
            say(result.data.message, 'ok');
            if (resumedSave) {
              resumedSave = false;
              window.DelaktigSession.saved();
            }
            if (pendingSubmit) {
              submitNow();
              return;
            }
          } else if (result.kind === 'conflict') {
            pendingSubmit = null;
            stopped = true;
            say(result.data.message, 'error');
            offerSavedVersion();
          } else if (result.kind === 'session') {
            // Everything typed stays in the page; saved by itself once the same person is signed in again.
            pendingSubmit = null;
            stopped = true;
            signedOut = true;
            say(form.getAttribute('data-text-session-ended'), 'error');
            window.DelaktigSession.refused(null);
          } else if (result.kind === 'signedOut') {
            pendingSubmit = null;
            stopped = true;
            say(form.getAttribute('data-text-signed-out'), 'error');
          } else if (result.kind === 'invalid') {
            pendingSubmit = null;
            // Wait for the next edit: sending the same text again would be refused again.
            say(result.data.message + ' ' + (result.data.errors || []).map(function (e) { return e.message; }).join(' '), 'error');
          } else {
            say(form.getAttribute('data-text-offline'), 'warning');
            schedule(retryDelay);
            retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
            return;
          }
          if (again || (dirty && edits !== sentEdits)) {
            again = false;
            schedule(QUIET_MS);
          }
        });
    }

    function changed() {
      dirty = true;
      edits++;
      schedule(QUIET_MS);
    }

    // Signed in again (session.js): take up the background save where it stopped.
    document.addEventListener('delaktig:session-resumed', function (event) {
      if (!signedOut) {
        event.detail.saved = !dirty;
        return;
      }
      signedOut = false;
      stopped = false;
      if (dirty) {
        resumedSave = true;
        event.detail.saving = true;
        save();
      } else {
        event.detail.saved = true;
      }
    });

    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    // Leaving a field saves at once: the next question may take a while to be answered.
    form.addEventListener('focusout', function () {
      if (dirty && !inFlight) {
        save();
      }
    });
    // The connection is back: do not wait for the next retry.
    window.addEventListener('online', function () {
      if (dirty) {
        retryDelay = FIRST_RETRY_MS;
        save();
      }
    });

    // A button pressed while an autosave is on its way (leaving a field saves at once) waits for it:
    // otherwise the form would carry the version from before the autosave and be refused as a conflict.
    var pendingSubmit = null;

    function submitNow() {
      var submitter = pendingSubmit;
      pendingSubmit = null;
      if (submitter && submitter.name) {
        var hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      dirty = false;
      form.submit();
    }

    form.addEventListener('submit', function (event) {
      if (inFlight) {
        event.preventDefault();
        var submitter = event.submitter || true;
        // Runs after every submit listener, so a declined confirmation (delaktig.js) is known here.
        window.setTimeout(function () {
          if (form.getAttribute('data-declined') === 'true') {
            return;
          }
          pendingSubmit = submitter;
          if (!inFlight) {
            submitNow();
          }
        }, 0);
        return;
      }
      dirty = false;
      window.clearTimeout(timer);
      // A submit cancelled later (e.g. the "mark as complete" confirmation) leaves the changes unsaved.
      window.setTimeout(function () {
        if (event.defaultPrevented) {
          dirty = true;
        }
      }, 0);
    });
    // Warn before leaving the form with unsaved changes, so an hour's notes are not lost by a stray click.
    window.addEventListener('beforeunload', function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
  });
})();
