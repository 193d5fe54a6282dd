(function () {
  /* The map drawn into the page (serving/map_preview.py), inline and hashed in the CSP: it runs
   * as the page parses, before Dash's scripts. It fits each drawing as Leaflet fits its bounds,
   * follows the live map's box once Dash has drawn it, and goes when the live map has drawn
   * its councils (or another page is shown). */
  const preview = document.getElementById("map-preview");
  const frame = preview.querySelector(".trustmap-map-frame");
  const own = preview.querySelector(".trustmap-map");
  const svgs = preview.querySelectorAll("svg[data-bounds]");
  const councils = Number(preview.dataset.councils);
  const WORLD_M = 2 * Math.PI * 6378137; // Web Mercator's width; a tile of 256 px at zoom 0

  // Leaflet's getBoundsZoom: the largest zoom, in steps of the snap, at which the bounds fit.
  function fit(svg) {
    const [x, y, w, h] = svg.dataset.bounds.split(" ").map(Number);
    const snap = Number(svg.dataset.snap);
    const { width, height } = svg.getBoundingClientRect();
    if (!width || !height) return;
    const unitsAtZoom0 = WORLD_M / 256 / Number(svg.dataset.unit); // units per pixel
    let zoom = Math.log2(Math.min(width / w, height / h) * unitsAtZoom0);
    zoom = Math.round(zoom / (snap / 100)) * (snap / 100);
    zoom = Math.floor(zoom / snap) * snap;
    const perPixel = unitsAtZoom0 / Math.pow(2, zoom);
    const [vw, vh] = [width * perPixel, height * perPixel];
    svg.setAttribute("viewBox", [x + w / 2 - vw / 2, y + h / 2 - vh / 2, vw, vh].join(" "));
  }

  function align(live) {
    const dy = live.getBoundingClientRect().top - own.getBoundingClientRect().top;
    if (Math.abs(dy) >= 0.5) frame.style.marginTop = parseFloat(getComputedStyle(frame).marginTop) + dy + "px";
  }

  function update() {
    const live = document.getElementById("map");
    const drawn = live && live.querySelectorAll(".leaflet-overlay-pane path[fill]").length >= councils;
    if (drawn || document.querySelector(".trustmap-page:not(.trustmap-page-map)")) {
      preview.hidden = true;
      observer.disconnect();
      sizes.disconnect();
    } else if (live) {
      align(live);
    }
  }

  const sizes = new ResizeObserver(() => svgs.forEach(fit));
  svgs.forEach((svg) => sizes.observe(svg));
  svgs.forEach(fit);
  const observer = new MutationObserver(update);
  observer.observe(document.body, { childList: true, subtree: true });
})();
