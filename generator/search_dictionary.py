"""A jieba user dictionary built from our own names, so Chinese search finds them whole.

Material segments Chinese with jieba at build time but the browser matches query words by
prefix; a name jieba would split (a park or district name) is only found as typed if it is
one word in the index.
"""
from __future__ import annotations

import re

from .catalogue import Catalogue

_HAN = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z]+$")


def user_dictionary(cat: Catalogue) -> str:
    words: set[str] = set()
    for record in (*cat.districts.values(), *cat.industries.values(), *cat.parks.values()):
        words.add(record.name.zh)
        for former in getattr(record, "former_names", []):
            words.add(former.zh)
    for policy in cat.policies.values():
        if policy.doc_number:
            # 青政发〔2020〕6号 -> 青政发: jieba cannot keep the brackets, but the issuer code must stay whole
            words.add(re.split(r"[〔\[(（]", policy.doc_number)[0])
    usable = sorted(w for w in words if w and _HAN.match(w) and len(w) >= 2)
    return "".join(f"{w}\n" for w in usable)
