/* 法治政府建设管理平台 — the little the pages need beyond HTML (served from 'self': the CSP allows no inline script). */
(function () {
  "use strict";
  /* a 待办 opens its record at the step it waits for (#step-<transition>): unfold that step's form and put
     the cursor in its first field (on load: earlier, the browser's own move to the fragment takes the focus back) */
  function openTarget() {
    var id = decodeURIComponent((window.location.hash || "").slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.classList.add("targeted");
      target.scrollIntoView({ block: "start" });
      var field = target.querySelector("input:not([type=hidden]), select, textarea, button");
      if (field) { field.focus({ preventScroll: true }); }
    }
  }
  window.addEventListener("load", openTarget);
  window.addEventListener("hashchange", openTarget);
})();
