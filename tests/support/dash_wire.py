"""Dash's wire protocol as tests and benches speak it: callback specs from
`/_dash-dependencies`, property ids, and the body the renderer posts to
`/_dash-update-component`."""

from __future__ import annotations

import json

UPDATE_PATH = "/_dash-update-component"


def outputs_of(spec: dict) -> list[str]:
    """A callback spec's outputs: `'..a.b...c.d..'` -> ['a.b', 'c.d']; 'a.b' -> ['a.b']; none
    for a callback without outputs (its `output` is then a hash)."""
    if spec.get("no_output"):
        return []
    output = spec["output"]
    return output.strip(".").split("...") if output.startswith("..") else [output]


def component_key(component_id: str | dict) -> str:
    """A component id as Dash writes it in callback specs: dict ids as sorted, compact JSON."""
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def prop_id(ref: dict) -> str:
    """`{'id': 'view', 'property': 'data'}` -> 'view.data'."""
    return f"{component_key(ref['id'])}.{ref['property']}"


def ref_of(prop: str) -> dict:
    """'view.data' -> `{'id': 'view', 'property': 'data'}` (dict ids parsed back)."""
    component, name = prop.rsplit(".", 1)
    return {
        "id": json.loads(component) if component.startswith("{") else component,
        "property": name,
    }


def callback_writing(callbacks: list[dict], prop: str) -> dict:
    """The registered callback with output `prop` (e.g. 'view.data')."""
    return next(spec for spec in callbacks if prop in outputs_of(spec))


def request_for(spec: dict, values: dict, changed: list[str]) -> dict:
    """The JSON the renderer posts for `spec`; props missing from `values` are sent unset."""

    def with_value(ref: dict) -> dict:
        key = prop_id(ref)
        return {**ref, "value": values[key]} if key in values else dict(ref)

    outputs = [ref_of(out) for out in outputs_of(spec)]
    return {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": [with_value(ref) for ref in spec["inputs"]],
        "state": [with_value(ref) for ref in spec["state"]],
        "changedPropIds": changed,
    }
