// The draft-reply form: choosing a reply type fills in its default legal basis, unless staff
// have written their own. Without scripts, an empty basis is filled in on the server.
(function () {
  "use strict";
  document.querySelectorAll("select[data-foi-reply-type]").forEach(function (select) {
    var form = select.form;
    var basis = form && form.querySelector("input[data-foi-legal-basis]");
    if (!basis) {
      return;
    }
    var defaultOf = function () {
      var option = select.options[select.selectedIndex];
      return (option && option.getAttribute("data-basis")) || "";
    };
    var filled = defaultOf();
    select.addEventListener("change", function () {
      if (basis.value === "" || basis.value === filled) {
        filled = defaultOf();
        basis.value = filled;
      }
    });
  });
})();
