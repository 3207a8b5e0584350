// Shows only the sections of the chosen note form (DAP, SOAP or BIRP); without
// JavaScript every section shows and the server keeps the chosen form's.
(function () {
  var select = document.getElementById("id_form");
  if (!select) return;
  var forms = { dap: ["data", "assessment", "plan"], soap: ["subjective", "objective", "assessment", "plan"], birp: ["behavior", "intervention", "response", "plan"] };
  function show() {
    var keep = forms[select.value] || [];
    document.querySelectorAll("[data-section]").forEach(function (el) {
      el.hidden = keep.indexOf(el.getAttribute("data-section")) === -1;
    });
  }
  select.addEventListener("change", show);
  show();
})();
