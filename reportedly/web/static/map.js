// Maps for the event page (one place) and the map page (many events). Works offline:
// country outlines come from /static, a tile layer is added only when the server was
// started with --tile-url. Colours by type come from the server (format.TYPE_COLOURS).
"use strict";

(function () {
  var cfgEl = document.getElementById("map-data");
  var el = document.getElementById("event-map") || document.getElementById("big-map");
  if (!cfgEl || !el || typeof L === "undefined") return;
  var cfg = JSON.parse(cfgEl.textContent || "{}");
  var points = cfg.points || [];
  var map = L.map(el, { preferCanvas: true, worldCopyJump: true, attributionControl: true, zoomSnap: 0.5 });

  if (cfg.tile_url) {
    L.tileLayer(cfg.tile_url, { maxZoom: 18, attribution: "map tiles: see --tile-url" }).addTo(map);
  }
  map.attributionControl.addAttribution("outlines: Natural Earth");

  function radius(p) {
    if (!cfg.sized) return p.r || 6;
    var k = p.killed || 0;
    return 4 + Math.min(22, Math.sqrt(k) * 2.2);
  }

  var escapeDiv = document.createElement("div");
  function esc(s) { escapeDiv.textContent = s === null || s === undefined ? "" : String(s); return escapeDiv.innerHTML; }

  // Set the view before adding any layer: a canvas renderer created before the map has a
  // view sizes itself wrongly and draws only a corner of the outlines.
  var placed = points.filter(function (p) { return p.lat !== null && p.lon !== null; });
  var bounds = placed.map(function (p) { return [p.lat, p.lon]; });
  if (bounds.length === 1) {
    map.setView(bounds[0], cfg.zoom || 6);
  } else if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: cfg.zoom || 8 });
  } else {
    map.setView([15, 20], 2);
  }

  var markers = L.layerGroup().addTo(map);
  placed.forEach(function (p) {
    var colour = (cfg.colours || {})[p.type] || cfg.unknown || "#7f8c8d";
    var m = L.circleMarker([p.lat, p.lon], {
      radius: radius(p), color: p.conflict ? "#b42318" : "#ffffff", weight: p.conflict ? 2 : 1,
      fillColor: colour, fillOpacity: 0.8,
    }).addTo(markers);
    // popup HTML is built from escaped strings only
    var html = "<strong>" + esc(p.title || p.label || p.type) + "</strong>";
    if (p.date_earliest) html += "<br>" + esc(String(p.date_earliest).slice(0, 10));
    if (p.killed !== undefined && p.killed !== null) html += "<br>killed: " + esc(Number(p.killed).toLocaleString("en"));
    if (p.id) html += "<br><a href=\"/events/" + encodeURIComponent(p.id) + "\">open event</a>";
    m.bindPopup(html);
    if (p.primary && p.label) m.bindTooltip(esc(p.label), { permanent: true, direction: "right", offset: [8, 0] });
  });
  fetch(cfg.outlines).then(function (r) { return r.json(); }).then(function (geo) {
    var layer = L.geoJSON(geo, {
      style: { color: "#7d8a97", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: cfg.tile_url ? 0 : 1 },
      interactive: false,
    }).addTo(map);
    layer.bringToBack();
    el.setAttribute("data-outlines", "loaded");  // lets tests wait for the drawing
  }).catch(function () { /* the points still show without outlines */ });
})();
