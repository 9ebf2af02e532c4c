// The directory map: an extra on top of the list, loaded only when the visitor asks
// (its tiles come from a third party) unless the portal runs its own tile server.
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function showMap(section) {
    var canvas = section.querySelector("[data-map-canvas]");
    section.querySelector(".map__consent").hidden = true;
    canvas.hidden = false;
    var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false });
    // Leaflet's own button titles are English; the template passes them translated.
    L.control.zoom({
      zoomInTitle: section.dataset.zoomInLabel || "+",
      zoomOutTitle: section.dataset.zoomOutLabel || "-",
    }).addTo(map);
    // The button that had focus is gone; continue on the map (arrow keys pan it).
    map.getContainer().focus();
    L.tileLayer(section.dataset.tileUrl, {
      maxZoom: 19,
      attribution: section.dataset.attribution,
    }).addTo(map);

    if (section.dataset.lat) {
      var point = [parseFloat(section.dataset.lat), parseFloat(section.dataset.lon)];
      L.marker(point, { keyboard: true, title: document.title }).addTo(map);
      map.setView(point, 16);
      return;
    }
    fetch(section.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          // Markers of nearby addresses overlap (too small to hit, WCAG 2.5.8) and would
          // add a tab stop each: keyboard and screen reader users have the list instead.
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { keyboard: false });
          },
          onEachFeature: function (feature, marker) {
            var p = feature.properties;
            marker.options.title = p.name;
            marker.bindPopup(
              '<a href="' + encodeURI(p.url) + '">' + escapeHtml(p.name) + "</a><br>" +
              escapeHtml(p.street || "")
            );
          },
        }).addTo(map);
        if (layer.getLayers().length) {
          map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
        } else {
          map.setView([50.9375, 6.9603], 11);
        }
      });
  }

  document.querySelectorAll("[data-map]").forEach(function (section) {
    if (typeof L === "undefined") { return; }
    if (section.dataset.needsConsent === "false") { showMap(section); return; }
    var button = section.querySelector("[data-map-load]");
    button.hidden = false;
    button.addEventListener("click", function () { showMap(section); });
  });
})();
