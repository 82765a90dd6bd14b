/*
 * Read-aloud for the children's feedback page, with the browser's own speech synthesis (Web Speech
 * API): nothing is sent anywhere. A voice picker lists the browser's voices, the page's language
 * first (Swedish: sv-SE before other Swedish voices); when the browser has no voice at all, the
 * status says so plainly instead of pretending to read. Play, pause/resume and stop are ordinary
 * buttons; every change is announced in the aria-live status.
 */
(function () {
  'use strict';

  var reader = document.getElementById('reader');
  var text = document.getElementById('feedback-text');
  if (!reader || !text) {
    return;
  }
  var status = document.getElementById('reader-status');
  var select = document.getElementById('voice');
  var play = document.getElementById('read-play');
  var pause = document.getElementById('read-pause');
  var stop = document.getElementById('read-stop');
  var language = (reader.getAttribute('data-lang') || 'sv').toLowerCase();
  var wanted = language === 'sv' ? 'sv-se' : language;

  function msg(name) {
    return reader.getAttribute('data-msg-' + name) || '';
  }

  function say(message) {
    status.textContent = message;
  }

  reader.hidden = false;

  if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') {
    play.disabled = true;
    say(msg('unsupported'));
    return;
  }

  var synth = window.speechSynthesis;
  var voices = [];
  var settled = false;
  var speaking = false;

  function rank(voice) {
    var tag = (voice.lang || '').toLowerCase().replace('_', '-');
    if (tag === wanted) {
      return 0;
    }
    if (tag.split('-')[0] === language) {
      return 1;
    }
    return 2;
  }

  function fill() {
    var found = synth.getVoices ? synth.getVoices().slice() : [];
    found.sort(function (a, b) {
      return rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    voices = found;
    while (select.firstChild) {
      select.removeChild(select.firstChild);
    }
    voices.forEach(function (voice, index) {
      var option = document.createElement('option');
      option.value = String(index);
      option.textContent = voice.name + ' (' + voice.lang + ')';
      select.appendChild(option);
    });
    select.disabled = voices.length === 0;
    if (voices.length > 0) {
      settled = true;
      if (!speaking) {
        say(rank(voices[0]) < 2 ? msg('ready') : msg('other'));
      }
    }
  }

  say(msg('checking'));
  fill();
  if (typeof synth.addEventListener === 'function') {
    synth.addEventListener('voiceschanged', fill);
  } else {
    synth.onvoiceschanged = fill;
  }
  // Browsers load their voices in the background; give them a moment before saying there are none.
  window.setTimeout(function () {
    if (!settled && voices.length === 0) {
      settled = true;
      say(msg('novoice'));
    }
  }, 2000);

  function chunks() {
    var blocks = text.querySelectorAll('p, h2, h3, li');
    var parts = [];
    Array.prototype.forEach.call(blocks, function (block) {
      var words = (block.textContent || '').replace(/\s+/g, ' ').trim();
      if (words) {
        parts.push(words);
      }
    });
    return parts;
  }

  function idle(message) {
    speaking = false;
    pause.disabled = true;
    stop.disabled = true;
    pause.textContent = msg('pause');
    say(message);
  }

  play.addEventListener('click', function () {
    fill();
    if (voices.length === 0) {
      settled = true;
      say(msg('novoice'));
      return;
    }
    synth.cancel();
    var voice = voices[Number(select.value) || 0];
    var parts = chunks();
    speaking = true;
    pause.disabled = false;
    stop.disabled = false;
    parts.forEach(function (part, index) {
      var utterance = new window.SpeechSynthesisUtterance(part);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.95;
      if (index === 0) {
        utterance.onstart = function () {
          say(msg('speaking'));
        };
      }
      if (index === parts.length - 1) {
        utterance.onend = function () {
          if (speaking) {
            idle(msg('done'));
          }
        };
      }
      utterance.onerror = function (event) {
        if (event.error !== 'canceled' && event.error !== 'interrupted' && speaking) {
          synth.cancel();
          idle(msg('error'));
        }
      };
      synth.speak(utterance);
    });
  });

  pause.addEventListener('click', function () {
    if (!speaking) {
      return;
    }
    if (synth.paused) {
      synth.resume();
      pause.textContent = msg('pause');
      say(msg('speaking'));
    } else {
      synth.pause();
      pause.textContent = msg('resume');
      say(msg('paused'));
    }
  });

  stop.addEventListener('click', function () {
    speaking = false;
    synth.cancel();
    idle(msg('stopped'));
    play.focus();
  });

  window.addEventListener('pagehide', function () {
    synth.cancel();
  });
}());
