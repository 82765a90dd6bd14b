// Coding page: an enhancement only – without this script the form posts the typed offsets.
// The blind double-coding page uses the same script with its own addresses in the form's data-* attributes.
//
// Selecting text in one of the (read-only) text boxes, with the mouse or with Shift and the arrow
// keys, fills the form with the text's reference and the selection's offsets. Saving posts to the API
// with the CSRF header and adds the new codes to the text's list, without reloading the page.
(function () {
  'use strict';

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  function format(pattern, args) {
    return (pattern || '').replace(/\{(\d+)\}/g, function (all, n) {
      return args[+n] === undefined ? all : String(args[+n]);
    });
  }

  function shorten(text) {
    return text.length > 120 ? text.substring(0, 117) + '…' : text;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('coding-form');
    if (!form) {
      return;
    }
    var source = document.getElementById('coding-source');
    var start = document.getElementById('coding-start');
    var end = document.getElementById('coding-end');
    var selection = document.getElementById('coding-selection');
    var status = document.getElementById('coding-status');
    var current = null;

    function remember(area) {
      if (area.selectionEnd <= area.selectionStart) {
        return false;
      }
      current = area;
      source.value = area.getAttribute('data-source');
      start.value = area.selectionStart;
      end.value = area.selectionEnd;
      selection.textContent = format(form.getAttribute('data-msg-selected'),
          [area.getAttribute('data-label'), shorten(area.value.substring(area.selectionStart, area.selectionEnd))]);
      return true;
    }

    Array.prototype.forEach.call(document.querySelectorAll('textarea.coding-text__body'), function (area) {
      // Chrome does not move the caret in a read-only text box, so Shift and the arrow keys could not
      // select. The box is made read-write for the keyboard, and every attempt to change it is undone.
      var original = area.value;
      area.removeAttribute('readonly');
      area.setAttribute('aria-readonly', 'true');
      area.addEventListener('beforeinput', function (event) { event.preventDefault(); });
      ['cut', 'paste', 'drop'].forEach(function (type) {
        area.addEventListener(type, function (event) { event.preventDefault(); });
      });
      area.addEventListener('input', function () {
        if (area.value !== original) {
          area.value = original;
        }
      });
      ['select', 'mouseup', 'keyup'].forEach(function (type) {
        area.addEventListener(type, function () { remember(area); });
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll('.coding-text__pick'), function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        var area = document.getElementById(button.getAttribute('data-for'));
        if (!remember(area)) {
          status.textContent = form.getAttribute('data-msg-select-first');
          area.focus();
          return;
        }
        var first = form.querySelector('input[name="codeIds"]');
        if (first) {
          first.focus();
        }
      });
    });

    function listFor(key) {
      var area = document.querySelector('textarea.coding-text__body[data-source="' + key.replace(/"/g, '\\"') + '"]');
      return area ? document.getElementById(area.getAttribute('data-list')) : null;
    }

    function addSegment(segment) {
      var key = segment.interviewId + ':' + segment.kind + ':' + (segment.questionId == null ? '' : segment.questionId)
          + ':' + (segment.part == null ? '' : segment.part);
      var list = listFor(key);
      if (!list || list.querySelector('[data-segment="' + segment.id + '"]')) {
        return;
      }
      var empty = list.querySelector('.coding-segments__empty');
      if (empty) {
        empty.remove();
      }
      var item = document.createElement('li');
      item.className = 'coding-segment';
      item.setAttribute('data-segment', segment.id);
      // Without data-code-url (blind double coding) the code is a plain badge: the code's own page
      // shows the shared coding, not the coder's blind segments.
      var codeUrl = form.getAttribute('data-code-url');
      var link = document.createElement(codeUrl ? 'a' : 'span');
      link.className = 'badge';
      if (codeUrl) {
        link.href = codeUrl + segment.codeId;
      }
      link.textContent = segment.codeName;
      var excerpt = document.createElement('span');
      excerpt.className = 'coding-segment__excerpt';
      excerpt.textContent = '”' + segment.excerpt + '”';
      var remove = document.createElement('form');
      remove.method = 'post';
      remove.className = 'coding-segment__remove';
      remove.action = form.getAttribute('data-remove-url') + segment.id + '/delete';
      var token = document.createElement('input');
      token.type = 'hidden';
      token.name = '_csrf';
      token.value = meta('_csrf') || '';
      var button = document.createElement('button');
      button.type = 'submit';
      button.className = 'button button--small';
      button.textContent = form.getAttribute('data-msg-remove');
      button.setAttribute('aria-label', format(form.getAttribute('data-msg-remove-label'), [segment.codeName, segment.excerpt]));
      remove.appendChild(token);
      remove.appendChild(button);
      item.appendChild(link);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(excerpt);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(quoteForm(segment));
      item.appendChild(document.createTextNode(' '));
      item.appendChild(remove);
      list.appendChild(item);
    }

    // "Mark as quote" for a segment: the same form the page renders, posted through the API below.
    function quoteForm(segment) {
      var mark = document.createElement('form');
      mark.method = 'post';
      mark.className = 'coding-segment__quote';
      mark.action = form.getAttribute('data-quote-url');
      [['_csrf', meta('_csrf') || ''], ['segmentId', segment.id], ['back', 'coding']].forEach(function (pair) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = pair[0];
        input.value = pair[1];
        mark.appendChild(input);
      });
      var button = document.createElement('button');
      button.type = 'submit';
      button.className = 'button button--small';
      button.textContent = form.getAttribute('data-msg-quote-mark');
      button.setAttribute('aria-label', format(form.getAttribute('data-msg-quote-mark-label'), [segment.excerpt]));
      mark.appendChild(button);
      return mark;
    }

    function problemText(body) {
      var problem = body || {};
      return problem.errors && problem.errors.length ? problem.errors[0].message : (problem.detail || problem.title || '');
    }

    function jsonHeaders() {
      var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
      var header = meta('_csrf_header');
      if (header) {
        headers[header] = meta('_csrf');
      }
      return headers;
    }

    // Marking a segment as a candidate quote without leaving the page: the form becomes a link to the quote.
    document.addEventListener('submit', function (event) {
      var mark = event.target;
      if (!mark.classList || !mark.classList.contains('coding-segment__quote')) {
        return;
      }
      event.preventDefault();
      var segmentId = Number(mark.querySelector('input[name="segmentId"]').value);
      fetch(form.getAttribute('data-quote-api'), {method: 'POST', headers: jsonHeaders(),
        body: JSON.stringify({segmentId: segmentId}), credentials: 'same-origin'})
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (json) {
            return {ok: response.ok, body: json};
          });
        })
        .then(function (result) {
          if (!result.ok) {
            status.textContent = format(form.getAttribute('data-msg-failed'), [problemText(result.body)]);
            status.className = 'coding__status notice notice--error';
            return;
          }
          var quote = result.body;
          var link = document.createElement('a');
          link.className = 'coding-segment__quoted';
          link.href = form.getAttribute('data-quote-url') + '#quote-' + quote.id;
          link.textContent = form.getAttribute('data-msg-quote-link');
          link.setAttribute('aria-label', format(form.getAttribute('data-msg-quote-link-label'), [shorten(quote.text)]));
          mark.parentNode.replaceChild(link, mark);
          status.textContent = format(form.getAttribute('data-msg-quote-marked'), [shorten(quote.text)]);
          status.className = 'coding__status notice notice--success';
          link.focus();
        })
        .catch(function () {
          status.textContent = form.getAttribute('data-msg-offline');
          status.className = 'coding__status notice notice--error';
        });
    });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var codes = Array.prototype.filter.call(form.querySelectorAll('input[name="codeIds"]'), function (box) {
        return box.checked;
      });
      var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
      var header = meta('_csrf_header');
      if (header) {
        headers[header] = meta('_csrf');
      }
      var body = {
        source: source.value,
        start: start.value === '' ? null : Number(start.value),
        end: end.value === '' ? null : Number(end.value),
        codeIds: codes.map(function (box) { return Number(box.value); })
      };
      status.textContent = '';
      fetch(form.getAttribute('data-api'), {method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin'})
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (json) {
            return {ok: response.ok, body: json};
          });
        })
        .then(function (result) {
          if (!result.ok) {
            var problem = result.body || {};
            var message = problem.errors && problem.errors.length ? problem.errors[0].message : (problem.detail || problem.title || '');
            status.textContent = format(form.getAttribute('data-msg-failed'), [message]);
            status.className = 'coding__status notice notice--error';
            return;
          }
          result.body.forEach(addSegment);
          var names = result.body.map(function (s) { return s.codeName; }).join(', ');
          status.textContent = format(form.getAttribute('data-msg-saved'), [shorten(result.body[0].excerpt), names]);
          status.className = 'coding__status notice notice--success';
          codes.forEach(function (box) { box.checked = false; });
          if (current) {
            current.focus();
          }
        })
        .catch(function () {
          status.textContent = form.getAttribute('data-msg-offline');
          status.className = 'coding__status notice notice--error';
        });
    });
  });
}());
