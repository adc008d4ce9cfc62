/* 政务公开专区 (kiosk): after data-idle-seconds without a touch, key or pointer movement, go back
   to data-home-url (the start screen). Self-hosted, no inline script (strict CSP). */
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseFloat(body.getAttribute("data-idle-seconds"));
  var home = body.getAttribute("data-home-url");
  if (!home || !(seconds > 0)) {
    return;
  }
  var timer = null;
  function goHome() {
    if (window.location.pathname === home && !window.location.search && window.scrollY === 0) {
      restart();
      return;
    }
    window.location.assign(home);
  }
  function restart() {
    if (timer !== null) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(goHome, seconds * 1000);
  }
  ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true });
  });
  restart();
})();
