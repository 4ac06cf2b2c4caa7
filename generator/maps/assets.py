"""Vendored Leaflet files: copied into each language's docs and linked per map instance."""
from __future__ import annotations

from importlib import resources

VENDOR = "assets/vendor"
LEAFLET = f"{VENDOR}/leaflet-1.9.4"
CLUSTER = f"{VENDOR}/leaflet.markercluster-1.5.3"

LEAFLET_JS = [("leaflet", f"{LEAFLET}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{LEAFLET}/leaflet.css")]
CLUSTER_JS = [("markercluster", f"{CLUSTER}/leaflet.markercluster.js")]
CLUSTER_CSS = [("markercluster_css", f"{CLUSTER}/MarkerCluster.css"),
               ("markercluster_default_css", f"{CLUSTER}/MarkerCluster.Default.css")]


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


def relative(links: list[tuple[str, str]], up: str) -> list[tuple[str, str]]:
    """Links as seen from a map file `up` levels below the language root (e.g. '../')."""
    return [(name, up + path) for name, path in links]
