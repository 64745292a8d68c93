// Progressive enhancement only: every page works without it.
// Times are rendered in UTC on the server; show them in the reader's time zone, UTC on hover.
(function () {
  "use strict";
  var dateTime = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };
  document.querySelectorAll("time[datetime]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) {
      return;
    }
    el.title = el.textContent.trim().replace(/ UTC$/, "") + " UTC";
    var options = Object.assign({}, dateTime);
    if (/\.\d{3}/.test(el.textContent)) {
      options.fractionalSecondDigits = 3;
    }
    el.textContent = when.toLocaleString(undefined, options);
    el.classList.add("local-time");
  });
})();
