"""Units a figure may carry, what they measure, and the conversions later features use.

A closed list keeps figures comparable across districts: a clerk who types `元/平米/月`
gets told the accepted spelling instead of a costs table that silently mixes units.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SQUARE_METRES_PER_MU = 10_000 / 15  # 1 亩 = 666.67 m² exactly by definition
SQUARE_METRES_PER_HECTARE = 10_000.0


@dataclass(frozen=True)
class Unit:
    symbol: str
    quantity: str  # what it measures; figures are compared only within one quantity
    money: bool  # needs a currency
    zh: str
    en: str


_UNITS = [
    Unit("亩", "area", False, "亩", "mu"),
    Unit("m²", "area", False, "平方米", "m²"),
    Unit("ha", "area", False, "公顷", "ha"),
    Unit("km²", "area", False, "平方公里", "km²"),
    Unit("元/kWh", "energy_price", True, "元/千瓦时", "CNY/kWh"),
    Unit("元/m³", "volume_price", True, "元/立方米", "CNY/m³"),
    Unit("元/t", "mass_price", True, "元/吨", "CNY/t"),
    Unit("元/亩", "land_price", True, "元/亩", "CNY/mu"),
    Unit("万元/亩", "land_price", True, "万元/亩", "CNY 10k/mu"),
    Unit("元/m²", "land_price", True, "元/平方米", "CNY/m²"),
    Unit("元/m²/月", "rent", True, "元/平方米/月", "CNY/m²/month"),
    Unit("元/m²/天", "rent_daily", True, "元/平方米/天", "CNY/m²/day"),
    Unit("元/月", "monthly_amount", True, "元/月", "CNY/month"),
    Unit("元/年", "yearly_amount", True, "元/年", "CNY/year"),
    Unit("元/小时", "hourly_amount", True, "元/小时", "CNY/hour"),
    Unit("元", "amount", True, "元", "CNY"),
    Unit("万元", "amount", True, "万元", "CNY 10k"),
    Unit("亿元", "amount", True, "亿元", "CNY 100 million"),
    Unit("%", "ratio", False, "%", "%"),
    Unit("kV", "voltage", False, "千伏", "kV"),
    Unit("MVA", "power_capacity", False, "兆伏安", "MVA"),
    Unit("kVA", "power_capacity", False, "千伏安", "kVA"),
    Unit("MW", "power_capacity", False, "兆瓦", "MW"),
    Unit("m³/d", "flow", False, "立方米/日", "m³/day"),
    Unit("t/d", "flow", False, "吨/日", "t/day"),
    Unit("m³/h", "flow_hourly", False, "立方米/小时", "m³/hour"),
    Unit("km", "distance", False, "公里", "km"),
    Unit("min", "duration", False, "分钟", "min"),
    Unit("家", "count", False, "家", "firms"),
    Unit("人", "people", False, "人", "people"),
]

UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}

# Common ways clerks write a unit, mapped to our spelling (used for hints, never silently).
ALIASES = {
    "元/度": "元/kWh", "元/千瓦时": "元/kWh", "元/立方米": "元/m³", "元/方": "元/m³", "元/吨": "元/t",
    "平方米": "m²", "平米": "m²", "m2": "m²", "公顷": "ha", "平方公里": "km²", "km2": "km²",
    "元/平方米/月": "元/m²/月", "元/平米/月": "元/m²/月", "元/m2/月": "元/m²/月", "元/㎡/月": "元/m²/月",
    "元/平方米": "元/m²", "元/m2": "元/m²", "元/平方米/天": "元/m²/天", "元/m2/天": "元/m²/天",
    "吨/日": "t/d", "立方米/日": "m³/d", "公里": "km", "千伏": "kV", "分钟": "min",
}

_AREA_IN_M2 = {"m²": 1.0, "亩": SQUARE_METRES_PER_MU, "ha": SQUARE_METRES_PER_HECTARE, "km²": 1_000_000.0}
_LAND_PRICE_IN_YUAN_PER_M2 = {"元/m²": 1.0, "元/亩": 1 / SQUARE_METRES_PER_MU, "万元/亩": 10_000 / SQUARE_METRES_PER_MU}
_AMOUNT_IN_YUAN = {"元": 1.0, "万元": 10_000.0, "亿元": 100_000_000.0}  # policy benefits, ranked in 万元


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between units of the same quantity (area: 亩/m²/ha/km²; land price: 元/m², 元/亩, 万元/亩; amount: 元/万元/亿元)."""
    for table in (_AREA_IN_M2, _LAND_PRICE_IN_YUAN_PER_M2, _AMOUNT_IN_YUAN):
        if from_unit in table and to_unit in table:
            return value * table[from_unit] / table[to_unit]
    raise ValueError(f"cannot convert {from_unit} to {to_unit}")


