"""Vendored Leaflet and Leaflet.markercluster: copied into each language's site (assets/vendor/),
loaded by the map client (generator/client/map-core.js) and the park finder. No CDN."""
from __future__ import annotations

from importlib import resources

VENDOR = "assets/vendor"


def vendored_files() -> dict[str, bytes]:
    """Every vendored file (licences included) as site path -> bytes."""
    root = resources.files("generator").joinpath("assets/vendor")
    out: dict[str, bytes] = {}

    def walk(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                walk(child, f"{prefix}/{child.name}")
            elif not child.name.endswith(".md"):  # provenance notes for us, not pages for readers
                out[f"{prefix}/{child.name}"] = child.read_bytes()

    walk(root, VENDOR)
    return out
