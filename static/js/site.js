/* Small enhancements; every page works without this file. */
(function () {
  "use strict";
  // After an invalid submit, move focus to the error summary (autofocus may be ignored).
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
  // A link in the error summary puts the cursor in its field, not just near it.
  if (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        // After the browser has followed the link (the address keeps its #id).
        window.setTimeout(function () { field.focus(); }, 0);
      }
    });
  }
  // Folded tables (<details class="fold">) print open through the print stylesheet;
  // where a browser cannot style ::details-content, open them for printing here.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var folds = document.querySelectorAll("details.fold:not([open])");
    for (var j = 0; j < folds.length; j++) {
      folds[j].open = true;
      opened.push(folds[j]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) {
      opened.pop().open = false;
    }
  });
  // Print buttons are hidden until a script can make them work.
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
  // Copy buttons (a reply to the lender) are hidden until a script can make them work.
  var copies = document.querySelectorAll("[data-copy]");
  for (var j = 0; j < copies.length; j++) {
    if (!navigator.clipboard) { break; }
    copies[j].hidden = false;
    copies[j].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector("[data-copied-text]");
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) { status.textContent = status.getAttribute("data-copied-text"); }
      });
    });
  }
})();
