// Delaktig's own script: small on purpose. No inline script anywhere (the CSP forbids it).
(function () {
  'use strict';

  // htmx requests carry the CSRF token that every page has in <meta name="_csrf">.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Buttons that ask before doing something hard to undo: data-confirm="question".
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    form.removeAttribute('data-declined');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      // Tells other scripts that wait on this submit (interview.js) that the person said no.
      form.setAttribute('data-declined', 'true');
    }
  });

  // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
  document.addEventListener('DOMContentLoaded', function () {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    }
    // Copy buttons: data-copy-target="#id".
    document.querySelectorAll('[data-copy-target]').forEach(function (button) {
      button.addEventListener('click', function () {
        var target = document.querySelector(button.getAttribute('data-copy-target'));
        if (target && navigator.clipboard) {
          navigator.clipboard.writeText(target.value || target.textContent);
          button.setAttribute('data-copied', 'true');
        }
      });
    });
  });
})();
