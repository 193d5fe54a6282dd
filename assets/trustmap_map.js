/* The council map's functions (layouts/map.py), loaded from assets/ under the CSP:
 * no eval. dash-leaflet resolves {"variable": "trustmapMap.fillStyle"} by walking `window`.
 *
 * A paint (`MapPaint` in trustmap/show/map_paint.py) is the map's `hideout`, read here by the
 * same names: every list is in the outlines' order (feature.properties.i). Its `lines` and
 * `fill` are the styles of trustmap/show/colouring.py, the same as on slides; none is
 * written again here. Changing a hideout makes dash-leaflet restyle the layers. */
window.trustmapMap = (function () {
  function kept(h, i) {
    return !h.kept || h.kept.indexOf(i) !== -1;
  }

  function stroke(style, extra) {
    return Object.assign({}, style, extra);
  }

  // The selected council's line, else a pathfinder's, from the paint's lines ("selected",
  // "pathfinder", or their casings with `suffix` "_casing"); none for other councils.
  function outline(feature, h, suffix) {
    const i = feature.properties.i;
    if (h.selected === i) return stroke(h.lines["selected" + suffix], { fill: false });
    if (h.pathfinders.indexOf(i) !== -1) return stroke(h.lines["pathfinder" + suffix], { fill: false });
    return { stroke: false, fill: false };
  }

  return {
    fillStyle: function (feature, context) {
      const h = context.hideout;
      const i = feature.properties.i;
      return {
        className: "council-" + feature.properties.la_code, // for tests and user styles
        fillColor: h.legend.colours[h.classes[i]],
        fillOpacity: kept(h, i) ? h.fill.kept_opacity : h.fill.faded_opacity,
        ...h.lines.border,
      };
    },
    outlineStyle: function (feature, context) {
      return outline(feature, context.hideout, "");
    },
    // The light casing under each dark outline (its own layer, below the outlines' pane).
    casingStyle: function (feature, context) {
      return outline(feature, context.hideout, "_casing");
    },
    bindHover: function (feature, layer, context) {
      const h = context.hideout;
      const i = feature.properties.i;
      const unit = h.legend.unit && h.details[i] !== "no value" ? " " + h.legend.unit : "";
      layer.bindTooltip(feature.properties.la_name + ": " + h.details[i] + unit, { sticky: true });
      // Out of the Tab order: the map is one stop; councils are reached by "Find a council"
      // and the list of councils (/council), which a keyboard and a screen reader can use.
      layer.on("add", function () {
        const path = layer.getElement();
        if (path) path.setAttribute("tabindex", "-1");
      });
    },
    // The wheel scrolls the page until the map is clicked; it zooms at once with Ctrl or Cmd.
    wheelOn: function (e) {
      e.target.scrollWheelZoom.enable();
    },
    wheelOff: function (e) {
      e.target.scrollWheelZoom.disable();
    },
    ctrlWheel: function (e) {
      const map = e.target;
      if (map._trustmapCtrlWheel) return;
      map._trustmapCtrlWheel = true;
      map.getContainer().addEventListener(
        "wheel",
        function (event) {
          if (!(event.ctrlKey || event.metaKey) || map.scrollWheelZoom.enabled()) return;
          event.preventDefault();
          map.setZoomAround(map.mouseEventToContainerPoint(event), map.getZoom() + (event.deltaY < 0 ? 0.5 : -0.5));
        },
        { passive: false }
      );
    },
  };
})();

