/* 大字 switch: remembered in localStorage; the class is also set early in <head>. */
(function () {
  "use strict";
  var root = document.documentElement;
  var button = document.getElementById("big-text");
  if (!button) return;
  function show() {
    var on = root.classList.contains("large");
    // the label stays "大字"; aria-pressed says whether it is on
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  button.addEventListener("click", function () {
    root.classList.toggle("large");
    try { localStorage.setItem("jinlin-large", root.classList.contains("large") ? "1" : "0"); } catch (e) {}
    show();
  });
  show();
})();
