// PASC public pages: the only script. Offers "offices near me" where the browser may share its
// location (a page served over HTTPS); everything else works without it.
(function () {
  var button = document.getElementById("near-me");
  if (!button || !window.isSecureContext || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      var near = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
      window.location.href = "/offices?near=" + encodeURIComponent(near);
    });
  });
})();
