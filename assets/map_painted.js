// Tell the app once the map has first painted, so the sections below it are built after the
// map rather than competing with it (see callbacks/charts.py, `show_charts`). If the map cannot
// paint (no WebGL), the sections still come after a few seconds.
(function () {
  var STORE = "map-painted";
  var GIVE_UP_MS = 8000;
  var started = Date.now();
  var told = false;

  function tell() {
    if (!told && window.dash_clientside && window.dash_clientside.set_props) {
      told = true;
      window.dash_clientside.set_props(STORE, { data: true });
    }
  }

  function watch() {
    var graph = document.querySelector("#map .js-plotly-plot");
    var layout = graph && graph._fullLayout;
    var map = layout && layout.map && layout.map._subplot && layout.map._subplot.map;
    if (map && map.loaded()) {
      tell();
    } else if (map) {
      map.once("idle", tell);
    } else if (Date.now() - started > GIVE_UP_MS) {
      tell();
    } else {
      setTimeout(watch, 100);
      return;
    }
    setTimeout(tell, GIVE_UP_MS);
  }

  watch();
})();
