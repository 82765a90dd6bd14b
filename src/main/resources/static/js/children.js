// Adding children: more rows without a page load, rows pasted from a spreadsheet, and the focus on the
// way to the next child after one was added. Without this file the pages still work: "Lägg till rad"
// then sends the form and gets it back with one more row.
(function () {
  'use strict';

  function format(pattern) {
    var args = Array.prototype.slice.call(arguments, 1);
    return pattern.replace(/\{(\d)\}/g, function (match, n) {
      return args[n] !== undefined ? args[n] : match;
    });
  }

  // A live region says a message again even when it is the same text as last time.
  function announce(region, text) {
    region.textContent = '';
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  function rowsOf(form) {
    return Array.prototype.slice.call(form.querySelectorAll('[data-row]'));
  }

  // A new empty row, copied from the last one with its numbers moved on and its errors left behind.
  function addRow(form) {
    var rows = rowsOf(form);
    var last = rows[rows.length - 1];
    var from = last.getAttribute('data-index');
    var to = String(rows.length);
    var copy = last.cloneNode(true);
    copy.setAttribute('data-index', to);
    copy.querySelector('legend').textContent = format(form.getAttribute('data-row-label'), rows.length + 1);
    copy.querySelectorAll('.field-error').forEach(function (error) {
      error.remove();
    });
    copy.querySelectorAll('[id], [for], [name], [aria-describedby]').forEach(function (element) {
      ['id', 'for', 'name'].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value) {
          element.setAttribute(attribute, value.replace('rows[' + from + ']', 'rows[' + to + ']')
              .replace('rows-' + from + '-', 'rows-' + to + '-'));
        }
      });
      var described = element.getAttribute('aria-describedby');
      if (described) {
        var kept = described.split(' ').filter(function (id) {
          return !/-error$/.test(id) && id !== 'paste-hint';
        });
        if (kept.length) {
          element.setAttribute('aria-describedby', kept.join(' '));
        } else {
          element.removeAttribute('aria-describedby');
        }
      }
      element.removeAttribute('aria-invalid');
      element.removeAttribute('autofocus');
    });
    copy.querySelectorAll('[data-column]').forEach(function (field) {
      field.value = field.getAttribute('data-default') || '';
    });
    last.parentNode.appendChild(copy);
    return copy;
  }

  function clean(cell) {
    var text = cell.trim();
    if (text.length >= 2 && text.charAt(0) === '"' && text.charAt(text.length - 1) === '"') {
      text = text.substring(1, text.length - 1).replace(/""/g, '"').trim();
    }
    return text;
  }

  // A choice by its code, its name, or the start of its name when only one name starts so ("f" for flicka).
  function choose(select, text) {
    if (text === '') {
      select.value = select.getAttribute('data-default') || '';
      return true;
    }
    var wanted = text.toLocaleLowerCase();
    var options = Array.prototype.slice.call(select.options);
    var exact = options.filter(function (option) {
      return option.value.toLocaleLowerCase() === wanted || option.text.trim().toLocaleLowerCase() === wanted;
    });
    var found = exact.length ? exact : options.filter(function (option) {
      return option.value !== '' && option.text.trim().toLocaleLowerCase().indexOf(wanted) === 0;
    });
    if (found.length === 1 || (exact.length && found.length)) {
      select.value = found[0].value;
      return true;
    }
    select.value = select.getAttribute('data-default') || '';
    return false;
  }

  function labelOf(field) {
    var label = field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
    return label ? label.textContent.trim() : '';
  }

  function paste(form, field, text, status) {
    var lines = text.replace(/\r\n?/g, '\n').split('\n').filter(function (line) {
      return line.trim() !== '';
    });
    var separator = lines.some(function (line) {
      return line.indexOf('\t') >= 0;
    }) ? '\t' : ';';
    var table = lines.map(function (line) {
      return line.split(separator).map(clean);
    });
    // A heading row copied along with the children ("Förnamn", "Ålder", …) is not a child.
    if (table.length && table[0][0].toLocaleLowerCase() === labelOf(field).toLocaleLowerCase()) {
      table.shift();
    }
    if (!table.length) {
      return;
    }
    var start = rowsOf(form).indexOf(field.closest('[data-row]'));
    while (rowsOf(form).length < start + table.length) {
      addRow(form);
    }
    var rows = rowsOf(form);
    var problems = [];
    table.forEach(function (cells, r) {
      var row = rows[start + r];
      row.querySelectorAll('[data-column]').forEach(function (input, c) {
        var value = c < cells.length ? cells[c] : '';
        if (input.tagName === 'SELECT') {
          if (!choose(input, value)) {
            problems.push(format(form.getAttribute('data-msg-unmatched'), start + r + 1, value, labelOf(input)));
          }
        } else {
          input.value = value;
        }
      });
    });
    var summary = table.length === 1 ? form.getAttribute('data-msg-pasted-one')
        : format(form.getAttribute('data-msg-pasted-many'), table.length);
    announce(status, [summary].concat(problems).join(' '));
  }

  function rowsForm(form) {
    var status = form.querySelector('#paste-status');
    var add = form.querySelector('[data-add-row]');
    if (add) {
      // With this script a row is added in place; Enter in a field then sends the form, as anywhere else.
      add.type = 'button';
      add.removeAttribute('name');
      add.addEventListener('click', function () {
        var row = addRow(form);
        row.querySelector('[data-column]').focus();
        announce(status, format(form.getAttribute('data-msg-row-added'), rowsOf(form).length));
      });
    }
    form.addEventListener('paste', function (event) {
      var field = event.target;
      if (!field.matches || !field.matches('[data-column="firstName"]')) {
        return;
      }
      var text = (event.clipboardData || window.clipboardData).getData('text');
      // One name is pasted as usual; only several cells or lines fill the rows.
      if (!/[\t\n;]/.test(text.replace(/\s+$/, ''))) {
        return;
      }
      event.preventDefault();
      paste(form, field, text, status);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form.child-rows').forEach(rowsForm);
    // After a child was added: the way to the next one has the focus, and says what just happened.
    var next = document.querySelector('[data-focus-on-load]');
    if (next && !document.querySelector('[aria-invalid="true"]')) {
      var flash = document.querySelector('main .notice[role="status"]');
      if (flash) {
        flash.id = flash.id || 'flash-message';
        next.setAttribute('aria-describedby', flash.id);
      }
      next.focus();
    }
  });
})();
