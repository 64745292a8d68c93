// Progressive enhancement only: every page works without it.

// Tell the server the reader's time zone, so that "today" and dates on pages are theirs (see UserZone).
// A page drawn in another zone is drawn again once, now that the cookie says which.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) {
    return;
  }
  function stored() {
    return (document.cookie.match(/(?:^|; )fp_tz=([^;]*)/) || [])[1];
  }
  if (stored() !== zone) {
    document.cookie = "fp_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
  }
  // only the dashboard, whose "today" depends on it; other pages relabel their times below instead
  var shown = document.querySelector("[data-zone-reload]");
  if (shown && shown.getAttribute("data-zone") !== zone && stored() === zone) {
    try {
      // once per zone and tab: a zone the server does not know must not reload forever
      if (sessionStorage.getItem("fp_tz_reloaded") !== zone) {
        sessionStorage.setItem("fp_tz_reloaded", zone);
        window.location.reload();
      }
    } catch (e) {
      // no storage, no reload: the page says which zone it used
    }
  }
})();
// Times are rendered in UTC on the server; show them in the reader's time zone, UTC on hover.
(function () {
  "use strict";
  var dateTime = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };
  var page = document.querySelector("[data-zone]");
  var browserZone = null;
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    // older browsers: every time is relabelled
  }
  // time[data-zoned] was drawn in the page's zone with UTC in its title: kept when that is the reader's zone
  document.querySelectorAll("time[datetime]").forEach(function (el) {
    var zoned = el.hasAttribute("data-zoned");
    if (zoned && page && page.getAttribute("data-zone") === browserZone) {
      return;
    }
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) {
      return;
    }
    if (!zoned) {
      el.title = el.textContent.trim().replace(/ UTC$/, "") + " UTC";
    }
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
  function number(n) {
    return Number(n).toLocaleString();
  }
  // h:mm:ss, as BatchController.eta writes it
  function eta(seconds) {
    if (seconds === null || seconds === undefined) {
      return "\u2014";
    }
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return Math.floor(seconds / 3600) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
  }
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
        text("batch-done", number(done));
        text("batch-total", number(batch.total));
        text("batch-rate", batch.perSecond.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " /s");
        text("batch-eta", eta(batch.etaSeconds));
        Object.keys(batch.counts).forEach(function (state) {
          var cell = document.querySelector("[data-count='" + state + "']");
          if (cell) {
            cell.textContent = number(batch.counts[state]);
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
