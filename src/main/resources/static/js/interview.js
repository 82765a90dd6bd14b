// Interview form: an enhancement only – the form works fully without this script.
(function () {
  'use strict';

  // Warn before leaving the form with unsaved changes, so an hour's notes are not lost by a stray click.
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form.interview-form');
    if (!form) {
      return;
    }
    // After a refused save, what is on screen was typed but is not saved.
    var dirty = document.getElementById('error-summary') !== null;
    form.addEventListener('input', function () { dirty = true; });
    form.addEventListener('change', function () { dirty = true; });
    form.addEventListener('submit', function (event) {
      dirty = false;
      // A submit cancelled later (e.g. the "mark as complete" confirmation) leaves the changes unsaved.
      window.setTimeout(function () {
        if (event.defaultPrevented) {
          dirty = true;
        }
      }, 0);
    });
    window.addEventListener('beforeunload', function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
  });
})();
