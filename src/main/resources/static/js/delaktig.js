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


  // Every form sent from a page says which page it was on (_page), so that the language link on the
  // answer to a failed post can lead back to that page rather than to an address that only takes posts.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || '').toLowerCase() !== 'post' || form.querySelector('input[name="_page"]')) {
      return;
    }
    var page = document.createElement('input');
    page.type = 'hidden';
    page.name = '_page';
    page.value = document.body.getAttribute('data-page') || (window.location.pathname + window.location.search);
    form.appendChild(page);
  });

  var CARRY = 'delaktig-carry';

  // Switching language on the answer to a failed post: what was typed goes along (in this tab only,
  // removed as soon as it is read) and is put back into the same form on the page in the other language.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-language-switch][data-carry-form]');
    if (!link || !window.sessionStorage) {
      return;
    }
    var forms = [];
    document.querySelectorAll('main form[method="post"], main form[method="POST"]').forEach(function (form) {
      var fields = [];
      Array.prototype.forEach.call(form.elements, function (element) {
        if (!element.name || element.type === 'hidden' || element.type === 'password' || element.type === 'file'
            || element.type === 'submit' || element.type === 'button') {
          return;
        }
        if ((element.type === 'checkbox' || element.type === 'radio') && !element.checked) {
          return;
        }
        fields.push([element.name, element.value]);
      });
      forms.push({action: form.getAttribute('action'), fields: fields});
    });
    try {
      window.sessionStorage.setItem(CARRY, JSON.stringify(forms));
    } catch (e) {
      // Storage full or off: the link still works, only the typed text stays behind.
    }
  });

  function restoreCarried() {
    var saved;
    try {
      saved = window.sessionStorage && window.sessionStorage.getItem(CARRY);
      if (saved) {
        window.sessionStorage.removeItem(CARRY);
      }
    } catch (e) {
      return;
    }
    if (!saved) {
      return;
    }
    JSON.parse(saved).forEach(function (carried) {
      var form = Array.prototype.find.call(document.querySelectorAll('main form'), function (f) {
        return f.getAttribute('action') === carried.action;
      });
      if (!form) {
        return;
      }
      var seen = {};
      carried.fields.forEach(function (pair) {
        var elements = form.querySelectorAll('[name="' + pair[0].replace(/["\\]/g, '') + '"]');
        Array.prototype.forEach.call(elements, function (element) {
          if (element.type === 'checkbox' || element.type === 'radio') {
            if (!seen[pair[0]]) {
              element.checked = false;
            }
            if (element.value === pair[1]) {
              element.checked = true;
            }
          } else if (element.type !== 'hidden' && element.type !== 'password' && element.type !== 'file') {
            element.value = pair[1];
          }
        });
        seen[pair[0]] = true;
      });
    });
  }

  // The phone's menu button: shown (by CSS, on narrow screens) only once this script runs, so that without
  // JavaScript the links simply stay in view. Escape closes the menu and gives focus back to the button.
  function menuButton() {
    var button = document.getElementById('menu-button');
    var menu = button && document.getElementById(button.getAttribute('aria-controls'));
    var header = button && button.closest('.site-header');
    if (!menu || !header) {
      return;
    }
    function setOpen(open) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      menu.classList.toggle('site-menu--open', open);
    }
    setOpen(false);
    button.hidden = false;
    header.classList.add('site-header--js');
    button.addEventListener('click', function () {
      setOpen(button.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true'
          && window.getComputedStyle(button).display !== 'none') {
        setOpen(false);
        button.focus();
      }
    });
  }

  // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
  document.addEventListener('DOMContentLoaded', function () {
    menuButton();
    restoreCarried();
    // "Back to the previous page" on error pages: the browser's own back, where there is a page to go back to.
    document.querySelectorAll('a[data-history-back]').forEach(function (link) {
      link.addEventListener('click', function (event) {
        if (window.history.length > 1) {
          event.preventDefault();
          window.history.back();
        }
      });
    });
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
