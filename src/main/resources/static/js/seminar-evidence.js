// The evidence picker of a seminar proposal: shows the themes, quotes and counts of the chosen area,
// or of every area when "show all" is ticked. Ticked items always stay visible, so nothing chosen is
// hidden. Without this script every item is listed.
(function () {
  'use strict';

  function setUp(picker) {
    var sourceId = picker.getAttribute('data-area-source');
    var source = sourceId ? document.getElementById(sourceId) : null;
    var fixedArea = picker.getAttribute('data-area') || '';
    var showAllField = picker.querySelector('[data-show-all-field]');
    var showAll = picker.querySelector('[data-show-all]');
    var status = picker.querySelector('[data-evidence-status]');
    if (showAllField) {
      showAllField.hidden = false;
    }

    function area() {
      return source ? source.value : fixedArea;
    }

    function apply(announce) {
      var chosen = area();
      var all = !chosen || (showAll && showAll.checked);
      var shown = 0;
      var total = 0;
      picker.querySelectorAll('fieldset[data-kind]').forEach(function (group) {
        var items = group.querySelectorAll('[data-evidence-area]');
        var visibleInGroup = 0;
        items.forEach(function (item) {
          var box = item.querySelector('input[type=checkbox]');
          var visible = all || item.getAttribute('data-evidence-area') === chosen || (box && box.checked);
          item.hidden = !visible;
          total += 1;
          if (visible) {
            shown += 1;
            visibleInGroup += 1;
          }
        });
        var none = group.querySelector('[data-none]');
        if (none) {
          none.hidden = visibleInGroup > 0;
        }
      });
      if (showAll) {
        showAll.disabled = !chosen;
      }
      if (status && announce) {
        var text = all ? status.getAttribute('data-text-all') : status.getAttribute('data-text-filtered');
        status.textContent = text.replace('{0}', String(shown)).replace('{1}', String(total));
      }
    }

    if (source) {
      source.addEventListener('change', function () { apply(true); });
    }
    if (showAll) {
      showAll.addEventListener('change', function () { apply(true); });
    }
    apply(false);
  }

  function init() {
    document.querySelectorAll('[data-evidence-picker]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