(function () {
  const NO = () => window.dash_clientside.no_update;

  function paintQuery(view, config) {
    const params = new URLSearchParams();
    for (const name of config.fields) {
      if (view[name] !== null && view[name] !== undefined) params.append(name, view[name]);
    }
    return params.toString();
  }

  function element(type, props, children) {
    return { type: type, namespace: "dash_html_components", props: Object.assign({ children: children }, props || {}) };
  }

  function swatch(colour, label, extra) {
    return element("Span", { className: "trustmap-key" }, [
      element("Span", { className: "trustmap-swatch", style: Object.assign({ background: colour }, extra || {}) }),
      label,
    ]);
  }

  function border(style, kind) {
    return { border: Math.max(2, Math.round(style.weight)) + "px " + kind + " " + style.color };
  }

  // The legend under the map: the colour classes, then what the lines mean.
  function legend(paint, overlay) {
    const items = paint.legend.labels.map((label, k) => swatch(paint.legend.colours[k], label));
    const styles = paint.lines;
    const lines = [swatch("transparent", "2003 pathfinder (or successor)", border(styles.pathfinder, "solid"))];
    if (paint.selected !== null) lines.push(swatch("transparent", "selected council", border(styles.selected, "solid")));
    if (paint.kept) lines.push(swatch(paint.fill.faded_swatch, "left out by the filters", { opacity: 0.3 }));
    if (overlay) lines.push(swatch("transparent", overlay, border(styles.health, "dashed")));
    return [
      element("Div", { className: "fw-semibold" }, paint.legend.title),
      element("Div", { className: "trustmap-keys" }, items),
      element("Div", { className: "trustmap-keys" }, lines),
    ];
  }

  function note(paint) {
    if (!paint.note) return [];
    const colour = paint.level === "warning" ? "warning" : "info";
    return [element("Div", { className: "alert alert-" + colour + " py-2 mb-2 small", id: "map-data-alert" }, paint.note)];
  }

  function healthLayer(view, config, lines) {
    const overlay = view.health && config.health[view.health];
    if (!overlay) return [];
    return [{
      type: "GeoJSON",
      namespace: "dash_leaflet",
      props: { url: overlay.url, style: stroke(lines.health, { fill: false }), interactive: false },
    }];
  }

  // dash-leaflet drops a new hideout that arrives while its layer is still fetching the
  // outlines (the fetched councils take the props of the fetch's start): a link's paint can
  // come first, so it waits until every layer has drawn.
  const LAYER_PANES = ["#map .leaflet-overlay-pane", "#map .leaflet-map-outlines-pane",
    "#map .leaflet-map-casing-pane", "#inset .leaflet-overlay-pane",
    "#inset .leaflet-inset-outlines-pane", "#inset .leaflet-inset-casing-pane"];
  // Outputs of the paint callback (callbacks/map.py): a hideout and a URL per layer (fills,
  // outlines, inset fills, inset outlines, casing, inset casing), then seven more.
  const LAYERS = 6;
  const OUTPUTS = 2 * LAYERS + 7;
  const LAYERS_WAIT_MS = 10000;

  function layersDrawn() {
    return LAYER_PANES.every((pane) => document.querySelector(pane + " path"));
  }

  function untilLayersDrawn() {
    const started = Date.now();
    return new Promise(function (resolve) {
      (function check() {
        if (layersDrawn() || Date.now() - started > LAYERS_WAIT_MS) resolve();
        else window.setTimeout(check, 50);
      })();
    });
  }

  function sameBounds(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    trustmapMap: {
      /* A council clicked on either map: its code, and when (a second click on the same
       * council is a click too), for the view callback in the shell (callbacks/view.py). */
      clicked: function (onMap, onInset) {
        const click = window.dash_clientside.callback_context.triggered_id === "inset-fill" ? onInset : onMap;
        const code = click && click.properties ? click.properties.la_code : null;
        return code ? { code: code, at: Date.now() } : window.dash_clientside.no_update;
      },
      /* The view changed: fetch its paint (cached by URL), restyle both maps, zoom where the
       * selection or the filters point, and rewrite legend, note and source. Outputs: paint x6,
       * url x6, health layer x2, legend, note, source, viewport, drawn. */
      paint: async function (view, config, drawn, current) {
        if (!view) return Array(OUTPUTS).fill(NO());
        drawn = drawn || {};
        const query = paintQuery(view, config);
        const overlay = view.health && config.health[view.health] ? config.health[view.health].label : null;
        // Only what changed is sent on: each layer given a new hideout restyles every council.
        const sameHealth = view.health === drawn.health;
        if (drawn.query === query) {
          const health = sameHealth ? NO() : healthLayer(view, config, current.lines);
          return [...Array(2 * LAYERS).fill(NO()), health, health,
                  legend(current, overlay), note(current), NO(), NO(), Object.assign({}, drawn, { health: view.health })];
        }
        const response = await fetch(config.paint + "?b=" + encodeURIComponent(config.build) + "&" + query);
        if (!response.ok) return Array(OUTPUTS).fill(NO());
        const paint = await response.json();
        await untilLayersDrawn();
        const health = sameHealth ? NO() : healthLayer(view, config, paint.lines);
        const url = config.outlines[view.vintage];
        const lines = JSON.stringify([paint.pathfinders, paint.selected]);
        const outlines = url === drawn.url && lines === drawn.lines ? NO() : paint;
        const zoom = paint.zoom || config.england;
        const moved = !sameBounds(drawn.zoom, paint.zoom);
        return [
          paint, outlines, paint, outlines, outlines, outlines,
          ...Array(LAYERS).fill(url === drawn.url ? NO() : url),
          health, health,
          legend(paint, overlay),
          note(paint),
          paint.source,
          moved ? { bounds: zoom, transition: "flyToBounds", options: { duration: 0.6, maxZoom: 11 } } : NO(),
          { query: query, zoom: paint.zoom, url: url, lines: lines, health: view.health },
        ];
      },
    },
  });
})();
