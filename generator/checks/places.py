"""Coordinates: inside mainland China, and inside the district's bounding box when one is given."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..geo import CHINA_BOX, in_box

if TYPE_CHECKING:
    from ..catalogue import Catalogue


def _outside(file: str, pos: tuple[int, int], field: str, lon: float, lat: float, where: str, box: tuple) -> Diagnostic:
    hint = "latitude and longitude look swapped" if in_box(lat, lon, box) else "check the coordinates (WGS-84 / GPS, decimal degrees)"
    return Diagnostic(file, pos[0], pos[1], field, f"coordinates outside {where}",
                      expected=f"lon {box[0]}…{box[2]}, lat {box[1]}…{box[3]}",
                      found=f"lat {lat}, lon {lon}", hint=hint)


def check_places(cat: "Catalogue") -> list[Diagnostic]:
    problems = []
    for did, district in cat.districts.items():
        located = cat.origins[("district", did)]
        c = district.center
        if not in_box(c.lon, c.lat, CHINA_BOX):
            problems.append(_outside(located.file, located.at("center"), "center", c.lon, c.lat, "mainland China", CHINA_BOX))
        for i, (lon, lat) in enumerate(district.boundary or []):
            if not in_box(lon, lat, CHINA_BOX):
                problems.append(_outside(located.file, located.at("boundary", i), f"boundary[{i}]", lon, lat, "mainland China", CHINA_BOX))
                break
    for pid, park in cat.parks.items():
        located = cat.origins[("park", pid)]
        p = park.location
        if not in_box(p.lon, p.lat, CHINA_BOX):
            problems.append(_outside(located.file, located.at("location"), "location", p.lon, p.lat, "mainland China", CHINA_BOX))
            continue
        district = cat.districts.get(park.district)
        if district is not None and district.bbox is not None and not in_box(p.lon, p.lat, district.bbox.as_tuple()):
            problems.append(_outside(located.file, located.at("location"), "location", p.lon, p.lat,
                                     f"the bounding box of district {park.district}", district.bbox.as_tuple()))
        for i, (lon, lat) in enumerate(park.polygon or []):
            if not in_box(lon, lat, CHINA_BOX):
                problems.append(_outside(located.file, located.at("polygon", i), f"polygon[{i}]", lon, lat, "mainland China", CHINA_BOX))
                break
    return problems


def parent_circles(cat: "Catalogue") -> list[Diagnostic]:
    """A zone lies within a district: following `parent` must end at a district with none."""
    problems = []
    for did in sorted(cat.districts):
        chain = [did]
        while (parent := cat.districts[chain[-1]].parent) in cat.districts and parent not in chain:
            chain.append(parent)
        if parent is None or parent not in chain:
            continue
        if parent != did:
            continue  # reported on the districts that are part of the circle
        located = cat.origins[("district", did)]
        line, col = located.at("parent")
        problems.append(Diagnostic(located.file, line, col, "parent", "districts lie within each other in a circle"
                                   if len(chain) > 1 else "district lies within itself",
                                   expected="the id of a larger district that does not lie within this one",
                                   found=" → ".join(chain + [did]),
                                   hint="a zone names the district it lies in; the district leaves `parent` out"))
    return problems
