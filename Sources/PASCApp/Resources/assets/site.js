// PASC pages: the only script, and everything works without it. It offers "offices near me"
// where the browser may share its location (a page served over HTTPS), checks the fields of a
// form as they are typed (the server checks again and has the last word), and prints.
(function () {
  var button = document.getElementById("near-me");
  if (button && window.isSecureContext && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var near = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
        window.location.href = "/offices?near=" + encodeURIComponent(near);
      }, function () {
        var note = document.getElementById("near-me-error");
        if (note) note.hidden = false;
      });
    });
  }

  // Live checks: a field with data-check (a pattern) shows data-message under it while it is wrong.
  Array.prototype.forEach.call(document.querySelectorAll("[data-check]"), function (field) {
    var pattern = new RegExp(field.getAttribute("data-check"));
    var note = document.getElementById(field.getAttribute("aria-describedby"));
    function check() {
      var value = field.value.trim();
      var wrong = value !== "" && !pattern.test(value);
      field.setAttribute("aria-invalid", wrong ? "true" : "false");
      if (note && (wrong || note.getAttribute("data-live") === "1")) {
        note.textContent = wrong ? field.getAttribute("data-message") : "";
        note.setAttribute("data-live", "1");
      }
    }
    field.addEventListener("input", check);
    field.addEventListener("blur", check);
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (print) {
    print.addEventListener("click", function () { window.print(); });
  });
})();
