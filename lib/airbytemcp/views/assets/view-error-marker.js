(function () {
  function mark(text) {
    document.documentElement.setAttribute('data-script-error', String(text));
    var box = document.getElementById('error');
    if (box) { box.hidden = false; box.textContent = 'This view hit an error: ' + text; }
  }
  window.onerror = function (message, source, line) { mark(message + ' (line ' + line + ')'); };
  window.addEventListener('unhandledrejection', function (e) { mark('unhandled rejection: ' + e.reason); });
  window.airbyteMarkError = mark;
})();