def unit_label(symbol: str, lang: str) -> str:
    unit = UNITS.get(symbol)
    if unit is None:
        return symbol
    return unit.zh if lang == "zh" else unit.en


# --- Amounts as text -------------------------------------------------------------------------
# Chinese pages write a figure as given, in Chinese units ("85–120 万元/亩"). English pages write
# money the way an English-speaking investor reads it, by one rule (README, "Units and money"):
# the amount is converted to yuan and written after the currency code, scaled by its size:
#   below 10,000 in full ("CNY 5,000", "CNY 0.67/kWh"), from 10,000 in thousands ("CNY 50k",
#   "CNY 12.5k"), from 1 million in millions ("CNY 1.2 million"), from 1 billion in billions
#   ("CNY 3.85 billion"); at most three decimals after scaling, trailing zeros dropped.
# A range shares the code and the "per" part: "CNY 850k–1.2 million/mu". Prices per 亩 get the
# price per m² beside them, and areas in 亩 the hectares (or m² below one hectare), as few
# English readers know the mu.

# Money units: yuan per unit of the amount part, and the English "per" part.
_MONEY_EN: dict[str, tuple[float, str]] = {
    "元": (1.0, ""), "万元": (1e4, ""), "亿元": (1e8, ""),
    "元/kWh": (1.0, "/kWh"), "元/m³": (1.0, "/m³"), "元/t": (1.0, "/t"),
    "元/亩": (1.0, "/mu"), "万元/亩": (1e4, "/mu"), "元/m²": (1.0, "/m²"),
    "元/m²/月": (1.0, "/m²/month"), "元/m²/天": (1.0, "/m²/day"),
    "元/月": (1.0, "/month"), "元/年": (1.0, "/year"), "元/小时": (1.0, "/hour"),
}
_SCALES = ((1e9, 1e9, " billion"), (1e6, 1e6, " million"), (1e4, 1e3, "k"))  # (from, divisor, word)


def plain_number(value: float, decimals: int = 2) -> str:
    """1234.5 → "1,234.5": thousands separated, at most `decimals` decimals, no trailing zeros."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def yuan_en(yuan: float) -> str:
    """An amount in yuan, scaled for English readers, without the currency: "50k", "1.2 million"."""
    for start, divisor, word in _SCALES:
        if abs(yuan) >= start:
            return plain_number(round(yuan / divisor, 3), 3) + word
    return plain_number(yuan, 4)


def _span(low: float, high: float, fmt: Callable[[float], str]) -> str:
    return fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"


def english_units(lang: str) -> dict[str, list[float | str]]:
    """For the browser tools (cost-logic.js `fmtValue`): units English pages convert, as
    [yuan per unit of the amount, "per" part] for money and [m² per mu, "area"] for 亩;
    empty for Chinese, which keeps every unit as given."""
    if lang != "en":
        return {}
    return {**{symbol: [scale, per] for symbol, (scale, per) in _MONEY_EN.items()}, "亩": [SQUARE_METRES_PER_MU, "area"]}


def quantity_text(low: float, high: float, symbol: str, lang: str, currency: str | None = None) -> str:
    """A value (low == high) or a range with its unit, in the page's language and units."""
    unit = UNITS.get(symbol)
    if lang == "zh" or unit is None:
        label = unit.zh if unit else symbol
        return f"{_span(low, high, plain_number)} {label}"
    if symbol in _MONEY_EN:
        scale, per = _MONEY_EN[symbol]
        code = currency if currency and currency != "CNY" else "CNY"
        out = f"{code} {_span(low * scale, high * scale, yuan_en)}{per}"
        if per == "/mu":
            to_m2 = scale / SQUARE_METRES_PER_MU
            out += f" ({code} {_span(low * to_m2, high * to_m2, yuan_en)}/m²)"
        return out
    out = f"{_span(low, high, plain_number)} {unit.en}"
    if symbol == "亩":
        m2_low, m2_high = low * SQUARE_METRES_PER_MU, high * SQUARE_METRES_PER_MU
        if m2_high >= SQUARE_METRES_PER_HECTARE:
            out += f" ({_span(m2_low / SQUARE_METRES_PER_HECTARE, m2_high / SQUARE_METRES_PER_HECTARE, lambda v: plain_number(v, 1))} ha)"
        else:
            out += f" ({_span(m2_low, m2_high, lambda v: plain_number(v, 0))} m²)"
    return out
