"""WGS-84 <-> GCJ-02 against published values; unit conversions."""
from __future__ import annotations

import pytest

from generator.geo import distance_m, gcj02_to_wgs84, in_mainland_china, wgs84_to_gcj02
from generator.units import SQUARE_METRES_PER_MU, convert

# (WGS-84 lon, lat) -> (GCJ-02 lon, lat) published in other projects' test suites and docs:
# hujiulong/gcoord test/unit/crs/WGS84.spec.js and wandergis/coordtransform README.
FORWARD = [((123.0, 45.0), (123.00607541, 45.00197815)),
           ((116.404, 39.915), (116.41024449916938, 39.91640428150164))]
# GCJ-02 -> WGS-84 from hujiulong/gcoord test/unit/crs/GCJ02.spec.js
BACKWARD = [((123.0, 45.0), (122.99395597, 44.99804071))]


@pytest.mark.parametrize("wgs,gcj", FORWARD)
def test_wgs84_to_gcj02_matches_published_values(wgs, gcj) -> None:
    lon, lat = wgs84_to_gcj02(*wgs)
    assert distance_m(lon, lat, *gcj) < 1.0


@pytest.mark.parametrize("gcj,wgs", BACKWARD)
def test_gcj02_to_wgs84_matches_published_values(gcj, wgs) -> None:
    lon, lat = gcj02_to_wgs84(*gcj)
    assert distance_m(lon, lat, *wgs) < 1.0


@pytest.mark.parametrize("point", [(120.38, 36.07), (117.0, 36.9), (119.45, 32.4), (87.6, 43.8)])
def test_round_trip_within_a_centimetre(point) -> None:
    there = wgs84_to_gcj02(*point)
    assert 100 < distance_m(*point, *there) < 1000  # the shift Gaode tiles need is real
    back = gcj02_to_wgs84(*there)
    assert distance_m(*point, *back) < 0.01


@pytest.mark.parametrize("point", [(114.17, 22.30), (113.55, 22.19), (2.35, 48.85), (139.69, 35.69), (-74.0, 40.7)])
def test_points_outside_mainland_are_unchanged(point) -> None:
    assert not in_mainland_china(*point)
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point


def test_area_and_land_price_conversions() -> None:
    assert convert(1, "亩", "m²") == pytest.approx(666.6667, rel=1e-6)
    assert convert(15, "亩", "ha") == pytest.approx(1.0)
    assert convert(1, "km²", "亩") == pytest.approx(1500.0)
    assert convert(30, "万元/亩", "元/m²") == pytest.approx(300_000 / SQUARE_METRES_PER_MU)
    with pytest.raises(ValueError):
        convert(1, "亩", "元/kWh")
