// Counts page: one presentation per question. Without this script both the table and the chart show;
// with it, a button under each question switches between them, starting from the page's choice
// (?view=table, or charts).
(function () {
  'use strict';

  function show(card, button, table) {
    var box = document.getElementById(button.getAttribute('aria-controls'));
    var chart = card.querySelector('.counts__chart');
    box.hidden = !table;
    if (chart) {
      chart.classList.toggle('counts__chart--off', table);
    }
    button.setAttribute('aria-expanded', table ? 'true' : 'false');
    button.textContent = button.getAttribute(table ? 'data-show-chart' : 'data-show-table');
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.counts__question'), function (card) {
      var button = card.querySelector('.counts__toggle');
      if (!button) {
        return;
      }
      button.hidden = false;
      show(card, button, card.getAttribute('data-view') === 'table');
      button.addEventListener('click', function () {
        show(card, button, button.getAttribute('aria-expanded') !== 'true');
      });
    });
  });
}());
