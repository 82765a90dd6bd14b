// Interview form: an enhancement only – the form works fully without this script.
//
// - It shows one area of the guide at a time, with where you are ("Område 2 av 4 · fråga 5 av 9"), a
//   jump menu and buttons to the previous and next area. Every field of every area stays in the form,
//   so moving between areas keeps everything typed (and saves it). "Visa hela formuläret" shows it all;
//   that choice is remembered in this browser for the person signed in.
// - It saves a draft on the server a few seconds after typing stops, when a field loses focus and when
//   moving to another area. The status line says what is true: "Sparar …", "Sparad 14.32" (the time
//   of the last save that succeeded) or why nothing was saved. When the server cannot be reached it
//   keeps everything in the page, says so and tries again until it succeeds.
// - A button pressed while a background save is on its way waits for it and is then carried out.
// - The save bar at the bottom never covers the field that has focus.
// Children's words are never written to the browser's storage: they stay in this page and on the server.
(function () {
  'use strict';

  var QUIET_MS = 3000;       // save this long after the last keystroke
  var FIRST_RETRY_MS = 2000; // then 4 s, 8 s … up to MAX_RETRY_MS while the server is out of reach
  var MAX_RETRY_MS = 30000;
  var WHOLE_FORM_KEY = 'delaktig.interview.wholeForm.'; // + user name, in localStorage
  var AREA_KEY = 'delaktig.interview.area.';            // + form address, in sessionStorage

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  function format(pattern, args) {
    return pattern.replace(/\{(\d)\}/g, function (match, index) {
      return args[Number(index)];
    });
  }

  // Storage may be switched off or full: the form then simply forgets the choice.
  function stored(storage, key) {
    try {
      return window[storage].getItem(key);
    } catch (e) {
      return null;
    }
  }

  function store(storage, key, value) {
    try {
      window[storage].setItem(key, value);
    } catch (e) {
      // nothing to do: the choice holds for this page only
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form.interview-form');
    if (!form) {
      return;
    }
    var summary = document.getElementById('error-summary');
    // After a refused save, what is on screen was typed but is not saved.
    var dirty = summary !== null;
    var url = form.getAttribute('data-autosave');
    var status = document.getElementById('autosave-status');
    var version = form.querySelector('input[name="version"]');
    var bar = document.getElementById('interview-bar');

    var edits = 0;          // counts changes, so a save only clears "dirty" if nothing was typed meanwhile
    var timer = null;
    var retryDelay = FIRST_RETRY_MS;
    var inFlight = false;
    var retrying = false;    // the last save did not reach the server: another try is scheduled
    var again = false;
    var stopped = false;     // after a conflict or sign-out: never overwrite, wait for the person
    var signedOut = false;   // stopped because the session ended: resumes when signed in again
    var resumedSave = false; // the save after signing in again, which session.js reports
    var pendingSubmit = null; // a button pressed while a save was on its way (or the form itself)
    var afterSave = [];      // what waits for the save on its way to end, however it ends

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
      // After a refused save the page is "dirty" from the start; it is sent again once something is changed.
      if (!url || stopped || !dirty || edits === 0) {
        return;
      }
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      var sentEdits = edits;
      say(form.getAttribute('data-text-saving'), 'saving');
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
          retrying = false;
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
          } else if (result.kind === 'conflict') {
            stopped = true;
            say(result.data.message, 'error');
            offerSavedVersion();
          } else if (result.kind === 'session') {
            // Everything typed stays in the page; saved by itself once the same person is signed in again.
            stopped = true;
            signedOut = true;
            say(form.getAttribute('data-text-session-ended'), 'error');
            window.DelaktigSession.refused(null);
          } else if (result.kind === 'signedOut') {
            stopped = true;
            say(form.getAttribute('data-text-signed-out'), 'error');
          } else if (result.kind === 'invalid') {
            // Wait for the next edit: sending the same text again would be refused again.
            say(result.data.message + ' ' + (result.data.errors || []).map(function (e) { return e.message; }).join(' '), 'error');
          } else {
            retrying = true;
            say(form.getAttribute('data-text-offline'), 'warning');
            schedule(retryDelay);
            retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
          }
          settle(result.kind);
          if (!retrying && (again || (dirty && edits !== sentEdits))) {
            again = false;
            schedule(QUIET_MS);
          }
        });
    }

    // What waited for the save. A pressed button is carried out whatever the answer, so that the
    // server shows what it refused (errors, a conflict); only without a connection (sent once a retry
    // gets through) or with the session gone (sent once signed in again) does it keep waiting.
    function settle(kind) {
      var waiting = afterSave;
      afterSave = [];
      if (pendingSubmit && kind !== 'offline' && kind !== 'retry' && kind !== 'session') {
        submitNow();
        return;
      }
      waiting.forEach(function (run) { run(); });
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
        if (pendingSubmit) {
          submitNow();
        }
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

    // A button pressed while an autosave is on its way (leaving a field saves at once) waits for it:
    // otherwise the form would carry the version from before the autosave and be refused as a conflict.
    // Without a connection it waits for the next try to get through, so the page is not left for an error.
    form.addEventListener('submit', function (event) {
      if (inFlight || retrying) {
        event.preventDefault();
        var submitter = event.submitter || form;
        // Runs after every submit listener, so a declined confirmation (delaktig.js) is known here.
        window.setTimeout(function () {
          if (form.getAttribute('data-declined') === 'true') {
            return;
          }
          pendingSubmit = submitter;
          if (inFlight) {
            return;
          }
          if (retrying) {
            retryDelay = FIRST_RETRY_MS;
            save();
          } else {
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

    // A safeguarding flag leaves the page: what was typed in the interview is saved first.
    var flagSection = document.getElementById('safeguarding');
    var flagForm = flagSection && flagSection.querySelector('form');
    if (flagForm) {
      flagForm.addEventListener('submit', function (event) {
        if (!url || stopped || (!dirty && !inFlight)) {
          return;
        }
        event.preventDefault();
        afterSave.push(function () { flagForm.submit(); });
        if (!inFlight) {
          save();
        }
      });
    }

    // --- The save bar ---------------------------------------------------------------------------

    // The bar stays above the session banner, and whatever gets focus or is scrolled to keeps clear of it.
    var guard = document.getElementById('session-guard');
    function fitBar() {
      if (!bar) {
        return;
      }
      var banner = guard && guard.classList.contains('session-banner--shown') ? guard.getBoundingClientRect().height : 0;
      bar.style.bottom = banner + 'px';
      document.documentElement.style.scrollPaddingBottom = Math.ceil(bar.getBoundingClientRect().height + banner + 16) + 'px';
    }
    if (bar) {
      if ('ResizeObserver' in window) {
        var observer = new ResizeObserver(fitBar);
        observer.observe(bar);
        if (guard) {
          observer.observe(guard);
        }
      }
      window.addEventListener('resize', fitBar);
      fitBar();
      // Should the browser still leave a field under the bar, move the page so it is not.
      form.addEventListener('focusin', function (event) {
        var field = event.target;
        if (bar.contains(field)) {
          return;
        }
        window.requestAnimationFrame(function () {
          var box = (field.closest('label') || field).getBoundingClientRect();
          var barBox = bar.getBoundingClientRect();
          if (barBox.top < window.innerHeight && box.bottom > barBox.top - 8 && box.top < barBox.bottom) {
            window.scrollBy(0, box.bottom - barBox.top + 16);
          }
        });
      });
    }

    // --- One area at a time ---------------------------------------------------------------------

    var steps = Array.prototype.slice.call(form.querySelectorAll('[data-area]'));
    var nav = document.getElementById('area-nav');
    var progress = document.getElementById('area-progress');
    var toggle = document.getElementById('whole-form-toggle');
    var links = nav ? Array.prototype.slice.call(nav.querySelectorAll('.area-nav__link')) : [];
    var wholeKey = WHOLE_FORM_KEY + (form.getAttribute('data-user') || '');
    var areaKey = AREA_KEY + form.getAttribute('action');
    var whole = stored('localStorage', wholeKey) === 'true';
    var current = 0;

    function tell(question) {
      var step = steps[current];
      if (!progress || !step) {
        return;
      }
      if (!step.hasAttribute('data-number')) {
        progress.textContent = form.getAttribute('data-text-progress-about');
        return;
      }
      progress.textContent = format(form.getAttribute('data-text-progress'), [
        step.getAttribute('data-number'), step.getAttribute('data-area-count'),
        question ? question.getAttribute('data-number') : step.getAttribute('data-first'),
        form.getAttribute('data-question-count')]);
    }

    function show(index) {
      current = Math.max(0, Math.min(index, steps.length - 1));
      form.classList.toggle('interview-form--stepped', !whole);
      form.classList.toggle('interview-form--whole', whole);
      steps.forEach(function (step, i) {
        step.hidden = !whole && i !== current;
      });
      links.forEach(function (link) {
        if (!whole && link.getAttribute('href') === '#' + steps[current].id) {
          link.setAttribute('aria-current', 'step');
        } else {
          link.removeAttribute('aria-current');
        }
      });
      if (toggle) {
        toggle.hidden = false;
        toggle.textContent = form.getAttribute(whole ? 'data-text-one-area' : 'data-text-whole-form');
      }
      if (progress) {
        progress.hidden = whole;
      }
      tell(steps[current].querySelector('.question'));
      store('sessionStorage', areaKey, String(current));
    }

    /** The field a link points to: the element itself, or the first field inside it (a group of choices). */
    function fieldOf(target) {
      if (target.matches('input, textarea, select, button, a[href]')) {
        return target;
      }
      return target.querySelector('input:not([type=hidden]), textarea, select');
    }

    /** Shows a step and puts the focus on its heading, or on the field a link points to. */
    function go(step, target) {
      if (dirty && !inFlight) {
        save(); // moving on keeps what was typed, on the server too
      }
      show(steps.indexOf(step));
      if (target) {
        var field = fieldOf(target) || target;
        field.focus();
        return;
      }
      // The progress line and jump menu above the area stay in view.
      (whole ? step : nav).scrollIntoView({ block: 'start' });
      step.querySelector('h2').focus({ preventScroll: true });
    }

    if (steps.length > 0) {
      var start = parseInt(stored('sessionStorage', areaKey), 10);
      if (isNaN(start)) {
        start = 0;
      }
      var hashTarget = window.location.hash.length > 1 ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
      var firstError = summary ? summary.querySelector('a[href^="#"]') : null;
      var errorTarget = firstError ? document.getElementById(firstError.getAttribute('href').slice(1)) : null;
      var opening = errorTarget || hashTarget;
      if (opening && opening.closest('[data-area]')) {
        start = steps.indexOf(opening.closest('[data-area]'));
      }
      show(start);
      if (summary) {
        summary.focus();
      } else if (hashTarget && hashTarget.closest('[data-area]')) {
        hashTarget.scrollIntoView({ block: 'center' });
      }

      form.addEventListener('focusin', function (event) {
        var question = event.target.closest('.question');
        if (question && steps[current].contains(question)) {
          tell(question);
        }
      });

      if (toggle) {
        toggle.addEventListener('click', function () {
          whole = !whole;
          store('localStorage', wholeKey, whole ? 'true' : 'false');
          show(current);
          toggle.focus();
        });
      }
    }

    // Links within the page (the jump menu, the previous and next buttons, the error summary, the
    // names found): show the area the target is in, and give the focus to it.
    document.addEventListener('click', function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
      }
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (!link || link.getAttribute('href').length < 2) {
        return;
      }
      var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (!target) {
        return;
      }
      if (target === flagSection) {
        // From the save bar: straight to the note of the safeguarding flag.
        event.preventDefault();
        var note = flagSection.querySelector('textarea');
        flagSection.scrollIntoView({ block: 'start' });
        if (note) {
          note.focus({ preventScroll: true });
        }
        return;
      }
      var step = target.closest('[data-area]');
      if (!step || !form.contains(step)) {
        return;
      }
      event.preventDefault();
      go(step, target === step ? null : target);
    });
  });
})();
