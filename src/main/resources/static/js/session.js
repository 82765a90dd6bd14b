// Session guard for forms written in over a long time (interview, reflection). An enhancement only.
//
// 1. Keep-alive: while the page is open and has been used (a key, a pointer, focus, the tab shown
//    again) within the window (data-window-ms, two hours), it sends a small GET every data-ping-ms
//    (five minutes), so the server's 30-minute inactivity timeout does not end the session while an
//    interviewer listens. After the window without use the pings stop and the session ends as usual.
// 2. If the session ends anyway, the page says so in place (aria-live), keeps everything typed, and
//    offers to sign in again in a new tab (a <dialog>). When the same person is signed in again, it
//    takes a fresh CSRF token and runs what was waiting (interview.js's save, or the form's submit).
//    Someone else signed in gets nothing saved into their session.
// Nothing is written to the browser's storage: children's words stay in this page and on the server.
(function () {
  'use strict';

  var POLL_MS = 3000; // while signed out: how often to check whether the person has signed in again

  var guard, dialog, message, signInButton, dialogStatus;
  var pingMs, windowMs;
  var lastUse = Date.now();
  var pingTimer = null;
  var pollTimer = null;
  var state = 'alive';   // alive | ended | other
  var waiting = [];      // functions to run once the same person is signed in again
  var lastField = null;  // the field the person was in, to return focus to after signing in

  function text(name) {
    return guard.getAttribute('data-text-' + name) || '';
  }

  function headers() {
    return { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  }

  function say(words, ok) {
    guard.classList.toggle('session-banner--shown', !!words);
    guard.classList.toggle('session-banner--ok', !!ok);
    message.textContent = words || '';
    // The banner must not cover the end of the form (its save buttons).
    document.body.style.paddingBottom = words ? guard.offsetHeight + 'px' : '';
  }

  // --- Keep-alive -------------------------------------------------------------------------------

  function settings() {
    pingMs = Math.max(1000, parseInt(guard.getAttribute('data-ping-ms'), 10) || 300000);
    windowMs = Math.max(pingMs, parseInt(guard.getAttribute('data-window-ms'), 10) || 7200000);
  }

  function schedulePing() {
    window.clearTimeout(pingTimer);
    pingTimer = window.setTimeout(function () {
      if (state === 'alive' && Date.now() - lastUse < windowMs) {
        ping();
      }
      schedulePing();
    }, pingMs);
  }

  function ping() {
    return fetch(guard.getAttribute('data-ping-url'), { headers: headers(), credentials: 'same-origin',
        redirect: 'manual', cache: 'no-store' })
      .then(function (response) {
        if (isEnded(response)) {
          ended(false);
        }
      }, function () { /* offline: the next ping or save tries again */ });
  }

  function used(event) {
    if (event && event.type === 'visibilitychange' && document.hidden) {
      return;
    }
    if (event && event.target && event.target.form) {
      lastField = event.target;
    }
    var idle = Date.now() - lastUse;
    lastUse = Date.now();
    // Back after a long pause: learn at once whether the session is still there, before typing much.
    if (state === 'alive' && idle >= pingMs) {
      ping();
    }
  }

  // --- Session ended ------------------------------------------------------------------------------

  /** A response that says the session is gone: our 401 marker, or a redirect (to the login page). */
  function isEnded(response) {
    return response.type === 'opaqueredirect' || response.status === 401
        || response.headers.get('Delaktig-Session') === 'ended';
  }

  /** A response that says the page's CSRF token is no longer the session's: check and take a fresh one. */
  function isSessionAnswer(response) {
    return isEnded(response) || response.headers.get('Delaktig-Session') !== null;
  }

  function ended(openDialog) {
    if (state !== 'ended') {
      state = 'ended';
      say(text('ended'));
      signInButton.hidden = false;
      window.clearInterval(pollTimer);
      pollTimer = window.setInterval(function () { check(false); }, POLL_MS);
    }
    if (openDialog) {
      showDialog();
    }
  }

  function showDialog() {
    if (!dialog.open) {
      dialogStatus.textContent = '';
      dialog.showModal();
      document.getElementById('session-new-tab').focus();
    }
  }

  function closeDialog() {
    if (dialog.open) {
      dialog.close();
    }
  }

  /** Asks the server who is signed in; resumes when it is the page's own person. */
  function check(manual) {
    if (manual) {
      dialogStatus.textContent = text('checking');
    }
    var url = guard.getAttribute('data-state-url') + '?user=' + encodeURIComponent(guard.getAttribute('data-user'));
    return fetch(url, { headers: headers(), credentials: 'same-origin', redirect: 'manual', cache: 'no-store' })
      .then(function (response) {
        if (isEnded(response)) {
          ended(false);
          if (manual) {
            dialogStatus.textContent = text('still-signed-out');
          }
          return;
        }
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json().then(function (data) {
          if (data.sameUser) {
            fresh(data);
            resume();
          } else {
            otherUser();
          }
        });
      })
      .catch(function () {
        if (manual) {
          dialogStatus.textContent = text('offline');
        }
      });
  }

  /** Puts the new session's CSRF token wherever the page keeps one. */
  function fresh(data) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token) {
      token.setAttribute('content', data.csrfToken);
    }
    if (header) {
      header.setAttribute('content', data.csrfHeader);
    }
    document.querySelectorAll('input[type="hidden"][name="' + data.csrfParameter + '"]').forEach(function (input) {
      input.value = data.csrfToken;
    });
  }

  function otherUser() {
    if (state !== 'other') {
      state = 'other';
      say(text('other-user'));
      signInButton.hidden = false;
      dialogStatus.textContent = text('other-user');
    }
    // Keep checking: the right person may sign in again.
    if (!pollTimer) {
      pollTimer = window.setInterval(function () { check(false); }, POLL_MS);
    }
  }

  function resume() {
    window.clearInterval(pollTimer);
    pollTimer = null;
    var hadDialog = dialog.open;
    closeDialog();
    state = 'alive';
    lastUse = Date.now();
    signInButton.hidden = true;
    var run = waiting;
    waiting = [];
    // interview.js saves its pending draft on this event and says so in detail.saving.
    // (or says in detail.saved that nothing was waiting).
    var resumed = new CustomEvent('delaktig:session-resumed', { detail: { saving: false, saved: false } });
    document.dispatchEvent(resumed);
    say(text(run.length > 0 || resumed.detail.saving ? 'resumed' : resumed.detail.saved ? 'resumed-saved' : 'resumed-idle'), true);
    run.forEach(function (f) { f(); });
    if (hadDialog && lastField && document.contains(lastField)) {
      lastField.focus();
    }
  }

  // --- The page's own saves -------------------------------------------------------------------------

  // A submit of a guarded form first makes sure the session is there, so a plain post never lands on a
  // refusal after the session ended: if it ended, the text stays on the page and the form is sent once
  // the person has signed in again.
  var checkedSubmit = null;

  function guardSubmit(event) {
    var form = event.target;
    if (!form.hasAttribute('data-session-guarded') || checkedSubmit === form) {
      checkedSubmit = null;
      return;
    }
    var submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
    // A button that asks first (data-confirm, delaktig.js) must ask at once, while the click is fresh:
    // with the session last seen alive it goes as it is (after the session ended, the server shows
    // the texts sent on a page of their own).
    var asks = (submitter && submitter.hasAttribute('data-confirm')) || form.hasAttribute('data-confirm');
    if (asks && state === 'alive') {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    var send = function () {
      checkedSubmit = form;
      if (submitter) {
        form.requestSubmit(submitter);
      } else {
        form.requestSubmit();
      }
    };
    var url = guard.getAttribute('data-state-url') + '?user=' + encodeURIComponent(guard.getAttribute('data-user'));
    fetch(url, { headers: headers(), credentials: 'same-origin', redirect: 'manual', cache: 'no-store' })
      .then(function (response) {
        if (isEnded(response)) {
          waiting.push(send);
          ended(true);
          return;
        }
        return response.json().then(function (data) {
          if (data.sameUser) {
            fresh(data);
            send();
          } else {
            otherUser();
            waiting.push(send);
            showDialog();
          }
        });
      })
      .catch(send); // no answer at all: let the browser send the form as it would have
  }

  window.DelaktigSession = {
    /** True when a response from a page script's request means the session is gone or the token stale. */
    isSessionAnswer: isSessionAnswer,
    /**
     * The page's save was refused because of the session: says so, keeps waiting, and calls retry once
     * the same person is signed in again (with a fresh CSRF token in the page).
     */
    refused: function (retry) {
      if (retry) {
        waiting.push(retry);
      }
      check(false);
    },
    /** The page has saved what was waiting. */
    saved: function () {
      if (state === 'alive' && guard.classList.contains('session-banner--ok')) {
        say(text('resumed-saved'), true);
      }
    }
  };

  document.addEventListener('DOMContentLoaded', function () {
    guard = document.getElementById('session-guard');
    if (!guard) {
      return;
    }
    dialog = document.getElementById('session-dialog');
    message = document.getElementById('session-message');
    signInButton = document.getElementById('session-sign-in');
    dialogStatus = document.getElementById('session-dialog-status');
    settings();
    schedulePing();

    ['input', 'keydown', 'pointerdown', 'focusin'].forEach(function (type) {
      document.addEventListener(type, used, { passive: true, capture: true });
    });
    document.addEventListener('visibilitychange', function (event) {
      used(event);
      if (!document.hidden && state !== 'alive') {
        check(false);
      }
    });
    window.addEventListener('focus', function () {
      if (state !== 'alive') {
        check(false);
      }
    });
    document.addEventListener('submit', guardSubmit, true);

    signInButton.addEventListener('click', showDialog);
    document.getElementById('session-check').addEventListener('click', function () { check(true); });
    document.getElementById('session-close').addEventListener('click', closeDialog);
    dialog.addEventListener('close', function () {
      if (state !== 'alive') {
        signInButton.focus();
      }
    });
  });
})();
