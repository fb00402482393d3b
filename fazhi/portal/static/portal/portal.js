/* 公开门户: 大字版 (the choice kept in this browser) and 打印回执. Loaded in <head> so that large text is
   applied before the page is drawn; no inline script (the content security policy forbids it). */
(function () {
  "use strict";
  var KEY = "fazhi-portal-font";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode: this page only */ }
  }

  // ?font=large / ?font=normal (the link works without script) also sets the stored choice
  var asked = new URLSearchParams(window.location.search).get("font");
  if (asked === "large" || asked === "normal") { store(asked); }
  if (stored() === "large") { root.classList.add("font-large"); }
  if (stored() === "normal") { root.classList.remove("font-large"); }

  function label(toggle) {
    toggle.textContent = root.classList.contains("font-large") ? "标准版" : "大字版";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".font-toggle").forEach(function (toggle) {
      toggle.setAttribute("role", "button");
      label(toggle);
      toggle.addEventListener("click", function (event) {
        event.preventDefault();
        var large = root.classList.toggle("font-large");
        store(large ? "large" : "normal");
        label(toggle);
      });
      toggle.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); toggle.click(); }  // a button answers Space too
      });
    });
    document.querySelectorAll(".print-receipt").forEach(function (button) {
      button.hidden = false;  // printing needs the script: without it the button stays hidden
      button.addEventListener("click", function () { window.print(); });
    });
  });
}());
