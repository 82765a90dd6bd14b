// Coding page: an enhancement only – without this script the form posts the passage's words as typed.
// The blind double-coding page uses the same script with its own addresses in the form's data-* attributes.
//
// The texts are shown with their coded passages highlighted (<mark>, the code names as hidden text for
// screen readers). Selecting part of a text, with the mouse or with Shift and the arrow keys, fills the
// form with the text's reference and the passage; where the passage lies in the text stays internal.
// Saving posts to the API with the CSRF header, adds the new codes to the text's list and highlights
// the passage, without reloading the page.
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

  // The words of a text, without the hidden code names inside its highlights.
  function isAside(node) {
    var element = node.nodeType === 1 ? node : node.parentNode;
    return !!(element && element.closest && element.closest('[data-aside]'));
  }

  function textNodes(container) {
    var nodes = [];
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (!isAside(walker.currentNode)) {
        nodes.push(walker.currentNode);
      }
    }
    return nodes;
  }

  function plainText(container) {
    return textNodes(container).map(function (node) { return node.data; }).join('');
  }

  // Where a point of the selection (node, offset) lies in the text's words.
  function position(container, node, offset) {
    var point = document.createRange();
    point.setStart(node, offset);
    var at = 0;
    var nodes = textNodes(container);
    for (var i = 0; i < nodes.length; i++) {
      var text = nodes[i];
      if (text === node) {
        return at + offset;
      }
      if (point.comparePoint(text, text.length) <= 0) {
        at += text.length;
      } else {
        break;
      }
    }
    return at;
  }

  // Draws the text again with a highlight for every coded passage in its list (overlaps included).
  function highlight(container, list, markLabel) {
    var text = plainText(container);
    var segments = Array.prototype.map.call(list.querySelectorAll('[data-start]'), function (item) {
      return {start: Number(item.getAttribute('data-start')), end: Number(item.getAttribute('data-end')),
        code: item.getAttribute('data-code')};
    });
    var cuts = [0, text.length];
    segments.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i && c >= 0 && c <= text.length; })
      .sort(function (a, b) { return a - b; });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i];
      var to = cuts[i + 1];
      var codes = [];
      segments.forEach(function (s) {
        if (s.start <= from && s.end >= to && codes.indexOf(s.code) < 0) {
          codes.push(s.code);
        }
      });
      var words = document.createTextNode(text.substring(from, to));
      if (!codes.length) {
        fragment.appendChild(words);
        continue;
      }
      var mark = document.createElement('mark');
      mark.title = codes.join(', ');
      var aside = document.createElement('span');
      aside.className = 'visually-hidden';
      aside.setAttribute('data-aside', 'true');
      aside.setAttribute('contenteditable', 'false');
      aside.textContent = format(markLabel, [codes.join(', ')]) + ' ';
      mark.appendChild(aside);
      mark.appendChild(words);
      fragment.appendChild(mark);
    }
    container.textContent = '';
    container.appendChild(fragment);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('coding-form');
    if (!form) {
      return;
    }
    var source = document.getElementById('coding-source');
    var start = document.getElementById('coding-start');
    var end = document.getElementById('coding-end');
    var passage = document.getElementById('coding-passage');
    var selection = document.getElementById('coding-selection');
    var status = document.getElementById('coding-status');
    var markLabel = form.getAttribute('data-msg-mark') || '{0}:';
    var current = null;
    var chosen = {};

    function choose(container) {
      var picked = chosen[container.id];
      if (!picked) {
        return false;
      }
      current = container;
      source.value = container.getAttribute('data-source');
      start.value = picked.start;
      end.value = picked.end;
      passage.value = picked.words;
      selection.textContent = format(form.getAttribute('data-msg-selected'),
          [container.getAttribute('data-label'), shorten(picked.words)]);
      return true;
    }

    // Remembers a non-empty selection inside one text, and fills the form with it.
    function remember(container) {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0) {
        return false;
      }
      var range = sel.getRangeAt(0);
      if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) {
        return false;
      }
      var from = position(container, range.startContainer, range.startOffset);
      var to = position(container, range.endContainer, range.endOffset);
      if (to <= from) {
        return false;
      }
      chosen[container.id] = {start: from, end: to, words: plainText(container).substring(from, to)};
      return choose(container);
    }

    var texts = document.querySelectorAll('.coding-text__body');
    Array.prototype.forEach.call(texts, function (container) {
      // Editable only so that the keyboard has a caret to select with (Shift and the arrow keys);
      // every attempt to change the child's words is refused, and undone if it slips through.
      container.setAttribute('contenteditable', 'true');
      Array.prototype.forEach.call(container.querySelectorAll('[data-aside]'), function (aside) {
        aside.setAttribute('contenteditable', 'false');
      });
      var original = container.innerHTML;
      container.addEventListener('beforeinput', function (event) { event.preventDefault(); });
      ['cut', 'paste', 'drop', 'dragstart'].forEach(function (type) {
        container.addEventListener(type, function (event) { event.preventDefault(); });
      });
      container.addEventListener('input', function () {
        container.innerHTML = original;
      });
      container.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete') {
          event.preventDefault();
        }
      });
      ['mouseup', 'keyup'].forEach(function (type) {
        container.addEventListener(type, function () { remember(container); });
      });
      container.refreshOriginal = function () { original = container.innerHTML; };
    });
    document.addEventListener('selectionchange', function () {
      var active = document.activeElement;
      if (active && active.classList && active.classList.contains('coding-text__body')) {
        remember(active);
      }
    });
    // Typed words decide for themselves: the remembered place no longer applies.
    passage.addEventListener('input', function () {
      start.value = '';
      end.value = '';
    });
    source.addEventListener('change', function () {
      start.value = '';
      end.value = '';
    });

    Array.prototype.forEach.call(document.querySelectorAll('.coding-text__pick'), function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        var container = document.getElementById(button.getAttribute('data-for'));
        if (!remember(container) && !choose(container)) {
          status.textContent = form.getAttribute('data-msg-select-first');
          container.focus();
          return;
        }
        var first = form.querySelector('input[name="codeIds"]');
        if (first) {
          first.focus();
        }
      });
    });

    var progress = document.getElementById('coding-progress');
    var bar = document.querySelector('.coding__progress progress');

    function countCoded() {
      if (!progress || !bar) {
        return;
      }
      bar.value = Number(bar.value) + 1;
      // One text or several: the page carries both wordings, since a count of one reads differently.
      var wording = Number(bar.max) === 1 ? 'data-msg-progress-one' : 'data-msg-progress-many';
      progress.textContent = format(form.getAttribute(wording), [bar.value, bar.max]);
    }

    function textFor(key) {
      return document.querySelector('.coding-text__body[data-source="' + key.replace(/"/g, '\\"') + '"]');
    }

    function listFor(key) {
      var area = textFor(key);
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
        countCoded();
      }
      var item = document.createElement('li');
      item.className = 'coding-segment';
      item.setAttribute('data-segment', segment.id);
      item.setAttribute('data-start', segment.start);
      item.setAttribute('data-end', segment.end);
      item.setAttribute('data-code', segment.codeName);
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
      if (form.getAttribute('data-quote-url')) {
        item.appendChild(quoteForm(segment));
        item.appendChild(document.createTextNode(' '));
      }
      item.appendChild(remove);
      list.appendChild(item);
      var container = textFor(key);
      highlight(container, list, markLabel);
      if (container.refreshOriginal) {
        container.refreshOriginal();
      }
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
        passage: passage.value,
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
          passage.value = '';
          start.value = '';
          end.value = '';
          if (current) {
            delete chosen[current.id];
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
