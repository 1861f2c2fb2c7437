/* Small enhancements; every page works without this file. */
(function () {
  "use strict";
  // After an invalid submit, move focus to the error summary (autofocus may be ignored).
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
  // Print buttons are hidden until a script can make them work.
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
