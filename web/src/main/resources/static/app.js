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

// A batch page follows its progress without reloading.
(function () {
  "use strict";
  var main = document.querySelector("[data-batch-progress]");
  if (!main || !window.fetch) {
    return;
  }
  var url = main.getAttribute("data-batch-progress");
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = value;
    }
  }
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (batch) {
        if (!batch) {
          return;
        }
        var done = batch.total - batch.remaining;
        var percent = batch.total === 0 ? 100 : Math.floor(done * 100 / batch.total);
        var bar = document.getElementById("batch-bar");
        if (bar) {
          bar.value = done;
          bar.max = batch.total;
        }
        text("batch-percent", percent + " %");
        text("batch-done", done);
        text("batch-rate", batch.perSecond.toFixed(2) + " /s");
        text("batch-eta", batch.etaSeconds === null ? "—" : batch.etaSeconds + " s");
        Object.keys(batch.counts).forEach(function (state) {
          var cell = document.querySelector("[data-count='" + state + "']");
          if (cell) {
            cell.textContent = batch.counts[state];
          }
        });
        if (batch.remaining > 0) {
          window.setTimeout(refresh, 2000);
        }
      })
      .catch(function () { window.setTimeout(refresh, 5000); });
  }
  window.setTimeout(refresh, 1000);
})();
