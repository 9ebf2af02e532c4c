// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Videos: load the player from the platform only after the visitor clicks.
  document.querySelectorAll("[data-video-load]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = button.dataset.videoLoad;
      frame.title = button.dataset.videoTitle;
      frame.allow = "fullscreen; picture-in-picture";
      frame.setAttribute("allowfullscreen", "");
      var container = button.closest(".block-video__frame");
      container.replaceChildren(frame);
      frame.focus();
    });
  });
})();

// E-mail addresses: the form works without JavaScript (the server shows the address on
// its own page); with it, the address replaces the button in place.
(function () {
  "use strict";
  document.querySelectorAll("[data-email-reveal]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(form.action, { method: "POST", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.statusText); }
          return response.json();
        })
        .then(function (data) {
          var link = document.createElement("a");
          link.href = "mailto:" + data.email;
          link.textContent = data.email;
          link.dir = "ltr";
          form.replaceWith(link);
          link.focus();
        })
        .catch(function () { form.submit(); });
    });
  });
})();

// Search suggestions: fill the field's <datalist> as the visitor types. The browser
// shows them accessibly; without JavaScript the search still works as a plain form.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var value = input.value.trim();
      if (value.length < 2 || !list) { return; }
      timer = setTimeout(function () {
        var url = new URL(input.dataset.suggest, window.location.href);
        url.searchParams.set("q", value);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (title) {
              var option = document.createElement("option");
              option.value = title;
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
