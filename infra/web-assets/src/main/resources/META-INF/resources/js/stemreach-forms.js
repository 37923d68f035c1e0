// What every STEM Reach page's forms do with JavaScript (they work without it too):
//  - data-confirm="question" on a form or its button: asked before sending (a cancellation gives a place away and
//    sends mails, and cannot be undone);
//  - data-busy="text" on a form: once sent, its buttons are disabled (no second registration or import by a double
//    click) and the text is shown in the form's [data-busy-status] element (role="status", read out by screen readers);
//    they come back after half a minute (sending stopped with Esc, or a server that never answers) and when the browser
//    shows the page again from its history. A form with a file waits ten minutes instead (a large upload takes minutes,
//    and buttons back sooner invite the same upload again).
(function () {
  'use strict';

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    var busy = form.getAttribute('data-busy');
    if (busy) {
      window.clearTimeout(form.stemreachBusy);
      // After this event: a disabled button would not be sent with the form.
      window.setTimeout(function () {
        form.querySelectorAll('button, input[type=submit]').forEach(function (each) { each.disabled = true; });
      }, 0);
      // Sending again is safe (a registration or an import made twice is the one made before), so after a while the
      // buttons come back, in case sending was stopped; a newer sending of the form starts its own wait.
      form.stemreachBusy = window.setTimeout(function () { ready(form); }, form.querySelector('input[type=file]') ? 600000 : 30000);
      // No aria-busy on the form: screen readers hold back what changes inside a busy region, the status among it.
      var status = form.querySelector('[data-busy-status]');
      if (status) {
        status.textContent = busy;
      }
    }
  });

  function ready(form) {
    window.clearTimeout(form.stemreachBusy);
    form.querySelectorAll('button, input[type=submit]').forEach(function (each) { each.disabled = false; });
    var status = form.querySelector('[data-busy-status]');
    if (status) {
      status.textContent = '';
    }
  }

  // Back to a page kept by the browser (back button): its forms can be sent again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-busy]').forEach(ready);
  });
})();
