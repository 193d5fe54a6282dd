/* The shell's clientside callbacks (callbacks/view.py): a control's change handed on to the view
 * callback; a page's copy of a shell store (layouts/view_stores.py) takes the shell's value only
 * when it differs, so the parts that read it fire only on a real change; the search's
 * suggestions are written into its list. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  trustmapView: {
    /* The controls' values changed: which did, for the view callback, once the map (on the map
     * page) shows the view they ask for, so the map is drawn before the rest of the page
     * follows. Nothing when they all hold the settled `view`'s values: the view callback wrote
     * them. A native select's empty choice ("") is none. */
    handOn: async function (...values) {
      const view = values.pop();
      const context = window.dash_clientside.callback_context;
      const names = context.inputs_list.map((input) => input.id);
      const triggered = context.triggered.map((input) => input.prop_id.replace(/\.value$/, ""));
      const field = (value) => (value === "" || value === undefined ? null : value);
      if (view && names.every((name, k) => field(values[k]) === view[name])) return window.dash_clientside.no_update;
      if (view && window.trustmapMap) await window.trustmapMap.drawFirst(view, names, values);
      return { controls: triggered, at: Date.now() };
    },
    mirror: function (value, current) {
      return JSON.stringify(value) === JSON.stringify(current) ? window.dash_clientside.no_update : value;
    },
    /* The search's suggestions (layouts/controls.py `find_council`): `labels` written as the
     * options of its list, which Dash draws empty and never fills. */
    suggest: function (labels) {
      const list = document.getElementById("search-options");
      if (!list || !Array.isArray(labels)) return;
      list.replaceChildren(...labels.map((label) => Object.assign(document.createElement("option"), { value: label })));
    },
  },
});
