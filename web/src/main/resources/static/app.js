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
// Times are rendered in UTC on the server ("2026-12-01 22:07:18 UTC", templates/fragments/time.html);
// show them in the same format in the reader's time zone, UTC on hover.
// window.fpRelabelTimes(root) does it again for times a page update brought in.
(function () {
  "use strict";
  var page = document.querySelector("[data-zone]");
  var browserZone = null;
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    // older browsers: every time is relabelled
  }
  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }
  // the one format everywhere: yyyy-MM-dd HH:mm:ss[.SSS], in the browser's zone
  function local(when, millis) {
    var text = when.getFullYear() + "-" + two(when.getMonth() + 1) + "-" + two(when.getDate()) + " "
      + two(when.getHours()) + ":" + two(when.getMinutes()) + ":" + two(when.getSeconds());
    return millis ? text + "." + String(when.getMilliseconds()).padStart(3, "0") : text;
  }
  function relabel(root) {
    // time[data-zoned] was drawn in the page's zone with UTC in its title: kept when that is the reader's zone
    root.querySelectorAll("time[datetime]").forEach(function (el) {
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
      el.textContent = local(when, /\.\d{3}/.test(el.textContent));
      el.classList.add("local-time");
    });
  }
  window.fpRelabelTimes = relabel;
  relabel(document);
})();

// A batch page follows its batch without reloading: every two seconds it reads the page again and
// copies the values marked data-live into this one in place (text, and the class and hidden attributes;
// data-live-attrs: only the attributes named). Controls are never replaced, only shown or hidden, so a
// click never lands on a node that went away. Milestones and the end are announced politely.
(function () {
  "use strict";
  var main = document.querySelector("[data-batch-page]");
  if (!main || !window.fetch || !window.DOMParser) {
    return;
  }
  var applied = {};
  var announcer = document.getElementById("batch-announce");
  var source = document.getElementById("batch-announce-source");
  var announced = source ? source.textContent.trim() : "";
  function copy(fresh) {
    var key = fresh.getAttribute("data-live");
    var here = main.querySelector("[data-live='" + key + "']");
    if (!here) {
      return;
    }
    var only = fresh.getAttribute("data-live-attrs");
    var names = only ? only.split(" ") : ["class", "hidden"];
    names.forEach(function (name) {
      var value = fresh.getAttribute(name);
      if (value === null) {
        if (here.hasAttribute(name)) {
          here.removeAttribute(name);
        }
      } else if (here.getAttribute(name) !== value) {
        here.setAttribute(name, value);
      }
      if (name === "disabled") {
        here.disabled = value !== null;
        if (value !== null && here.checked) {
          here.checked = false;
          here.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
    });
    if (!only && applied[key] !== fresh.innerHTML && (applied[key] !== undefined || here.innerHTML !== fresh.innerHTML)) {
      here.innerHTML = fresh.innerHTML;
      if (window.fpRelabelTimes) {
        window.fpRelabelTimes(here);
      }
    }
    if (!only) {
      applied[key] = fresh.innerHTML;
    }
  }
  function announce() {
    var text = source ? source.textContent.trim() : "";
    if (announcer && text && text !== announced) {
      announcer.textContent = text;
    }
    announced = text;
  }
  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) {
          window.setTimeout(refresh, 5000);
          return;
        }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("[data-batch-page]");
        if (!fresh) {
          window.setTimeout(refresh, 5000);
          return;
        }
        fresh.querySelectorAll("[data-live]").forEach(copy);
        announce();
        if (fresh.hasAttribute("data-batch-live")) {
          window.setTimeout(refresh, 2000);
        } else {
          main.removeAttribute("data-batch-live");
        }
      })
      .catch(function () { window.setTimeout(refresh, 5000); });
  }
  if (main.hasAttribute("data-batch-live")) {
    window.setTimeout(refresh, 1000);
  }
})();

// Buttons that act on a selection (data-needs-selection) wait until something is ticked in their form.
(function () {
  "use strict";
  document.querySelectorAll("button[data-needs-selection]").forEach(function (button) {
    var form = button.form;
    if (!form) {
      return;
    }
    function update() {
      button.disabled = !form.querySelector("input[type=checkbox]:checked");
    }
    form.addEventListener("change", update);
    update();
  });
})();

// The navigation folds into a "Menu" on narrow screens (CSS) and stays open on wide ones: a
// <details> element, so that without JavaScript the menu is one click away on every screen.
(function () {
  "use strict";
  var menu = document.querySelector("[data-nav-menu]");
  if (!menu || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 60rem)");
  function follow() {
    menu.open = wide.matches;
  }
  follow();
  if (wide.addEventListener) {
    wide.addEventListener("change", follow);
  }
})();

// The single-device form: a company chosen by name brings its configurations without a reload (the
// "Load the company's configurations" button does the same without JavaScript, and takes over when the
// list cannot be had, so the page then shows the typed input and its notice).
(function () {
  "use strict";
  var company = document.querySelector("form[action='/devices/new'] select#company");
  var config = document.querySelector("form[action='/devices/new'] select#config");
  var load = document.querySelector("[data-load-configurations]");
  if (!company || !config || !load || !window.fetch) {
    return;
  }
  load.hidden = true;
  company.addEventListener("change", function () {
    var none = config.options[0].cloneNode(true);
    fetch("/pickers/configurations?company=" + encodeURIComponent(company.value),
      { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (answer) {
        if (!answer.available) {
          load.click();
          return;
        }
        config.replaceChildren(none);
        answer.configurations.forEach(function (choice) {
          var option = document.createElement("option");
          option.value = choice.value;
          option.textContent = choice.label;
          config.appendChild(option);
        });
      })
      .catch(function () {
        load.hidden = false;
      });
  });
})();
