/* The council map's functions (layouts/map.py), loaded from assets/ under the CSP:
 * no eval. dash-leaflet resolves {"variable": "trustmapMap.fillStyle"} by walking `window`.
 *
 * A paint (`MapPaint` in trustmap/show/map_paint.py) is read here by the same names: every
 * list is in the outlines' order (feature.properties.i). Its `lines` and `fill` are the styles
 * of trustmap/show/colouring.py, the same as on slides; none is written again here.
 *
 * The map shows one paint, `shown.paint`: the page's own (the layers' hideout, which never
 * changes) until another is fetched. The style functions and the hover text read it, so a
 * layer that draws later (its outlines still arriving, or a new vintage's) draws it too; a new
 * paint restyles the councils already drawn in place (`setStyle`), none is re-created. */
window.trustmapMap = (function () {
  // {element: the page's #map, paint, config: once the page's `settled` callback has run}
  let shown = null;
  // Each GeoJSON layer by id (a page drawn again replaces them), found as its councils are
  // added: the fills, and the outlines with their casings.
  const fills = {};
  const lines = {};

  // The paint the map shows; a page's new map (a new #map element) starts with its hideout.
  function current(hideout) {
    const element = document.getElementById("map");
    if (!shown || shown.element !== element) shown = { element: element, paint: hideout, config: null };
    return shown.paint;
  }

  // The map page shown, with its paint and config (null before its callbacks ran, or on
  // another page).
  function page() {
    return shown && shown.config && shown.element === document.getElementById("map") ? shown : null;
  }

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

  function hoverText(feature, h) {
    const i = feature.properties.i;
    const unit = h.legend.unit && h.details[i] !== "no value" ? " " + h.legend.unit : "";
    return feature.properties.la_name + ": " + h.details[i] + unit;
  }

  // The attributes Leaflet writes for a fill's colour and opacity (its SVG renderer).
  const FILL_ATTRIBUTES = { fillColor: "fill", fillOpacity: "fill-opacity" };

  /* A council's style after a new paint, written where it changed: a paint changes the fills,
   * and only their attributes are written (Leaflet's setStyle writes every attribute of the
   * path, 11 for each of 302 councils); anything else changed goes through setStyle. */
  function restyle(council, style) {
    const changed = Object.keys(style).filter((name) => council.options[name] !== style[name]);
    const path = council.getElement();
    if (!path || !changed.every((name) => name in FILL_ATTRIBUTES)) return council.setStyle(style);
    changed.forEach((name) => {
      council.options[name] = style[name];
      path.setAttribute(FILL_ATTRIBUTES[name], style[name]);
    });
  }

  function sameLines(a, b) {
    return JSON.stringify([a.pathfinders, a.selected, a.lines]) === JSON.stringify([b.pathfinders, b.selected, b.lines]);
  }

  return {
    fillStyle: function (feature, context) {
      const h = current(context.hideout);
      const i = feature.properties.i;
      return {
        className: "council-" + feature.properties.la_code, // for tests and user styles
        fillColor: h.legend.colours[h.classes[i]],
        fillOpacity: kept(h, i) ? h.fill.kept_opacity : h.fill.faded_opacity,
        ...h.lines.border,
      };
    },
    outlineStyle: function (feature, context) {
      return outline(feature, current(context.hideout), "");
    },
    // The light casing under each dark outline (its own layer, below the outlines' pane).
    casingStyle: function (feature, context) {
      return outline(feature, current(context.hideout), "_casing");
    },
    bindHover: function (feature, layer, context) {
      // The text is read when the tooltip opens: always the paint shown.
      layer.bindTooltip(() => hoverText(feature, current(context.hideout)), { sticky: true });
      // Out of the Tab order: the map is one stop; councils are reached by "Find a council"
      // and the list of councils (/council), which a keyboard and a screen reader can use.
      layer.on("add", function () {
        const path = layer.getElement();
        if (path) path.setAttribute("tabindex", "-1");
      });
    },
    fillsAdded: function (e, props) {
      fills[props.id] = e.target;
    },
    linesAdded: function (e, props) {
      lines[props.id] = e.target;
    },
    // The page's map, its layers' hideout and its config (MAP_CONFIG): as its callbacks start.
    mount: function (hideout, config) {
      current(hideout);
      shown.config = config;
    },
    page: page,
    /* Show `paint` on the page's map: restyle the councils drawn (the outlines only if they
     * changed), or, when new outlines are on their way (`inPlace` false), leave the old ones
     * as they are. */
    show: function (paint, inPlace) {
      if (!page()) return; // the page has gone
      const before = shown.paint;
      shown.paint = paint;
      if (!inPlace) return;
      for (const layer of Object.values(fills)) {
        // The style function again, on every council, in place.
        layer.eachLayer((council) => {
          restyle(council, layer.options.style(council.feature));
          if (council.isTooltipOpen()) council.getTooltip().update();
        });
      }
      if (!sameLines(before, paint)) Object.values(lines).forEach((layer) => layer.resetStyle());
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
  const map = window.trustmapMap;

  function paintQuery(view, config) {
    const params = new URLSearchParams();
    for (const name of config.fields) {
      if (view[name] !== null && view[name] !== undefined) params.append(name, view[name]);
    }
    return params.toString();
  }

  // An element with its class (and style), holding `children` (elements or text).
  function element(tag, className, children, style) {
    const node = document.createElement(tag);
    node.className = className || "";
    Object.assign(node.style, style || {});
    node.append(...children);
    return node;
  }

  function swatch(colour, label, extra) {
    const box = element("span", "trustmap-swatch", [], Object.assign({ background: colour }, extra || {}));
    return element("span", "trustmap-key", [box, label]);
  }

  function border(style, kind) {
    return { border: Math.max(2, Math.round(style.weight)) + "px " + kind + " " + style.color };
  }

  function overlayLabel(view, config) {
    return view.health && config.health[view.health] ? config.health[view.health].label : null;
  }

  // The legend under the map: the colour classes, then what the lines mean.
  // Its words are the vocabulary's (`config.key`, trustmap/vocabulary.py MAP_KEY_LABELS).
  function legend(paint, overlay, key) {
    const items = paint.legend.labels.map((label, k) => swatch(paint.legend.colours[k], label));
    const styles = paint.lines;
    const lines = [swatch("transparent", key.pathfinder, border(styles.pathfinder, "solid"))];
    if (paint.selected !== null) lines.push(swatch("transparent", key.selected, border(styles.selected, "solid")));
    if (paint.kept) lines.push(swatch(paint.fill.faded_swatch, key.faded, { opacity: 0.3 }));
    if (overlay) lines.push(swatch("transparent", overlay, border(styles.health, "dashed")));
    return [
      element("div", "fw-semibold", [paint.legend.title]),
      element("div", "trustmap-keys", items),
      element("div", "trustmap-keys", lines),
    ];
  }

  function note(paint) {
    if (!paint.note) return [];
    const colour = paint.level === "warning" ? "warning" : "info";
    const alert = element("div", "alert alert-" + colour + " py-2 mb-2 small", [paint.note]);
    alert.id = "map-data-alert";
    return [alert];
  }

  /* What the paint says beside the map (legend, note, source), written into its three
   * places (`config.words`: elements Dash draws empty and never fills) in the same task as
   * the restyle, so the words never lag the colours by a round of Dash's renderer. */
  function say(paint, view, config) {
    const children = [legend(paint, overlayLabel(view, config), config.key), note(paint), [paint.source]];
    config.words.forEach((id, k) => {
      const place = document.getElementById(id);
      if (place) place.replaceChildren(...children[k]);
    });
  }

  function healthLayer(view, config, lines) {
    const overlay = view.health && config.health[view.health];
    if (!overlay) return [];
    return [{
      type: "GeoJSON",
      namespace: "dash_leaflet",
      props: { url: overlay.url, style: Object.assign({}, lines.health, { fill: false }), interactive: false },
    }];
  }

  function sameBounds(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // A control's value as a view's field: a native select's empty choice ("") is none.
  function field(value) {
    return value === "" || value === undefined ? null : value;
  }

  function changedControls(view, config, values) {
    return config.controls.filter((name, k) => field(values[k]) !== view[name]);
  }

  /* The view the controls ask for, worked out here as the view callback will on the server
   * (callbacks/view.py `next_view`) from the last settled `view`: an indicator or period
   * chosen colours the map by it, a new indicator shows its latest period (the paint's route
   * settles it). Null when the server must decide: a new theme (which indicators it has) or
   * vintage (its outlines, its NHS geography). */
  function asked(view, config, values) {
    const changed = changedControls(view, config, values);
    if (changed.includes("theme") || changed.includes("vintage")) return null;
    const next = Object.assign({}, view);
    changed.forEach((name) => (next[name] = field(values[config.controls.indexOf(name)])));
    if (changed.includes("indicator") || changed.includes("period")) next.colour = "indicator";
    if (changed.includes("indicator")) next.period = null;
    return next;
  }

  /* The paint of `query`, shown on the page's map: the one shown already, else fetched
   * (cached by its URL) and shown unless a later early draw has begun meanwhile (the newest
   * change wins). One fetch at a time: a paint on its way may be this one, asked for in other
   * words (the settled view names the period). An early draw counts as begun when asked for,
   * and is dropped if overtaken; a settled one when it fetches, and still fetches when
   * overtaken (its outputs need its paint). Resolves to [the paint or null, whether the map
   * shows it]. */
  let begun = 0;
  let arriving = null; // the paint on its way

  async function draw(query, inPlace, early) {
    let mine = early ? ++begun : begun;
    while (arriving) await arriving;
    const on = map.page();
    if (!on) return [null, false];
    if (on.paint.query === query) return [on.paint, true];
    const overtaken = mine !== begun;
    if (overtaken && early) return [null, false];
    if (!overtaken && !early) mine = ++begun;
    arriving = fetch(on.config.paint + "?b=" + encodeURIComponent(on.config.build) + "&" + query)
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null)
      .finally(() => (arriving = null));
    const paint = await arriving;
    const shows = paint !== null && !overtaken && mine === begun;
    if (shows) map.show(paint, inPlace);
    return [paint, shows];
  }

  // Resolves once the browser has drawn two frames from now (at once in a hidden tab, which
  // draws none).
  function framesDrawn() {
    if (document.visibilityState === "hidden") return Promise.resolve();
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))));
  }

  /* Controls changed (`handOn` in trustmap_view.js, before the view callback runs), from the
   * settled `view`: on the map page, the paint of the view they ask for is fetched and shown
   * with its legend, note and source. Resolves once the browser has drawn it, or at once when
   * the server must decide or another page is shown. */
  map.drawFirst = async function (view, names, values) {
    const on = map.page();
    if (!on) return;
    const target = asked(view, on.config, on.config.controls.map((name) => values[names.indexOf(name)]));
    if (!target) return;
    const [paint, shows] = await draw(paintQuery(target, on.config), true, true);
    if (!shows) return;
    say(paint, target, on.config);
    await framesDrawn();
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    trustmapMap: {
      /* A council clicked on either map: its code, and when (a second click on the same
       * council is a click too), for the view callback in the shell (callbacks/view.py). */
      clicked: function (onMap, onInset) {
        const click = window.dash_clientside.callback_context.triggered_id === "inset-fill" ? onInset : onMap;
        const code = click && click.properties ? click.properties.la_code : null;
        return code ? { code: code, at: Date.now() } : window.dash_clientside.no_update;
      },
      /* The settled view reached the page (or the page opened): its paint, if the early one
       * differs (the server settled otherwise) or there was none (a map click, a link); then
       * the outlines of its vintage, its health overlay and where the map looks, each only
       * when it changed (`drawn`, MAP_DRAWN). A view the controls have already left is
       * skipped: the next comes. Outputs: url x6, health layer x2, viewport, drawn; the
       * legend, note and source are written with the paint (`say`). */
      settled: async function (view, config, drawn, hideout, ...values) {
        const skip = Array(10).fill(NO());
        const opened = !window.dash_clientside.callback_context.triggered_id;
        map.mount(hideout, config);
        if (!view || (!opened && changedControls(view, config, values).length)) return skip;
        drawn = drawn || {};
        const url = config.outlines[view.vintage];
        const [paint] = await draw(paintQuery(view, config), url === drawn.url, false);
        if (!paint) return skip;
        say(paint, view, config);
        const health = view.health === drawn.health ? NO() : healthLayer(view, config, paint.lines);
        const zoom = sameBounds(drawn.zoom, paint.zoom)
          ? NO()
          : { bounds: paint.zoom || config.england, transition: "flyToBounds", options: { duration: 0.6, maxZoom: 11 } };
        return [
          ...Array(6).fill(url === drawn.url ? NO() : url),
          health, health,
          zoom,
          { query: paint.query, zoom: paint.zoom, url: url, health: view.health },
        ];
      },
    },
  });
})();
