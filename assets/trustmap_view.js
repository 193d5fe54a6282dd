/* A page's copy of a shell store (layouts/view_stores.py) takes the shell's value only when it
 * differs, so the parts that read it fire only on a real change. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  trustmapView: {
    mirror: function (value, current) {
      return JSON.stringify(value) === JSON.stringify(current) ? window.dash_clientside.no_update : value;
    },
  },
});
