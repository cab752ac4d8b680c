// Show/hide findings by type and status (the report's only script; allowed by CSP hash).
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  function apply() {
    var on = { type: {}, status: {} };
    form.querySelectorAll("input[data-filter]").forEach(function (box) {
      on[box.getAttribute("data-filter")][box.value] = box.checked;
    });
    document.querySelectorAll("article.finding").forEach(function (el) {
      var show = on.type[el.getAttribute("data-type")] && on.status[el.getAttribute("data-status")];
      el.hidden = !show;
    });
  }
  form.addEventListener("change", apply);
  apply();
})();
