"use strict";
// Copy buttons: <button class="copy" data-copy="ID"> copies the value of the field ID.
(function () {
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    var done = function () {
      var note = button.nextElementSibling;
      if (note && note.classList.contains("copied")) { note.hidden = false; }
    };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        document.execCommand("copy"); done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy");
    if (button) { copy(button); }
  });
})();
