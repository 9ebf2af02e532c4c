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
